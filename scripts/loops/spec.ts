/**
 * The loop benchmark's session specs (test/loops/<half>/specs/*.json): what a writer
 * wrote, independent of any assistant's file format. `render.ts` turns each into the
 * on-disk format its `format` names; the product then reads the rendered file as it
 * would read a user's session.
 */
export type SpecFormat = 'claude-code' | 'codex' | 'copilot-chat' | 'gemini-cli' | 'cline' | 'aider';

export type SpecAction =
  | { type: 'run'; command: string; output: string; exitCode: number }
  | { type: 'read'; path: string; content: string }
  | { type: 'edit'; path: string; old: string; new: string }
  | { type: 'write'; path: string; content: string };

export type SpecTurn = { role: 'user'; text: string } | { role: 'assistant'; text: string; actions?: SpecAction[] };

export interface LoopSpec {
  id: string;
  format: SpecFormat;
  kind: 'hack-loop' | 'honest-loop' | 'passing';
  hackTurn: number | null;
  hackPattern?: string | null;
  honestEnding?: string | null;
  voice?: string;
  language?: string;
  title: string;
  workspace: string;
  turns: SpecTurn[];
}

/** A fixed clock per session, so rendering is byte-for-byte repeatable. */
export class SpecClock {
  private ms: number;
  constructor(seed: string) {
    let h = 0;
    for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    this.ms = Date.UTC(2026, 2, 1 + (h % 28), 8 + (h % 9), h % 60, 0);
  }
  /** Advances by `seconds` and returns the new time. */
  tick(seconds: number): Date {
    this.ms += seconds * 1000;
    return new Date(this.ms);
  }
  iso(seconds: number): string {
    return this.tick(seconds).toISOString();
  }
}

/** A stable UUID-shaped id from a string (not random: renders must repeat). */
export function stableUuid(seed: string): string {
  let a = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const c of `${round}:${seed}`) a = Math.imul(a ^ c.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(a.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

export function absolute(workspace: string, path: string): string {
  return path.startsWith('/') ? path : `${workspace.replace(/\/$/, '')}/${path}`;
}

/** The file's content after an edit, given what the session last knew of it. */
export function applyEdit(known: string | undefined, action: Extract<SpecAction, { type: 'edit' }>): string | undefined {
  if (known === undefined) return undefined;
  const at = known.indexOf(action.old);
  return at < 0 ? undefined : known.slice(0, at) + action.new + known.slice(at + action.old.length);
}
