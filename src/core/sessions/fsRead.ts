/**
 * Read-only file access for transcripts. Files are only ever opened with 'r';
 * text is decoded by BOM (UTF-8, UTF-16 LE/BE, or UTF-16 recognised by its
 * zero bytes), and undecodable bytes become U+FFFD instead of failing.
 */
import { promises as fsp } from 'node:fs';
import type { SourceIO } from './adapter';

/** Documents larger than this are refused rather than loaded (strings cap near 512 MB in V8). */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Encoding of a file from its first bytes, and how many bytes of BOM to skip. */
export function detectEncoding(head: Uint8Array): { encoding: TextEncodingName; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // UTF-16 without BOM: ASCII text with a zero in every other byte.
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) return { encoding: 'utf-16le', bom: 0 };
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: 'utf-8', bom: 0 };
}

export function decodeText(bytes: Uint8Array): string {
  const { encoding, bom } = detectEncoding(bytes);
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom));
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
}

/** Whole file as text; refuses files over `maxBytes`. */
export async function readTextFile(path: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<string> {
  const handle = await fsp.open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new FileTooLargeError(`${path} is ${size} bytes, over the ${maxBytes}-byte limit`);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return decodeText(buffer.subarray(0, read));
  } finally {
    await handle.close();
  }
}

/** The first `bytes` of a file as text, for recognising its format; '' when unreadable. */
export async function readHead(path: string, bytes = 64 * 1024): Promise<string> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return decodeText(buffer.subarray(0, bytesRead));
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}

export const nodeSourceIO: SourceIO = {
  readText: (path) => readTextFile(path),
  list: async (dir) => {
    try {
      return await fsp.readdir(dir);
    } catch {
      return [];
    }
  },
};

/** A short description of a file-system error for reports. */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) {
    const code = String((err as { code: unknown }).code);
    if (code === 'ENOENT') return 'vanished (no such file)';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    // SQLite's codes (SQLITE_CORRUPT ...) say less than its message ("database disk image is malformed").
    if (code.startsWith('SQLITE_') && err instanceof Error && err.message && err.message !== code) return `${err.message} (${code})`;
    return code;
  }
  return err instanceof Error ? err.message : String(err);
}
