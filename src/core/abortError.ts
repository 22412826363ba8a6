/**
 * The one error a cancelled operation rejects with, whichever part of the core ran it:
 * a model request, a language-model read, a download, a worker task. It is named
 * AbortError as the platform's own are (fetch, an AbortSignal's default reason), so
 * `isAbortError` also recognises those, and errors rebuilt by name after crossing a
 * worker thread (see model/workerErrors.ts).
 */
export class AbortError extends Error {
  override name = 'AbortError';
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
