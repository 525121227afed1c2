import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { EARLY_FETCH_MAX_AGE_MS, earlyFetchScript, takeEarlyFetch } from './early-fetch';
import { acceptHeader, fetchJson } from './fetch-json';
import { earlyGraphScript, graphUrl } from './graph';

/** Runs the inline script as a page would: its own window, a fetch that records what it was asked. */
function runScript(script: string) {
  const asked: { url: string; accept: string | undefined }[] = [];
  const window: Record<string, unknown> = {};
  const fetch = (url: string, init: { headers: { accept: string } }) => {
    asked.push({ url, accept: init.headers.accept });
    return Promise.resolve(new Response(JSON.stringify({ url }), { headers: { 'content-type': 'application/json' } }));
  };
  runInNewContext(script, { window, fetch, Date });
  return { window, asked };
}

describe('early fetch', () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('starts the GET as the script runs and hands it over once, for the same URL and Accept only', async () => {
    const { window, asked } = runScript(earlyFetchScript('/api/graph?namespaces=bookinfo', acceptHeader(true)));
    expect(asked).toEqual([{ url: '/api/graph?namespaces=bookinfo', accept: 'application/gzip, application/json;q=0.9' }]);
    expect(takeEarlyFetch('/api/graph?namespaces=other', acceptHeader(true), window)).toBeUndefined();
    expect(takeEarlyFetch('/api/graph?namespaces=bookinfo', acceptHeader(false), window)).toBeUndefined();
    const response = takeEarlyFetch('/api/graph?namespaces=bookinfo', acceptHeader(true), window);
    expect(await (await response!).json()).toEqual({ url: '/api/graph?namespaces=bookinfo' });
    // Once: a refresh asks the server again.
    expect(takeEarlyFetch('/api/graph?namespaces=bookinfo', acceptHeader(true), window)).toBeUndefined();
  });

  it('is not taken once it is older than the page load it was for', () => {
    const { window } = runScript(earlyFetchScript('/api/graph?namespaces=a', 'application/json'));
    expect(takeEarlyFetch('/api/graph?namespaces=a', 'application/json', window, Date.now() + EARLY_FETCH_MAX_AGE_MS + 1000)).toBeUndefined();
    expect(takeEarlyFetch('/api/graph?namespaces=a', 'application/json', undefined)).toBeUndefined();
  });

  it('keeps a URL that holds script-like text inside the script literal', () => {
    const url = '/api/graph?namespaces=%3C%2Fscript%3E</script><b>\u2028';
    const script = earlyFetchScript(url, 'application/json');
    expect(script).not.toContain('</script>');
    expect(script).not.toContain('\u2028');
    expect(runScript(script).asked).toEqual([{ url, accept: 'application/json' }]);
  });

  it('fetchJson takes the early answer instead of asking again', async () => {
    const { window } = runScript(earlyFetchScript('/api/whatever', acceptHeader(true)));
    (globalThis as { window?: unknown }).window = window;
    // No server listens on /api/whatever: only the early answer can satisfy this.
    expect(await fetchJson('/api/whatever', { acceptGzip: true })).toEqual({ url: '/api/whatever' });
  });

  it('the graph page asks early for exactly the URL the view asks for, and nothing with no namespace', () => {
    const request = { namespaces: ['bookinfo', 'istio-system'], graphType: 'app' as const, duration: 600, queryTime: 1_700_000_000, idle: false, waypoints: 'show' as const };
    const { asked } = runScript(earlyGraphScript(request)!);
    expect(asked).toEqual([{ url: graphUrl(request), accept: acceptHeader(true) }]);
    expect(earlyGraphScript({ ...request, namespaces: [] })).toBeNull();
  });
});
