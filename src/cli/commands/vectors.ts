import { parseArgs } from 'node:util';
import { Command } from '../command';
import { openEmbedded } from '../embedded';
import { formatCandidates } from '../../core/emotions/candidateTable';

/** Prints the vector file: its metadata, PCA figures, coordinates and (with --json) every vector. */
export const command: Command = {
  name: 'vectors',
  summary: 'Print the emotion vectors and their metadata',
  usage: 'emotion-lens vectors [--json]',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
    const { model, scorer } = await openEmbedded();
    await model.dispose(); // only the vector file is needed; the model was never started
    const file = scorer.vectors;
    const { header } = file;
    if (values.json) {
      io.stdout(
        JSON.stringify({
          ...header,
          vectors: Object.fromEntries(header.emotions.map((e, i) => [e, Array.from(file.vectors[i], (x) => Number(x.toFixed(6)))])),
          neutral: Object.fromEntries(header.emotions.map((e, i) => [e, { textMean: file.textMean[i], textStd: file.textStd[i], tokenMean: file.tokenMean[i], tokenStd: file.tokenStd[i], lengthLaw: { a: file.lengthLaw.a[i], b: file.lengthLaw.b[i], c: file.lengthLaw.c[i], d: file.lengthLaw.d[i] } }])),
          pca: {
            explainedVariance: header.pcaExplainedVariance,
            coordinates: Object.fromEntries(header.emotions.map((e, i) => [e, [file.coords[2 * i], file.coords[2 * i + 1]]])),
          },
        }) + '\n',
      );
      return 0;
    }
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    io.stdout(
      [
        `${header.emotions.length} emotion vectors, ${header.dims} dimensions, model ${header.model.id} (${header.model.sha256.slice(0, 12)}…)`,
        `recipe: ${header.recipe.kind === 'lda' ? `shrinkage LDA (shrinkage ${header.recipe.shrinkage})` : "the paper's mean difference"}`,
        `feature: ${header.feature} (${header.aggregation}); denoised: ${header.recipe.denoise} (${header.recipe.removedComponents} neutral components, ${pct(header.recipe.removedVarianceShare)} of neutral variance)`,
        `corpus: ${header.corpus.trainTexts} training texts, ${header.corpus.neutralTexts} neutral (${header.corpus.sha256.slice(0, 12)}…)`,
        `PCA explained variance: PC1 ${pct(header.pcaExplainedVariance[0])}, PC2 ${pct(header.pcaExplainedVariance[1])}`,
        `choice: ${header.choice.reason}`,
        formatCandidates(header.choice.candidates),
        header.lengthLaw ? `length law: ${header.lengthLaw.form}; readings of fewer than ${header.lengthLaw.minReadableTokens} tokens are marked too short to read` : 'length law: none (a version 1 file: whole-text statistics at every length)',
        '',
      ].join('\n'),
    );
    return 0;
  },
};
