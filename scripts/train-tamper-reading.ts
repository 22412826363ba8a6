/**
 * Trains the learned tamper reading on the tuning folders (test/tamper/dev*,
 * never the held-out test*) and writes src/core/monitor/tamperLearnedWeights.json,
 * which the build bundles. Deterministic: the same folders give the same file.
 * The threshold is the one leave-one-writer-out CV chooses (scripts/cv-tamper-reading.ts).
 *
 *   npx tsx scripts/train-tamper-reading.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { trainWeights, weightsText } from './lib/tamperReading';

export const WEIGHTS_PATH = 'src/core/monitor/tamperLearnedWeights.json';

const text = weightsText(trainWeights());
if (process.argv.includes('--check')) {
  const same = readFileSync(WEIGHTS_PATH, 'utf8') === text;
  console.log(same ? `${WEIGHTS_PATH} is what training gives` : `${WEIGHTS_PATH} differs from what training gives: run npx tsx scripts/train-tamper-reading.ts`);
  process.exit(same ? 0 : 1);
}
writeFileSync(WEIGHTS_PATH, text);
const weights = JSON.parse(text) as { threshold: number; hack: { weights: object }; patterns: Record<string, { weights: object }> };
console.log(`wrote ${WEIGHTS_PATH}: threshold ${weights.threshold}, ${Object.keys(weights.hack.weights).length} hack weights, ${Object.keys(weights.patterns).length} pattern models, ${text.length} bytes`);
