export type TrafficSourceKind = 'prometheus' | 'simulator' | 'unconfigured';

const text: Record<TrafficSourceKind, { label: string; short: string; title: string; tone: string }> = {
  prometheus: {
    label: 'Traffic: Prometheus',
    short: 'Prometheus',
    title: 'Traffic figures come from Prometheus (ztunnel and waypoint metrics).',
    tone: 'border-emerald-300 text-emerald-800 dark:border-emerald-800 dark:text-emerald-300',
  },
  simulator: {
    label: 'Demo traffic: simulator (no Prometheus)',
    short: 'Demo traffic',
    title: 'No prometheus binary was found, so the demo reads traffic straight from the simulated cluster. Install prometheus to run the real query path.',
    tone: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200',
  },
  unconfigured: {
    label: 'Prometheus not configured',
    short: 'No Prometheus',
    title: 'Set PROMETHEUS_URL so the traffic graph and posture have data.',
    tone: 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200',
  },
};

/** Says in the header where traffic figures come from, so a demo is never mistaken for Prometheus data. */
export function DataSourceBadge({ source }: { source: TrafficSourceKind }) {
  const t = text[source];
  return (
    <span data-testid="traffic-source" title={t.title} className={`min-w-0 truncate rounded-full border px-2.5 py-0.5 text-xs ${t.tone}`}>
      {/* Phones get the short words, so the pill never covers the rest of the header. */}
      <span className="hidden sm:inline">{t.label}</span>
      <span className="sm:hidden" aria-hidden>{t.short}</span>
      <span className="sr-only sm:hidden">{t.label}</span>
    </span>
  );
}
