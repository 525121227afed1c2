import { describe, expect, it } from 'vitest';
import { columnsOf, scanVector } from './vector-scan';
import type { PrometheusVector } from './to-samples';
import { prng } from '@/testing/harness/prng';

// Prometheus's own layout, as its API writes an instant vector (compact, keys in this order).
const answer = (result: PrometheusVector) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
const series = (metric: Record<string, string>, value: string, ts = 1_700_000_000.123) => ({ metric, value: [ts, value] as [number, string] });

describe('scanVector', () => {
  it('reads the named labels as columns (missing ones empty) and the values as numbers', () => {
    const text = answer([
      series({ edge: 'a\u007fb', source_workload_namespace: 'x' }, '1.5'),
      series({ source_workload_namespace: 'y' }, 'NaN', 1_700_000_000),
      series({}, '+Inf'),
      series({ edge: 'c', other: '-' }, '-Inf'),
    ]);
    expect(scanVector(text, ['edge', 'source_workload_namespace'])).toEqual({
      labels: [['a\u007fb', '', '', 'c'], ['x', 'y', '', '']],
      values: [1.5, NaN, Infinity, -Infinity],
    });
    expect(scanVector(answer([]), ['edge'])).toEqual({ labels: [[]], values: [] });
  });

  it('reads what JSON.parse reads, escapes included, for any label values', () => {
    const rand = prng(7);
    const alphabet = ['a', 'z', '0', '-', '.', '/', ':', '"', '\\', '\u007f', '\u001f', '\n', 'é', '漢', '\u2028', '<', '&', 'u', '{', '}', ',', '[', ']'];
    const value = () => Array.from({ length: Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const vector: PrometheusVector = Array.from({ length: 300 }, (_, i) =>
      series(Object.fromEntries(['edge', 'a', 'b'].filter(() => rand() < 0.8).map((k) => [k, value()])), String(i / 7)),
    );
    const text = answer(vector);
    expect(scanVector(text, ['edge', 'b'])).toEqual(columnsOf((JSON.parse(text) as { data: { result: PrometheusVector } }).data.result, ['edge', 'b']));
  });

  it('answers undefined for any other layout, which the caller then parses as JSON', () => {
    const one = [series({ edge: 'a' }, '1')];
    const others = [
      JSON.stringify({ status: 'success', data: { resultType: 'vector', result: one } }, null, 2), // whitespace
      JSON.stringify({ data: { resultType: 'vector', result: one }, status: 'success' }), // key order
      JSON.stringify({ status: 'success', data: { resultType: 'vector', result: one }, warnings: ['w'] }),
      JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }),
      JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'x' }),
      JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ value: [1, '1'], metric: { edge: 'a' } }] } }),
      JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { edge: 'a' }, value: ['1', '1'] }] } }),
      JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { edge: 'a' }, value: [1, 1] }] } }),
      answer(one).replace('"edge":"a"', '"edge":"a\\x"'), // not a JSON escape
      answer(one).replace('"edge":', '"\\u0065dge":'), // valid JSON, a name Prometheus never escapes
      answer(one).replace('"1"]', '"\\u0031"]'), // valid JSON, a value Prometheus never escapes
      answer(one).slice(0, -5) + answer(one).slice(-3), // truncated
      answer(one).replace(']}}', '],}}'),
      '',
    ];
    for (const text of others) expect(scanVector(text, ['edge']), text).toBeUndefined();
  });
});
