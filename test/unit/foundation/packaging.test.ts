import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageRuntime } from '../../../scripts/lib/stageRuntime';

const MAX_VSIX_BYTES = 50 * 1024 * 1024;

test('staging for linux-arm64 copies only linux/arm64 binaries', () => {
  const dist = mkdtempSync(join(tmpdir(), 'el-stage-'));
  try {
    const files = stageRuntime('linux-arm64', dist);
    const binaries = files.filter((f) => f.includes('/bin/'));
    assert.ok(binaries.some((f) => f.endsWith('linux/arm64/onnxruntime_binding.node')), 'binding copied');
    assert.deepEqual(
      binaries.filter((f) => !f.includes('/linux/arm64/')),
      [],
      'no other platform binaries',
    );
    assert.ok(existsSync(join(dist, 'node_modules', 'onnxruntime-common', 'package.json')));
    assert.ok(!files.some((f) => f.endsWith('.map')), 'no source maps');
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});

test('staging for a platform onnxruntime-node does not ship fails with a clear message', () => {
  const dist = mkdtempSync(join(tmpdir(), 'el-stage-'));
  try {
    // onnxruntime-node 1.30.0 dropped Intel macOS binaries.
    assert.throws(() => stageRuntime('darwin-x64', dist), /ships no onnxruntime_binding\.node for darwin\/x64.*Available: .*linux\/x64/);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});

test('npm run package writes a lean linux-x64 VSIX with the extension, webview, model and one binding', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'el-vsix-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/package.ts', '--target', 'linux-x64', '--skip-checks', '--out-dir', outDir], {
      stdio: 'pipe',
    });
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    const vsix = join(outDir, `emotion-lens-${version}-linux-x64.vsix`);
    assert.ok(statSync(vsix).size <= MAX_VSIX_BYTES, `VSIX is ${statSync(vsix).size} bytes`);
    const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const required of ['extension/dist/extension.js', 'extension/dist/webview.js', 'extension/dist/cli.js', 'extension/package.json']) {
      assert.ok(listing.includes(required), `${required} packaged`);
    }
    const bindings = listing.filter((f) => f.endsWith('onnxruntime_binding.node'));
    assert.deepEqual(bindings, ['extension/dist/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node']);
    const leaked = listing.filter((f) => /^extension\/(src|test|scripts|webview)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'));
    assert.deepEqual(leaked, [], 'no sources, tests or maps');
    assert.ok(!listing.some((f) => f.startsWith('extension/node_modules/')), 'no project node_modules');
    for (const file of ['dist/model/use-lite.onnx', 'dist/model/use-lite.manifest.json', 'dist/model/use-lite.vocab.json', 'dist/modelWorker.js', 'media/vectors/use-lite.elvec']) {
      assert.ok(listing.includes(`extension/${file}`), `${file} packaged`);
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
