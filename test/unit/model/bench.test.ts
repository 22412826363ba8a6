import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { formatModelBench } from '../../../src/cli/bench/model';
import { command } from '../../../src/cli/commands/bench';
import { UsageError } from '../../../src/cli/command';
import { estimateCpuPeak } from '../../../src/core/model/cpu-peak';
import { flopsPerWindow } from '../../../src/core/model/flops';
import { testModel, testModelDir, WORKER_PATH } from './helpers';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), stdin: process.stdin } };
}

describe('emotion-lens bench (model section)', () => {
  test('--json reports both runtimes on the same windows, the ratio, GFLOP/s against peak, load times and RSS', async () => {
    const { out, err, io: cliIo } = io();
    const code = await command.run(['--json', '--only', 'model', '--iterations', '2', '--batch', '1,2', '--model-dir', testModelDir(), '--worker', WORKER_PATH], cliIo);
    assert.equal(code, 0, err.join(''));
    const { model: r } = JSON.parse(out.join(''));
    assert.equal(r.windowTokens, 128);
    assert.equal(r.flopsPerWindow, flopsPerWindow(testModel().manifest.architecture, 128));
    assert.deepEqual(r.batches.map((b: { batch: number }) => b.batch), [1, 2]);
    for (const b of r.batches) {
      assert.ok(b.onnx.medianMsPerWindow > 0 && b.tfjs.medianMsPerWindow > 0);
      // Which runtime wins is a speed figure for `npm run bench`, not for a test on a busy machine;
      // the test holds the arithmetic that turns the timings into the figures.
      assert.ok(Math.abs(b.ratio - b.tfjs.medianMsPerWindow / b.onnx.medianMsPerWindow) <= 0.05 + 0.01 * b.ratio, `ratio is TF.js/ONNX at batch ${b.batch}`);
      assert.ok(Math.abs(b.onnx.gflops - r.flopsPerWindow / b.onnx.medianMsPerWindow / 1e6) <= 0.06 + 0.01 * b.onnx.gflops, `GFLOP/s at batch ${b.batch}`);
      assert.ok(Math.abs(b.onnx.percentOfPeak - (100 * b.onnx.gflops) / r.machine.peakGflops) <= 0.1 + 0.01 * b.onnx.percentOfPeak, `% of peak at batch ${b.batch}`);
      assert.ok(Math.abs(b.onnx.tokensPerSecond - (128 * 1000) / b.onnx.medianMsPerWindow) < 0.01 * b.onnx.tokensPerSecond);
    }
    assert.match(r.tfjs.backend, /wasm/);
    assert.ok(r.onnx.loadMs > 0 && r.tfjs.loadMs > 0);
    assert.ok(r.maxAbsDiffEmbedding < 1e-5, `embeddings agree: ${r.maxAbsDiffEmbedding}`);
    assert.ok(r.engine.windows > 1 && r.engine.tokensPerSecond > 0);
    assert.ok(r.peakRssMb >= r.rssAfterOnnxLoadMb && r.rssAfterOnnxLoadMb > 0);
    assert.ok(r.machine.peakGflops > 0);
    assert.match(err.join(''), /bench: loading the ONNX model/);

    // Without --json the same report prints as a table.
    const text = formatModelBench(r);
    assert.match(text, /batch {2}ONNX ms\/window/);
    assert.match(text, /Best ONNX: batch [12], [\d.]+ ms\/window, [\d.]+ GFLOP\/s \([\d.]+% of peak\), [\d.]+x (faster|slower) than TF\.js/);
  });

  test('bad arguments are usage errors', async () => {
    const { io: cliIo } = io();
    await assert.rejects(command.run(['--iterations', '0'], cliIo), UsageError);
    await assert.rejects(command.run(['--batch', '1,x'], cliIo), UsageError);
    await assert.rejects(command.run(['--only', 'gpu'], cliIo), UsageError);
  });
});

describe('FLOPs and peak', () => {
  test('FLOPs per 128-token window, counted from the shapes', () => {
    const arch = testModel().manifest.architecture;
    // layer 0 (256 wide): qkv 50.3M, attention 16.8M, out 33.6M, residual 33.6M, FFN 402.7M;
    // layer 1 (512 wide): qkv 201.3M, attention 33.6M, out 67.1M, FFN 402.7M; pooling and tanh layer 0.6M.
    assert.equal(flopsPerWindow(arch, 128), 1_242_169_344);
  });

  test('peak = cores x 2 FMA units x lanes x 2 x GHz, from /proc/cpuinfo', () => {
    const cpu = (vendor: string, family: number, flags: string, mhz: number, n: number) =>
      Array.from({ length: n }, (_, i) => `processor\t: ${i}\nvendor_id\t: ${vendor}\ncpu family\t: ${family}\nmodel name\t: Test CPU\ncpu MHz\t\t: ${mhz}\nflags\t\t: fpu sse2 ${flags}\n`).join('\n');
    assert.equal(estimateCpuPeak(cpu('AuthenticAMD', 25, 'fma avx avx2', 2445.404, 2)).peakGflops, 156.5);
    assert.equal(estimateCpuPeak(cpu('GenuineIntel', 6, 'fma avx avx2 avx512f', 3000, 4)).peakGflops, 768);
    assert.equal(estimateCpuPeak(cpu('AuthenticAMD', 25, 'fma avx2 avx512f', 3000, 1)).lanes, 8);
    assert.equal(estimateCpuPeak(cpu('GenuineIntel', 6, 'sse4_2', 2000, 1)).simd, 'sse');
  });
});
