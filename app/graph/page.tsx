import type { Metadata } from 'next';
import { Suspense } from 'react';
import { parseViewState, toGraphRequest } from '@/components/graph/view-state';
import { CanvasScriptPreload } from '@/components/pages/graph/CanvasScriptPreload';
import { GraphView } from '@/components/pages/graph/GraphView';
import { earlyGraphScript } from '@/lib/api-client/graph';
import { requestNonce } from '@/lib/server/nonce';

export const metadata: Metadata = { title: 'Traffic graph · Ambient Lens' };

export default async function GraphPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    for (const v of typeof value === 'string' ? [value] : (value ?? [])) search.append(name, v);
  }
  // The graph the view will ask for, asked for now: the answer arrives while the page's scripts load.
  const early = earlyGraphScript(toGraphRequest(parseViewState(search).state));
  const nonce = await requestNonce();
  // The view is read from the URL on the client (useSearchParams needs a Suspense boundary).
  return (
    <>
      {early && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: early }} />}
      <CanvasScriptPreload />
      <Suspense fallback={<div className="p-6 text-sm text-slate-500">Loading the traffic graph…</div>}>
        <GraphView />
      </Suspense>
    </>
  );
}
