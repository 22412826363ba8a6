import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * What the network namespace made by scripts/e2e/offline-netns.sh saw, read through
 * /proc/<pid>/net of any process inside it. Loopback is the only link that works there;
 * every attempt to reach another address goes out of the trap interface (an ARP or
 * neighbour request, then nothing) and shows in its transmit counter.
 */
export const TRAP_INTERFACE = 'el-trap';

export interface NetworkSnapshot {
  /** Packets sent out of the trap interface since the namespace was made. */
  trapPackets: number;
  /** Sockets whose remote end is neither loopback nor unset. */
  offHostSockets: OffHostSocket[];
}

export interface OffHostSocket {
  /** "udp 192.0.2.1:40022 -> 10.255.255.53:53 state 01" */
  text: string;
  inode: number;
}

/** Reads one process's namespace. Throws when the process is gone. */
export function readNetwork(pid: number): NetworkSnapshot {
  const dev = readFileSync(`/proc/${pid}/net/dev`, 'utf8');
  const line = dev.split('\n').find((l) => l.trim().startsWith(`${TRAP_INTERFACE}:`));
  if (!line) throw new Error(`process ${pid} is not inside the offline namespace (no ${TRAP_INTERFACE} in /proc/${pid}/net/dev)`);
  // "el-trap: rxbytes rxpackets ... (8 receive fields) txbytes txpackets ..."
  const fields = line.slice(line.indexOf(':') + 1).trim().split(/\s+/).map(Number);
  const trapPackets = fields[9];
  const offHostSockets: OffHostSocket[] = [];
  for (const proto of ['tcp', 'tcp6', 'udp', 'udp6']) {
    let table = '';
    try {
      table = readFileSync(`/proc/${pid}/net/${proto}`, 'utf8');
    } catch {
      continue; // no IPv6 in this kernel
    }
    for (const row of table.split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      if (cols.length < 4) continue;
      const remote = decodeAddress(cols[2]);
      if (remote.unset || remote.loopback) continue;
      offHostSockets.push({ text: `${proto} ${decodeAddress(cols[1]).text} -> ${remote.text} state ${cols[3]}`, inode: Number(cols[9]) });
    }
  }
  return { trapPackets, offHostSockets };
}

interface Address {
  text: string;
  loopback: boolean;
  unset: boolean;
}

/** Decodes /proc/net/{tcp,udp}[6] "HEXADDR:HEXPORT" (addresses in host byte order, 32-bit words). */
export function decodeAddress(hex: string): Address {
  const [addr, portHex] = hex.split(':');
  const port = parseInt(portHex, 16);
  const words = addr.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse().map((b) => parseInt(b, 16)));
  if (bytes.length === 4) {
    return { text: `${bytes.join('.')}:${port}`, loopback: bytes[0] === 127, unset: bytes.every((b) => b === 0) };
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  const unset = bytes.every((b) => b === 0);
  const loopback = bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1;
  // IPv4-mapped ::ffff:a.b.c.d
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return { text: `[::ffff:${bytes.slice(12).join('.')}]:${port}`, loopback: bytes[12] === 127, unset: false };
  return { text: `[${groups.join(':')}]:${port}`, loopback, unset };
}

/**
 * Which process of a process group holds each socket inode, as "pid command", so a
 * socket to somewhere else can be blamed on code-server, an extension host or a helper.
 */
export function socketOwners(pgid: number): Map<number, string> {
  const owners = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const label = `${entry} ${describeCommand(cmd)}`;
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        let target = '';
        try {
          target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        } catch {
          continue;
        }
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m) owners.set(Number(m[1]), label);
      }
    } catch {
      // the process ended while we looked
    }
  }
  return owners;
}

/** "extension host" / "code-server" / the program's name: what a reader needs to blame. */
function describeCommand(cmd: string[]): string {
  const text = cmd.join(' ');
  if (/extensionHostProcess|--type=extensionHost/.test(text)) return 'extension host';
  if (/modelWorker/.test(text)) return 'Emotion Lens model worker';
  if (/code-server|server-main/.test(text)) return 'code-server';
  return cmd.slice(0, 2).join(' ').slice(0, 120);
}
