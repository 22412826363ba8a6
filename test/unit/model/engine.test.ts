import { after, test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivationEngine } from '../../../src/core/model/engine';
import { loadModelFiles } from '../../../src/core/model/load';
import { OnnxRunner } from '../../../src/core/model/onnx-runner';
import { UseLiteModel } from '../../../src/core/model/use-lite';
import { assignOwners, planWindows } from '../../../src/core/model/windows';
import { maxAbsDiff, testModel, testModelDir, WORKER_PATH } from './helpers';

const modelDir = testModelDir();
const model = new UseLiteModel({ modelDir, workerPath: WORKER_PATH });
const cleanup: string[] = [];
after(async () => {
  await model.dispose();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

const LONG = 'The tests failed again. I changed the parser, reran the suite, and read every stack trace twice. '.repeat(30);

describe('UseLiteModel (worker thread)', () => {
  test('loads lazily on the first request and reports the model it loaded', async () => {
    const a = await model.activations('I am furious and angry.');
    assert.equal(model.manifest?.sha256, testModel().manifest.sha256);
    assert.deepEqual(a.tokens.map((t) => t.piece), ['\u2581I', '\u2581am', '\u2581fur', 'ious', '\u2581and', '\u2581angry', '.']);
    assert.equal(a.perToken.length, 2);
    for (const layer of a.perToken) assert.equal(layer.length, a.tokens.length * 512);
    assert.equal(a.pooled.length, 512);
    assert.equal(a.windows, 1);
    assert.equal(a.truncated, false);
  });

  test('a short text gives exactly the model outputs for its window', async () => {
    const text = 'Let me be honest: I modified the test to make it pass.';
    const a = await model.activations(text);
    const runner = await OnnxRunner.create(readFileSync(testModel().onnxPath), { layers: 2, hidden: 512, padId: -1 });
    const direct = await runner.run([a.tokens.map((t) => t.id)]);
    await runner.release();
    assert.ok(maxAbsDiff(a.perToken[0]!, direct.layers[0]![0]!) < 1e-4);
    assert.ok(maxAbsDiff(a.perToken[1]!, direct.layers[1]![0]!) < 1e-4);
    assert.ok(maxAbsDiff(a.pooled, direct.pooled[0]!) < 1e-4);
  });

  test('a long text is read in overlapping windows; each token takes the reading of the window where it is most central', async () => {
    const a = await model.activations(LONG);
    const n = a.tokens.length;
    assert.ok(n > 400, `${n} tokens`);
    const windows = planWindows(n);
    assert.equal(a.windows, windows.length);
    const owners = assignOwners(windows, n);
    const runner = await OnnxRunner.create(readFileSync(testModel().onnxPath), { layers: 2, hidden: 512, padId: -1 });
    const ids = a.tokens.map((t) => t.id);
    for (const [k, w] of windows.entries()) {
      const out = await runner.run([ids.slice(w.start, w.end)]);
      for (let t = w.start; t < w.end; t++) {
        if (owners[t] !== k) continue;
        for (const l of [0, 1]) {
          const got = a.perToken[l]!.subarray(t * 512, (t + 1) * 512);
          const want = out.layers[l]![0]!.subarray((t - w.start) * 512, (t - w.start + 1) * 512);
          assert.ok(maxAbsDiff(got, want) < 1e-4, `token ${t} layer ${l}`);
        }
      }
    }
    await runner.release();
    // pooled for a long text: the mean of the last layer over all tokens.
    const mean = new Float64Array(512);
    for (let t = 0; t < n; t++) for (let d = 0; d < 512; d++) mean[d]! += a.perToken[1]![t * 512 + d]! / n;
    assert.ok(maxAbsDiff(a.pooled, mean) < 1e-4);
  });

  test('concurrent requests all resolve with their own results', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `request ${i}: ${'word '.repeat(i * 20)}`);
    const results = await Promise.all(texts.map((t) => model.activations(t)));
    results.forEach((r, i) => {
      assert.equal(r.tokens.map((t) => texts[i]!.slice(t.start, t.end)).join(''), texts[i], `request ${i} got its own tokens`);
      assert.equal(r.perToken[1]!.length, r.tokens.length * 512);
      if (i > 0) assert.ok(r.tokens.length > results[i - 1]!.tokens.length);
    });
    const solo = await model.activations(texts[5]!);
    assert.ok(maxAbsDiff(results[5]!.perToken[1]!, solo.perToken[1]!) < 1e-4);
    assert.deepEqual(results[5]!.tokens, solo.tokens);
  });

  test('the caller\'s event loop keeps running while the model works', async () => {
    let ticks = 0;
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const t0 = performance.now();
    let windows = 0;
    try {
      windows = (await model.activations(LONG.repeat(8))).windows;
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - t0;
    assert.ok(windows > 40, `${windows} windows`);
    assert.ok(ticks > 10, `${ticks} timer ticks during inference`);
    // Inference on the caller's thread would stall it for the whole call.
    assert.ok(maxGap < 250 && maxGap < elapsed / 2, `longest stall of the caller's loop: ${maxGap.toFixed(1)} ms of ${elapsed.toFixed(0)} ms`);
  });

  test('an aborted request rejects with AbortError at once and the model keeps serving', async () => {
    const ac = new AbortController();
    const pending = model.activations(LONG.repeat(10), { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    const t0 = performance.now();
    await assert.rejects(pending, { name: 'AbortError' });
    assert.ok(performance.now() - t0 < 1000);
    const pre = new AbortController();
    pre.abort();
    await assert.rejects(model.activations('already aborted', { signal: pre.signal }), { name: 'AbortError' });
    const after = await model.activations('still working');
    assert.equal(after.tokens.length, 2);
  });

  test('bad input: empty text, NUL bytes, lone surrogates and 1 MB of text all give defined results', async () => {
    const empty = await model.activations('');
    assert.equal(empty.tokens.length, 0);
    assert.deepEqual(empty.perToken.map((p) => p.length), [0, 0]);
    assert.ok(empty.pooled.length === 512 && empty.pooled.every((v) => v === 0));

    const odd = await model.activations('a\u0000b \ud800 c\udfff');
    assert.ok(odd.tokens.length > 0);
    assert.ok(odd.perToken[1]!.every(Number.isFinite));
    assert.ok(odd.tokens.some((t) => t.id === 0), 'the lone surrogates are unknown pieces');

    const big = 'x'.repeat(1 << 20);
    const t0 = performance.now();
    const a = await model.activations(big, { maxTokens: 1000 });
    assert.equal(a.tokens.length, 1000);
    assert.equal(a.totalTokens, 1 << 20);
    assert.equal(a.truncated, true);
    assert.equal(a.perToken[0]!.length, 1000 * 512);
    assert.ok(performance.now() - t0 < 30_000);
  });
});

describe('missing or corrupt model files', () => {
  const copyModel = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'emotion-lens-badmodel-'));
    cleanup.push(dir);
    for (const f of ['use-lite.onnx', 'use-lite.vocab.json', 'use-lite.manifest.json']) copyFileSync(join(modelDir, f), join(dir, f));
    return dir;
  };
  const expected = testModel().manifest.sha256;

  test('a missing model file: a clear error naming the file and the expected hash', async () => {
    const dir = copyModel();
    rmSync(join(dir, 'use-lite.onnx'));
    const m = new UseLiteModel({ modelDir: dir, workerPath: WORKER_PATH });
    try {
      await assert.rejects(m.load(), (err: Error) => {
        assert.equal(err.name, 'ModelFileError');
        assert.match(err.message, new RegExp(`model file .*use-lite\\.onnx is missing.*${expected}`));
        assert.match(err.message, /Reinstall the extension/);
        return true;
      });
      await assert.rejects(m.activations('hello'), /is missing/);
    } finally {
      await m.dispose();
    }
  });

  test('a corrupt model file: a clear error with both hashes; repairing the file lets the next load succeed', async () => {
    const dir = copyModel();
    const path = join(dir, 'use-lite.onnx');
    const bytes = readFileSync(path);
    const broken = Buffer.from(bytes);
    broken[broken.length >> 1] ^= 0xff;
    writeFileSync(path, broken);
    const m = new UseLiteModel({ modelDir: dir, workerPath: WORKER_PATH });
    try {
      await assert.rejects(m.load(), new RegExp(`use-lite\\.onnx is corrupt: SHA-256 [0-9a-f]{64}, expected ${expected}`));
      writeFileSync(path, bytes);
      await m.load();
      assert.equal((await m.activations('repaired')).tokens.length, 2);
    } finally {
      await m.dispose();
    }
  });

  test('a missing manifest says which folder was searched', async () => {
    const dir = copyModel();
    rmSync(join(dir, 'use-lite.manifest.json'));
    const m = new UseLiteModel({ modelDir: dir, workerPath: WORKER_PATH });
    try {
      await assert.rejects(m.load(), new RegExp(`model manifest ${dir.replace(/[/\\]/g, '.')}.use-lite\\.manifest\\.json is missing`));
    } finally {
      await m.dispose();
    }
  });
});

describe('ActivationEngine batching (in process)', () => {
  test('windows of concurrent requests share model runs', async () => {
    const loaded = await loadModelFiles(modelDir);
    const engine = new ActivationEngine(loaded.runner, loaded.tokenizer, { maxBatchRows: 8, maxBatchTokens: 512, windowSize: 128, windowOverlap: 32 });
    const texts = Array.from({ length: 10 }, (_, i) => `short request number ${i}`);
    const results = await Promise.all(texts.map((t, i) => engine.submit(i + 1, t, 8192)));
    assert.equal(engine.stats.windows, 10);
    assert.equal(engine.stats.runs, 2, 'rows of 8 + 2');
    const alone = await engine.submit(99, texts[3]!, 8192);
    assert.ok(maxAbsDiff(results[3]!.perToken[1]!, alone.perToken[1]!) < 1e-4, 'batched rows equal a solo run');
    // A cancelled request's queued windows never run.
    const before = engine.stats.windows;
    const p = engine.submit(100, LONG.repeat(4), 8192);
    engine.cancel(100);
    await assert.rejects(p, { name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(engine.stats.windows - before <= 8, 'at most the batch already taken ran');
    await loaded.runner.release();
  });
});
