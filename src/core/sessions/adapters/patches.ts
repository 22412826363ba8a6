/**
 * Splits an apply_patch envelope ("*** Begin Patch" / "*** Update File: x")
 * into one edit per file, with the removed and added lines as excerpts.
 */
export interface PatchEdit {
  path: string;
  oldText: string;
  newText: string;
}

export function patchEdits(patch: string): PatchEdit[] {
  const edits: PatchEdit[] = [];
  let current: { path: string; old: string[]; added: string[] } | undefined;
  const close = () => {
    if (current) edits.push({ path: current.path, oldText: current.old.join('\n'), newText: current.added.join('\n') });
  };
  for (const line of patch.split('\n')) {
    const file = /^\*\*\* (?:Update|Add|Delete) File: (.+)$/.exec(line);
    if (file) {
      close();
      current = { path: file[1].trim(), old: [], added: [] };
      continue;
    }
    const moved = /^\*\*\* Move to: (.+)$/.exec(line);
    if (moved && current) {
      current.path = moved[1].trim();
      continue;
    }
    if (!current || line.startsWith('***') || line.startsWith('@@')) continue;
    if (line.startsWith('-')) current.old.push(line.slice(1));
    else if (line.startsWith('+')) current.added.push(line.slice(1));
  }
  close();
  return edits;
}
