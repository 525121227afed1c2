// ztunnel certificates: one row per certificate in each identity's chain, decoded from the PEM
// (the authority; the JSON dates beside it are ztunnel's own summary). Pure.
import { X509Certificate } from 'node:crypto';
import type { ZtunnelCertificate } from '../wire/ztunnel';

export interface RawCert {
  pem?: unknown;
  serialNumber?: unknown;
  validFrom?: unknown;
  expirationTime?: unknown;
}

const DAY_MS = 86_400_000;

function pemText(pem: string): string {
  if (pem.trimStart().startsWith('-----BEGIN')) return pem;
  return Buffer.from(pem, 'base64').toString('utf8');
}

function decimalToHex(serial: unknown): string | undefined {
  if (typeof serial !== 'string' || !/^\d+$/.test(serial)) return undefined;
  return BigInt(serial).toString(16).toUpperCase();
}

function dated(row: ZtunnelCertificate, notBefore: Date, notAfter: Date, now: Date): ZtunnelCertificate {
  return {
    ...row,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysToExpiry: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    valid: now >= notBefore && now <= notAfter,
  };
}

export function certificateRow(identity: string, state: string, raw: RawCert, position: { index: number; root: boolean }, now: Date): ZtunnelCertificate {
  const fallbackType = position.root || position.index > 0 ? 'CA' : 'Leaf';
  const base: ZtunnelCertificate = { identity, state, root: position.root, type: fallbackType };
  try {
    if (typeof raw.pem !== 'string') throw new Error('no pem');
    const x509 = new X509Certificate(pemText(raw.pem));
    return dated({ ...base, type: x509.ca ? 'CA' : 'Leaf', serial: x509.serialNumber.toUpperCase() }, new Date(x509.validFrom), new Date(x509.validTo), now);
  } catch (err) {
    const row: ZtunnelCertificate = { ...base, serial: decimalToHex(raw.serialNumber), problem: `PEM not decodable: ${err instanceof Error ? err.message : String(err)}` };
    const from = typeof raw.validFrom === 'string' ? new Date(raw.validFrom) : undefined;
    const to = typeof raw.expirationTime === 'string' ? new Date(raw.expirationTime) : undefined;
    return from && to && !isNaN(from.getTime()) && !isNaN(to.getTime()) ? dated(row, from, to, now) : row;
  }
}

export function certificateRows(raw: unknown, now: Date): ZtunnelCertificate[] {
  if (!Array.isArray(raw)) return [];
  const rows: ZtunnelCertificate[] = [];
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as { identity?: unknown; state?: unknown; certChain?: unknown; rootCerts?: unknown };
    const identity = typeof e.identity === 'string' ? e.identity : 'unknown';
    const state = typeof e.state === 'string' ? e.state : 'unknown';
    const chain = Array.isArray(e.certChain) ? (e.certChain as RawCert[]) : [];
    const roots = Array.isArray(e.rootCerts) ? (e.rootCerts as RawCert[]) : [];
    if (chain.length === 0 && roots.length === 0) {
      rows.push({ identity, state, root: false });
      continue;
    }
    chain.forEach((c, index) => rows.push(certificateRow(identity, state, c, { index, root: false }, now)));
    roots.forEach((c, index) => rows.push(certificateRow(identity, state, c, { index, root: true }, now)));
  }
  return rows;
}
