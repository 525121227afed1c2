// A plain HTTP/1.1 response read from a byte stream (what comes back through a port-forward). Pure.

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (Number.isNaN(size)) throw new Error('malformed chunked encoding');
    const start = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    if (data.length < start + size + 2) return undefined;
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}

/**
 * The response in `data`, or undefined while it is incomplete. `ended`: the stream closed, so a
 * response without Content-Length or chunking ends here.
 */
export function parseHttpResponse(data: Buffer, ended: boolean): HttpResponse | undefined {
  const headerEnd = data.indexOf('\r\n\r\n');
  if (headerEnd < 0) {
    if (ended) throw new Error(data.length === 0 ? 'the connection closed without a response' : 'the response has no complete header');
    return undefined;
  }
  const [statusLine = '', ...lines] = data.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!m?.[1]) throw new Error(`not an HTTP response: ${statusLine.slice(0, 60)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(headerEnd + 4);
  let body: Buffer | undefined;
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
    body = dechunk(rest);
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    body = rest.length >= length ? rest.subarray(0, length) : undefined;
  } else {
    body = ended ? rest : undefined;
  }
  if (!body) {
    if (ended) throw new Error('the connection closed in the middle of the response');
    return undefined;
  }
  return { status: Number(m[1]), headers, body };
}
