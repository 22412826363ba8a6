import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeServer, type CodeServerLogs, type CodeServerOptions } from './codeServer';
import { REPO_ROOT, RESULTS_DIR } from './paths';
import { linuxVsix } from './vsix';
import { Screenshots, Workbench } from './workbench';

/**
 * code-server's launcher, installed on first use by scripts/e2e/install-code-server.mjs
 * (a no-op when it is there already); the script prints its path last.
 */
function codeServerBin(): string {
  const out = execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'e2e', 'install-code-server.mjs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim().split('\n').pop() ?? '';
}

/** One scenario: a fresh code-server with the VSIX installed, and a browser on it. */
export class Scenario {
  readonly shots: Screenshots;
  readonly resultsDir: string;
  private failures = 0;
  private readonly started = Date.now();

  private constructor(
    readonly name: string,
    readonly server: CodeServer,
    readonly workbench: Workbench,
  ) {
    this.resultsDir = join(RESULTS_DIR, name);
    this.shots = new Screenshots(this.resultsDir);
  }

  /** `options.beforeLaunch` prepares files and settings before code-server starts (see CodeServer.start). */
  static async start(name: string, options: CodeServerOptions = {}): Promise<Scenario> {
    const resultsDir = join(RESULTS_DIR, name);
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });
    const bin = codeServerBin();
    const vsix = linuxVsix();
    const server = await CodeServer.start(bin, vsix, options);
    let workbench: Workbench;
    try {
      workbench = await Workbench.open(server.url);
    } catch (error) {
      printLogs(name, server.logs(), `the workbench did not load: ${(error as Error).message}`);
      await server.stop();
      throw error;
    }
    const scenario = new Scenario(name, server, workbench);
    await scenario.shots.take(workbench.page, 'workbench loaded');
    return scenario;
  }

  /**
   * Runs one step of a scenario, then saves a screenshot named after it. When the step
   * fails, the screenshot is marked FAILED and code-server's, the extension host's and
   * the extension's logs are printed, before the error goes on to the test runner.
   */
  async step<T>(name: string, body: () => Promise<T>): Promise<T> {
    // A dialog left open by an earlier step would swallow this step's clicks and keys.
    const left = await this.workbench.dismissDialog().catch(() => undefined);
    if (left) console.error(`e2e ${this.name}: closed a dialog left open before "${name}": ${left}`);
    try {
      const result = await body();
      await this.shots.take(this.workbench.page, name).catch(() => undefined);
      return result;
    } catch (error) {
      this.failures++;
      await this.shots.take(this.workbench.page, `${name} FAILED`).catch(() => undefined);
      this.printNewLogs(`step "${name}" failed: ${(error as Error).message.split('\n')[0]}`);
      throw error;
    }
  }

  private stopped = false;
  /** How much of each log was printed already: a later failure prints only what is new. */
  private readonly printed: Record<keyof CodeServerLogs, number> = { server: 0, extensionHost: 0, emotionLens: 0 };

  private printNewLogs(why: string): void {
    const logs = safeLogs(this.server);
    if (!logs) return;
    const fresh = { ...logs };
    for (const key of Object.keys(this.printed) as Array<keyof CodeServerLogs>) {
      fresh[key] = logs[key].slice(this.printed[key]);
      this.printed[key] = logs[key].length;
    }
    printLogs(this.name, fresh, why);
  }

  /**
   * Closes the browser and stops code-server (its extension host deactivates the
   * extension), then keeps the logs and what was observed beside the screenshots. The
   * temporary HOME stays until dispose(), so the transcripts can be checked afterwards.
   */
  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const observations = await this.workbench.observations().catch(() => []);
    await this.workbench.close();
    await this.server.stop({ keep: true });
    const logs = safeLogs(this.server);
    if (logs) {
      writeFileSync(join(this.resultsDir, 'code-server.log'), logs.server);
      writeFileSync(join(this.resultsDir, 'extension-host.log'), logs.extensionHost);
      writeFileSync(join(this.resultsDir, 'emotion-lens.log'), logs.emotionLens);
    }
    writeFileSync(
      join(this.resultsDir, 'run.json'),
      JSON.stringify(
        {
          scenario: this.name,
          seconds: Math.round((Date.now() - this.started) / 100) / 10,
          failedSteps: this.failures,
          offHostPackets: safe(() => this.server.offHostPacketsSinceStart()),
          offHostSockets: [...this.server.offHostSocketsSeen],
          refusedBrowserRequests: this.workbench.refusedRequests,
          observations,
        },
        null,
        2,
      ),
    );
  }

  /** Shuts down if needed and removes every temporary folder. */
  async dispose(): Promise<void> {
    await this.shutdown();
    await this.server.stop();
  }
}

function safe<T>(f: () => T): T | string {
  try {
    return f();
  } catch (error) {
    return (error as Error).message;
  }
}

function safeLogs(server: CodeServer): CodeServerLogs | undefined {
  try {
    return server.logs();
  } catch {
    return undefined;
  }
}

/** Prints the logs a failure needs, each cut to its last lines. */
export function printLogs(scenario: string, logs: CodeServerLogs, why: string): void {
  const tail = (text: string, n: number) => {
    const lines = text.trimEnd().split('\n');
    return (lines.length > n ? [`… (${lines.length - n} earlier lines in test-results/e2e/${scenario}/)`] : []).concat(lines.slice(-n)).join('\n');
  };
  console.error(
    [
      `\n===== e2e ${scenario}: ${why}`,
      '----- code-server output (new lines)',
      tail(logs.server || '(nothing new)', 40),
      '----- extension host log (new lines)',
      tail(logs.extensionHost || '(nothing new)', 80),
      '----- "Emotion Lens" output channel (new lines)',
      tail(logs.emotionLens || '(nothing new)', 60),
      '===== end of logs\n',
    ].join('\n'),
  );
}

/**
 * Log entries at error level that belong to Emotion Lens: in its own output channel,
 * every error; in the extension host's log, those that name the extension (its id or
 * its folder) in the message or the stack.
 */
export function emotionLensErrors(logs: CodeServerLogs): string[] {
  const entries = (text: string) => text.split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \[)/);
  const own = entries(logs.emotionLens).filter((e) => /^\S+ \S+ \[error\]/.test(e));
  const host = entries(logs.extensionHost).filter((e) => /^\S+ \S+ \[error\]/.test(e) && /emotion-lens/i.test(e));
  return [...own, ...host].map((e) => e.split('\n').slice(0, 6).join('\n'));
}
