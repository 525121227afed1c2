// Workload certificates as ztunnel holds them: a SPIFFE leaf (24 h, renewed at half-life) signed by
// the mesh root (O=cluster.local). Real X.509 written with a small DER writer and Ed25519 keys
// derived from the seed, so the same scenario gives byte-identical PEMs (Ed25519 signing is
// deterministic). Node's crypto signs; no npm dependency needed.

import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { bits, bool, explicit, integer, octets, oid, seq, set, tlv, time, utf8 } from './der';

const ED25519 = seq(oid('1.3.101.112'));
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 key derived from the seed (the API server's serving chain passes a random one). */
export function keyFrom(seed: string): { privateKey: KeyObject; spki: Buffer } {
  const d = createHash('sha256').update(seed).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, d]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, spki };
}

export function serialFrom(seed: string): bigint {
  const h = createHash('sha256').update(`serial/${seed}`).digest().subarray(0, 16);
  h[0] = h[0]! & 0x7f;
  return BigInt(`0x${h.toString('hex')}`);
}

/** KeyUsage BIT STRING: digitalSignature|keyEncipherment = 0xa0 (5 unused bits), keyCertSign|cRLSign = 0x06 (1). */
export const keyUsage = (value: number, unused: number) => tlv(0x03, Buffer.from([unused, value]));
const orgName = (org: string) => seq(set(seq(oid('2.5.4.10'), utf8(org))));
export const ext = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

export interface IssuedCert {
  pem: string;
  serialNumber: bigint;
  validFrom: Date;
  expirationTime: Date;
}

export function issue(tbsParts: { serial: bigint; issuer: Buffer; subject: Buffer; notBefore: Date; notAfter: Date; spki: Buffer; extensions: Buffer[] }, signer: KeyObject): IssuedCert {
  const tbs = seq(
    explicit(0, integer(2n)),
    integer(tbsParts.serial),
    ED25519,
    tbsParts.issuer,
    seq(time(tbsParts.notBefore), time(tbsParts.notAfter)),
    tbsParts.subject,
    tbsParts.spki,
    explicit(3, seq(...tbsParts.extensions)),
  );
  const der = seq(tbs, ED25519, bits(sign(null, tbs, signer)));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return { pem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`, serialNumber: tbsParts.serial, validFrom: tbsParts.notBefore, expirationTime: tbsParts.notAfter };
}

export class MeshCa {
  private readonly key: { privateKey: KeyObject; spki: Buffer };
  readonly root: IssuedCert;
  private readonly cache = new Map<string, IssuedCert>();

  constructor(
    private readonly seed: string,
    readonly trustDomain: string,
    /** Root validity start (unix seconds); 10 years like istiod's self-signed CA. */
    rootFrom: number,
  ) {
    this.key = keyFrom(`${seed}/root`);
    const from = new Date(rootFrom * 1000);
    const to = new Date((rootFrom + 10 * 365 * 86400) * 1000);
    this.root = issue({
      serial: serialFrom(`${seed}/root`), issuer: orgName(trustDomain), subject: orgName(trustDomain), notBefore: from, notAfter: to, spki: this.key.spki,
      extensions: [ext('2.5.29.15', true, keyUsage(0x06, 1)), ext('2.5.29.19', true, seq(bool(true)))],
    }, this.key.privateKey);
  }

  /** The leaf for a SPIFFE identity valid over [from, to] (unix seconds). */
  leaf(identity: string, from: number, to: number): IssuedCert {
    const cacheKey = `${identity}|${from}|${to}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const key = keyFrom(`${this.seed}/leaf/${identity}`);
    const cert = issue({
      serial: serialFrom(`${this.seed}/${cacheKey}`), issuer: orgName(this.trustDomain), subject: seq(), notBefore: new Date(from * 1000), notAfter: new Date(to * 1000), spki: key.spki,
      extensions: [
        ext('2.5.29.15', true, keyUsage(0xa0, 5)),
        ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
        ext('2.5.29.19', true, seq()),
        ext('2.5.29.17', true, seq(tlv(0x86, Buffer.from(identity)))),
      ],
    }, this.key.privateKey);
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(cacheKey, cert);
    return cert;
  }
}
