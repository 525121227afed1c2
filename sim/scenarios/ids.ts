// Deterministic names, uids and addresses: the same scenario and seed always give the same cluster.

/** 32-bit FNV-1a. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The alphabet Kubernetes uses for generated name suffixes (rand.SafeEncodeString). */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

function safeEncode(seed: string, length: number): string {
  let out = '';
  let h = hash32(seed);
  for (let i = 0; i < length; i++) {
    if (i % 6 === 5) h = hash32(`${seed}#${i}`);
    out += SAFE[h % SAFE.length];
    h = Math.floor(h / SAFE.length);
  }
  return out;
}

/** The ReplicaSet pod-template-hash of a Deployment (10 safe characters, like `7c5d957895`'s shape). */
export function podTemplateHash(seed: string, namespace: string, deployment: string): string {
  return safeEncode(`${seed}/rs/${namespace}/${deployment}`, 10);
}

/** A generated pod name suffix (5 safe characters), as for `-xxxxx`. */
export function podSuffix(seed: string, namespace: string, owner: string, index: number): string {
  return safeEncode(`${seed}/pod/${namespace}/${owner}/${index}`, 5);
}

/** A deterministic RFC 4122-shaped uid. */
export function uidFor(seed: string, kind: string, namespace: string | undefined, name: string): string {
  const parts = [0, 1, 2, 3].map((i) => hash32(`${seed}/${kind}/${namespace ?? ''}/${name}/${i}`).toString(16).padStart(8, '0'));
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Pod IPs (10.244.0.0/14, unique cluster-wide), service VIPs from 10.96.0.0/12, node IPs like kind's. */
export class AddressPlan {
  private nextPod: number;
  private nextVip: number;

  /** Controllers creating objects at runtime start from an offset so addresses never collide. */
  constructor(offset = 0) {
    this.nextPod = offset;
    this.nextVip = 10 + offset;
  }

  podIp(): string {
    const n = this.nextPod++;
    return `10.${244 + Math.floor(n / 65024)}.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
  }

  serviceVip(): string {
    const n = this.nextVip++;
    return `10.96.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
  }

  nodeIp(nodeIndex: number): string {
    return `172.18.${Math.floor(nodeIndex / 250)}.${(nodeIndex % 250) + 2}`;
  }
}
