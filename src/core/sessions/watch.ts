/**
 * Live sessions: watches the folders that hold session files and hands new
 * events to the caller as files grow. One fs.watch per folder (not per file)
 * keeps the watcher count low and idle CPU at zero; a folder that cannot be
 * watched (watch limit reached, network drive) is polled instead. Bursts of
 * change notifications are debounced per file, and each file is read by one
 * update at a time.
 */
import { promises as fsp, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SessionAdapter } from './adapter';
import { findSessionSources, type SessionRoot } from './discovery';
import type { Session } from './model';
import { SessionFileReader, type NewEvent } from './reader';
import { recogniseFile } from './registry';

export interface WatchOptions {
  roots: SessionRoot[];
  /** New events; `initial` marks the history read when a source is first found. */
  onEvents(events: NewEvent[], info: { path: string; initial: boolean }): void;
  /** A source file was deleted: its sessions are over. */
  onEnded?(path: string, sessions: Session[]): void;
  /** A source could not be read this time (permission denied ...); it is retried on its next change. */
  onError?(path: string, message: string): void;
  /** Quiet time after a change before the file is read. */
  debounceMs?: number;
  /** Interval for folders that fs.watch cannot watch. */
  pollIntervalMs?: number;
  /** For tests and platforms where fs.watch is unreliable: poll every folder. */
  forcePolling?: boolean;
}

interface FolderWatch {
  watcher?: FSWatcher;
  root: SessionRoot;
  depth: number;
}

export class SessionWatcher {
  private readonly readers = new Map<string, SessionFileReader>();
  /** Input file or folder -> sources that read it, so a change notification finds its sources directly. */
  private readonly byInput = new Map<string, Set<string>>();
  private readonly folders = new Map<string, FolderWatch>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly busy = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private pollTimer?: NodeJS.Timeout;
  private closed = false;
  private readonly debounceMs: number;
  private readonly pollMs: number;

  private constructor(private readonly options: WatchOptions) {
    this.debounceMs = options.debounceMs ?? 8;
    // 1 s: a change in a polled folder (a SQLite store's WAL included) shows within 2 s; a poll only stats known inputs.
    this.pollMs = options.pollIntervalMs ?? 1000;
  }

  /** Finds the sources under the roots, reads their history, and starts watching. */
  static async start(options: WatchOptions): Promise<SessionWatcher> {
    const w = new SessionWatcher(options);
    for (const root of options.roots) await w.watchTree(root.path, root, 0);
    const sources = await findSessionSources(options.roots);
    for (const source of sources) await w.add(source.path, source.adapter);
    return w;
  }

  /** Follows one more source (a file the user picked), reading its history first. */
  follow(path: string, adapter: SessionAdapter): Promise<void> {
    return this.add(path, adapter);
  }

  /** Paths currently followed. */
  sources(): string[] {
    return [...this.readers.keys()];
  }

  reader(path: string): SessionFileReader | undefined {
    return this.readers.get(path);
  }

  /** Number of folders watched with fs.watch and polled, for diagnostics. */
  folderCounts(): { watched: number; polled: number } {
    let watched = 0;
    for (const f of this.folders.values()) if (f.watcher) watched++;
    return { watched, polled: this.folders.size - watched };
  }

  private async add(path: string, adapter: SessionAdapter): Promise<void> {
    if (this.readers.has(path) || this.closed) return;
    const reader = new SessionFileReader(path, adapter);
    this.readers.set(path, reader);
    this.index(path, reader);
    await this.runUpdate(path, true);
    // Document formats may read files in other folders (OpenCode's message and part folders).
    for (const input of reader.watchedInputs()) {
      const dir = dirname(input);
      if (!this.folders.has(dir)) this.watchFolder(dir, { path: dir, maxDepth: 0, sniff: false }, 0);
      if (input !== path && !this.folders.has(input)) {
        try {
          if ((await fsp.stat(input)).isDirectory()) this.watchFolder(input, { path: input, maxDepth: 0, sniff: false }, 0);
        } catch {
          // not there yet
        }
      }
    }
  }

  private index(path: string, reader: SessionFileReader): void {
    for (const input of reader.watchedInputs()) {
      let set = this.byInput.get(input);
      if (!set) this.byInput.set(input, (set = new Set()));
      set.add(path);
    }
  }

  private unindex(path: string, inputs: readonly string[]): void {
    for (const input of inputs) this.byInput.get(input)?.delete(path);
  }

  /** Watches a folder and, up to the root's depth, the folders below it. */
  private async watchTree(dir: string, root: SessionRoot, depth: number): Promise<void> {
    if (this.closed || this.folders.has(dir)) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    this.watchFolder(dir, root, depth);
    if (depth >= root.maxDepth) return;
    for (const e of entries) {
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') await this.watchTree(join(dir, e.name), root, depth + 1);
    }
  }

