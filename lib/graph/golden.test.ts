import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
// The core must not read the environment; this test only needs it to regenerate its golden files.
import { env } from 'node:process';
import { describe, expect, it } from 'vitest';
import { buildCase, caseDir as dir, loadCase } from '@/testing/fixtures/golden-cases';

// Golden files: testing/data/graph-golden/<case>.input.json (samples + inventory + options) -> <case>.expected.json.
// Regenerate with UPDATE_GOLDEN=1 and review the diff; graph.test.ts asserts the key numbers by hand.

const cases = readdirSync(dir).filter((f) => f.endsWith('.input.json')).map((f) => f.replace('.input.json', '')).sort();

describe('buildGraph golden files', () => {
  it('has the cases the reference README lists', () => {
    expect(cases.length).toBeGreaterThanOrEqual(16);
  });

  for (const name of cases) {
    it(`${name}: ${loadCase(name).description}`, () => {
      const graph = JSON.parse(JSON.stringify(buildCase(name)));
      const expectedFile = new URL(`${name}.expected.json`, dir);
      if (env.UPDATE_GOLDEN === '1' || !existsSync(expectedFile)) {
        if (env.UPDATE_GOLDEN !== '1') throw new Error(`missing ${name}.expected.json: run with UPDATE_GOLDEN=1 and review it`);
        writeFileSync(expectedFile, JSON.stringify(graph, null, 2) + '\n');
      }
      expect(graph).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }

  it('is deterministic: the same input gives byte-identical JSON', () => {
    for (const name of cases) expect(JSON.stringify(buildCase(name))).toBe(JSON.stringify(buildCase(name)));
  });
});
