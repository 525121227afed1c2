'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authzCheckQueryOptions, type AuthzCheckInput } from '@/lib/api-client/authz';
import { Button } from '@/components/ui/Button';
import { QueryView } from '../common/QueryView';
import { EvaluationAnswer } from './EvaluationSteps';

// "Can A reach B?": the evaluator's answer for a connection typed by the user.

const field = 'h-8 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900';

export function CheckForm({ initial }: { initial?: AuthzCheckInput }) {
  const [draft, setDraft] = useState({ from: initial?.from ?? '', to: initial?.to ?? '', port: initial?.port ? String(initial.port) : '', method: initial?.method ?? '', path: initial?.path ?? '' });
  const [asked, setAsked] = useState<AuthzCheckInput | undefined>(initial);
  const query = useQuery({ ...authzCheckQueryOptions(asked ?? { from: '', to: '' }), enabled: !!asked });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const port = Number(draft.port);
    const method = draft.method.trim().toUpperCase();
    const path = draft.path.trim();
    setAsked({ from: draft.from.trim(), to: draft.to.trim(), ...(draft.port && Number.isFinite(port) ? { port } : {}), ...(method ? { method } : {}), ...(path ? { path } : {}) });
  };
  return (
    <section aria-labelledby="check-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="check-title" className="text-sm font-semibold">Can A reach B?</h2>
      <p className="mt-0.5 text-xs text-slate-500">Source <code>NS/WORKLOAD</code> or <code>plaintext:NS</code>; destination <code>NS/WORKLOAD</code> or <code>NS/service:NAME</code>; the port defaults to the Service&apos;s. Method and path (optional) are what a waypoint&apos;s HTTP rules match.</p>
      <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex w-full min-w-0 flex-col text-xs sm:w-60">From<input className={field} name="from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} placeholder="bookinfo/productpage-v1" required /></label>
        <label className="flex w-full min-w-0 flex-col text-xs sm:w-60">To<input className={field} name="to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} placeholder="bookinfo/service:reviews" required /></label>
        <label className="flex w-24 flex-col text-xs">Port<input className={field} name="port" inputMode="numeric" value={draft.port} onChange={(e) => setDraft({ ...draft, port: e.target.value })} placeholder="9080" /></label>
        <label className="flex w-24 flex-col text-xs">Method<input className={field} name="method" value={draft.method} onChange={(e) => setDraft({ ...draft, method: e.target.value })} placeholder="GET" /></label>
        <label className="flex w-full min-w-0 flex-col text-xs sm:w-48">Path<input className={field} name="path" value={draft.path} onChange={(e) => setDraft({ ...draft, path: e.target.value })} placeholder="/reviews/0" /></label>
        <Button type="submit" size="sm">Check</Button>
      </form>
      {asked && (
        <div className="mt-3">
          <QueryView query={query} what="the authorization check">{(data) => <EvaluationAnswer evaluation={data.evaluation} />}</QueryView>
        </div>
      )}
    </section>
  );
}
