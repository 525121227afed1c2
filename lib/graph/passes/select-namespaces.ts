import type { HttpSample, TcpSample } from '@/lib/graph/samples';

// Keep the samples that touch a selected namespace (as source, destination workload or destination
// service). Prometheus queries already filter; sources that do not (the simulator, fixtures) rely on this.

type Touching = Pick<TcpSample | HttpSample, 'source' | 'destination'>;

export function touchesNamespaces(namespaces: string[]): (s: Touching) => boolean {
  if (namespaces.length === 0) return () => true;
  const selected = new Set(namespaces);
  return (s) => selected.has(s.source.namespace) || selected.has(s.destination.namespace) || selected.has(s.destination.serviceNamespace);
}
