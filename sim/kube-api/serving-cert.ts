// The API server's TLS chain, made at start as kubeadm makes one: a cluster CA ("kubernetes") and
// a serving certificate for 127.0.0.1/localhost and the in-cluster names, signed by it. Built with
// the same DER writer and Ed25519 keys as the ztunnel workload certificates (sim/ztunnel/certs.ts),
// from a random seed so every start has a new CA. kubectl (Go) and client-node (OpenSSL) both
// verify Ed25519 chains.
import { randomBytes } from 'node:crypto';
import { ext, issue, keyFrom, keyUsage, serialFrom } from '../ztunnel/certs';
import { bool, oid, seq, set, tlv, utf8 } from '../ztunnel/der';

export interface ServingChain {
  /** PEM of the cluster CA: the kubeconfig's certificate-authority-data. */
  caPem: string;
  /** PEM of the serving certificate and its PKCS#8 key, for the TLS listener. */
  certPem: string;
  keyPem: string;
}

const commonName = (cn: string) => seq(set(seq(oid('2.5.4.3'), utf8(cn))));
const dnsName = (name: string) => tlv(0x82, Buffer.from(name, 'ascii'));
const ipAddress = (bytes: number[]) => tlv(0x87, Buffer.from(bytes));

/** Names a real API server's certificate carries, plus the loopback addresses the simulator listens on. */
const SERVING_DNS = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];
const SERVING_IPS = [[127, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]];

export function createServingChain(nowSeconds = Math.floor(Date.now() / 1000)): ServingChain {
  const seed = randomBytes(32).toString('hex');
  const ca = keyFrom(`${seed}/ca`);
  const leaf = keyFrom(`${seed}/apiserver`);
  const caName = commonName('kubernetes');
  // Back-dated an hour so a client clock slightly behind still accepts it; kubeadm's lifetimes.
  const from = new Date((nowSeconds - 3600) * 1000);
  const caCert = issue(
    {
      serial: serialFrom(`${seed}/ca`), issuer: caName, subject: caName, notBefore: from, notAfter: new Date((nowSeconds + 10 * 365 * 86400) * 1000), spki: ca.spki,
      extensions: [ext('2.5.29.15', true, keyUsage(0x86, 1)), ext('2.5.29.19', true, seq(bool(true)))],
    },
    ca.privateKey,
  );
  const servingCert = issue(
    {
      serial: serialFrom(`${seed}/apiserver`), issuer: caName, subject: commonName('kube-apiserver'), notBefore: from, notAfter: new Date((nowSeconds + 365 * 86400) * 1000), spki: leaf.spki,
      extensions: [
        ext('2.5.29.15', true, keyUsage(0xa0, 5)),
        ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
        ext('2.5.29.19', true, seq()),
        ext('2.5.29.17', false, seq(...SERVING_DNS.map(dnsName), ...SERVING_IPS.map(ipAddress))),
      ],
    },
    ca.privateKey,
  );
  return { caPem: caCert.pem, certPem: servingCert.pem, keyPem: leaf.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}
