/**
 * `npm run calibrate`: builds the embedded model's 171 emotion vectors from the
 * corpus and writes media/vectors/use-lite.elvec. Needs the build's model
 * (dist/model) and worker (dist/modelWorker.js). Prints every candidate recipe
 * that was compared on the held-out split.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/core/corpus/loadCorpus';
import { calibrate } from '../src/core/emotions/calibrate';
import { formatCandidates } from '../src/core/emotions/candidateTable';
import { parseRecipe } from '../src/core/emotions/recipe';
import { activateWith } from '../src/core/emotions/modelActivate';
import { encodeVectorFile } from '../src/core/emotions/vectorFile';
import { readManifest } from '../src/core/model/manifest';
import { UseLiteModel } from '../src/core/model/use-lite';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'media/corpus' },
    model: { type: 'string', default: 'dist/model' },
    worker: { type: 'string', default: 'dist/modelWorker.js' },
    out: { type: 'string', default: 'media/vectors/use-lite.elvec' },
    // `--recipe paper` builds only the paper's mean-difference candidates, for comparison.
    recipe: { type: 'string' },
  },
});

async function main(): Promise<void> {
  const corpus = loadCorpus(values.corpus!);
  if (corpus.problems.length > 0) {
    console.error(`calibrate: the corpus has ${corpus.problems.length} problems, e.g. ${corpus.problems[0].file}:${corpus.problems[0].line}: ${corpus.problems[0].message}`);
    process.exit(1);
  }
  const manifest = await readManifest(values.model!);
  const model = new UseLiteModel({ modelDir: values.model!, workerPath: values.worker! });
  const started = Date.now();
  try {
    const { file, candidates } = await calibrate({
      emotions: corpus.emotions,
      entries: corpus.entries,
      activate: activateWith(model),
      model: { id: manifest.modelId, sha256: manifest.sha256 },
      ...(values.recipe === undefined ? {} : { recipes: [parseRecipe(values.recipe)] }),
      onProgress: (done, total) => {
        if (done % 500 === 0 || done === total) process.stderr.write(`calibrate: read ${done}/${total} texts\n`);
      },
    });
    const bytes = encodeVectorFile(file);
    mkdirSync(dirname(values.out!), { recursive: true });
    writeFileSync(values.out!, bytes);
    console.log(formatCandidates(candidates));
    console.log(`\n${file.header.choice.reason}`);
    console.log(`length law: ${file.header.lengthLaw?.form}; minimum readable length ${file.header.lengthLaw?.minReadableTokens} tokens: ${file.header.lengthLaw?.reason}`);
    console.log(`wrote ${values.out} (${(bytes.length / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s; corpus ${file.header.corpus.sha256.slice(0, 12)}…, model ${manifest.sha256.slice(0, 12)}…`);
  } finally {
    await model.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(`calibrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
