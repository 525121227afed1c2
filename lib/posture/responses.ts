// Wire shapes of GET /api/security and /api/security/dataplane, shared by the route and the browser.
import type { DataplaneComparison } from './dataplane';
import type { SecurityPosture } from './findings';

/** Whether a source behind the answer (traffic, ztunnel dumps) answered; the rest is served either way. */
export type SourceStatus = { ok: true } | { ok: false; code: string; message: string };

export interface SecurityPostureResponse {
  generatedAt: string;
  window: { duration: number; queryTime?: number };
  posture: SecurityPosture;
  trafficStatus: SourceStatus;
  ztunnelStatus: SourceStatus;
  graphWarnings: string[];
}

export type DataplaneResponse = DataplaneComparison & { generatedAt: string };
