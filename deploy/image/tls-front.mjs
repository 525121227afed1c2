// A small TLS front for OpenShift's reencrypt Route. The Next.js standalone server speaks HTTP only:
// this starts it on 127.0.0.1:UPSTREAM_PORT in the same process and serves HTTPS on TLS_PORT with the
// service-CA serving certificate (TLS_CERT_FILE, TLS_KEY_FILE), re-read when the files change.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

const certFile = process.env.TLS_CERT_FILE;
const keyFile = process.env.TLS_KEY_FILE;
if (!certFile || !keyFile) {
  process.stderr.write(JSON.stringify({ level: 'error', msg: 'tls-front needs TLS_CERT_FILE and TLS_KEY_FILE' }) + '\n');
  process.exit(2);
}
const tlsPort = Number(process.env.TLS_PORT ?? 8443);
const upstreamPort = Number(process.env.UPSTREAM_PORT ?? 3000);

// Next's server reads PORT and HOSTNAME: keep it on loopback, reachable only through this front.
process.env.PORT = String(upstreamPort);
process.env.HOSTNAME = '127.0.0.1';
await import('./server.js');

const readTls = () => ({ cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) });
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

const server = https.createServer(readTls(), (req, res) => {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !hopByHop.has(name)));
  // The router sets X-Forwarded-*; a direct client (a probe) reached us over TLS.
  headers['x-forwarded-proto'] ??= 'https';
  headers['x-forwarded-for'] ??= req.socket.remoteAddress ?? '';
  const upstream = http.request(
    { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  upstream.on('error', (err) => {
    process.stderr.write(JSON.stringify({ level: 'error', msg: 'upstream failed', error: err.message }) + '\n');
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('Bad gateway');
  });
  req.pipe(upstream);
});

// service-ca rotates the certificate; the kubelet swaps the Secret volume's ..data symlink, so watch
// the directory rather than the file.
let reloadTimer;
fs.watch(path.dirname(certFile), () => {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    try {
      server.setSecureContext(readTls());
      process.stdout.write(JSON.stringify({ level: 'info', msg: 'reloaded TLS certificate' }) + '\n');
    } catch (err) {
      process.stderr.write(JSON.stringify({ level: 'error', msg: 'TLS reload failed', error: String(err) }) + '\n');
    }
  }, 1000);
});

server.listen(tlsPort, '0.0.0.0', () => {
  process.stdout.write(JSON.stringify({ level: 'info', msg: 'tls-front listening', port: tlsPort, upstreamPort }) + '\n');
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
