/**
 * Builds the embedded model: `npx tsx scripts/convert-model.ts [--out dist/model] [--source DIR]`.
 * --source reads the TF.js graph from another folder (model.json, shards, vocab.json)
 * instead of the installed package's dist/.
 * Reads USE-lite's TF.js graph from the installed npm package and writes the
 * ONNX model, its vocabulary and manifest. Exits non-zero with the reason if
 * the package's graph is not the one the converter expects.
 */
import { parseArgs } from 'node:util';
import { convertModel, DEFAULT_OUT_DIR, locateSourcePackage } from './model/convert';

const USAGE = 'usage: npx tsx scripts/convert-model.ts [--out dist/model] [--source DIR]\n';

function main(): number {
  let out = DEFAULT_OUT_DIR;
  let sourceDir: string | undefined;
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' }, source: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    out = values.out ?? DEFAULT_OUT_DIR;
    sourceDir = values.source;
  } catch (err) {
    process.stderr.write(`convert-model: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  try {
    const installed = locateSourcePackage();
    const source = sourceDir === undefined ? installed : { dir: sourceDir, version: installed.version };
    const { manifest, onnxPath } = convertModel(out, source);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(
      `convert-model: wrote ${onnxPath} (${manifest.bytes} bytes, sha256 ${manifest.sha256}) ` +
        `from ${manifest.sourcePackage}@${manifest.sourceVersion} in ${ms} ms\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`convert-model: FAILED: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main();
