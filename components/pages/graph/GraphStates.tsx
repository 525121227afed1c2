'use client';

import { ApiError } from '@/lib/api-client/fetch-json';
import type { NamespaceRow } from '@/lib/api-client/namespaces';
import type { ZtunnelSeriesCheck } from '@/lib/graph/model';
import { Button } from '@/components/ui/Button';
import { EmptyState, ErrorState } from '@/components/ui/States';
import { formatDuration } from '@/components/graph/view-state';

export function NoNamespaces({ namespaces, onPick }: { namespaces: NamespaceRow[]; onPick: (names: string[]) => void }) {
  const ambient = namespaces.filter((n) => n.ambient).map((n) => n.name);
  return (
    <EmptyState
      icon="⇄"
      title="Pick the namespaces to draw"
      actions={
        <>
          {ambient.length > 0 && (
            <Button variant="primary" onClick={() => onPick(ambient)}>
              Show the {ambient.length} ambient namespace{ambient.length === 1 ? '' : 's'}
            </Button>
          )}
          {ambient.slice(0, 3).map((n) => (
            <Button key={n} onClick={() => onPick([n])}>
              {n}
            </Button>
          ))}
        </>
      }
    >
      Choose one or more namespaces in the Namespaces menu above. The graph shows the traffic ztunnel and waypoints reported between their workloads.
    </EmptyState>
  );
}

/** The URL names namespaces that do not exist (or that this user may not see): say so, offer the real ones. */
export function NoSuchNamespace({ missing, namespaces, onPick }: { missing: string[]; namespaces: NamespaceRow[]; onPick: (names: string[]) => void }) {
  const ambient = namespaces.filter((n) => n.ambient).map((n) => n.name);
  return (
    <EmptyState
      icon="?"
      title={`No namespace ${missing.join(', ')}`}
      actions={
        <>
          {ambient.length > 0 && <Button variant="primary" onClick={() => onPick(ambient)}>Show the {ambient.length} ambient namespace{ambient.length === 1 ? '' : 's'}</Button>}
          {namespaces.slice(0, 6).map((n) => <Button key={n.name} onClick={() => onPick([n.name])}>{n.name}</Button>)}
        </>
      }
    >
      <span data-testid="no-such-namespace">
        The cluster has no namespace named {missing.join(', ')} that you may see, so there is no traffic to draw. Namespaces that exist: {namespaces.map((n) => n.name).join(', ') || 'none you may see'}.
      </span>
    </EmptyState>
  );
}

/** No edges: what the cheap ztunnel series check found decides whether Prometheus is blamed. */
export function NoTraffic({ duration, queryTime, idle, check, onWiden, onShowIdle }: { duration: number; queryTime: number | null; idle: boolean; check: ZtunnelSeriesCheck | undefined; onWiden: (seconds: number) => void; onShowIdle: () => void }) {
  const wider = duration < 3600 ? 3600 : 86400;
  return (
    <EmptyState
      icon="∅"
      title={`No traffic in the ${queryTime ? '' : 'last '}${formatDuration(duration)}${queryTime ? ` ending ${new Date(queryTime * 1000).toLocaleString()}` : ''}`}
      actions={
        <>
          {duration < 86400 && <Button variant="primary" onClick={() => onWiden(wider)}>Widen to {formatDuration(wider)}</Button>}
          {!idle && <Button onClick={onShowIdle}>Show idle workloads</Button>}
        </>
      }
    >
      <p>Nothing was reported between these namespaces in the window. Widen the time window, or show the workloads that were idle.</p>
      <p className="mt-2" data-testid="ztunnel-series-check">
        {!check ? (
          'Whether Prometheus holds any ztunnel series was not checked (this metrics source cannot tell).'
        ) : check.series > 0 ? (
          <>Prometheus holds {check.exact === false ? 'ztunnel series' : `${check.series} ztunnel series`} in this window, so ztunnel is scraped: these namespaces had no traffic. Checked with <code className="text-xs">{check.check}</code>.</>
        ) : (
          <>Prometheus holds no ztunnel series at all in this window, so it is not scraping ztunnel (on OpenShift, create a PodMonitor for ztunnel in its namespace). Checked with <code className="text-xs">{check.check}</code>, which found 0.</>
        )}
      </p>
    </EmptyState>
  );
}

/** The window ends before the oldest sample Prometheus holds: not "no traffic", no data at all. */
function BeforeHistory({ message, onLive }: { message: string; onLive: () => void }) {
  return (
    <EmptyState icon="⏮" title="This window ends before Prometheus' oldest sample" actions={<Button variant="primary" onClick={onLive}>Return to the live window</Button>}>
      <p data-testid="before-history">{message.replace(/^queryTime: the /, 'The ')}. Nothing can be drawn for it, whatever the traffic was then.</p>
    </EmptyState>
  );
}

/** What failed, the likely cause, and what to do. */
export function GraphError({ error, onRetry, onReset, onLive }: { error: unknown; onRetry: () => void; onReset: () => void; onLive: () => void }) {
  const api = error instanceof ApiError ? error : null;
  const retry = <Button onClick={onRetry}>Try again</Button>;
  if (api?.code === 'bad_request' && api.parameter === 'queryTime' && /oldest sample/.test(api.message)) return <BeforeHistory message={api.message} onLive={onLive} />;
  if (api?.code === 'prometheus_unreachable') {
    return (
      <ErrorState title="Prometheus did not answer" actions={retry}>
        <p>{api.message}</p>
        <p>The graph is built from ztunnel&apos;s metrics in Prometheus. Check that Prometheus is running and that Ambient Lens points at it (PROMETHEUS_URL). With no ztunnel metrics at all, ztunnel is likely not scraped: on OpenShift, create the PodMonitor for ztunnel.</p>
      </ErrorState>
    );
  }
  if (api?.code === 'bad_request') {
    return (
      <ErrorState title="This link asks for something the server cannot answer" actions={<Button onClick={onReset}>Reset the view</Button>}>
        <p>{api.message}</p>
      </ErrorState>
    );
  }
  if (api?.code === 'network') {
    return (
      <ErrorState title="The Ambient Lens server did not answer" actions={retry}>
        <p>{api.message}. Check your connection, or whether the server is running.</p>
      </ErrorState>
    );
  }
  if (api?.code === 'unauthenticated' || api?.code === 'forbidden') {
    return (
      <ErrorState title={api.code === 'forbidden' ? 'You may not see this' : 'Please sign in again'} actions={retry}>
        <p>{api.message}</p>
      </ErrorState>
    );
  }
  return (
    <ErrorState title="The graph could not be loaded" actions={retry}>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      {api && <p className="text-xs opacity-75">Code {api.code}, HTTP {api.status}</p>}
    </ErrorState>
  );
}
