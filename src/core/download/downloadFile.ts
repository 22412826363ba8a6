/**
 * Downloads one file to `dest`, resumably and verified.
 *
 * Bytes go to `dest + '.part'`. When a part is already there (an earlier attempt
 * was cancelled or cut), its bytes are hashed first and only the rest is asked
 * for (`Range: bytes=N-`): a 206 is appended, a 200 (server ignores ranges)
 * starts over, a 416 means the part is already whole and is verified as it is.
 * At the end the size and SHA-256 are checked; a mismatch deletes the part and
 * throws. Only a verified file is renamed into place, so `dest` either does not
 * exist or is exactly the expected file. Cancelling (AbortSignal) or a dropped
 * connection keeps the part for the next attempt.
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname } from 'node:path';
import { AbortError, isAbortError } from '../abortError';
import {
  DownloadError,
  diskError,
  formatBytes,
  isDiskError,
  isDropped,
} from './downloadError';
import { hashInto } from './hashFile';
import { openGet, type OpenResponse } from './httpGet';

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

export interface DownloadFileOptions {
  url: string;
  /** Final path of the file. The directory is created if missing. */
  dest: string;
  /** SHA-256 of the expected bytes, lower-case hex. */
  expectedSha256: string;
  /** Exact size in bytes, when known (checked as the bytes arrive, and at the end). */
  expectedSize?: number;
  signal?: AbortSignal;
  /** Bytes of the file on disk so far (including a resumed part) and the total (0 while unknown). */
  onProgress?(received: number, total: number): void;
  /** Host names the download (and every redirect) may go to; ".example.org" allows subdomains. */
  allowedHosts?: readonly string[];
  /** Give up when no data arrives for this long (default 30 s). */
  idleTimeoutMs?: number;
}

export interface DownloadFileResult {
  path: string;
  size: number;
  sha256: string;
  /** Bytes that were already on disk from an earlier attempt and kept. */
  resumedFrom: number;
  /** Bytes received over the network by this call. */
  transferred: number;
}

interface PartState {
  hash: Hash;
  /** Bytes in the part file that `hash` has seen. */
  bytes: number;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

/** Thrown when the caller's AbortSignal fires. The partial file stays for a later resume. */
function cancelled(label: string): AbortError {
  return new AbortError(`download of ${label} cancelled; the part downloaded so far is kept for next time`);
}

/** Hashes whatever an earlier attempt left in the part file. */
async function readPart(part: string, expectedSize: number | undefined, signal?: AbortSignal): Promise<PartState> {
  const hash = createHash('sha256');
  const info = await stat(part).catch(() => undefined);
  if (!info?.isFile() || info.size === 0) return { hash, bytes: 0 };
  if (expectedSize !== undefined && info.size > expectedSize) {
    // Longer than the file can be: not a prefix of it. Start again.
    await rm(part, { force: true });
    return { hash, bytes: 0 };
  }
  const bytes = await hashInto(part, hash, signal);
  return { hash, bytes };
}

async function waitClosed(stream: WriteStream): Promise<void> {
  if (!stream.closed) await once(stream, 'close').catch(() => undefined);
}

function writeChunk(stream: WriteStream, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => stream.write(chunk, (err) => (err ? reject(err) : resolve())));
}

function endStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

