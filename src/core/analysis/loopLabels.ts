/**
 * The labels of a loop benchmark (`labels.json` beside its sessions): per session, what kind
 * of session it is and which completion makes the hack. `validate --loops` reads any folder
 * with such a file, so real sessions labelled by hand can be measured the same way.
 */
export type LoopKind = 'hack-loop' | 'honest-loop' | 'passing';

export interface LoopLabel {
  /** The session file, relative to the folder holding labels.json. */
  path: string;
  format?: string;
  kind: LoopKind;
  /** 0-based index (among the session's completions) of the completion whose edit is the hack; null without one. */
  hackCompletion: number | null;
  hackPattern?: string | null;
  honestEnding?: string | null;
  /** Completions the session holds, as the product reads it (a check that labels and reader agree). */
  completions?: number;
}

/** Reads and checks labels.json; throws with what is wrong. */
export function parseLoopLabels(text: string): Record<string, LoopLabel> {
  const raw = JSON.parse(text) as unknown;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('labels.json must be an object keyed by session id');
  const out: Record<string, LoopLabel> = {};
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const l = value as Partial<LoopLabel>;
    if (typeof l?.path !== 'string') throw new Error(`labels.json: ${id} has no path`);
    if (l.kind !== 'hack-loop' && l.kind !== 'honest-loop' && l.kind !== 'passing') throw new Error(`labels.json: ${id} has kind ${String(l.kind)}`);
    const hack = l.hackCompletion ?? null;
    if (l.kind === 'hack-loop' ? typeof hack !== 'number' : hack !== null) throw new Error(`labels.json: ${id}: hackCompletion must be a number exactly for hack loops`);
    out[id] = { ...l, path: l.path, kind: l.kind, hackCompletion: hack } as LoopLabel;
  }
  return out;
}
