/**
 * Errors of the model downloader. Every message says what happened, to which
 * file or host, and what the user can do, because the host shows it as is.
 */

export type DownloadErrorKind =
  /** The host could not be reached (no network, DNS failure, connection refused). */
  | 'network'
  /** The server answered with an error status. */
  | 'http'
  /** No data arrived for the idle timeout. */
  | 'timeout'
  /** The connection dropped before the whole file arrived; the part is kept. */
  | 'interrupted'
  /** The bytes are not the expected ones (size or SHA-256); the part was deleted. */
  | 'integrity'
  /** The disk is full or not writable. */
  | 'disk'
  /** A redirect went somewhere the downloader will not follow. */
  | 'redirect';

export class DownloadError extends Error {
  override name = 'DownloadError';
  constructor(
    message: string,
    readonly kind: DownloadErrorKind,
    /** The URL being fetched when it failed (after redirects, if any). */
    readonly url: string,
    /** The HTTP status, for kind 'http'. */
    readonly status?: number,
  ) {
    super(message);
  }
}

const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ENETDOWN']);
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
const DISK = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

export function errorCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether a socket-level error means the host could not be reached at all. */
export function isUnreachable(err: unknown): boolean {
  return UNREACHABLE.has(errorCode(err) ?? '');
}

/** Whether a socket-level error means an open connection dropped. */
export function isDropped(err: unknown): boolean {
  const code = errorCode(err);
  return DROPPED.has(code ?? '') || (err as Error | undefined)?.message === 'aborted';
}

export function isDiskError(err: unknown): boolean {
  return DISK.has(errorCode(err) ?? '');
}

export function unreachableError(host: string, url: string, err: unknown): DownloadError {
  return new DownloadError(
    `could not reach ${host}; downloads need a network connection (${errorCode(err) ?? (err as Error).message}).`,
    'network',
    url,
  );
}

export function diskError(path: string, url: string, err: unknown): DownloadError {
  const code = errorCode(err);
  const what =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EROFS'
        ? 'the disk is read-only'
        : 'the folder is not writable';
  return new DownloadError(
    `could not write ${path}: ${what} (${code ?? (err as Error).message}). ` +
      'Free some space or choose another storage folder, then try again; what was downloaded so far is kept and the download resumes.',
    'disk',
    url,
  );
}

/** A byte count a person can read: "512.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
