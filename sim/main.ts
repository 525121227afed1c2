// CLI: npx tsx sim/main.ts --scenario bookinfo|sidecar|scale --port 18001 [--profile live|constant]
//      [--namespaces 10 --workloads 100 --nodes 10] [--admin-token T]
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startSimulator } from './index';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'bookinfo' },
    port: { type: 'string', default: '18001' },
    profile: { type: 'string', default: 'live' },
    namespaces: { type: 'string', default: '10' },
    workloads: { type: 'string', default: '10' },
    nodes: { type: 'string', default: '3' },
    'admin-token': { type: 'string' },
  },
});

const args = z
  .object({
    scenario: z.enum(['bookinfo', 'sidecar', 'scale']),
    port: z.coerce.number().int().min(0).max(65535),
    profile: z.enum(['live', 'constant']),
    namespaces: z.coerce.number().int().min(1).max(10_000),
    workloads: z.coerce.number().int().min(1).max(10_000),
    nodes: z.coerce.number().int().min(3).max(100),
    'admin-token': z.string().min(1).optional(),
  })
  .parse(values);

const sim = await startSimulator({
  scenario: args.scenario === 'scale' ? { scale: { namespaces: args.namespaces, workloadsPerNamespace: args.workloads, nodes: args.nodes } } : args.scenario,
  port: args.port,
  profile: args.profile,
  ...(args['admin-token'] ? { adminToken: args['admin-token'] } : {}),
});
process.stdout.write(`simulated cluster: ${sim.url}\nkubeconfig: ${sim.kubeconfigPath}\nadmin token: ${sim.adminToken}\n`);
const shutdown = () => void sim.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
