import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import { CHROMIUM } from './paths';
import { waitFor } from './wait';

/** Flags for Debian's Chromium here: no sandbox (root), no GPU, and nothing that phones home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface TreeRow {
  label: string;
  description: string;
  /** What a screen reader reads for the row. */
  ariaLabel: string;
  level: number;
}

export interface Toast {
  message: string;
  severity: 'error' | 'warning' | 'info' | 'unknown';
  actions: string[];
}

export interface StatusItem {
  text: string;
  ariaLabel: string;
  /** Set when the item wears the theme's warning or error background. */
  kind: 'warning' | 'error' | undefined;
}

/** What the in-page recorder saw, each the first time it looked that way. */
export interface Observation {
  at: number;
  toast?: Toast;
  status?: StatusItem;
}

/** Saves numbered screenshots of each step under test-results/e2e/<scenario>/. */
export class Screenshots {
  private n = 0;
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async take(page: Page, name: string): Promise<string> {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 70);
    const path = join(this.dir, `${String(++this.n).padStart(2, '0')}-${slug}.png`);
    await page.screenshot({ path, timeout: 15_000 });
    return path;
  }
}

/**
 * The VS Code workbench code-server serves, in Chromium, driven as a person would: the
 * activity bar, views, the command palette, notifications, the status bar, and the
 * extension's webview (nested iframes, reached through Playwright's frames).
 */
export class Workbench {
  /** URLs the browser tried to reach beyond the code-server it was pointed at (all refused). */
  readonly refusedRequests: Array<{ url: string; frame: string }> = [];

  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(url: string): Promise<Workbench> {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const wb = new Workbench(browser, context, page);
      const origin = new URL(url).origin;
      // The browser may talk to this code-server and to nothing else.
      await context.route('**/*', (route) => {
        const request = route.request();
        const target = request.url();
        if (target.startsWith(origin) || /^(data|blob):/.test(target)) return route.continue();
        let frame = '';
        try {
          frame = request.frame().url();
        } catch {
          frame = '(a worker)';
        }
        wb.refusedRequests.push({ url: target, frame });
        return route.abort('blockedbyclient');
      });
      await page.goto(url, { timeout: 60_000 });
      await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
      // Wait until the workbench is restored and extensions have started: the status bar's
      // progress entry ("Activating Extensions...") comes and goes.
      await page.waitForSelector('.part.statusbar', { timeout: 60_000 });
      await wb.installRecorder();
      return wb;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
  }

  /** Clicks the Emotion Lens icon in the activity bar (unless its container is open already). */
  async openEmotionLens(): Promise<void> {
    const icon = this.page.locator('.part.activitybar .action-item a[aria-label^="Emotion Lens"]');
    await icon.waitFor({ timeout: 30_000 });
    const item = this.page.locator('.part.activitybar .action-item:has(a[aria-label^="Emotion Lens"])');
    if ((await item.getAttribute('aria-selected')) !== 'true') await icon.click();
    await this.page.locator('.part.sidebar .pane-header[aria-label="Sessions Section"]').waitFor({ timeout: 30_000 });
  }

  /** The section headers of the open side-bar container, e.g. ["Sessions", "Flagged"]. */
  async sidebarSections(): Promise<string[]> {
    return this.page.locator('.part.sidebar .pane-header h3.title').allInnerTexts();
  }

  /** The title of the open side-bar container (e.g. "EMOTION LENS"). */
  async sidebarTitle(): Promise<string> {
    return (await this.page.locator('.part.sidebar .composite.title h2').first().innerText()).trim();
  }

  private section(view: string) {
    return this.page.locator(`.part.sidebar .pane:has(> .pane-header[aria-label="${view} Section"])`);
  }

  /** The rows a tree view shows now (only those rendered: the views here are short). */
  async treeRows(view: string): Promise<TreeRow[]> {
    return this.section(view)
      .locator('.monaco-list-row')
      .evaluateAll((rows) =>
        rows.map((row) => ({
          label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
          ariaLabel: row.getAttribute('aria-label') ?? '',
          level: Number(row.getAttribute('aria-level') ?? '0'),
        })),
      );
  }

  /** The welcome text a tree view shows while it is empty. */
  async welcomeText(view: string): Promise<string> {
    const welcome = this.section(view).locator('.welcome-view-content');
    return (await welcome.count()) ? (await welcome.innerText()).trim() : '';
  }

