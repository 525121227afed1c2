'use client';

import { Checkbox, Radio } from '@/components/ui/Checkbox';
import { Popover } from '@/components/ui/Popover';
import type { EdgeProtocol } from '@/lib/graph/model';
import { edgeProtocols, telemetrySources, type TelemetrySource } from '@/lib/graph/traffic-filter';
import type { GraphViewState } from '@/components/graph/view-state';

// The Traffic menu, as Kiali's: which protocols and whose telemetry the graph draws. Client-side:
// every edge says its protocol, and its protocol says who measured it (lib/graph/traffic-filter.ts).

const protocolWords: Record<EdgeProtocol, string> = { http: 'HTTP', grpc: 'gRPC', tcp: 'TCP' };

const telemetryChoices: { value: TelemetrySource[]; label: string; hint: string }[] = [
  { value: [...telemetrySources], label: 'Both', hint: 'L4 and L7' },
  { value: ['ztunnel'], label: 'ztunnel (L4)', hint: 'Bytes and connections every ztunnel reports' },
  { value: ['waypoint'], label: 'Waypoint (L7)', hint: 'Requests a waypoint proxied' },
];

const same = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x) => b.includes(x));

export function TrafficMenu({ state, update }: { state: GraphViewState; update: (patch: Partial<GraphViewState>) => void }) {
  const toggle = (protocol: EdgeProtocol, on: boolean) =>
    update({ protocols: edgeProtocols.filter((p) => (p === protocol ? on : state.protocols.includes(p))), selected: null });
  const filtered = state.protocols.length < edgeProtocols.length || state.telemetry.length < telemetrySources.length;
  return (
    <Popover label="Traffic" buttonContent={filtered ? 'Traffic ●' : 'Traffic'} align="right" panelClassName="w-72">
      <div className="grid gap-3 p-1">
        <fieldset>
          <legend className="mb-1 text-xs font-semibold text-slate-500 uppercase">Protocols</legend>
          {edgeProtocols.map((p) => (
            <Checkbox key={p} label={protocolWords[p]} checked={state.protocols.includes(p)} onChange={(on) => toggle(p, on)} />
          ))}
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-xs font-semibold text-slate-500 uppercase">Telemetry</legend>
          {telemetryChoices.map((c) => (
            <Radio key={c.label} name="telemetry" label={<span>{c.label} <span className="text-xs text-slate-500">{c.hint}</span></span>} checked={same(state.telemetry, c.value)} onChange={() => update({ telemetry: c.value, selected: null })} />
          ))}
        </fieldset>
      </div>
    </Popover>
  );
}
