'use client';

import { useQuery } from '@tanstack/react-query';
import { controlPlaneQueryOptions } from '@/lib/api-client/control-plane';
import { controlPlaneHealth } from '@/lib/posture/control-plane';
import { Badge, type Tone } from '@/components/ui/Badge';
import { Notice } from '@/components/ui/States';
import { PageHeader } from '../common/PageHeader';
import { QueryView } from '../common/QueryView';
import { ComponentTable, IstioTable } from './SailTables';
import { DataPlaneHealth } from './DataPlaneHealth';

const tone: Record<string, Tone> = { healthy: 'good', degraded: 'warn', down: 'bad', unknown: 'neutral' };

export function ControlPlaneView() {
  const query = useQuery(controlPlaneQueryOptions());
  return (
    <div className="p-6">
      <PageHeader title="Control plane" description="The Sail Operator's Istio, IstioCNI and ZTunnel resources as kubectl get shows them, their revisions, and the istiod, ztunnel and istio-cni pods per node." query={query} />
      <QueryView query={query} what="the control plane">
        {({ controlPlane: view }) => {
          const health = controlPlaneHealth(view);
          return (
            <div className="space-y-4">
              <section aria-label="Control plane health" data-testid="control-plane-health" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm dark:border-slate-800 dark:bg-slate-900">
                <div className="flex items-center gap-2">
                  <Badge tone={tone[health.state] ?? 'neutral'} className="text-sm">{health.summary}</Badge>
                  <span className="text-sm text-slate-600 dark:text-slate-400">{health.sail ? 'Installed by the Sail Operator' : 'Not managed by the Sail Operator'}</span>
                </div>
                {health.issues.length > 0 && (
                  <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-amber-800 dark:text-amber-200">
                    {health.issues.map((i) => <li key={i}>{i}</li>)}
                  </ul>
                )}
              </section>
              {view.sail.state === 'not-installed' && (
                <Notice tone="info">
                  <span className="font-medium">Sail Operator not installed</span> (Istio installed by Helm or istioctl?): there are no Istio, IstioCNI or ZTunnel resources to show. istiod, ztunnel and istio-cni are still checked below from their pods and DaemonSets.
                </Notice>
              )}
              {(view.sail.state === 'forbidden' || view.sail.state === 'error') && <Notice>{view.sail.message}</Notice>}
              {view.sail.state === 'loading' && <Notice tone="info">{view.sail.message}…</Notice>}
              {view.sail.state === 'installed' && (
                <>
                  <IstioTable rows={view.istios} />
                  <div className="grid gap-4 xl:grid-cols-2">
                    <ComponentTable title="IstioCNI" rows={view.istioCNIs} />
                    <ComponentTable title="ZTunnel" rows={view.ztunnels} />
                  </div>
                  <ComponentTable title="IstioRevisions" rows={view.revisions} inUse />
                </>
              )}
              <DataPlaneHealth view={view} />
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}
