// The demo proper (see scripts/demo.mjs): bookinfo with live, changing traffic.
import { parseArgs } from 'node:util';
import { startStack } from './stack';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    'sim-port': { type: 'string', default: '18001' },
    'no-prometheus': { type: 'boolean', default: false },
    scale: { type: 'string' },
  },
});

function scenarioFromArgs() {
  if (!values.scale) return 'bookinfo' as const;
  const match = /^(\d+)x(\d+)$/.exec(values.scale);
  if (!match) throw new Error('--scale takes NAMESPACESxWORKLOADS, e.g. 20x50');
  return { scale: { namespaces: Number(match[1]), workloadsPerNamespace: Number(match[2]) } };
}

const stack = await startStack({
  scenario: scenarioFromArgs(),
  profile: 'live',
  appPort: Number(values.port),
  appHost: values.host,
  simPort: Number(values['sim-port']),
  prometheus: values['no-prometheus'] ? 'never' : 'auto',
  historySeconds: 3600,
  scrapeIntervalSeconds: 15,
  log: (line) => console.log(`  ${line}`),
});

console.log(`\nAmbient Lens is running on ${stack.appUrl}/  (traffic from ${stack.metricsSource})`);
console.log(`Try: kubectl --kubeconfig ${stack.kubeconfigPath} label namespace legacy istio.io/dataplane-mode=ambient`);
console.log('Ctrl-C stops everything.');

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
