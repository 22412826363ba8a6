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
 * the next reading opens what the settings name then. A close() while a model is
 * still opening (the settings changed mid-reading) makes that opening stale: its
 * model is not adopted and its failure is not told; the reading opens what the
 * settings name now, so a model path set late is never missed.
 */
export class ScorerProvider {
  private local?: { dir: string; opening: Promise<OpenedScorer> };
  private embedded?: Promise<OpenedScorer>;
  private opened?: CompletionScorer;
  private readonly explained = new Set<string>();
  /** Bumped by close(): an opening begun under an older generation is stale. */
  private generation = 0;

  constructor(private readonly sources: ScorerSources) {}

  /** The scorer once open, without opening it. */
  current(): CompletionScorer | undefined {
    return this.opened;
  }

  async open(): Promise<CompletionScorer> {
    for (;;) {
      const generation = this.generation;
      const scorer = await this.openNamed(generation);
      if (scorer && generation === this.generation) return this.adopt(scorer);
      // Stale: the settings named another model while this one was opening.
    }
  }

  /** Drops the local model (the embedded one stays loaded: it is cheap to keep and often next). */
  close(): void {
    this.generation++;
    void this.local?.opening.then((l) => l.dispose(), () => undefined);
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

  /** The model the settings name, or the embedded one; undefined when the generation went stale while opening. */
  private async openNamed(generation: number): Promise<CompletionScorer | undefined> {
    const dir = this.sources.localDir();
    if (dir) {
      // Settings that name another folder than the one opened: nothing of the old one is kept.
      if (this.local && this.local.dir !== dir) this.close();
      this.local ??= { dir, opening: this.sources.openLocal(dir) };
      try {
        return (await this.local.opening).scorer;
      } catch (error) {
        if (generation !== this.generation) return undefined;
        // Kept as it failed: it is not opened again until close() (settings changed, or calibrated).
        if (!this.explained.has(dir)) {
          this.explained.add(dir);
          this.sources.localFailed(dir, error);
        }
      }
    }
    const embedded = (this.embedded ??= this.sources.openEmbedded());
    try {
      return (await embedded).scorer;
    } catch (error) {
      if (this.embedded === embedded) this.embedded = undefined;
      if (generation !== this.generation) return undefined;
      this.sources.embeddedFailed(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private adopt(scorer: CompletionScorer): CompletionScorer {
    if (this.opened !== scorer) {
      this.opened = scorer;
      this.sources.changed(scorer);
    }
    return scorer;
  }
}
