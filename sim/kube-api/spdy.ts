// A server-side SPDY/3.1 session, the framing kubectl's port-forward speaks after
// `Upgrade: SPDY/3.1` (moby/spdystream): client-opened streams (SYN_STREAM with a zlib-compressed
// header block, answered by SYN_REPLY), data frames with FIN, RST_STREAM, PING echoed. Header
// blocks share one zlib context per direction for the whole connection, seeded with the SPDY
// dictionary, so frames are handled strictly in order. Flow control is not enforced (spdystream
// ignores WINDOW_UPDATE too).
import type { Duplex } from 'node:stream';
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from './spdy-dictionary';

const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const PING = 6;
const GOAWAY = 7;
const HEADERS = 8;
const FLAG_FIN = 0x01;
const MAX_DATA = 64 * 1024;

/** One zlib context; each call feeds a block and returns what a sync flush yields. */
class ZlibContext {
  private out: Buffer[] = [];
  constructor(private readonly z: Inflate | Deflate) {
    z.on('data', (chunk: Buffer) => this.out.push(chunk));
  }
  run(input: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.z.once('error', reject);
      this.z.write(input);
      this.z.flush(constants.Z_SYNC_FLUSH, () => {
        this.z.off('error', reject);
        const out = Buffer.concat(this.out);
        this.out = [];
        resolve(out);
      });
    });
  }
  close(): void {
    this.z.close();
  }
}

function parseHeaderBlock(block: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let at = 4;
  const count = block.readUInt32BE(0);
  for (let i = 0; i < count; i++) {
    const nameLength = block.readUInt32BE(at);
    const name = block.subarray(at + 4, at + 4 + nameLength).toString('latin1');
    at += 4 + nameLength;
    const valueLength = block.readUInt32BE(at);
    headers[name.toLowerCase()] = block.subarray(at + 4, at + 4 + valueLength).toString('latin1');
    at += 4 + valueLength;
  }
  return headers;
}

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.from([0x80, 0x03, type >> 8, type & 0xff, flags, 0, 0, 0]);
  head.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([head, payload]);
}

function dataFrame(streamId: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head[4] = flags;
  head.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([head, payload]);
}

export class SpdyStream {
  private readonly dataListeners: ((chunk: Buffer) => void)[] = [];
  private ended = false;
  constructor(
    readonly id: number,
    readonly headers: Record<string, string>,
    private readonly socket: Duplex,
  ) {}
  onData(listener: (chunk: Buffer) => void): void {
    this.dataListeners.push(listener);
  }
  receive(chunk: Buffer): void {
    for (const l of this.dataListeners) l(chunk);
  }
  write(data: Buffer): void {
    if (this.ended || this.socket.destroyed) return;
    for (let at = 0; at < data.length; at += MAX_DATA) this.socket.write(dataFrame(this.id, 0, data.subarray(at, at + MAX_DATA)));
  }
  /** Half-closes our side (a data frame with FIN). */
  end(): void {
    if (this.ended || this.socket.destroyed) return;
    this.ended = true;
    this.socket.write(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)));
  }
}

export class SpdySession {
  private pending = Buffer.alloc(0);
  private chain: Promise<void> = Promise.resolve();
  private readonly inflater = new ZlibContext(createInflate({ dictionary: SPDY3_DICTIONARY }));
  private readonly deflater = new ZlibContext(createDeflate({ dictionary: SPDY3_DICTIONARY }));
  private readonly streams = new Map<number, SpdyStream>();

  constructor(
    private readonly socket: Duplex,
    private readonly onStream: (stream: SpdyStream) => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.inflater.close();
      this.deflater.close();
    });
  }

  receive(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const length = this.pending.readUIntBE(5, 3);
      if (this.pending.length < 8 + length) return;
      const frame = this.pending.subarray(0, 8 + length);
      this.pending = this.pending.subarray(8 + length);
      this.chain = this.chain.then(() => this.handle(frame)).catch(() => {
        this.socket.destroy();
      });
    }
  }

  private async handle(frame: Buffer): Promise<void> {
    const payload = frame.subarray(8);
    if ((frame[0]! & 0x80) === 0) {
      const stream = this.streams.get(frame.readUInt32BE(0) & 0x7fffffff);
      if (stream && payload.length > 0) stream.receive(payload);
      return;
    }
    switch (frame.readUInt16BE(2)) {
      case SYN_STREAM: {
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        const headers = parseHeaderBlock(await this.inflater.run(payload.subarray(10)));
        const reply = Buffer.alloc(4);
        reply.writeUInt32BE(id);
        const block = await this.deflater.run(Buffer.alloc(4)); // zero header pairs
        this.socket.write(controlFrame(SYN_REPLY, 0, Buffer.concat([reply, block])));
        const stream = new SpdyStream(id, headers, this.socket);
        this.streams.set(id, stream);
        this.onStream(stream);
        return;
      }
      case HEADERS:
        await this.inflater.run(payload.subarray(4)); // keeps the shared context in step
        return;
      case RST_STREAM:
        this.streams.delete(payload.readUInt32BE(0) & 0x7fffffff);
        return;
      case PING:
        this.socket.write(frame);
        return;
      case GOAWAY:
        this.socket.end();
        return;
      default:
      // SETTINGS and WINDOW_UPDATE: nothing to do without flow control.
    }
  }
}
