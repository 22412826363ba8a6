/**
 * onnxruntime (1.29 and later) sends usage telemetry from its native library on
 * Linux unless ORT_DISABLE_TELEMETRY is set. Emotion Lens never opens a network
 * connection, so the variable is set before the native library is first loaded.
 * It must be set on the main thread: a worker's process.env is a copy the native
 * library never sees, while the main thread's changes reach the real environment
 * that workers (and the library inside them) read.
 */
export function disableOnnxTelemetry(): void {
  process.env.ORT_DISABLE_TELEMETRY = '1';
}
