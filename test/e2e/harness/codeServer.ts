import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NetworkSnapshot, readNetwork, socketOwners } from './network';
import { REPO_ROOT } from './paths';
import { sleep, waitFor } from './wait';

/** Runs a command in a fresh network namespace with only loopback (and a trap). */
const NETNS = join(REPO_ROOT, 'scripts', 'e2e', 'offline-netns.sh');

/** The folder Claude Code keeps one project's sessions in, under the temporary HOME. */
export const CLAUDE_PROJECT = join('.claude', 'projects', '-home-dev-slugger');

/**
 * User settings that keep VS Code itself quiet and offline, so that anything the network
 * trap sees comes from what is under test: no telemetry, no welcome page, no update or
 * recommendation checks (the gallery is switched off through EXTENSIONS_GALLERY too).
 */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'github.gitAuthentication': false,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'security.workspace.trust.enabled': false,
};

export interface CodeServerOptions {
  /** Runs after the temporary folders are made and the VSIX installed, before code-server starts. */
  beforeLaunch?: (server: CodeServer) => void | Promise<void>;
}

export interface CodeServerLogs {
  /** code-server's own output (stdout and stderr). */
  server: string;
  /** The extension host's log (exthost.log / remoteexthost.log). */
  extensionHost: string;
  /** The "Emotion Lens" output channel, as the extension host writes it to disk. */
  emotionLens: string;
}

/**
 * One code-server, started for one scenario and torn down after it:
 *  - a temporary HOME (holding the Claude Code project folder the scenario writes into),
 *    user-data folder and extensions folder, so it sees nothing of this machine's own;
 *  - the VSIX installed with `code-server --install-extension`;
 *  - code-server itself inside a network namespace with only loopback (offline-netns.sh),
 *    listening on a unix socket; this process forwards a free port on 127.0.0.1 to that
 *    socket for the browser.
 */
export class CodeServer {
  readonly root: string;
  readonly home: string;
  readonly projectDir: string;
  readonly workspace: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  private readonly socketPath: string;
  private readonly serverLog: string;
  private child: ChildProcess | undefined;
  private proxy: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private networkAtStart: NetworkSnapshot | undefined;
  private lastNetwork: NetworkSnapshot | undefined;
  private watcher: NodeJS.Timeout | undefined;
  /** Every socket to a non-loopback address seen while code-server ran, with its owner. */
  readonly offHostSocketsSeen = new Set<string>();
  exited: string | undefined;