  private watchFolder(dir: string, root: SessionRoot, depth: number): void {
    if (this.folders.has(dir)) return;
    const entry: FolderWatch = { root, depth };
    this.folders.set(dir, entry);
    if (!this.options.forcePolling) {
      try {
        entry.watcher = watch(dir, { persistent: false }, (_event, name) => this.onFolderEvent(dir, name ? String(name) : undefined));
        entry.watcher.on('error', () => {
          // The folder went away or the watch broke: fall back to polling it.
          entry.watcher?.close();
          entry.watcher = undefined;
          this.ensurePolling();
        });
        return;
      } catch {
        entry.watcher = undefined;
      }
    }
    this.ensurePolling();
  }

  private ensurePolling(): void {
    if (this.pollTimer || this.closed) return;
    this.pollTimer = setInterval(() => void this.poll(), this.pollMs);
    this.pollTimer.unref();
  }

  /** Polled folders: every known source in them is re-checked (cheap when unchanged) and new files looked for. */
  private async poll(): Promise<void> {
    for (const [dir, folder] of this.folders) {
      if (folder.watcher) continue;
      for (const [path, reader] of this.readers) if (reader.watchedInputs().some((i) => i === dir || dirname(i) === dir)) this.schedule(path);
      await this.scanFolder(dir, folder);
    }
  }

  private onFolderEvent(dir: string, name: string | undefined): void {
    if (this.closed) return;
    const folder = this.folders.get(dir);
    if (!name) {
      if (folder) void this.scanFolder(dir, folder);
      return;
    }
    const full = join(dir, name);
    let known = false;
    for (const key of [full, dir]) {
      for (const path of this.byInput.get(key) ?? []) {
        this.schedule(path);
        known = true;
      }
    }
    if (!known && folder) this.scheduleDiscovery(full, folder);
  }

  /** A new entry appeared in a watched folder: a new session file, or a folder to watch. */
  private scheduleDiscovery(full: string, folder: FolderWatch): void {
    const key = `discover:${full}`;
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.discover(full, folder);
      }, this.debounceMs),
    );
  }

  private async discover(full: string, folder: FolderWatch): Promise<void> {
    if (this.closed || this.readers.has(full)) return;
    try {
      const stat = await fsp.stat(full);
      if (stat.isDirectory()) {
        if (folder.depth < folder.root.maxDepth) {
          await this.watchTree(full, folder.root, folder.depth + 1);
          const found = await findSessionSources([{ ...folder.root, path: full, maxDepth: folder.root.maxDepth - folder.depth - 1 }]);
          for (const f of found) await this.add(f.path, f.adapter);
        }
        return;
      }
      const adapter = await recogniseFile(full, folder.root.sniff);
      if (adapter && (!folder.root.assistants || folder.root.assistants.includes(adapter.assistant) || adapter.assistant === 'cline')) await this.add(full, adapter);
    } catch {
      // gone again before we looked
    }
  }

  private async scanFolder(dir: string, folder: FolderWatch): Promise<void> {
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      if (!this.readers.has(full) && !this.folders.has(full)) await this.discover(full, folder);
    }
  }

  private schedule(path: string): void {
    if (this.closed || this.timers.has(path)) return;
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        void this.runUpdate(path, false);
      }, this.debounceMs),
    );
  }

  /** Runs one update of a source at a time; a change during an update triggers one more. */
  private async runUpdate(path: string, initial: boolean): Promise<void> {
    const running = this.busy.get(path);
    if (running) {
      this.again.add(path);
      return running;
    }
    const work = (async () => {
      do {
        this.again.delete(path);
        const reader = this.readers.get(path);
        if (!reader || this.closed) return;
        // The file stays indexed while it is read, so a change that arrives meanwhile
        // finds it and asks for one more read (`again`) instead of being taken for a
        // new file; the inputs it had are swapped for the ones it has afterwards.
        const inputs = [...reader.watchedInputs()];
        const update = await reader.update(false);
        this.unindex(path, inputs);
        this.index(path, reader);
        if (update.events.length) this.options.onEvents(update.events, { path, initial });
        if (update.error) this.options.onError?.(path, update.error);
        if (update.ended) {
          this.readers.delete(path);
          this.unindex(path, reader.watchedInputs());
          this.options.onEnded?.(path, reader.sessions());
          return;
        }
      } while (this.again.has(path));
    })();
    this.busy.set(path, work);
    try {
      await work;
    } finally {
      this.busy.delete(path);
    }
  }

  close(): void {
    this.closed = true;
    for (const f of this.folders.values()) f.watcher?.close();
    this.folders.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.pollTimer) clearInterval(this.pollTimer);
  }
}
