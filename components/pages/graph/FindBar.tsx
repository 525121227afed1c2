'use client';

import { useState } from 'react';
import { Popover } from '@/components/ui/Popover';
import { attributes, flags, parseFindExpression } from '@/components/graph/find-expression';
import { cx } from '@/components/ui/cx';

function ExpressionInput({ label, value, onApply, matchCount }: { label: 'Find' | 'Hide'; value: string; onApply: (v: string) => void; matchCount: number | null }) {
  const [draft, setDraft] = useState(value);
  const parsed = draft.trim() === '' ? null : parseFindExpression(draft);
  const error = parsed && !parsed.ok ? parsed.error : null;
  return (
    <form
      className="flex min-w-0 flex-1 flex-col"
      onSubmit={(e) => {
        e.preventDefault();
        if (!error) onApply(draft.trim());
      }}
    >
      <div className="flex items-center gap-1.5">
        <label className="flex min-w-0 flex-1 items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
          <span className="w-8">{label}</span>
          <input
            type="text"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={label === 'Find' ? 'e.g. mtls<100 or enrollment=none' : 'e.g. namespace=istio-system'}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${label}-error` : undefined}
            className={cx(
              'h-8 min-w-0 flex-1 rounded-md border bg-white px-2 font-mono text-sm text-slate-900 dark:bg-slate-950 dark:text-slate-100',
              error ? 'border-red-400 dark:border-red-700' : 'border-slate-300 dark:border-slate-700',
            )}
          />
        </label>
        {value !== '' && (
          <button type="button" aria-label={`Clear ${label}`} className="px-1 text-slate-400 hover:text-slate-700" onClick={() => { setDraft(''); onApply(''); }}>
            ✕
          </button>
        )}
        {value !== '' && matchCount !== null && <span className="text-xs text-slate-500 tabular-nums">{matchCount} {label === 'Find' ? 'found' : 'hidden'}</span>}
      </div>
      {error && <p id={`${label}-error`} role="alert" className="mt-0.5 ml-10 text-xs text-red-700 dark:text-red-400">{error}</p>}
    </form>
  );
}

export function FindBar({ find, hide, onChange, findCount, hideCount }: { find: string; hide: string; onChange: (patch: { find?: string; hide?: string }) => void; findCount: number | null; hideCount: number | null }) {
  return (
    <div className="flex flex-wrap items-start gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
      <ExpressionInput key={`f:${find}`} label="Find" value={find} onApply={(v) => onChange({ find: v })} matchCount={findCount} />
      <ExpressionInput key={`h:${hide}`} label="Hide" value={hide} onApply={(v) => onChange({ hide: v })} matchCount={hideCount} />
      <Popover label="Find and hide help" buttonContent="?" align="right" panelClassName="w-[28rem] max-h-[70vh] overflow-auto">
        <div className="space-y-2 p-1 text-xs">
          <p>Conditions <code>attribute op value</code> with <code>= != &lt; &lt;= &gt; &gt;=</code>, joined with <code>and</code>, <code>or</code>, <code>not</code> and parentheses. Text compares ignore case; <code>*</code> is a wildcard. Numbers take k/M/G. Press Enter to apply.</p>
          <p className="font-mono">namespace=bookinfo · mtls&lt;100 · protocol=tcp and not idle · enrollment=none or enrollment=sidecar</p>
          <table className="w-full">
            <tbody>
              {Object.entries(attributes).map(([name, def]) => (
                <tr key={name}>
                  <td className="pr-2 align-top font-mono">{name}</td>
                  <td className="pr-2 align-top text-slate-500">{def.targets.join('/')}</td>
                  <td>{def.help}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>Flags: <span className="font-mono">{Object.keys(flags).join(', ')}</span></p>
        </div>
      </Popover>
    </div>
  );
}