  /** Clicks the tree row whose label contains `label`. */
  async clickTreeRow(view: string, label: string): Promise<void> {
    await this.section(view).locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) }).first().click();
  }

  /** Runs a command as a person does: F1, type its title, Enter. */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => undefined);
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${title}`);
    const first = this.page.locator('.quick-input-widget .monaco-list-row').first();
    await waitFor(`"${title}" in the command palette`, async () => (await first.getAttribute('aria-label'))?.includes(title), {
      timeoutMs: 15_000,
      lastSeen: async () => (await first.getAttribute('aria-label').catch(() => null)) ?? '(no entries)',
    });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 15_000 });
    // A command that throws shows a modal "Command '…' resulted in an error" dialog.
    const dialog = await this.page
      .locator('.monaco-dialog-box')
      .filter({ hasText: 'resulted in an error' })
      .waitFor({ timeout: 2_000 })
      .then(() => this.dismissDialog())
      .catch(() => undefined);
    if (dialog) throw new Error(dialog);
  }

  /** Closes a modal dialog if one is open, and returns what it said. */
  async dismissDialog(): Promise<string | undefined> {
    const box = this.page.locator('.monaco-dialog-box');
    if (!(await box.count())) return undefined;
    const text = (await box.first().innerText()).replace(/\s+/g, ' ').trim();
    await this.page.keyboard.press('Escape');
    await box.first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    return text;
  }

  /** The notifications shown as toasts now. */
  async toasts(): Promise<Toast[]> {
    return (await this.page.evaluate('window.__emotionLensE2e.toasts()')) as Toast[];
  }

  /** The Emotion Lens status-bar item now, if it is shown. */
  async statusItem(): Promise<StatusItem | undefined> {
    return ((await this.page.evaluate('window.__emotionLensE2e.status()')) as StatusItem | null) ?? undefined;
  }

  /** Everything the recorder saw since the page loaded. */
  async observations(): Promise<Observation[]> {
    return (await this.page.evaluate('window.__emotionLensE2e.log')) as Observation[];
  }

  /**
   * Watches toasts and the status-bar item 10 times a second from inside the page, so a
   * warning that comes and goes, or a level that rises and falls, is seen even while the
   * test is busy elsewhere.
   */
  private async installRecorder(): Promise<void> {
    await this.page.evaluate(IN_PAGE);
  }

  /**
   * The frame holding the extension's webview document (the inner iframe of the two
   * VS Code nests a webview in), found by the element its HTML shell has: `main#app`.
   */
  async emotionLensWebview(): Promise<Frame | undefined> {
    for (const frame of this.page.frames()) {
      const parent = frame.parentFrame();
      if (!parent || !/extensionId=emotion-lens\.emotion-lens/.test(parent.url())) continue;
      const hasApp = await frame.evaluate(() => !!document.querySelector('main#app')).catch(() => false);
      if (hasApp) return frame;
    }
    return undefined;
  }

  /** The URLs of every frame, for a failure message. */
  frameUrls(): string[] {
    return this.page.frames().map((f) => f.url().slice(0, 160));
  }
}

/**
 * Runs inside the workbench page: readers for toasts and the status-bar item, and the
 * recorder. Plain JavaScript in a string, so that nothing the TypeScript loader adds to
 * compiled functions has to exist in the page.
 */
const IN_PAGE = String.raw`(() => {
  if (window.__emotionLensE2e) return;
  const toasts = () =>
    Array.from(document.querySelectorAll('.notifications-toasts .notification-toast .notification-list-item')).map((item) => {
      const icon = (item.querySelector('.notification-list-item-icon') || {}).className || '';
      const severity = /codicon-error/.test(icon) ? 'error' : /codicon-warning/.test(icon) ? 'warning' : /codicon-info/.test(icon) ? 'info' : 'unknown';
      const message = item.querySelector('.notification-list-item-message');
      return {
        message: message ? message.textContent.trim() : '',
        severity,
        actions: Array.from(item.querySelectorAll('.notification-list-item-buttons-container .monaco-button')).map((b) => b.textContent.trim()),
      };
    });
  const status = () => {
    const item = document.querySelector('.part.statusbar .statusbar-item[id$="emotionLens.status"]');
    if (!item) return null;
    const cls = item.className;
    return {
      text: item.textContent.trim(),
      ariaLabel: item.getAttribute('aria-label') || '',
      kind: /\bwarning-kind\b/.test(cls) ? 'warning' : /\berror-kind\b/.test(cls) ? 'error' : undefined,
    };
  };
  const log = [];
  const seen = new Set();
  const note = (key, entry) => {
    if (seen.has(key)) return;
    seen.add(key);
    log.push(Object.assign({ at: Date.now() }, entry));
  };
  setInterval(() => {
    for (const toast of toasts()) note('t' + JSON.stringify(toast), { toast });
    const s = status();
    if (s) note('s' + JSON.stringify(s), { status: s });
  }, 100);
  window.__emotionLensE2e = { toasts, status, log };
})()`;
