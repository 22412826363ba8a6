import type { Corpus } from '../corpus/loadCorpus';
import { clusterVectors, compareWithNorms, parseNormsCsv, vectorGeometry } from '../emotions/geometry';
import type { HeldoutReading } from '../emotions/calibrate';
import { accuracy, inTopK, rocAuc } from '../emotions/heldout';
import type { VectorFile } from '../emotions/vectorFile';
import type { TextScorer } from './scoring';

/**
 * The vectors measured on the corpus's held-out split (never used to build them),
 * their geometry and, given human norms, how their axes line up with valence and
 * arousal. `validate` prints it for any model; `calibrate --model` prints it for
 * the vectors it has just built.
 */
export async function validationReport(scorer: TextScorer, corpus: Corpus, normsText?: string, signal?: AbortSignal) {
  const index = new Map(scorer.emotions.map((e, i) => [e, i]));
  const heldout = corpus.entries.filter((e) => e.split === 'heldout' && e.emotion !== null && e.kind !== 'neutral');
  const scored: HeldoutReading[] = [];
  // Several texts in flight let the embedded model batch; a language model serialises them itself.
  await Promise.all(
    Array.from({ length: 16 }, async (_, worker) => {
      for (let i = worker; i < heldout.length; i += 16) {
        const entry = heldout[i];
        const { scores } = await scorer.readText(entry.text, signal);
        scored[i] = { emotion: index.get(entry.emotion!)!, scores, kind: entry.kind };
      }
    }),
  );
  return reportFromReadings(scored, scorer.vectors, scorer.model.label, normsText);
}

/** The report from held-out readings already made (calibration makes them while it chooses its recipe). */
export function reportFromReadings(scored: readonly HeldoutReading[], file: VectorFile, label: string, normsText?: string) {
  const emotions = file.header.emotions;
  const stories = accuracy(scored.filter((s) => s.kind === 'story'));
  const assistant = accuracy(scored.filter((s) => s.kind === 'assistant'));
  const desperate = emotions.indexOf('desperate');
  const desperatePassages = scored.filter((s) => s.kind === 'assistant' && s.emotion === desperate);
  const calm = emotions.indexOf('calm');
  // The desperate reading of held-out desperate texts (stories and passages) against that of held-out calm texts.
  const auc = rocAuc(
    scored.filter((s) => s.emotion === desperate).map((s) => s.scores[desperate]),
    scored.filter((s) => s.emotion === calm).map((s) => s.scores[desperate]),
  );
  const geometry = vectorGeometry(file.vectors);
  const norms = normsText === undefined ? undefined : compareWithNorms(emotions, geometry.coords, parseNormsCsv(normsText));
  return {
    model: { ...file.header.model, label },
    feature: file.header.feature,
    recipe: file.header.recipe.kind ?? 'paper',
    ...(file.header.layer === undefined ? {} : { layer: file.header.layer }),
    chance: { top1: 1 / emotions.length, top5: 5 / emotions.length },
    heldout: { stories, assistant },
    desperateInTop5: { passages: desperatePassages.length, rate: inTopK(desperatePassages, desperate, 5) },
    desperateVsCalmAuc: Number.isNaN(auc) ? null : auc,
    pca: { pc1: geometry.explained[0], pc2: geometry.explained[1] },
    clusters: clusterVectors(emotions, file.vectors, 10),
    ...(norms ? { norms } : {}),
  };
}

export type ValidationReport = ReturnType<typeof reportFromReadings>;

export function formatValidation(report: ValidationReport): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const { stories, assistant } = report.heldout;
  const lines = [
    `model: ${report.model.label} (${report.recipe === 'lda' ? 'shrinkage-LDA' : "the paper's mean-difference"} recipe on ${report.feature})`,
    `held-out stories (${stories.texts}): top-1 ${pct(stories.top1)}, top-5 ${pct(stories.top5)}  (chance ${pct(report.chance.top1)} / ${pct(report.chance.top5)})`,
    `held-out assistant passages (${assistant.texts}): top-1 ${pct(assistant.top1)}, top-5 ${pct(assistant.top5)}`,
    `desperate in the top 5 of held-out desperate passages: ${pct(report.desperateInTop5.rate)} of ${report.desperateInTop5.passages}`,
    `desperate reading, held-out desperate vs calm texts: AUC ${report.desperateVsCalmAuc === null ? 'n/a' : report.desperateVsCalmAuc.toFixed(3)}`,
    `PCA of the vectors: PC1 ${pct(report.pca.pc1)}, PC2 ${pct(report.pca.pc2)}`,
  ];
  const norms = report.norms;
  if (norms) {
    const fit = (name: string, f: { r: number; flipped: boolean }) => `${name} |r| = ${f.r.toFixed(2)}${f.flipped ? ' (sign flipped)' : ''}`;
    lines.push(`human norms (${norms.wordsCovered} words): ${fit('PC1~valence', norms.pc1Valence)}, ${fit('PC2~arousal', norms.pc2Arousal)}; ${fit('PC1~arousal', norms.pc1Arousal)}, ${fit('PC2~valence', norms.pc2Valence)}`);
  }
  lines.push('clusters (k-means, k=10):', ...report.clusters.map((c) => `  ${c.join(', ')}`));
  return lines.join('\n') + '\n';
}
