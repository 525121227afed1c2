// The simulator's own HTTP endpoints, mounted on the API server under /sim:
//   GET  /sim/sd                                  Prometheus http_sd targets (ztunnel + waypoint pods)
//   GET  /sim/pods/<ns>/<pod>/metrics|stats/prometheus   what Prometheus scrapes
//   GET  /sim/traffic?namespaces=a,b&duration=300&time=<unix>   TrafficSamples (demo without Prometheus)
//   GET  /sim/traffic/range?namespaces=a,b&duration=60&start=&end=&step=   [{ time, samples }] (time series)
//   POST /sim/traffic  the same parameters as a form body (many long namespace names overflow a URL)
//   POST /sim/control {"action":"ztunnel-down"|"ztunnel-up","node":"..."}   fault switches for tests
//   GET  /sim/healthz

import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimMesh } from '../mesh/mesh';
import { httpSdPayload } from '../metrics/targets';
import { TEXT_CONTENT_TYPE } from '../metrics/exposition';
import { trafficQuerySchema, trafficRangeSchema, trafficSamples } from '../traffic/samples';
import { setZtunnelReady } from '../controllers/faults';

const controlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('ztunnel-down'), node: z.string().min(1).max(253) }),
  z.object({ action: z.literal('ztunnel-up'), node: z.string().min(1).max(253) }),
]);

/** 1000 namespaces of 63 characters, form-encoded, with room to spare. */
const TRAFFIC_BODY_LIMIT = 256 * 1024;

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(text);
}

function error(res: ServerResponse, status: number, code: string, message: string, parameter?: string): void {
  send(res, status, { error: { code, message, ...(parameter ? { parameter } : {}) } });
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createSimHandler(mesh: SimMesh): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    if (!url.pathname.startsWith('/sim/')) return false;
    const path = url.pathname;
    if (req.method === 'GET' && path === '/sim/healthz') {
      send(res, 200, 'ok\n', 'text/plain');
      return true;
    }
    if (req.method === 'GET' && path === '/sim/sd') {
      const host = req.headers.host ?? '127.0.0.1';
      send(res, 200, httpSdPayload(mesh.targets(), host));
      return true;
    }
    const pod = /^\/sim\/pods\/([^/]+)\/([^/]+)(\/metrics|\/stats\/prometheus)$/.exec(path);
    if (req.method === 'GET' && pod) {
      const text = mesh.metricsText(decodeURIComponent(pod[1]!), decodeURIComponent(pod[2]!));
      if (text === undefined) error(res, 503, 'unavailable', 'nothing answers on that pod\'s metrics port');
      else send(res, 200, text, TEXT_CONTENT_TYPE);
      return true;
    }
    if ((req.method === 'GET' || req.method === 'POST') && path === '/sim/traffic') {
      let params = url.searchParams;
      if (req.method === 'POST') {
        try {
          params = new URLSearchParams(await readBody(req, TRAFFIC_BODY_LIMIT));
        } catch (e) {
          error(res, 413, 'too_large', (e as Error).message);
          return true;
        }
      }
      const parsed = trafficQuerySchema.safeParse(Object.fromEntries(params));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        error(res, 400, 'bad_request', issue?.message ?? 'invalid query', issue?.path.join('.'));
        return true;
      }
      mesh.sync();
      const { namespaces, duration, time } = parsed.data;
      send(res, 200, trafficSamples(mesh.timeline, { namespaces, duration, queryTime: time ?? mesh.now() }));
      return true;
    }
    if (req.method === 'GET' && path === '/sim/traffic/range') {
      const parsed = trafficRangeSchema.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        error(res, 400, 'bad_request', issue?.message ?? 'invalid query', issue?.path.join('.'));
        return true;
      }
      mesh.sync();
      const { namespaces, duration, start, end, step } = parsed.data;
      const out = [];
      for (let t = start; t <= end; t += step) out.push({ time: t, samples: trafficSamples(mesh.timeline, { namespaces, duration, queryTime: t }) });
      send(res, 200, out);
      return true;
    }
    if (path === '/sim/control') {
      if (req.method !== 'POST') {
        error(res, 405, 'method_not_allowed', 'POST a JSON body');
        return true;
      }
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch (e) {
        error(res, 400, 'bad_request', `body is not JSON: ${(e as Error).message}`);
        return true;
      }
      const parsed = controlSchema.safeParse(body);
      if (!parsed.success) {
        error(res, 400, 'bad_request', parsed.error.issues[0]?.message ?? 'invalid control request');
        return true;
      }
      const ok = setZtunnelReady(mesh.store, parsed.data.node, parsed.data.action === 'ztunnel-up');
      if (!ok) error(res, 404, 'not_found', `no ztunnel on node ${parsed.data.node}`, 'node');
      else send(res, 200, { ok: true });
      return true;
    }
    error(res, 404, 'not_found', `no simulator endpoint ${path}`);
    return true;
  };
}
