/** What sits in a folder, to check that reading a store writes nothing. */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Names of the files beside `path`. */
export function listing(path: string): string[] {
  return readdirSync(dirname(path)).sort();
}

/** Every file under `dir` with its size and modification time. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const s = statSync(full);
        out.push(`${full}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}
