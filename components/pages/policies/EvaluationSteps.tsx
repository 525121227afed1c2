import type { Evaluation } from '@/lib/authz';
import { Badge, type Tone } from '@/components/ui/Badge';
import { Identity } from '@/components/ui/Identity';

// The evaluator's answer as people read it: the decision, each enforcement point with the identity
// it sees, the deciding policy and rule, then every step. Used by the "Can A reach B?" form and the
// graph's edge panel.

export const decisionTone: Record<Evaluation['decision'], Tone> = { allowed: 'good', denied: 'bad', conditional: 'warn', 'allowed-unenforced': 'warn' };
const pointTone = { allow: 'good', deny: 'bad', conditional: 'warn' } as const;

export function DecisionBadge({ decision }: { decision: Evaluation['decision'] }) {
  return <Badge tone={decisionTone[decision]}>{decision}</Badge>;
}

export function EnforcementPath({ evaluation }: { evaluation: Evaluation }) {
  if (evaluation.path.length === 0) return <p className="text-xs text-slate-500">Nothing on this path enforces policy.</p>;
  return (
    <ol aria-label="Enforcement points" className="space-y-1.5">
      {evaluation.path.map((p, i) => (
        <li key={`${p.label}-${p.workload ?? i}`} className="rounded border border-slate-200 px-2 py-1.5 text-xs dark:border-slate-700">
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium">{i + 1}. {p.label}</span>
            {p.workload && <span className="text-slate-500">for {p.workload}</span>}
            <Badge tone={pointTone[p.decision]}>{p.decision}</Badge>
          </div>
          <div className="mt-0.5 text-slate-600 dark:text-slate-400">
            sees {p.sees.principal ? <Identity value={p.sees.principal} /> : 'no identity (plaintext)'} ({p.sees.who === 'waypoint' ? "the waypoint's identity" : "the client's identity"}, {p.sees.mtls ? 'mTLS' : 'plaintext'}) on port {p.port}
          </div>
          {p.policies.length > 0 && <div className="mt-0.5 font-mono text-[11px] text-slate-500">{p.policies.join(', ')}</div>}
        </li>
      ))}
    </ol>
  );
}

export function DecidingPolicy({ evaluation }: { evaluation: Evaluation }) {
  const d = evaluation.deciding;
  if (!d) return null;
  return (
    <p className="text-xs" data-testid="deciding">
      {d.policy ? (
        <>Decided by <span className="font-mono font-medium">{d.policy}</span>{d.rule !== undefined && <> rules[{d.rule}]</>} ({d.kind ?? 'AuthorizationPolicy'}, {d.reason}) at {d.point}</>
      ) : (
        <>Decided at {d.point}: {d.reason}{d.candidates?.length ? ` (ALLOW policies that applied, none matched: ${d.candidates.join(', ')})` : ''}</>
      )}
    </p>
  );
}

export function EvaluationSteps({ evaluation }: { evaluation: Evaluation }) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Why, step by step ({evaluation.steps.length})</summary>
      <ol aria-label="Evaluation steps" className="mt-1 list-decimal space-y-0.5 pl-5">
        {evaluation.steps.map((s, i) => (
          <li key={i}>
            <span className="text-slate-500">[{s.point}] {s.check}:</span> <span className="font-medium">{s.outcome}</span> — {s.text}
          </li>
        ))}
      </ol>
      {evaluation.unenforced.map((u) => (
        <p key={u.policy} className="mt-1 text-amber-700 dark:text-amber-400">Not enforced: {u.policy}: {u.reason}</p>
      ))}
    </details>
  );
}

/** Everything above, in one block. */
export function EvaluationAnswer({ evaluation }: { evaluation: Evaluation }) {
  return (
    <div className="space-y-2" data-testid="authz-answer">
      <div className="flex items-center gap-2 text-sm">
        <span className="font-medium">Decision</span> <DecisionBadge decision={evaluation.decision} />
      </div>
      <EnforcementPath evaluation={evaluation} />
      <DecidingPolicy evaluation={evaluation} />
      <EvaluationSteps evaluation={evaluation} />
    </div>
  );
}
