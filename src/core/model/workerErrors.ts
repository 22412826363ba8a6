/** Errors cross a worker boundary as plain data (structured clone drops an Error's class). */
export interface SerializedError {
  name: string;
  message: string;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** The error again, with its name (AbortError, LmFolderError…) and message. */
export function deserializeError(e: SerializedError): Error {
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
