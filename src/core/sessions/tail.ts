/**
 * Reads an append-only file from the last byte offset. A partial last line is
 * held until its line break arrives; a file that shrank (truncation) or was
 * replaced (new inode: rotation, rewrite by rename) is read again from the
 * start; a vanished file is reported as gone. Opened read-only, closed after
 * every read so nothing keeps the writer's file busy (Windows).
 */
import { promises as fsp } from 'node:fs';
import { describeError, detectEncoding, type TextEncodingName } from './fsRead';

export interface TailResult {
  /** The file shrank or was replaced: lines restart at 1 and earlier state must be dropped. */
  reset: boolean;
  /** The file no longer exists. */
  gone: boolean;
  /** Bytes read this time. */
  bytes: number;
  /** Lines longer than the limit, skipped whole. */
  overlong: number;
  /** Set when the file exists but cannot be read (permission denied ...). */
  error?: string;
}

export interface TailOptions {
  /** Longest line kept, in characters; longer ones are skipped and counted. */
  maxLineChars?: number;
  /** Bytes per read() call. */
  chunkBytes?: number;
}

const DEFAULT_MAX_LINE = 64 * 1024 * 1024;
const DEFAULT_CHUNK = 1024 * 1024;

export class FileTail {
  /** Byte offset of the next unread byte. */
  offset = 0;
  /** Number of complete lines delivered so far. */
  lineNo = 0;
  private partial = '';
  private skipping = false;
  private decoder?: TextDecoder;
  private identity?: string;
  private readonly maxLine: number;
  private readonly chunk: number;

  constructor(
    readonly path: string,
    options: TailOptions = {},
  ) {
    this.maxLine = options.maxLineChars ?? DEFAULT_MAX_LINE;
    this.chunk = options.chunkBytes ?? DEFAULT_CHUNK;
  }

  private restart(): void {
    this.offset = 0;
    this.lineNo = 0;
    this.partial = '';
    this.skipping = false;
    this.decoder = undefined;
  }

  /** Reads everything appended since the last call and hands each complete line to `onLine`. */
  async read(onLine: (text: string, lineNo: number) => void): Promise<TailResult> {
    const result: TailResult = { reset: false, gone: false, bytes: 0, overlong: 0 };
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.path, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') result.gone = true;
      else result.error = describeError(err);
      return result;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        result.error = 'not a file';
        return result;
      }
      const identity = `${stat.dev}:${stat.ino}`;
      if ((this.identity !== undefined && identity !== this.identity) || stat.size < this.offset) {
        this.restart();
        result.reset = this.identity !== undefined;
      }
      this.identity = identity;
      if (stat.size === this.offset) return result;
      const buffer = Buffer.allocUnsafe(Math.min(this.chunk, stat.size - this.offset));
      // Read up to the size seen now; bytes appended meanwhile wait for the next call.
      const end = stat.size;
      while (this.offset < end) {
        const want = Math.min(buffer.length, end - this.offset);
        const { bytesRead } = await handle.read(buffer, 0, want, this.offset);
        if (bytesRead === 0) break;
        let bytes = buffer.subarray(0, bytesRead);
        if (!this.decoder) {
          const { encoding, bom } = detectEncoding(bytes);
          this.decoder = new TextDecoder(encoding as TextEncodingName, { ignoreBOM: true });
          bytes = bytes.subarray(bom);
        }
        this.offset += bytesRead;
        result.bytes += bytesRead;
        this.consume(this.decoder.decode(bytes, { stream: true }), onLine, result);
      }
    } catch (err) {
      result.error = describeError(err);
    } finally {
      await handle.close().catch(() => undefined);
    }
    return result;
  }

  private consume(text: string, onLine: (text: string, lineNo: number) => void, result: TailResult): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      let line = text.slice(start, nl);
      start = nl + 1;
      this.lineNo++;
      if (this.skipping) {
        this.skipping = false;
        this.partial = '';
        continue;
      }
      if (this.partial) {
        line = this.partial + line;
        this.partial = '';
      }
      if (line.length > this.maxLine) {
        result.overlong++;
        continue;
      }
      onLine(line.endsWith('\r') ? line.slice(0, -1) : line, this.lineNo);
    }
    if (start < text.length) {
      if (this.skipping) return;
      this.partial += text.slice(start);
      if (this.partial.length > this.maxLine) {
        // Drop the oversized line now rather than hold it; the rest of it is skipped up to its line break.
        this.partial = '';
        this.skipping = true;
        result.overlong++;
      }
    }
  }

  /** The held partial last line, for a one-shot read that treats end of file as end of line. */
  takePartial(onLine: (text: string, lineNo: number) => void): void {
    if (this.skipping || !this.partial) return;
    const line = this.partial;
    this.partial = '';
    this.lineNo++;
    onLine(line, this.lineNo);
  }
}
