/**
 * One HTTP GET with the downloader's rules: Node's own http/https (no global
 * fetch, because fetch follows redirects by itself and has no idle timeout; here
 * every hop is checked and a stall is noticed), at most MAX_REDIRECTS hops, never
 * from https down to http, only to allowed hosts, no cookies or credentials, and
 * an idle timeout that fires whenever no data arrives for `idleTimeoutMs`
 * (while connecting, waiting for headers, or mid-body).
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ClientRequest } from 'node:http';
import { AbortError } from '../abortError';
import {
  DownloadError,
  isDropped,
  isUnreachable,
  unreachableError,
} from './downloadError';

export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface GetOptions {
  url: string;
  headers?: Record<string, string>;
  /** Host names a request may go to: exact names, or ".suffix" for a domain and its subdomains. */
  allowedHosts?: readonly string[];
  signal?: AbortSignal;
  idleTimeoutMs: number;
  /** Names the file in messages ("model.onnx"). */
  label: string;
}

/** An open response; `stopped` says why the transfer was cut from our side, if it was. */
export interface OpenResponse {
  res: IncomingMessage;
  url: string;
  /** Set when the idle timeout or the abort signal ended the transfer. */
  stopped(): DownloadError | AbortError | undefined;
  /** Ends the transfer (used after the body is read, or to give up on it). */
  close(): void;
}

export function hostAllowed(hostname: string, allowedHosts: readonly string[] | undefined): boolean {
  if (!allowedHosts) return true;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return allowedHosts.some((entry) => {
    const allowed = entry.toLowerCase();
    return allowed.startsWith('.') ? host.endsWith(allowed) || host === allowed.slice(1) : host === allowed;
  });
}

/**
 * Checks a redirect target and returns the absolute URL to follow, or throws a
 * DownloadError saying why it will not be followed.
 */
export function checkRedirect(from: string, location: string | undefined, allowedHosts?: readonly string[]): string {
  if (!location) {
    throw new DownloadError(`${from} redirected without saying where to; try again later.`, 'redirect', from);
  }
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new DownloadError(`${from} redirected to an invalid address (${location}).`, 'redirect', from);
  }
  const source = new URL(from);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new DownloadError(`${from} redirected to ${target.protocol} which the downloader does not follow.`, 'redirect', from);
  }
  if (source.protocol === 'https:' && target.protocol !== 'https:') {
    throw new DownloadError(
      `${from} redirected from https to plain http (${target.href}); the download was stopped so it stays encrypted.`,
      'redirect',
      from,
    );
  }
  if (!hostAllowed(target.hostname, allowedHosts)) {
    throw new DownloadError(
      `${from} redirected to ${target.hostname}, which is not a host the downloader trusts for this model.`,
      'redirect',
      from,
    );
  }
  return target.href;
}

function httpStatusError(status: number, url: string, label: string): DownloadError {
  const what =
    status === 401 || status === 403
      ? 'the server refused access (the model may have been made private or gated)'
      : status === 404
        ? 'the file was not found (the model may have been moved or deleted)'
        : status === 429
          ? 'the server is rate-limiting downloads; wait a few minutes and try again'
          : status >= 500
            ? 'the server had an error; try again later'
            : 'the server answered with an unexpected status';
  return new DownloadError(`downloading ${label} failed: HTTP ${status} from ${url}: ${what}.`, 'http', url, status);
}

/** Opens a GET, following redirects; resolves with the final response (2xx or 416). */
export async function openGet(options: GetOptions): Promise<OpenResponse> {
  let url = options.url;
  const first = new URL(url);
  if (first.protocol !== 'http:' && first.protocol !== 'https:') {
    throw new DownloadError(`cannot download ${url}: only http and https addresses are supported.`, 'redirect', url);
  }
  if (!hostAllowed(first.hostname, options.allowedHosts)) {
    throw new DownloadError(`cannot download ${url}: ${first.hostname} is not an allowed host.`, 'redirect', url);
  }
  for (let hop = 0; ; hop++) {
    const opened = await requestOnce(url, options);
    const status = opened.res.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      opened.close();
      if (hop >= MAX_REDIRECTS) {
        throw new DownloadError(
          `downloading ${options.label} failed: more than ${MAX_REDIRECTS} redirects starting at ${options.url}; try again later.`,
          'redirect',
          url,
        );
      }
      url = checkRedirect(url, opened.res.headers.location, options.allowedHosts);
      continue;
    }
    if ((status >= 200 && status < 300) || status === 416) return opened;
    opened.close();
    throw httpStatusError(status, url, options.label);
  }
}

function requestOnce(url: string, options: GetOptions): Promise<OpenResponse> {
  const { signal, idleTimeoutMs, label } = options;
  if (signal?.aborted) return Promise.reject(new AbortError(`download of ${label} cancelled`));
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  let stopReason: DownloadError | AbortError | undefined;
  return new Promise<OpenResponse>((resolve, reject) => {
    const req: ClientRequest = client.request(target, {
      method: 'GET',
      headers: { 'user-agent': 'emotion-lens', 'accept-encoding': 'identity', ...options.headers },
      // No keep-alive agent: one connection per request, closed when done.
      agent: false,
    });
    const stop = (reason: DownloadError | AbortError): void => {
      if (stopReason) return;
      stopReason = reason;
      req.destroy(reason);
    };
    const onAbort = (): void => stop(new AbortError(`download of ${label} cancelled`));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.setTimeout(idleTimeoutMs, () => {
      stop(
        new DownloadError(
          `${target.hostname} sent no data for ${idleTimeoutMs / 1000} s while downloading ${label}; ` +
            'check the network connection and try again (the download resumes where it stopped).',
          'timeout',
          url,
        ),
      );
    });
    const cleanup = (): void => signal?.removeEventListener('abort', onAbort);
    req.on('close', cleanup);
    req.on('error', (err) => {
      if (stopReason) return reject(stopReason);
      if (isUnreachable(err)) return reject(unreachableError(target.hostname, url, err));
      if (isDropped(err)) {
        return reject(
          new DownloadError(
            `the connection to ${target.hostname} dropped while downloading ${label}; try again (the download resumes where it stopped).`,
            'interrupted',
            url,
          ),
        );
      }
      reject(new DownloadError(`downloading ${label} from ${url} failed: ${(err as Error).message}.`, 'network', url));
    });
    req.on('response', (res) => {
      resolve({
        res,
        url,
        stopped: () => stopReason,
        close: () => {
          cleanup();
          res.resume();
          req.destroy();
        },
      });
    });
    req.end();
  });
}
