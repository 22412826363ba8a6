/**
 * Downloads every file of a catalogue entry into `storageDir/<entry.id>/`.
 *
 * Files already there with the right size and SHA-256 are kept (not fetched
 * again); the others go through downloadFile (resumable, verified). The marker
 * `download.json` is written last, so a folder with a marker that matches the
 * entry is complete. Nothing is written outside `storageDir/<entry.id>/`.
 */
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import {
  DOWNLOAD_MARKER,
  entryBytes,
  localName,
  validateCatalogueEntry,
  type CatalogueEntry,
  type CatalogueFile,
} from './catalogue';
import { AbortError, isAbortError } from '../abortError';
import { downloadFile } from './downloadFile';
import { hashFile } from './hashFile';

export const HUGGING_FACE = 'https://huggingface.co';
/** Hugging Face serves large files from CDN hosts under these domains (redirects from /resolve/). */
export const HUGGING_FACE_HOSTS: readonly string[] = ['huggingface.co', '.huggingface.co', '.hf.co'];

export interface ModelDownloadProgress {
  /** Bytes of the model that are on disk and counted: finished files plus the current file so far. */
  doneBytes: number;
  totalBytes: number;
  /** The file being checked or fetched (its path in the repository). */
  file: string;
  /** 0-based position of `file` among the entry's files. */
  fileIndex: number;
  fileCount: number;
  /** 'checking' while a file already on disk is being verified, 'downloading' while bytes arrive. */
  phase: 'checking' | 'downloading';
}

export interface DownloadModelOptions {
  /** Where repositories are served from (default https://huggingface.co). */
  baseUrl?: string;
  signal?: AbortSignal;
  onProgress?(progress: ModelDownloadProgress): void;
  /** Hosts downloads and redirects may go to; default: Hugging Face and its CDN, or baseUrl's host. */
  allowedHosts?: readonly string[];
  /** Give up on a file when no data arrives for this long (default 30 s). */
  idleTimeoutMs?: number;
}

/** Contents of `download.json`. */
export interface DownloadMarker {
  id: string;
  repo: string;
  revision: string;
  files: { name: string; path: string; size: number; sha256: string }[];
  completedAt: string;
}

/** The folder a catalogue entry downloads into. */
export function modelFolder(entry: CatalogueEntry, storageDir: string): string {
  return join(resolve(storageDir), entry.id);
}

/** The URL of one file of an entry at its pinned revision. */
export function fileUrl(baseUrl: string, entry: CatalogueEntry, file: CatalogueFile): string {
  const base = baseUrl.replace(/\/+$/, '');
  const path = file.path.split('/').map(encodeURIComponent).join('/');
  return `${base}/${entry.repo}/resolve/${entry.revision}/${path}`;
}

function markerFor(entry: CatalogueEntry): Omit<DownloadMarker, 'completedAt'> {
  return {
    id: entry.id,
    repo: entry.repo,
    revision: entry.revision,
    files: entry.files.map((f) => ({ name: localName(f), path: f.path, size: f.size, sha256: f.sha256 })),
  };
}

function markerMatches(marker: unknown, entry: CatalogueEntry): boolean {
  const m = marker as Partial<DownloadMarker> | null;
  const want = markerFor(entry);
  if (!m || m.id !== want.id || m.repo !== want.repo || m.revision !== want.revision || !Array.isArray(m.files)) return false;
  if (m.files.length !== want.files.length) return false;
  return want.files.every((f, i) => {
    const g = m.files?.[i];
    return g !== undefined && g.name === f.name && g.path === f.path && g.size === f.size && g.sha256 === f.sha256;
  });
}

/**
 * Whether the entry's folder is complete: its marker matches the entry and every
 * file is there with the right size (sizes only: hashing was done when it was written).
 */
