import type { Flag } from './types';

/** A flag as it is kept across restarts: which session, which completion, why. */
export interface StoredFlag extends Flag {
  /** The session's key (source path + '#' + session id). */
  sessionKey: string;
  sessionTitle: string;
  /** When the flag was raised (ISO 8601), for ordering. */
  raised: string;
  dismissed: boolean;
  /**
   * For a flag raised from readings (desperation): the id of the model that read
   * them. Readings of different models are never mixed, so such a flag is shown
   * only while that model reads. Test-tampering evidence does not depend on a model.
   */
  model?: string;
}

const VERSION = 1;

/**
 * Flagged completions, kept across restarts in a small JSON document (the host
 * writes it to the extension's global storage). One flag per session, completion
 * and reason: a completion flagged again for the same reason stays one flag, and a
 * dismissed flag stays dismissed.
 */
export class FlagStore {
  private readonly flags = new Map<string, StoredFlag>();

  static parse(text: string | undefined): { store: FlagStore; problem?: string } {
    const store = new FlagStore();
    if (!text) return { store };
    try {
      const doc = JSON.parse(text) as { version?: unknown; flags?: unknown };
      if (doc.version !== VERSION || !Array.isArray(doc.flags)) return { store, problem: 'unknown format, starting afresh' };
      for (const f of doc.flags as StoredFlag[]) {
        if (typeof f?.sessionKey === 'string' && typeof f.completionIndex === 'number' && typeof f.reason === 'string') {
          store.flags.set(FlagStore.id(f), { ...f, dismissed: f.dismissed === true });
        }
      }
      return { store };
    } catch {
      return { store, problem: 'not valid JSON, starting afresh' };
    }
  }

  static id(f: Pick<StoredFlag, 'sessionKey' | 'completionIndex' | 'reason' | 'model'>): string {
    return `${f.sessionKey}|${f.completionIndex}|${f.reason}${f.model ? `|${f.model}` : ''}`;
  }

  /** Adds flags raised with `model`'s readings; returns the ones that are new (not seen before, dismissed or not). */
  add(sessionKey: string, sessionTitle: string, flags: readonly Flag[], now = new Date(), model?: string): StoredFlag[] {
    const added: StoredFlag[] = [];
    for (const flag of flags) {
      const stored: StoredFlag = { ...flag, sessionKey, sessionTitle, raised: now.toISOString(), dismissed: false };
      if (model && flag.reason === 'desperation') stored.model = model;
      const id = FlagStore.id(stored);
      if (this.flags.has(id)) continue;
      this.flags.set(id, stored);
      added.push(stored);
    }
    return added;
  }

  dismiss(id: string): boolean {
    const flag = this.flags.get(id);
    if (!flag || flag.dismissed) return false;
    flag.dismissed = true;
    return true;
  }

  /** Flags not dismissed, newest first; given a model, without those raised from another model's readings. */
  active(model?: string): StoredFlag[] {
    return [...this.flags.values()].filter((f) => !f.dismissed && (!model || !f.model || f.model === model)).sort((a, b) => b.raised.localeCompare(a.raised) || b.completionIndex - a.completionIndex);
  }

  forSession(sessionKey: string, model?: string): StoredFlag[] {
    return this.active(model).filter((f) => f.sessionKey === sessionKey);
  }

  serialize(): string {
    return JSON.stringify({ version: VERSION, flags: [...this.flags.values()] });
  }
}
