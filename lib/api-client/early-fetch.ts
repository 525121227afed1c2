// A GET that the page's HTML starts while it is parsed, before the page's scripts have loaded and
// hydrated, handed to fetchJson when the page then asks for the same URL with the same Accept.
// The graph page starts its /api/graph answer so (app/graph/page.tsx): without it the request left
// only after hydration, over a second into a cold load on the 2-core bench machine.
//
// An early answer is taken once, and only within EARLY_FETCH_MAX_AGE_MS of its start: a page
// reached later by client-side navigation (which runs no inline script) or asking again on a
// refresh always fetches anew.

const GLOBAL = '__ambientLensEarlyFetch';
export const EARLY_FETCH_MAX_AGE_MS = 15_000;

interface Early {
  response: Promise<Response>;
  startedAt: number;
}

type EarlyTable = Record<string, Early | undefined>;

const keyOf = (url: string, accept: string) => `${accept} ${url}`;

/** JSON as a JS literal that is safe inside an inline <script> (no "</script>", no line separators). */
const scriptLiteral = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The inline script (rendered by a server component, with the request's CSP nonce) that starts GET url. */
export function earlyFetchScript(url: string, accept: string): string {
  return (
    `(function(u,a,g,k){try{var t=window[g]=window[g]||{};var r=fetch(u,{headers:{accept:a}});r.catch(function(){});` +
    `t[k]={response:r,startedAt:Date.now()}}catch(e){}})(${scriptLiteral(url)},${scriptLiteral(accept)},${scriptLiteral(GLOBAL)},${scriptLiteral(keyOf(url, accept))})`
  );
}

/** The early answer for GET url with this Accept, once; undefined when there is none or it is too old. */
export function takeEarlyFetch(url: string, accept: string, scope: object | undefined = typeof window === 'undefined' ? undefined : window, now = Date.now()): Promise<Response> | undefined {
  const table = (scope as Record<string, EarlyTable | undefined> | undefined)?.[GLOBAL];
  if (!table) return undefined;
  const key = keyOf(url, accept);
  const early = table[key];
  delete table[key];
  if (!early || now - early.startedAt > EARLY_FETCH_MAX_AGE_MS || now < early.startedAt) return undefined;
  return early.response;
}
