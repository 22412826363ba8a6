/**
 * Splits an apply_patch envelope ("*** Begin Patch" / "*** Update File: x")
 * into one edit per file: the removed and added lines, and each hunk as a
 * replacement (its context and removed lines become its context and added
 * lines), so the whole file can be rebuilt when the session knows it.
 */
import type { Replacement } from '../model';

export interface PatchEdit {
  path: string;
  oldText: string;
  newText: string;
  /** "*** Add File": the added lines are the whole new file. */
  created: boolean;
  /** The hunks in order, context included. */
  replacements: Replacement[];
}

interface OpenFile {
  path: string;
  created: boolean;
  old: string[];
  added: string[];
  hunks: Array<{ before: string[]; after: string[] }>;
}

export function patchEdits(patch: string): PatchEdit[] {
  const edits: PatchEdit[] = [];
  let current: OpenFile | undefined;
  const close = () => {
    if (!current) return;
    const replacements = current.hunks
      .filter((h) => h.before.join('').trim() !== '' || h.after.length > 0)
      .map((h) => ({ oldText: h.before.join('\n'), newText: h.after.join('\n') }));
    edits.push({ path: current.path, oldText: current.old.join('\n'), newText: current.added.join('\n'), created: current.created, replacements });
  };
  const hunk = () => current!.hunks[current!.hunks.length - 1];
  for (const line of patch.split('\n')) {
    const file = /^\*\*\* (Update|Add|Delete) File: (.+)$/.exec(line);
    if (file) {
      close();
      current = { path: file[2].trim(), created: file[1] === 'Add', old: [], added: [], hunks: [{ before: [], after: [] }] };
      continue;
    }
    const moved = /^\*\*\* Move to: (.+)$/.exec(line);
    if (moved && current) {
      current.path = moved[1].trim();
      continue;
    }
    if (!current || line.startsWith('***')) continue;
    if (line.startsWith('@@')) {
      if (hunk().before.length + hunk().after.length > 0) current.hunks.push({ before: [], after: [] });
      continue;
    }
    if (line.startsWith('-')) {
      current.old.push(line.slice(1));
      hunk().before.push(line.slice(1));
    } else if (line.startsWith('+')) {
      current.added.push(line.slice(1));
      hunk().after.push(line.slice(1));
    } else {
      // A context line (a leading space; some writers drop it on blank lines).
      const text = line.startsWith(' ') ? line.slice(1) : line;
      hunk().before.push(text);
      hunk().after.push(text);
    }
  }
  close();
  return edits;
}
