'use client';

import { Checkbox, Radio } from '@/components/ui/Checkbox';
import { Popover } from '@/components/ui/Popover';
import type { EdgeLabelMode, GraphViewState } from '@/components/graph/view-state';

const edgeLabelWords: Record<EdgeLabelMode, string> = {
  throughput: 'Throughput (bytes/s)',
  connections: 'Connection rate',
  requests: 'Request rate (L7)',
  latency: 'Response time p95 (L7)',
  distribution: "Traffic distribution (share of the source's outbound)",
  mtls: 'mTLS share',
  none: 'None',
};

export function DisplayMenu({ state, update }: { state: GraphViewState; update: (patch: Partial<GraphViewState>) => void }) {
  const badge = (name: keyof GraphViewState['badges'], on: boolean) => update({ badges: { ...state.badges, [name]: on } });
  return (
    <Popover label="Display" buttonContent="Display" align="right" panelClassName="w-80">
      <div className="grid gap-3 p-1">
        <fieldset>
          <legend className="mb-1 text-xs font-semibold text-slate-500 uppercase">Edge labels</legend>
          {(Object.keys(edgeLabelWords) as EdgeLabelMode[]).map((m) => (
            <Radio key={m} name="edge-label" label={edgeLabelWords[m]} checked={state.edgeLabel === m} onChange={() => update({ edgeLabel: m })} />
          ))}
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-xs font-semibold text-slate-500 uppercase">Badges</legend>
          <Checkbox label="Security" hint="🔒 mTLS · ⚠ partly · 🔓 plaintext" checked={state.badges.security} onChange={(on) => badge('security', on)} />
          <Checkbox label="Waypoint" hint="⬡ on nodes and edges that use a waypoint" checked={state.badges.waypoint} onChange={(on) => badge('waypoint', on)} />
          <Checkbox label="Enrollment" hint="Node border and label: ambient, sidecar, not enrolled" checked={state.badges.enrollment} onChange={(on) => badge('enrollment', on)} />
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-xs font-semibold text-slate-500 uppercase">Show</legend>
          <Checkbox label="Idle nodes" hint="Workloads with no traffic in the window" checked={state.idle} onChange={(idle) => update({ idle })} />
          <Checkbox label="Namespace boxes" hint="And cluster boxes when there are several" checked={state.boxes} onChange={(boxes) => update({ boxes })} />
          <Checkbox label="Traffic animation" checked={state.animation} onChange={(animation) => update({ animation })} />
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-xs font-semibold text-slate-500 uppercase">Waypoints</legend>
          <Radio name="waypoints" label="Show waypoints as nodes" checked={state.waypoints === 'show'} onChange={() => update({ waypoints: 'show' })} />
          <Radio name="waypoints" label="Merge into the edges they carry" checked={state.waypoints === 'merge'} onChange={() => update({ waypoints: 'merge' })} />
        </fieldset>
      </div>
    </Popover>
  );
}
