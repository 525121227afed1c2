import Link from 'next/link';
import type { PlanItem } from '@/lib/api-client/migration';
import { Badge, type Tone } from '@/components/ui/Badge';

const tone: Record<PlanItem['severity'], Tone> = { blocker: 'bad', change: 'warn', info: 'neutral' };
const words: Record<PlanItem['severity'], string> = { blocker: 'blocks', change: 'to do', info: 'good to know' };

/** Where an object is shown in the console; objects without a page are named with kubectl. */
function objectLink(o: NonNullable<PlanItem['object']>) {
  if (o.kind === 'Workload') return <Link className="text-blue-700 underline dark:text-blue-300" href={`/workloads/${o.namespace}/${o.name}`}>{o.namespace}/{o.name}</Link>;
  if (o.kind === 'AuthorizationPolicy') return <Link className="text-blue-700 underline dark:text-blue-300" href={`/security?namespace=${o.namespace}`}>AuthorizationPolicy {o.namespace}/{o.name}</Link>;
  if (o.kind === 'Namespace') return <Link className="text-blue-700 underline dark:text-blue-300" href="/namespaces">Namespace {o.name}</Link>;
  return <code className="text-xs">kubectl get {o.kind.toLowerCase()} -n {o.namespace} {o.name} -o yaml</code>;
}

/**
 * Names and commands (istio-injection-, cache-v1, istio.io/dataplane-mode=ambient) stay whole on a
 * line: the browser would break them at their hyphens. A token longer than the line still wraps.
 */
function Words({ text }: { text: string }) {
  return text.split(/(\s+)/).map((part, i) => (/[-/=]/.test(part) ? <span key={i} className="inline-block max-w-full break-words">{part}</span> : part));
}

export function PlanItems({ title, items }: { title: string; items: PlanItem[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      <ul className="space-y-3">
        {items.map((item, i) => (
          <li key={`${item.kind}-${item.object?.namespace}-${item.object?.name}-${i}`} className="text-sm" data-testid="plan-item">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={tone[item.severity]}>{words[item.severity]}</Badge>
              {item.object && objectLink(item.object)}
            </div>
            <p className="mt-1 text-slate-700 dark:text-slate-300"><Words text={item.message} /></p>
            {item.change && <p className="mt-1 text-slate-600 dark:text-slate-400"><span className="font-medium">Change:</span> <Words text={item.change} /></p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
