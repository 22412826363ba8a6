/**
 * The network check the scenarios rely on, checked itself: inside the namespace
 * scripts/e2e/offline-netns.sh makes, loopback works and stays uncounted, while a
 * connection to any other address fails and shows up in the trap counter and the socket
 * tables the scenarios read. (The addresses tried are documentation-only ranges, and the
 * namespace has no link out, so nothing leaves this machine.)
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { readNetwork, socketOwners } from './harness/network';
import { REPO_ROOT } from './harness/paths';
import { waitFor } from './harness/wait';

/** Runs inside the namespace: does what each line on stdin asks, answers on stdout. */
const INSIDE = `
const net = require('node:net');
const rl = require('node:readline').createInterface({ input: process.stdin });
const answer = (text) => process.stdout.write(text + '\\n');
rl.on('line', (line) => {
  const [what, host, port] = line.split(' ');
  if (what === 'loopback') {
    const server = net.createServer((c) => c.end('hi')).listen(0, '127.0.0.1', () => {
      const c = net.connect(server.address().port, '127.0.0.1');
      c.on('data', (d) => { answer('loopback ' + d); c.destroy(); server.close(); });
      c.on('error', (e) => answer('loopback ' + e.code));
    });
  } else if (what === 'connect') {
    const c = net.connect({ host, port: Number(port) });
    c.on('connect', () => answer('connected'));
    c.on('error', (e) => answer('error ' + e.code));
  }
});
answer('ready');
`;

describe('the offline network namespace the scenarios run code-server in', { timeout: 60_000 }, () => {
  let child: ChildProcessWithoutNullStreams;
  const answers: string[] = [];

  before(async () => {
    child = spawn('bash', [join(REPO_ROOT, 'scripts', 'e2e', 'offline-netns.sh'), process.execPath, '-e', INSIDE], { detached: true });
    createInterface({ input: child.stdout }).on('line', (l) => answers.push(l));
    await waitFor('the process inside the namespace to start', () => answers.includes('ready'), { timeoutMs: 15_000 });
  });

  after(() => {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  });

  /** Sends a request; returns a wait for its answer. */
  const send = (line: string) => {
    const from = answers.length;
    child.stdin.write(`${line}\n`);
    return (answer: RegExp): Promise<string> =>
      waitFor(`an answer to "${line}"`, () => answers.slice(from).find((a) => answer.test(a)), { timeoutMs: 20_000, lastSeen: () => answers.slice(from).join(' | ') });
  };

  it('lets the process reach itself on loopback, and counts nothing for it', async () => {
    const before = readNetwork(child.pid!).trapPackets;
    assert.equal(await send('loopback')(/^loopback /), 'loopback hi');
    assert.equal(readNetwork(child.pid!).trapPackets, before);
  });

  it('counts, shows and refuses a connection to another address (IPv4)', async () => {
    const before = readNetwork(child.pid!).trapPackets;
    const outcome = send('connect 198.51.100.7 443');
    const seen = await waitFor('the attempt in the socket table', () => {
      const n = readNetwork(child.pid!);
      return n.offHostSockets.find((s) => s.text.includes('198.51.100.7:443'));
    }, { timeoutMs: 5_000 });
    assert.match(socketOwners(child.pid!).get(seen.inode) ?? '', /^\d+ /, 'the socket is traced to a process of the group');
    assert.ok(readNetwork(child.pid!).trapPackets > before, 'the trap counter rose');
    assert.match(await outcome(/^(error|connected)/), /^error EHOSTUNREACH$/);
  });

  it('counts and refuses a connection to another address (IPv6)', async () => {
    const before = readNetwork(child.pid!).trapPackets;
    assert.match(await send('connect 2001:db8:1::7 443')(/^(error|connected)/), /^error (EHOSTUNREACH|ENETUNREACH|ETIMEDOUT)$/);
    assert.ok(readNetwork(child.pid!).trapPackets > before, 'the trap counter rose');
  });
});