export async function downloadFile(options: DownloadFileOptions): Promise<DownloadFileResult> {
  const { url, dest, expectedSha256, expectedSize, signal, onProgress, allowedHosts } = options;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const label = basename(dest);
  const part = `${dest}.part`;
  const expected = expectedSha256.toLowerCase();
  if (signal?.aborted) throw cancelled(label);

  try {
    await mkdir(dirname(dest), { recursive: true });
  } catch (err) {
    throw isDiskError(err) ? diskError(dirname(dest), url, err) : err;
  }

  let state: PartState;
  try {
    state = await readPart(part, expectedSize, signal);
  } catch (err) {
    if (isAbortError(err)) throw cancelled(label);
    throw err;
  }
  const resumedFrom = state.bytes;
  let total = expectedSize ?? 0;
  onProgress?.(state.bytes, total);

  const finish = async (transferred: number, serverHasNoMore: boolean): Promise<DownloadFileResult> => {
    const size = state.bytes;
    if (expectedSize !== undefined && size !== expectedSize) {
      if (size < expectedSize && !serverHasNoMore) {
        throw new DownloadError(
          `the server sent only ${formatBytes(size)} of ${label} (${formatBytes(expectedSize)} expected) before closing; ` +
            'try again (the download resumes where it stopped).',
          'interrupted',
          url,
        );
      }
      await rm(part, { force: true });
      throw new DownloadError(
        `${label} from ${url} is ${size} bytes, expected ${expectedSize}; the download was deleted. ` +
          'Try again; if this repeats, the file on the server has changed: update Emotion Lens or choose another model.',
        'integrity',
        url,
      );
    }
    const actual = state.hash.digest('hex');
    if (actual !== expected) {
      await rm(part, { force: true });
      throw new DownloadError(
        `${label} from ${url} is not the expected file: its SHA-256 is ${actual}, expected ${expected}; the download was deleted. ` +
          'Try again; if this repeats, the file on the server has changed: update Emotion Lens or choose another model.',
        'integrity',
        url,
      );
    }
    const handle = await open(part, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(part, dest);
    onProgress?.(size, size);
    return { path: dest, size, sha256: actual, resumedFrom, transferred };
  };

  // A part that already has every byte needs no request at all.
  if (expectedSize !== undefined && state.bytes === expectedSize) return finish(0, true);

  let opened: OpenResponse;
  let append = false;
  for (;;) {
    const headers: Record<string, string> = state.bytes > 0 ? { range: `bytes=${state.bytes}-` } : {};
    opened = await openGet({ url, headers, allowedHosts, signal, idleTimeoutMs, label });
    const status = opened.res.statusCode ?? 0;
    if (status === 416 && state.bytes > 0) {
      // Nothing left to send: the part should be the whole file.
      opened.close();
      return finish(0, true);
    }
    if (status === 416) {
      opened.close();
      throw new DownloadError(`downloading ${label} failed: HTTP 416 from ${opened.url} for a plain request.`, 'http', opened.url, 416);
    }
    if (status === 206 && state.bytes > 0) {
      const range = CONTENT_RANGE.exec(opened.res.headers['content-range'] ?? '');
      if (range && Number(range[1]) === state.bytes) {
        append = true;
        if (expectedSize === undefined && range[3] !== '*') total = Number(range[3]);
        break;
      }
      // A range other than the one asked for: drop the part and ask for the whole file
      // (the next request has no Range header, so this happens at most once).
      opened.close();
      await rm(part, { force: true });
      state = { hash: createHash('sha256'), bytes: 0 };
      continue;
    }
    // 200 (or any other 2xx): the whole file from byte 0, whatever the part held.
    state = { hash: createHash('sha256'), bytes: 0 };
    if (expectedSize === undefined) total = Number(opened.res.headers['content-length'] ?? 0) || 0;
    break;
  }

  const response = opened;
  let transferred = 0;
  let oversize = false;
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
  // Write errors arrive through the write callbacks below; this keeps the event from going unhandled.
  out.on('error', () => undefined);
  try {
    // Each chunk is written before it is counted and hashed, so the part on disk, the
    // byte count and the hash always agree, even when the transfer stops halfway.
    for await (const chunk of response.res as AsyncIterable<Buffer>) {
      if (expectedSize !== undefined && state.bytes + chunk.length > expectedSize) {
        oversize = true;
        break;
      }
      await writeChunk(out, chunk);
      state.hash.update(chunk);
      state.bytes += chunk.length;
      transferred += chunk.length;
      onProgress?.(state.bytes, total);
    }
    await endStream(out);
    if (oversize) {
      await rm(part, { force: true });
      throw new DownloadError(
        `${url} sent more than the ${expectedSize} bytes expected for ${label}; the download was deleted. ` +
          'Try again; if this repeats, the file on the server has changed: update Emotion Lens or choose another model.',
        'integrity',
        response.url,
      );
    }
  } catch (err) {
    if (!out.closed) {
      out.destroy();
      await waitClosed(out);
    }
    if (err instanceof DownloadError) throw err;
    const stopped = response.stopped();
    if (stopped) throw stopped instanceof AbortError ? cancelled(label) : stopped;
    if (signal?.aborted) throw cancelled(label);
    if (isDiskError(err)) throw diskError(part, response.url, err);
    if (isDropped(err)) {
      throw new DownloadError(
        `the connection to ${new URL(response.url).hostname} dropped after ${formatBytes(state.bytes)}` +
          `${total ? ` of ${formatBytes(total)}` : ''} of ${label}; try again (the download resumes where it stopped).`,
        'interrupted',
        response.url,
      );
    }
    throw new DownloadError(`downloading ${label} from ${response.url} failed: ${(err as Error).message}.`, 'network', response.url);
  } finally {
    response.close();
  }
  if (signal?.aborted) throw cancelled(label);
  return finish(transferred, false);
}