export async function isModelDownloaded(entry: CatalogueEntry, storageDir: string): Promise<boolean> {
  const folder = modelFolder(entry, storageDir);
  let marker: unknown;
  try {
    marker = JSON.parse(await readFile(join(folder, DOWNLOAD_MARKER), 'utf8'));
  } catch {
    return false;
  }
  if (!markerMatches(marker, entry)) return false;
  for (const file of entry.files) {
    const info = await stat(join(folder, localName(file))).catch(() => undefined);
    if (!info?.isFile() || info.size !== file.size) return false;
  }
  return true;
}

function defaultHosts(baseUrl: string): readonly string[] {
  const host = new URL(baseUrl).hostname;
  return host === 'huggingface.co' ? HUGGING_FACE_HOSTS : [host];
}

/** Downloads (or completes) an entry; resolves with the model's folder. */
export async function downloadModel(
  entry: CatalogueEntry,
  storageDir: string,
  options: DownloadModelOptions = {},
): Promise<string> {
  validateCatalogueEntry(entry);
  const baseUrl = options.baseUrl ?? HUGGING_FACE;
  const allowedHosts = options.allowedHosts ?? defaultHosts(baseUrl);
  const { signal, onProgress } = options;
  const folder = modelFolder(entry, storageDir);
  const totalBytes = entryBytes(entry);
  const fileCount = entry.files.length;

  // Every path written below must stay inside the model's folder.
  const inside = (name: string): string => {
    const path = resolve(folder, name);
    if (!path.startsWith(folder + sep)) throw new Error(`refusing to write ${path} outside ${folder}`);
    return path;
  };

  if (await isModelDownloaded(entry, storageDir)) {
    const last = entry.files[fileCount - 1];
    onProgress?.({ doneBytes: totalBytes, totalBytes, file: last?.path ?? '', fileIndex: fileCount - 1, fileCount, phase: 'checking' });
    return folder;
  }
  // The folder is being changed: it must not look complete until the marker is rewritten.
  await rm(inside(DOWNLOAD_MARKER), { force: true });

  let doneBytes = 0;
  for (const [fileIndex, file] of entry.files.entries()) {
    if (signal?.aborted) throw new AbortError(`download of ${entry.displayName} cancelled`);
    const dest = inside(localName(file));
    const report = (done: number, phase: ModelDownloadProgress['phase']): void =>
      onProgress?.({ doneBytes: done, totalBytes, file: file.path, fileIndex, fileCount, phase });

    report(doneBytes, 'checking');
    if (await alreadyThere(dest, file, signal, entry)) {
      doneBytes += file.size;
      report(doneBytes, 'checking');
      continue;
    }
    const before = doneBytes;
    await downloadFile({
      url: fileUrl(baseUrl, entry, file),
      dest,
      expectedSha256: file.sha256,
      expectedSize: file.size,
      signal,
      allowedHosts,
      idleTimeoutMs: options.idleTimeoutMs,
      onProgress: (received) => report(before + received, 'downloading'),
    });
    doneBytes = before + file.size;
  }

  const marker: DownloadMarker = { ...markerFor(entry), completedAt: new Date().toISOString() };
  const markerPath = inside(DOWNLOAD_MARKER);
  const temporary = inside(`${DOWNLOAD_MARKER}.tmp`);
  await writeFile(temporary, `${JSON.stringify(marker, null, 2)}\n`);
  await rename(temporary, markerPath);
  return folder;
}

/** Whether `dest` already holds exactly this file (size first, then the hash). */
async function alreadyThere(dest: string, file: CatalogueFile, signal: AbortSignal | undefined, entry: CatalogueEntry): Promise<boolean> {
  const info = await stat(dest).catch(() => undefined);
  if (!info?.isFile() || info.size !== file.size) return false;
  try {
    return (await hashFile(dest, signal)).sha256 === file.sha256;
  } catch (err) {
    if (isAbortError(err)) throw new AbortError(`download of ${entry.displayName} cancelled`);
    throw err;
  }
}
