import { openEmbedded, type EmbeddedPaths } from './embeddedScorer';
import type { CompletionScorer, Pooling, TextScorer } from './scoring';

/** A model opened for reading, with what frees it (the editor and the CLI open models as this). */
export interface OpenedScorer<S extends CompletionScorer = CompletionScorer> {
  scorer: S;
  dispose(): Promise<void> | void;
}

/** The embedded model and its vectors, as an OpenedScorer. */
export async function openEmbeddedScorer(paths: EmbeddedPaths, options: { pooling?: Pooling } = {}): Promise<OpenedScorer<TextScorer>> {
  const { model, scorer } = await openEmbedded(paths, options);
  return { scorer, dispose: () => model.dispose() };
}

export interface ScorerSources {
  /** The folder of the user's own model when the settings name one. */
  localDir(): string | undefined;
  openLocal(dir: string): Promise<OpenedScorer>;
  /** The embedded model and vectors, which always work when the extension is whole. */
  openEmbedded(): Promise<OpenedScorer>;
  /** A local model that cannot be used: told once per folder, with the fix. */
  localFailed(dir: string, error: unknown): void;
  /** The embedded model failed to open (it is retried on the next need). */
  embeddedFailed(message: string): void;
  /** Another model reads now: every reading so far belongs to the previous one. */
  changed(scorer: CompletionScorer | undefined): void;
}

/**
 * Which model reads: the user's own when the settings name one and it opens, else
 * the embedded one. Opened lazily on the first reading, once; close() drops it so
 * the next reading opens what the settings name then.
 */
export class ScorerProvider {
  private local?: Promise<OpenedScorer>;
  private embedded?: Promise<OpenedScorer>;
  private opened?: CompletionScorer;
  private readonly explained = new Set<string>();

  constructor(private readonly sources: ScorerSources) {}

  /** The scorer once open, without opening it. */
  current(): CompletionScorer | undefined {
    return this.opened;
  }

  async open(): Promise<CompletionScorer> {
    const dir = this.sources.localDir();
    if (dir) {
      this.local ??= this.sources.openLocal(dir);
      try {
        return this.adopt((await this.local).scorer);
      } catch (error) {
        // Kept as it failed: it is not opened again until close() (settings changed, or calibrated).
        if (!this.explained.has(dir)) {
          this.explained.add(dir);
          this.sources.localFailed(dir, error);
        }
      }
    }
    this.embedded ??= this.sources.openEmbedded();
    try {
      return this.adopt((await this.embedded).scorer);
    } catch (error) {
      this.embedded = undefined;
      this.sources.embeddedFailed(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Drops the local model (the embedded one stays loaded: it is cheap to keep and often next). */
  close(): void {
    void this.local?.then((l) => l.dispose(), () => undefined);
    this.local = undefined;
    this.explained.clear();
    if (this.opened) {
      this.opened = undefined;
      this.sources.changed(undefined);
    }
  }

  dispose(): void {
    this.close();
    void this.embedded?.then((e) => e.dispose(), () => undefined);
    this.embedded = undefined;
  }

  private adopt(scorer: CompletionScorer): CompletionScorer {
    if (this.opened !== scorer) {
      this.opened = scorer;
      this.sources.changed(scorer);
    }
    return scorer;
  }
}
