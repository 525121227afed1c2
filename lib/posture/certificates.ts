// Certificate health as the ztunnel pages and the security posture show it: expired (red), expiring
// within a week (amber), not available yet, or fine. Pure.
import type { ZtunnelCertificate } from '@/lib/kube/wire/ztunnel';

export const EXPIRY_WARNING_DAYS = 7;

export type CertificateHealth = 'expired' | 'expiring' | 'unavailable' | 'undecodable' | 'ok';

/** Leaf lifetimes up to this are "short-lived" (Istio issues 24 h workload certificates). */
const SHORT_LIVED_MS = 2 * EXPIRY_WARNING_DAYS * 86_400_000;

/**
 * Within a week of expiry is amber, expired red. A short-lived workload certificate is always
 * within a week, so for those the warning starts when under a quarter of its life is left:
 * ztunnel renews at half-life, so by then rotation is stuck.
 */
export function isExpiring(c: Pick<ZtunnelCertificate, 'notBefore' | 'notAfter' | 'root' | 'type'>, now: Date): boolean {
  if (!c.notAfter) return false;
  const end = Date.parse(c.notAfter);
  const left = end - now.getTime();
  const start = c.notBefore ? Date.parse(c.notBefore) : NaN;
  const lifetime = end - start;
  if (!c.root && c.type !== 'CA' && Number.isFinite(lifetime) && lifetime > 0 && lifetime <= SHORT_LIVED_MS) return left < lifetime / 4;
  return left < EXPIRY_WARNING_DAYS * 86_400_000;
}

export function certificateHealth(c: Pick<ZtunnelCertificate, 'state' | 'valid' | 'notBefore' | 'notAfter' | 'problem' | 'root' | 'type'>, now: Date): CertificateHealth {
  if (c.notAfter && Date.parse(c.notAfter) <= now.getTime()) return 'expired';
  if (c.valid === false) return 'expired';
  if (isExpiring(c, now)) return 'expiring';
  if (!c.state.startsWith('Available')) return 'unavailable';
  if (c.problem && !c.notAfter) return 'undecodable';
  return 'ok';
}

/** Remaining time in words: "expired 2 d ago", "3 d 4 h", "5 h". */
export function expiryText(notAfter: string | undefined, now: Date): string {
  if (!notAfter) return 'unknown';
  const ms = Date.parse(notAfter) - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const span = days > 0 ? `${days} d${hours > 0 && days < 10 ? ` ${hours} h` : ''}` : hours > 0 ? `${hours} h` : `${Math.max(1, Math.floor(abs / 60_000))} min`;
  return ms < 0 ? `expired ${span} ago` : span;
}

export const certificateHealthLabel: Record<CertificateHealth, string> = {
  expired: 'Expired',
  expiring: 'Expiring soon',
  unavailable: 'Not available',
  undecodable: 'Not decodable',
  ok: 'Valid',
};

/** One phrase for a certificate's state and time, never repeating itself ("Expired 1 min ago", "Expires in 5 h"). */
export function certificateStatusText(health: CertificateHealth, notAfter: string | undefined, now: Date): string {
  const left = expiryText(notAfter, now);
  if (health === 'ok') return left;
  if (!notAfter) return certificateHealthLabel[health];
  if (left.startsWith('expired ')) return `Expired ${left.slice('expired '.length)}`;
  if (health === 'expiring') return `Expires in ${left}`;
  return `${certificateHealthLabel[health]} · ${left} left`;
}
