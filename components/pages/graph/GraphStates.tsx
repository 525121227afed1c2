'use client';

import { ApiError } from '@/lib/api-client/fetch-json';
import type { NamespaceRow } from '@/lib/api-client/namespaces';
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

export function NoTraffic({ duration, queryTime, idle, onWiden, onShowIdle }: { duration: number; queryTime: number | null; idle: boolean; onWiden: (seconds: number) => void; onShowIdle: () => void }) {
  const wider = duration < 3600 ? 3600 : 86400;
  return (
    <EmptyState
      icon="∅"
      title={`No traffic in the last ${formatDuration(duration)}`}
      actions={
        <>
          {duration < 86400 && <Button variant="primary" onClick={() => onWiden(wider)}>Widen to {formatDuration(wider)}</Button>}
          {!idle && <Button onClick={onShowIdle}>Show idle workloads</Button>}
        </>
      }
    >
      <p>Nothing was reported between these namespaces in the window{queryTime ? ` ending ${new Date(queryTime * 1000).toLocaleString()}` : ''}. Widen the time window, or show the workloads that were idle.</p>
      {queryTime ? (
        <p className="mt-2">A window in the past may be older than the metrics Prometheus keeps (its retention): return to the live window to compare.</p>
      ) : (
        <p className="mt-2">No ztunnel reported traffic for these namespaces. If their workloads are talking, check on the Overview whether ztunnel reports any traffic at all; if none does, Prometheus is not scraping ztunnel (on OpenShift, a PodMonitor for ztunnel in its namespace).</p>
      )}
    </EmptyState>
  );
}

/** What failed, the likely cause, and what to do. */
export function GraphError({ error, onRetry, onReset }: { error: unknown; onRetry: () => void; onReset: () => void }) {
  const api = error instanceof ApiError ? error : null;
  const retry = <Button onClick={onRetry}>Try again</Button>;
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
