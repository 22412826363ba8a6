import type * as Ort from 'onnxruntime-node';
import { disableOnnxTelemetry } from './noTelemetry';

let runtime: typeof Ort | undefined;

/**
 * The native runtime, loaded on first use: CLI commands that never run a model
 * (sessions, --help) and the extension host itself, which only talks to the model
 * workers, never load the native binding. Telemetry is off before it loads.
 */
export function ortRuntime(): typeof Ort {
  if (!runtime) {
    disableOnnxTelemetry();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load of a native module
    runtime = require('onnxruntime-node') as typeof Ort;
  }
  return runtime;
}
