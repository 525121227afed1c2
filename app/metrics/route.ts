import { renderMetrics } from '@/lib/server/metrics-registry';

// The dashboard's own metrics in Prometheus text format (scrape it with a ServiceMonitor).
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return new Response(renderMetrics(), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
  });
}
