/**
 * The cache of prepared models, in a folder of our own (never the user's model
 * folder):
 *   index.json                      per-file SHA-256 and graph facts, keyed by absolute path
 *                                   and checked against size, mtime and inode, so an unchanged
 *                                   multi-gigabyte folder is not re-hashed or re-decoded each start;
 *   <sha256[0..16]>-L<layer>/       one derived (cut) graph: model.onnx + prepared.json.
 * Every write goes to a temporary name first and is renamed into place, so a
 * crash or a second process never leaves a half-written file under a real name.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Stats } from 'node:fs';
import type { GraphFacts } from './onnxFacts';
import type { PreparedLm } from './types';
import { sha256File } from './hashFile';

const INDEX_VERSION = 1;
/** Bump when the cut or the derived graph's layout changes: older derived graphs are then rebuilt. */
export const DERIVED_FORMAT = 1;

interface FileKey {
  size: number;
  mtimeMs: number;
  ino: number;
}

interface IndexFile {
  version: number;
  files: Record<string, FileKey & { sha256: string }>;
  graphs: Record<string, FileKey & { facts: GraphFacts }>;
}

/** What prepared.json records beside a derived graph. */
export interface DerivedRecord extends Pick<PreparedLm, 'layer' | 'tapName' | 'tapFoundBy' | 'inputNames' | 'kvLayers' | 'nodes'> {
  format: number;
  /** The full identity of the source model (the folder name only carries its first 16 hex digits). */
  sha256: string;
  /** Folder the derived graph's external-data `location` entries are relative to (the model folder). */
  externalDataFolder: string;
}

function keyOf(s: Stats): FileKey {
  return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
}

function sameKey(a: FileKey, b: FileKey): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** Writes a file under a temporary name in the same folder, then renames it into place. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

export class ModelCache {
  private dirty = false;

  private constructor(
    readonly dir: string,
    private readonly index: IndexFile,
  ) {}

  static async open(cacheDir: string): Promise<ModelCache> {
    const dir = resolve(cacheDir);
    await mkdir(dir, { recursive: true });
    let index: IndexFile = { version: INDEX_VERSION, files: {}, graphs: {} };
    try {
      const parsed = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as IndexFile;
      if (parsed.version === INDEX_VERSION && parsed.files && parsed.graphs) index = parsed;
    } catch {
      // No index yet, or an unreadable one: start afresh (it only saves work).
    }
    return new ModelCache(dir, index);
  }

  /** SHA-256 of a file, from the index when the file's size, mtime and inode are unchanged. */
  async fileSha256(path: string): Promise<string> {
    const abs = resolve(path);
    const key = keyOf(await stat(abs));
    const known = this.index.files[abs];
    if (known && sameKey(known, key)) return known.sha256;
    const sha256 = await sha256File(abs);
    // If the file changed while it was read, do not remember a hash of a mixture.
    if (sameKey(keyOf(await stat(abs)), key)) {
      this.index.files[abs] = { ...key, sha256 };
      this.dirty = true;
    }
    return sha256;
  }

  /** Facts about a graph file decoded before, if the file is unchanged since. */
  graphFacts(path: string, s: Stats): GraphFacts | undefined {
    const known = this.index.graphs[resolve(path)];
    return known && sameKey(known, keyOf(s)) ? known.facts : undefined;
  }

  rememberGraphFacts(path: string, s: Stats, facts: GraphFacts): void {
    this.index.graphs[resolve(path)] = { ...keyOf(s), facts };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await writeFileAtomic(join(this.dir, 'index.json'), `${JSON.stringify(this.index)}\n`);
    this.dirty = false;
  }

  derivedDir(sha256: string, layer: number): string {
    return join(this.dir, `${sha256.slice(0, 16)}-L${layer}`);
  }

  /** The derived graph for this model and layer, when a complete one is cached. */
  async readDerived(sha256: string, layer: number): Promise<{ path: string; record: DerivedRecord } | undefined> {
    const dir = this.derivedDir(sha256, layer);
    try {
      const record = JSON.parse(await readFile(join(dir, 'prepared.json'), 'utf8')) as DerivedRecord;
      if (record.format !== DERIVED_FORMAT || record.sha256 !== sha256 || record.layer !== layer) return undefined;
      const path = join(dir, 'model.onnx');
      await stat(path);
      return { path, record };
    } catch {
      return undefined;
    }
  }

  /** Stores a derived graph: model.onnx first, prepared.json last (its presence marks the entry complete). */
  async writeDerived(bytes: Uint8Array, record: DerivedRecord): Promise<string> {
    const dir = this.derivedDir(record.sha256, record.layer);
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'model.onnx');
    await writeFileAtomic(path, bytes);
    await writeFileAtomic(join(dir, 'prepared.json'), `${JSON.stringify(record, null, 2)}\n`);
    return path;
  }
}
