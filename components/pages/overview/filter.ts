// Overview cards: filter, search and sort. Pure.
import type { NamespaceCard } from '@/lib/posture/overview';

export const cardFilters = ['all', 'ambient', 'not-ambient', 'attention', 'active'] as const;
export type CardFilter = (typeof cardFilters)[number];
export const cardFilterLabels: Record<CardFilter, string> = {
  all: 'All namespaces',
  ambient: 'Ambient',
  'not-ambient': 'Not ambient',
  attention: 'Needs attention',
  active: 'With traffic',
};

export const cardSorts = ['name', 'throughput', 'mtls', 'pods'] as const;
export type CardSort = (typeof cardSorts)[number];
export const cardSortLabels: Record<CardSort, string> = { name: 'Name', throughput: 'Throughput', mtls: 'mTLS share (lowest first)', pods: 'Pods' };

export const throughput = (c: NamespaceCard): number => (c.traffic ? c.traffic.inboundBps + c.traffic.outboundBps : 0);

export function cardNeedsAttention(c: NamespaceCard): boolean {
  return c.podCounts.notProtected > 0 || (c.traffic?.plaintextEdges ?? 0) > 0 || (c.traffic?.deniedPerSec ?? 0) > 0 || (c.ambient && !c.discovered);
}

function matches(c: NamespaceCard, f: CardFilter): boolean {
  switch (f) {
    case 'all':
      return true;
    case 'ambient':
      return c.ambient || c.podCounts.protected > 0;
    case 'not-ambient':
      return !c.ambient && c.podCounts.protected === 0;
    case 'attention':
      return cardNeedsAttention(c);
    case 'active':
      return throughput(c) > 0;
  }
}

export function filterCards(cards: NamespaceCard[], options: { q: string; filter: CardFilter; sort: CardSort }): NamespaceCard[] {
  const q = options.q.trim().toLowerCase();
  const out = cards.filter((c) => matches(c, options.filter) && (!q || c.name.toLowerCase().includes(q)));
  const byName = (a: NamespaceCard, b: NamespaceCard) => a.name.localeCompare(b.name);
  const cmp: Record<CardSort, (a: NamespaceCard, b: NamespaceCard) => number> = {
    name: byName,
    throughput: (a, b) => throughput(b) - throughput(a) || byName(a, b),
    // Namespaces without traffic go last: nothing to judge.
    mtls: (a, b) => (a.traffic?.mtlsShare ?? 2) - (b.traffic?.mtlsShare ?? 2) || byName(a, b),
    pods: (a, b) => b.pods.total - a.pods.total || byName(a, b),
  };
  return out.sort(cmp[options.sort]);
}
