/**
 * Estimates this machine's fp32 peak from /proc/cpuinfo, to say how much of it
 * the model reaches:
 *
 *   peak GFLOP/s = cores x FMA units per core x fp32 lanes per FMA x 2 x GHz
 *
 * with 2 FMA units per core (every x86 core with FMA since Haswell / Zen), lanes
 * 16 with AVX-512 (8 on AMD before Zen 5, which runs AVX-512 on 256-bit units),
 * 8 with AVX2, 4 otherwise, and the clock /proc/cpuinfo reports. Turbo clocks
 * above that make the true peak higher, so the percentage is an upper bound.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

export interface CpuPeak {
  model: string;
  cores: number;
  ghz: number;
  simd: 'avx512' | 'avx2' | 'sse';
  fmaUnitsPerCore: number;
  lanes: number;
  peakGflops: number;
  formula: string;
}

export function estimateCpuPeak(cpuinfo?: string): CpuPeak {
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      text = '';
    }
  }
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text ?? '')?.[1]?.trim();
  const flags = new Set((field('flags') ?? '').split(/\s+/));
  const vendor = field('vendor_id') ?? '';
  const family = Number(field('cpu family') ?? 0);
  const mhz = Number(field('cpu MHz') ?? 0) || (cpus()[0]?.speed ?? 0);
  const model = field('model name') ?? cpus()[0]?.model ?? 'unknown';
  const cores = cpuinfo === undefined ? availableParallelism() : Math.max(1, (text.match(/^processor\s*:/gm) ?? []).length);
  const simd: CpuPeak['simd'] = flags.has('avx512f') ? 'avx512' : flags.has('avx2') && flags.has('fma') ? 'avx2' : 'sse';
  const amdHalfWidth = vendor === 'AuthenticAMD' && family < 26;
  const lanes = simd === 'avx512' && !amdHalfWidth ? 16 : simd === 'sse' ? 4 : 8;
  const fmaUnitsPerCore = 2;
  const ghz = mhz / 1000;
  const peakGflops = cores * fmaUnitsPerCore * lanes * 2 * ghz;
  return {
    model,
    cores,
    ghz: Math.round(ghz * 1000) / 1000,
    simd,
    fmaUnitsPerCore,
    lanes,
    peakGflops: Math.round(peakGflops * 10) / 10,
    formula: `${cores} cores x ${fmaUnitsPerCore} FMA units x ${lanes} fp32 lanes x 2 flops x ${ghz.toFixed(3)} GHz`,
  };
}
