import type { Finding } from '@/lib/authz';
import { Badge, type Tone } from '@/components/ui/Badge';

// Authorization findings with their stable code, the object to change, and the fix (with YAML).
export const severityTone: Record<Finding['severity'], Tone> = { error: 'bad', warning: 'warn', info: 'info' };

export function FindingList({ findings, label = 'Authorization findings' }: { findings: Finding[]; label?: string }) {
  if (findings.length === 0) return <p className="px-4 py-3 text-sm text-green-700 dark:text-green-400">✓ No findings.</p>;
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 dark:divide-slate-800">
      {findings.map((f, i) => (
        <li key={`${f.code}-${f.ref}-${i}`} className="px-4 py-2 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={severityTone[f.severity]}>{f.severity}</Badge>
            <span className="font-mono text-xs font-medium">{f.code}</span>
            <span className="font-mono text-xs">{f.object.kind} {f.ref}</span>
          </div>
          <p className="mt-0.5">{f.message}</p>
          <p className="mt-0.5 text-slate-600 dark:text-slate-400"><span className="font-medium">Fix:</span> {f.fix}</p>
          {f.yaml && (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-indigo-600 dark:text-indigo-400">YAML</summary>
              <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-[11px] dark:bg-slate-950">{f.yaml}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
