// The import rules in eslint.config.mjs, proven on deliberate violations: each snippet is linted as
// if it lived at the given path, and must be reported with its boundary's message (and nothing else
// from the layer rules); the legal imports of each layer must pass.
import { ESLint, type Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const layerRules = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repo });
});

/** The layer-rule messages ESLint reports for `code` placed at `path` (other rules ignored). */
async function layerMessages(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repo}${path}` });
  if (!result) throw new Error(`ESLint returned no result for ${path}`);
  return result.messages
    .filter((message: Linter.LintMessage) => message.ruleId !== null && layerRules.has(message.ruleId))
    .map((message) => message.message);
}

const PURE_GRAPH = 'lib/graph is pure: it imports nothing outside itself (and lib/errors).';
const PURE_AUTHZ = 'lib/authz is pure: it imports nothing outside itself but lib/graph (and lib/errors).';
const COMPONENTS = 'Components talk to the server through lib/api-client';
const NO_SIMULATOR = 'Production code never imports the simulator, scripts or e2e';
const BROWSER = 'lib/api-client runs in the browser';
const NOT_SERVER = 'Only app/ and cli/ import lib/server';
const POSTURE = 'lib/posture is pure: it reads the cluster model';
const WIRE = 'lib/kube/wire holds the API wire types';
const NO_NODE = 'This layer is pure or runs in the browser';
const CYTOSCAPE = 'Only components/graph imports cytoscape.';
const TESTING = 'Only tests import test support (testing/).';
const LIB_NOT_UI = 'lib does not import app, components or React.';

describe('a deliberate violation is reported with its boundary', () => {
  const violations: Array<[path: string, code: string, message: string]> = [
    ['lib/graph/x.ts', "import { KubeLayer } from '@/lib/kube/layer';", PURE_GRAPH],
    ['lib/graph/passes/x.ts', "import { readDumps } from '@/lib/kube/ztunnel/dumps';", PURE_GRAPH],
    ['lib/graph/x.ts', "import { env } from '@/lib/server/env';", PURE_GRAPH],
    ['lib/graph/x.ts', "import next from 'next/server';", PURE_GRAPH],
    ['lib/graph/x.ts', "import { readFileSync } from 'node:fs';", NO_NODE],
    ['lib/graph/x.ts', "import { useState } from 'react';", LIB_NOT_UI],
    ['lib/graph/x.ts', 'export const load = () => fetch("/api/graph");', "Unexpected use of 'fetch'."],
    ['lib/authz/x.ts', "import type { WorkloadView } from '@/lib/kube/cluster-model';", PURE_AUTHZ],
    ['lib/authz/x.ts', 'export const home = process.env.HOME;', "Unexpected use of 'process'."],
    ['components/x.tsx', "import { services } from '@/lib/server/deps';", COMPONENTS],
    ['components/pages/x.tsx', "export { podsOf } from '@/lib/kube/pods';", COMPONENTS],
    ['components/pages/x.tsx', "import cytoscape from 'cytoscape';", CYTOSCAPE],
    ['components/shell/x.tsx', "import { readSession } from '@/lib/auth/session';", COMPONENTS],
    ['components/x.tsx', "import { startSimulator } from '@/sim/index';", NO_SIMULATOR],
    ['lib/kube/x.ts', "import { startSimulator } from '@/sim/index';", NO_SIMULATOR],
    ['lib/server/x.ts', "import { series } from '@/sim/traffic/series';", NO_SIMULATOR],
    ['lib/prometheus/x.ts', "import { startPrometheus } from '@/scripts/prometheus';", NO_SIMULATOR],
    ['lib/prometheus/x.ts', "import { env } from '@/lib/server/env';", NOT_SERVER],
    ['lib/auth/x.ts', "import { routeError } from '@/lib/server/errors';", NOT_SERVER],
    ['lib/posture/x.ts', "import { services } from '@/lib/server/deps';", NOT_SERVER],
    ['lib/posture/x.ts', "import { KubeLayer } from '@/lib/kube/layer';", POSTURE],
    ['lib/posture/x.ts', "import { createPrometheusClient } from '@/lib/prometheus/client';", POSTURE],
    ['lib/api-client/x.ts', "import { createPrometheusClient } from '@/lib/prometheus/client';", BROWSER],
    ['lib/api-client/x.ts', "import type { KubeSnapshot } from '@/lib/kube/cache/resources';", BROWSER],
    ['lib/api-client/x.ts', "import { services } from '@/lib/server/deps';", BROWSER],
    ['lib/api-client/x.ts', "import 'server-only';", NO_NODE],
    ['lib/kube/wire/x.ts', "import { KubeLayer } from '@/lib/kube/layer';", WIRE],
    ['lib/kube/wire/x.ts', "import type { Pod } from '../types';", WIRE],
    ['lib/kube/wire/x.ts', "import { KubeConfig } from '@kubernetes/client-node';", NO_NODE],
    ['app/x.tsx', "import { clusters } from '@/testing/fixtures/clusters';", TESTING],
    ['app/api/x/route.ts', "import { startSimulator } from '@/sim/index';", NO_SIMULATOR],
    ['app/graph/page.tsx', "import cytoscape from 'cytoscape';", CYTOSCAPE],
    ['lib/kube/x.ts', "import { startKubeApi } from '@/testing/harness/kube-api';", TESTING],
    // Tests may reach the simulator and test support, but not across the other boundaries.
    ['lib/graph/x.test.ts', "import { KubeLayer } from '@/lib/kube/layer';", PURE_GRAPH],
    ['components/x.test.ts', "import { services } from '@/lib/server/deps';", COMPONENTS],
  ];

  it.each(violations)('%s: %s', async (path, code, message) => {
    const messages = await layerMessages(path, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });
});

describe('the imports each layer is meant to make pass', () => {
  const legal: Array<[path: string, code: string]> = [
    ['lib/graph/passes/x.ts', "import type { MeshGraph } from '@/lib/graph/model';\nimport { AppError } from '@/lib/errors';\nimport { z } from 'zod';"],
    ['lib/authz/x.ts', "import type { MeshGraph } from '@/lib/graph/model';\nimport { parse } from 'yaml';\nimport { decide } from './decide';"],
    ['lib/api-client/x.ts', "import type { ZtunnelStatus } from '@/lib/kube/wire/ztunnel';\nimport type { Security } from '@/lib/posture/responses';\nimport { graphParams } from '@/lib/graph/query';\nimport { z } from 'zod';"],
    ['lib/kube/wire/x.ts', "import type { GraphNode } from '@/lib/graph/model';\nimport { dnsLabel } from './names';\nimport { z } from 'zod';"],
    ['lib/posture/x.ts', "import type { WorkloadView } from '@/lib/kube/cluster-model';\nimport type { NodePod } from '@/lib/kube/wire/pods';\nimport { edgeBytes } from '@/lib/graph/lookup';"],
    ['lib/auth/x.ts', "import 'server-only';\nimport { AppError } from '@/lib/errors';\nimport { KubeConfig } from '@kubernetes/client-node';"],
    ['lib/server/x.ts', "import { KubeLayer } from '@/lib/kube/layer';\nimport { createPrometheusClient } from '@/lib/prometheus/client';\nimport { cookies } from 'next/headers';"],
    ['components/graph/x.tsx', "import cytoscape from 'cytoscape';\nimport { graphQuery } from '@/lib/api-client/graph';\nimport { edgeBytes } from '@/lib/graph/lookup';"],
    ['components/pages/x.tsx', "import { securityQuery } from '@/lib/api-client/security';\nimport type { Finding } from '@/lib/posture/findings';"],
    ['components/shell/x.tsx', "import type { UserSummary } from '@/lib/auth/user';"],
    ['app/api/x/route.ts', "import { route } from '@/lib/server/route';\nimport { ztunnelParams } from '@/lib/kube/wire/ztunnel';"],
    ['app/x/page.tsx', "import { SecurityPage } from '@/components/pages/security/SecurityPage';\nimport { redirect } from 'next/navigation';"],
    ['cli/x.ts', "import { services } from '@/lib/server/deps';\nimport { spawn } from 'node:child_process';"],
    // Tests wire layers to the simulator, the harnesses and node.
    ['lib/kube/x.test.ts', "import { startSimulator } from '@/sim/index';\nimport { startKubeApi } from '@/testing/harness/kube-api';"],
    ['lib/graph/x.test.ts', "import { readFileSync } from 'node:fs';\nimport { meshGraph } from '@/testing/fixtures/graph-model';"],
    ['lib/prometheus/x.test.ts', "import { startPrometheus } from '@/scripts/prometheus';"],
  ];

  it.each(legal)('%s', async (path, code) => {
    expect(await layerMessages(path, code)).toEqual([]);
  });
});
