import { stat } from 'node:fs/promises';
import { findSessionSources, scanRoot, type FoundSource } from '../sessions/discovery';
import { recogniseFile } from '../sessions/registry';

export interface ScanTarget {
  sources: FoundSource[];
  /** Paths that were not session files or could not be read, with why. */
  errors: Array<{ path: string; error: string }>;
}

/** Turns command-line paths into session sources: files are recognised, folders searched. */
export async function resolveScanPaths(paths: readonly string[]): Promise<ScanTarget> {
  const sources: FoundSource[] = [];
  const errors: ScanTarget['errors'] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      errors.push({ path, error: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(error) });
      continue;
    }
    if (info.isDirectory()) {
      const found = await findSessionSources([scanRoot(path)]);
      if (found.length === 0) errors.push({ path, error: 'no session files found in this folder' });
      sources.push(...found);
      continue;
    }
    const adapter = await recogniseFile(path);
    if (adapter) sources.push({ path, adapter, mtimeMs: info.mtimeMs, size: info.size });
    else errors.push({ path, error: 'not a session file of any known assistant' });
  }
  return { sources, errors };
}
