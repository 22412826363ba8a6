/**
 * Bounded waits. Every wait in the end-to-end tests has a limit and, when it runs out,
 * says what it waited for and what it saw last, so a failure reads as a sentence.
 */
export class WaitTimeout extends Error {}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Calls `probe` every `intervalMs` until it returns something other than undefined (or
 * false), and returns that; throws WaitTimeout after `timeoutMs`. `describe` turns the
 * last value seen into text for the error.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs: number; intervalMs?: number; lastSeen?: () => Promise<string> | string },
): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started >= options.timeoutMs) {
      let seen = '';
      try {
        seen = options.lastSeen ? await options.lastSeen() : '';
      } catch (error) {
        seen = `(could not read: ${(error as Error).message})`;
      }
      const because = lastError ? `; last error: ${(lastError as Error).message}` : '';
      throw new WaitTimeout(`timed out after ${(options.timeoutMs / 1000).toFixed(0)} s waiting for ${what}${seen ? `; last seen: ${seen}` : ''}${because}`);
    }
    await sleep(options.intervalMs ?? 250);
  }
}
