import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../../core/corpus/loadCorpus';
import { clusterVectors, compareWithNorms, parseNormsCsv, vectorGeometry } from '../../core/emotions/geometry';
import { accuracy, inTopK, LabelledScores } from '../../core/emotions/heldout';
import { Command, UsageError } from '../command';
import { openEmbedded } from '../embedded';

const CORPUS = join(__dirname, '..', 'media', 'corpus');

/**
 * Measures the shipped vectors on the corpus's held-out split (never used to build
 * them) and their geometry; with --norms, against human valence/arousal ratings.
 */
export const command: Command = {
  name: 'validate',
  summary: 'Measure the vectors on the held-out corpus',
  usage: 'emotion-lens validate [--json] [--norms CSV] [--corpus DIR]',
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, norms: { type: 'string' }, corpus: { type: 'string', default: CORPUS } },
    });
    let normsText: string | undefined;
    if (values.norms) {
      try {
        normsText = await readFile(values.norms, 'utf8');
      } catch {
        throw new UsageError(`cannot read --norms ${values.norms}`);
      }
    }
    const corpus = loadCorpus(values.corpus!);
    const { model, scorer } = await openEmbedded();
    const index = new Map(scorer.emotions.map((e, i) => [e, i]));
    const heldout = corpus.entries.filter((e) => e.split === 'heldout' && e.emotion !== null && e.kind !== 'neutral');
    const scored: Array<LabelledScores & { kind: string }> = [];
    try {
      await Promise.all(
        Array.from({ length: 16 }, async (_, worker) => {
          for (let i = worker; i < heldout.length; i += 16) {
            const entry = heldout[i];
            const { scores } = await scorer.readText(entry.text);
            scored[i] = { emotion: index.get(entry.emotion!)!, scores, kind: entry.kind };
          }
        }),
      );
    } finally {
      await model.dispose();
    }
    const stories = accuracy(scored.filter((s) => s.kind === 'story'));
    const assistant = accuracy(scored.filter((s) => s.kind === 'assistant'));
    const desperate = index.get('desperate')!;
    const desperatePassages = scored.filter((s) => s.kind === 'assistant' && s.emotion === desperate);
    const file = scorer.vectors;
    const geometry = vectorGeometry(file.vectors);
    const norms = normsText === undefined ? undefined : compareWithNorms(scorer.emotions, geometry.coords, parseNormsCsv(normsText));
    const report = {
      model: file.header.model,
      feature: file.header.feature,
      chance: { top1: 1 / scorer.emotions.length, top5: 5 / scorer.emotions.length },
      heldout: { stories, assistant },
      desperateInTop5: { passages: desperatePassages.length, rate: inTopK(desperatePassages, desperate, 5) },
      pca: { pc1: geometry.explained[0], pc2: geometry.explained[1] },
      clusters: clusterVectors(scorer.emotions, file.vectors, 10),
      ...(norms ? { norms } : {}),
    };
    if (values.json) {
      io.stdout(JSON.stringify(report) + '\n');
      return 0;
    }
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const lines = [
      `held-out stories (${stories.texts}): top-1 ${pct(stories.top1)}, top-5 ${pct(stories.top5)}  (chance ${pct(report.chance.top1)} / ${pct(report.chance.top5)})`,
      `held-out assistant passages (${assistant.texts}): top-1 ${pct(assistant.top1)}, top-5 ${pct(assistant.top5)}`,
      `desperate in the top 5 of held-out desperate passages: ${pct(report.desperateInTop5.rate)} of ${desperatePassages.length}`,
      `PCA of the vectors: PC1 ${pct(report.pca.pc1)}, PC2 ${pct(report.pca.pc2)}`,
    ];
    if (norms) {
      const fit = (name: string, f: { r: number; flipped: boolean }) => `${name} |r| = ${f.r.toFixed(2)}${f.flipped ? ' (sign flipped)' : ''}`;
      lines.push(`human norms (${norms.wordsCovered} words): ${fit('PC1~valence', norms.pc1Valence)}, ${fit('PC2~arousal', norms.pc2Arousal)}; ${fit('PC1~arousal', norms.pc1Arousal)}, ${fit('PC2~valence', norms.pc2Valence)}`);
    }
    lines.push('clusters (k-means, k=10):', ...report.clusters.map((c) => `  ${c.join(', ')}`));
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
