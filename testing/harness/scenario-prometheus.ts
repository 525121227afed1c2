// A simulated scenario on real parts, for the Prometheus integration tests: the simulator (its
// Kubernetes API and its traffic history), that history backfilled into a real Prometheus (with the
// recording rules backfilled too when asked), and the inventory read through the Kubernetes layer.
import { KubeConfig } from '@kubernetes/client-node';
import { startSimulator, type ScenarioChoice, type Simulator } from '@/sim/index';
import { startPrometheus, type RunningPrometheus, type StartPrometheusOptions } from '@/scripts/prometheus';
import { KubeLayer } from '@/lib/kube/layer';
import type { Inventory } from '@/lib/graph/inventory';

export interface ScenarioWithPrometheus {
  sim: Simulator;
  prom: RunningPrometheus;
  inventory: Inventory;
  stop(): Promise<void>;
}

/** History from `start` to `end` (Unix seconds, 15 s apart); the simulator's clock stands at `end`. */
export async function startScenarioWithPrometheus(
  scenario: ScenarioChoice,
  window: { start: number; end: number },
  recordingRules?: StartPrometheusOptions['recordingRules'],
): Promise<ScenarioWithPrometheus> {
  const sim = await startSimulator({ scenario, profile: 'constant', origin: window.start - 7200, now: () => window.end });
  let prom: RunningPrometheus | undefined;
  let layer: KubeLayer | undefined;
  const stop = async () => {
    layer?.stop();
    await prom?.stop();
    await sim.stop();
  };
  try {
    prom = await startPrometheus({ simulator: sim, historyStart: window.start, historyEnd: window.end, step: 15, ...(recordingRules ? { recordingRules } : {}) });
    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    layer = new KubeLayer(kc, { ztunnelNamespace: 'ztunnel' });
    const inventory = await layer.inventorySource().inventory();
    return { sim, prom, inventory, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
