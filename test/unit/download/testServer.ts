/**
 * A small HTTP file server on 127.0.0.1 (random port) for the downloader tests.
 * It serves in-memory bytes, honours (or ignores) Range, can redirect, fail with
 * a status, cut the connection or stall after some bytes, and records what it
 * sent so tests can check how much a resumed download transferred.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';

export interface Served {
  path: string;
  status: number;
  range: string | undefined;
  /** Body bytes the server handed to the socket for this request. */
  sent: number;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function makeBytes(size: number): Buffer {
  return randomBytes(size);
}

export class TestServer {
  readonly files = new Map<string, Buffer>();
  readonly redirects = new Map<string, string>();
  readonly statuses = new Map<string, number>();
  /** When false, Range headers are ignored and the whole file is sent with 200. */
  honourRange = true;
  /** When set, each response stops after this many body bytes and the connection is destroyed. */
  cutAfterBytes: number | undefined;
  /** When set, each response stops sending after this many body bytes but keeps the connection open. */
  stallAfterBytes: number | undefined;
  chunkSize = 64 * 1024;
  /** Pause between chunks, so a test can act while a download is in flight. */
  chunkDelayMs = 0;
  readonly served: Served[] = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  hits(path?: string): number {
    return this.served.filter((s) => path === undefined || s.path === path).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const range = req.headers.range;
    const record: Served = { path, status: 0, range, sent: 0 };
    this.served.push(record);

    const location = this.redirects.get(path);
    if (location) {
      record.status = 302;
      res.writeHead(302, { location }).end();
      return;
    }
    const status = this.statuses.get(path);
    if (status) {
      record.status = status;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`status ${status}`);
      return;
    }
    const bytes = this.files.get(path);
    if (!bytes) {
      record.status = 404;
      res.writeHead(404).end('not found');
      return;
    }
    let start = 0;
    const match = /^bytes=(\d+)-$/.exec(range ?? '');
    if (this.honourRange && match) {
      start = Number(match[1]);
      if (start >= bytes.length) {
        record.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${bytes.length}` }).end();
        return;
      }
      record.status = 206;
      res.writeHead(206, {
        'content-length': bytes.length - start,
        'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
        'accept-ranges': 'bytes',
      });
    } else {
      record.status = 200;
      res.writeHead(200, { 'content-length': bytes.length, 'accept-ranges': this.honourRange ? 'bytes' : 'none' });
    }
    await this.send(res, bytes.subarray(start), record);
  }

  private async send(res: http.ServerResponse, body: Buffer, record: Served): Promise<void> {
    const limit = this.cutAfterBytes ?? this.stallAfterBytes ?? body.length;
    let offset = 0;
    while (offset < Math.min(limit, body.length)) {
      if (res.destroyed) return;
      const chunk = body.subarray(offset, Math.min(offset + this.chunkSize, limit, body.length));
      await new Promise<void>((resolve) => res.write(chunk, () => resolve()));
      record.sent += chunk.length;
      offset += chunk.length;
      if (this.chunkDelayMs > 0) await new Promise((r) => setTimeout(r, this.chunkDelayMs));
    }
    if (this.cutAfterBytes !== undefined && offset < body.length) {
      res.socket?.destroy();
      return;
    }
    if (this.stallAfterBytes !== undefined && offset < body.length) return; // keeps the connection open, silent
    res.end();
  }
}

/** Picks a port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
