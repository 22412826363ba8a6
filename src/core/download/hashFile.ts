import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Feeds a file's bytes into `hash` (streamed: model files are hundreds of MB). Resolves with the byte count. */
export async function hashInto(path: string, hash: Hash, signal?: AbortSignal): Promise<number> {
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return bytes;
}

/** SHA-256 (lower-case hex) and size of a file. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const size = await hashInto(path, hash, signal);
  return { sha256: hash.digest('hex'), size };
}
