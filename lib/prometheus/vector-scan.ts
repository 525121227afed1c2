import type { PrometheusVector } from './to-samples';

// An instant-vector answer read straight from Prometheus's JSON text, keeping only the labels a
// caller names. JSON.parse builds an object per series, per `metric` and per `value` (a recorded
// 5,000-workload answer: ~9k series and ~4 MB per query, a third of the parse's time and most of its
// garbage); this walks the text once and keeps a column of strings per named label and one of values.
// It reads exactly the layout Prometheus writes, `{"status":"success","data":{"resultType":"vector",
// "result":[{"metric":{...},"value":[<ts>,"<v>"]},...]}}`, and answers undefined for anything else
// (whitespace, another key order, warnings, stats, a query front-end's rewrite): the caller then
// parses the text as any JSON, so nothing is lost but the time.

/** Per named label, its value in each series ('' when the series lacks it); and each series' value. */
export interface VectorColumns {
  labels: string[][];
  /** Prometheus's string values as numbers ("NaN", "+Inf" and "-Inf" included). */
  values: number[];
}

const HEAD = '{"status":"success","data":{"resultType":"vector","result":[';
const TAIL = ']}}';
const QUOTE = 34;
const BACKSLASH = 92;

/** Prometheus encodes floats as strings, including "NaN", "+Inf" and "-Inf". */
export function parseSampleValue(raw: string): number {
  if (raw === '+Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  return Number(raw);
}

/** A parsed vector as columns (the path for answers scanVector does not read). */
export function columnsOf(vector: PrometheusVector, names: readonly string[]): VectorColumns {
  return {
    labels: names.map((name) => vector.map((s) => s.metric[name] ?? '')),
    values: vector.map((s) => parseSampleValue(s.value[1])),
  };
}

/** The named labels' columns and the values of an answer in Prometheus's own layout; undefined for any other text. */
export function scanVector(text: string, names: readonly string[]): VectorColumns | undefined {
  if (!text.startsWith(HEAD) || !text.endsWith(TAIL)) return undefined;
  const columns = names.map((): string[] => []);
  const values: number[] = [];
  const end = text.length - TAIL.length;
  let i = HEAD.length;
  if (i === end) return { labels: columns, values };
  for (;;) {
    if (!text.startsWith('{"metric":{', i)) return undefined;
    i += 11;
    const row = values.length;
    if (text.charCodeAt(i) === 125 /* } */) i++;
    else {
      for (;;) {
        // "name":"value" — names are [a-zA-Z_][a-zA-Z0-9_]*, never escaped.
        if (text.charCodeAt(i) !== QUOTE) return undefined;
        const nameEnd = text.indexOf('"', i + 1);
        if (nameEnd < 0 || text.charCodeAt(nameEnd + 1) !== 58 /* : */ || text.charCodeAt(nameEnd + 2) !== QUOTE) return undefined;
        // A name spelt with an escape ("\u0065dge") is valid JSON that Prometheus never writes: not read here.
        if (hasBackslash(text, i + 1, nameEnd)) return undefined;
        const valueStart = nameEnd + 3;
        const valueEnd = stringEnd(text, valueStart);
        if (valueEnd < 0) return undefined;
        const k = nameAt(names, text, i + 1, nameEnd);
        if (k >= 0) {
          const value = decoded(text, valueStart, valueEnd);
          if (value === undefined) return undefined;
          (columns[k] as string[])[row] = value;
        }
        i = valueEnd + 1;
        const next = text.charCodeAt(i++);
        if (next === 125 /* } */) break;
        if (next !== 44 /* , */) return undefined;
      }
    }
    if (!text.startsWith(',"value":[', i)) return undefined;
    i += 10;
    const comma = text.indexOf(',', i);
    if (comma < 0 || !isNumber(text, i, comma) || text.charCodeAt(comma + 1) !== QUOTE) return undefined;
    const valueEnd = text.indexOf('"', comma + 2);
    if (valueEnd < 0 || text.charCodeAt(valueEnd + 1) !== 93 /* ] */ || text.charCodeAt(valueEnd + 2) !== 125 /* } */) return undefined;
    if (hasBackslash(text, comma + 2, valueEnd)) return undefined;
    values.push(parseSampleValue(text.slice(comma + 2, valueEnd)));
    for (const column of columns) if (column.length === row) column.push('');
    i = valueEnd + 3;
    if (i === end) return { labels: columns, values };
    if (text.charCodeAt(i++) !== 44 /* , */) return undefined;
  }
}

/** Where the JSON string that starts at `start` (after its opening quote) ends: its closing quote, or -1. */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    const q = text.indexOf('"', at);
    if (q < 0) return -1;
    // A quote after an odd run of backslashes is part of the string.
    let slashes = 0;
    while (text.charCodeAt(q - 1 - slashes) === BACKSLASH && q - 1 - slashes >= start) slashes++;
    if (slashes % 2 === 0) return q;
    at = q + 1;
  }
}

/**
 * The JSON string text[start, end) decoded; undefined when an escape is not valid JSON. Most values
 * hold no escape and are the text as it is. (A raw control character, which JSON forbids and
 * Prometheus never writes, is kept as it is.)
 */
function decoded(text: string, start: number, end: number): string | undefined {
  const raw = text.slice(start, end);
  if (raw.indexOf('\\') < 0) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

/** Whether text[start, end) holds a backslash (a JSON escape). */
function hasBackslash(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === BACKSLASH) return true;
  return false;
}

/** Which of the names text[start, end) is, without slicing it out; -1 for none. */
function nameAt(names: readonly string[], text: string, start: number, end: number): number {
  for (let k = 0; k < names.length; k++) {
    const name = names[k] as string;
    if (name.length === end - start && text.startsWith(name, start)) return k;
  }
  return -1;
}

/** text[start, end) is a timestamp as Prometheus writes it: digits, at most one point among them (1700000000 or 1700000000.123). */
function isNumber(text: string, start: number, end: number): boolean {
  let point = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ && !point && i > start && i < end - 1) point = true;
    else if (c < 48 || c > 57) return false;
  }
  return end > start;
}
