import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fingerprintFolder, type LiveSession, sha256 } from './liveSession';
import { emotionLensErrors, type Scenario } from './scenario';

/**
 * Nothing in code-server's network namespace (code-server, its extension host, the
 * extension and any worker it starts) tried to reach a non-loopback address, and the
 * extension's webview asked the browser for nothing beyond code-server.
 */
export function assertNoNetwork(s: Scenario): void {
  const network = s.server.network();
  assert.deepEqual([...s.server.offHostSocketsSeen], [], "sockets to non-loopback addresses inside code-server's namespace");
  assert.equal(s.server.offHostPacketsSinceStart(), 0, `packets sent towards non-loopback addresses (trap counter now ${network.trapPackets})`);
  const fromWebview = s.workbench.refusedRequests.filter((r) => /extensionId=emotion-lens/.test(r.frame) || /emotion-lens/.test(r.url));
  assert.deepEqual(fromWebview, [], 'requests from the Emotion Lens webview to other hosts');
}

/**
 * Closes VS Code (the extension deactivates), then checks the transcript still holds
 * exactly the sample's bytes and nothing was added to or changed in its project folder.
 */
export async function assertTranscriptUntouched(s: Scenario, session: LiveSession): Promise<void> {
  await session.finish();
  const expected = sha256(session.sampleBytes());
  const before = fingerprintFolder(s.server.projectDir);
  assert.equal(before[`${session.sessionId}.jsonl`], expected, 'the transcript holds exactly the sample as written');
  await s.shutdown();
  assert.deepEqual(readdirSync(s.server.projectDir), [`${session.sessionId}.jsonl`], 'files in the Claude Code project folder');
  assert.deepEqual(fingerprintFolder(s.server.projectDir), before, 'SHA-256 of the project folder\'s files before and after');
}

/** One error-level log entry a scenario expects, described and matched exactly. */
export interface ExpectedError {
  what: string;
  /** Matches the whole message after "[error] " (anchor it: nothing broader is accepted). */
  message: RegExp;
}

/**
 * Emotion Lens logged no error but the expected ones, each exactly once: every error
 * entry (in its own channel, or naming it in the extension host's log) matches one of
 * `expected`, and each of `expected` was logged once.
 */
export function assertOnlyExpectedErrors(s: Scenario, expected: ExpectedError[]): void {
  const errors = emotionLensErrors(s.server.logs());
  const messageOf = (entry: string) => entry.replace(/^\S+ \S+ \[error\] /, '');
  const unexpected = errors.filter((e) => !expected.some((x) => x.message.test(messageOf(e))));
  assert.deepEqual(unexpected, [], 'errors logged by Emotion Lens beyond the expected ones');
  for (const x of expected) {
    const times = errors.filter((e) => x.message.test(messageOf(e))).length;
    assert.equal(times, 1, `${x.what}: logged ${times} times; errors logged: ${JSON.stringify(errors)}`);
  }
}

/** `text` as a regular expression that matches exactly it. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