  private constructor(private readonly bin: string) {
    this.root = mkdtempSync(join(tmpdir(), 'el-e2e-'));
    this.home = join(this.root, 'home');
    this.projectDir = join(this.home, CLAUDE_PROJECT);
    this.workspace = join(this.home, 'slugger');
    this.userDataDir = join(this.root, 'user-data');
    this.extensionsDir = join(this.root, 'extensions');
    this.socketPath = join(this.root, 'code-server.sock');
    this.serverLog = join(this.root, 'code-server.log');
    for (const dir of [this.projectDir, this.workspace, join(this.userDataDir, 'User'), this.extensionsDir, join(this.root, 'tmp')]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(this.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  }

  /**
   * Installs the VSIX into a fresh code-server and starts it; resolves when it answers.
   * `beforeLaunch` runs once the temporary folders exist and before code-server starts:
   * the place to put files in them and add user settings the extension must see at activation.
   */
  static async start(bin: string, vsix: string, options: CodeServerOptions = {}): Promise<CodeServer> {
    const server = new CodeServer(bin);
    try {
      server.installExtension(vsix);
      await options.beforeLaunch?.(server);
      await server.launch();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** Merges `extra` into the user settings (settings.json in the user-data folder). */
  addUserSettings(extra: Record<string, unknown>): void {
    const path = join(this.userDataDir, 'User', 'settings.json');
    const current = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...current, ...extra }, null, 2));
  }

  /** The extension's global storage (context.globalStorageUri) in this user-data folder. */
  get globalStorageDir(): string {
    return join(this.userDataDir, 'User', 'globalStorage', 'emotion-lens.emotion-lens');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`;
  }

  /** The environment code-server runs with: nothing of this machine's user but PATH. */
  private env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: this.home,
      USER: process.env.USER ?? 'root',
      SHELL: '/bin/bash',
      LANG: 'C.UTF-8',
      TMPDIR: join(this.root, 'tmp'),
      // No extension gallery: nothing to query, so the server and the workbench do not try.
      EXTENSIONS_GALLERY: '{}',
    };
  }

  /** `code-server --install-extension`, offline too (in a namespace of its own). */
  private installExtension(vsix: string): void {
    const out = execFileSync(
      'bash',
      [NETNS, process.execPath, this.bin, '--install-extension', vsix, '--extensions-dir', this.extensionsDir, '--user-data-dir', this.userDataDir],
      { env: this.env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (!/was successfully installed/.test(out)) throw new Error(`code-server did not install ${vsix}:\n${out}`);
  }

  private async launch(): Promise<void> {
    const log = createWriteStream(this.serverLog);
    const args = [
      NETNS,
      process.execPath,
      this.bin,
      '--auth', 'none',
      '--socket', this.socketPath,
      '--user-data-dir', this.userDataDir,
      '--extensions-dir', this.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--ignore-last-opened',
      this.workspace,
    ];
    // Its own process group, so teardown ends code-server, its extension host and every
    // helper they started, and nothing else.
    const child = spawn('bash', args, { env: this.env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    if (child.pid !== undefined) running.add(child.pid);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    child.on('exit', (code, signal) => {
      this.exited = `code-server exited (code ${code}, signal ${signal})`;
      if (child.pid !== undefined) running.delete(child.pid);
    });

    // Ends early, to report it, when code-server exits instead.
    await waitFor('code-server to listen on its socket', () => this.exited !== undefined || existsSync(this.socketPath), {
      timeoutMs: 60_000,
      lastSeen: () => this.exited ?? this.tail(this.serverLog, 5),
    });
    if (this.exited) throw new Error(`${this.exited}:\n${this.tail(this.serverLog, 40)}`);
    this.proxy = createServer((client) => {
      const upstream = connect(this.socketPath);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      this.proxy?.once('error', reject);
      this.proxy?.listen(0, '127.0.0.1', () => resolve());
    });
    const address = this.proxy.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    await waitFor(
      'code-server to answer /healthz',
      async () => {
        const res = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        return res.ok;
      },
      { timeoutMs: 60_000, lastSeen: () => this.tail(this.serverLog, 5) },
    );
    this.networkAtStart = this.network();
    // Sockets to elsewhere live for seconds (a connect waits for an ARP answer that never
    // comes; a DNS query for a reply), so sampling 4 times a second sees each of them.
    this.watcher = setInterval(() => this.network(), 250);
    this.watcher.unref();
  }

  /** The pid of code-server inside the namespace (the spawned shell execs into it). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The namespace's counters now (the last reading, once code-server has exited). */
  network(): NetworkSnapshot {
    if (this.pid !== undefined && this.exited === undefined) {
      try {
        this.lastNetwork = readNetwork(this.pid);
        if (this.lastNetwork.offHostSockets.length) {
          const owners = socketOwners(this.pid);
          for (const s of this.lastNetwork.offHostSockets) this.offHostSocketsSeen.add(`${s.text}, held by ${owners.get(s.inode) ?? 'a process that has closed it'}`);
        }
      } catch (error) {
        if (!this.lastNetwork) throw error;
      }
    }
    if (!this.lastNetwork) throw new Error('code-server never started, so its network was never read');
    return this.lastNetwork;
  }

  /** Packets code-server, its extension host and the extension sent towards any non-loopback address since start. */
  offHostPacketsSinceStart(): number {
    const now = this.network();
    return now.trapPackets - (this.networkAtStart?.trapPackets ?? now.trapPackets);
  }

  /** The logs, read now from disk. */
  logs(): CodeServerLogs {
    const files = listFiles(join(this.userDataDir, 'logs'));
    const pick = (test: (path: string) => boolean) =>
      files
        .filter(test)
        .map((f) => `--- ${f}\n${readFileSync(f, 'utf8')}`)
        .join('\n');
    return {
      server: existsSync(this.serverLog) ? readFileSync(this.serverLog, 'utf8') : '',
      extensionHost: pick((f) => /exthost\.log$/.test(f)),
      emotionLens: pick((f) => /Emotion Lens\.log$/.test(f)),
    };
  }

  private tail(path: string, lines: number): string {
    if (!existsSync(path)) return '(no output yet)';
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** Stops code-server and its whole process group, closes the forwarder, removes the temporary folders. */
  async stop(options: { keep?: boolean } = {}): Promise<void> {
    clearInterval(this.watcher);
    if (this.child?.pid !== undefined && this.exited === undefined) {
      try {
        this.network();
      } catch {
        // already gone
      }
      const pgid = this.child.pid;
      const exited = new Promise<void>((resolve) => this.child?.once('exit', () => resolve()));
      signalGroup(pgid, 'SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
      signalGroup(pgid, 'SIGKILL');
    }
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.proxy ? this.proxy.close(() => resolve()) : resolve()));
    if (!options.keep) rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Process groups of code-servers still running. They are detached (so teardown can end
 * the whole group), which also means they would outlive this process if it were killed
 * or interrupted: these handlers end them first.
 */
const running = new Set<number>();
process.once('exit', () => {
  for (const pgid of running) signalGroup(pgid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pgid of running) signalGroup(pgid, 'SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone already
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}
