/**
 * Runs the built webview app in headless Debian Chromium: esbuild bundles
 * webview/main.ts exactly as scripts/build.mjs does, a loopback HTTP server serves it
 * inside the production HTML shell (same CSP, nonces and csp-nonce meta), and an init
 * script stands in for VS Code: theme variables on <html>, a theme class on <body>,
 * and `acquireVsCodeApi` wired to a FakeHost.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import * as esbuild from 'esbuild';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { shellHtml } from '../../../src/host/webviewHtml';
import type { FakeHost } from './fakeHost';
import type { ThemeVars } from './themes';

export const CHROMIUM = process.env.EMOTION_LENS_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = '.tmp/browser';

export interface Harness {
  browser: Browser;
  origin: string;
  close(): Promise<void>;
}

export interface PageProblems {
  errors: string[];
  cspViolations(): Promise<string[]>;
}

/** Bundles the webview as the production build does (dev: with source maps for stack traces). */
export async function buildWebview(): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  await esbuild.build({
    entryPoints: { webview: 'webview/main.ts' },
    outdir: OUT,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return `${OUT}/webview.js`;
}

function serve(bundle: string): Promise<Server> {
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const url = (req.url ?? '/').split('?')[0];
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url === '/') {
      const nonce = () => randomBytes(16).toString('base64');
      return send('text/html; charset=utf-8', shellHtml({ cspSource: origin, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/webview.css`, title: 'Emotion Lens: Timeline', scriptNonce: nonce(), styleNonce: nonce() }));
    }
    if (url === '/dist/webview.js') return send('text/javascript', readFileSync(bundle));
    if (url === '/dist/webview.js.map') return send('application/json', readFileSync(`${bundle}.map`));
    if (url === '/favicon.ico') return void res.writeHead(204).end();
    if (url === '/media/webview.css') return send('text/css', readFileSync('media/webview.css'));
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function startHarness(): Promise<Harness> {
  const [bundle, browser] = await Promise.all([buildWebview(), chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true })]);
  const server = await serve(bundle);
  const { port } = server.address() as AddressInfo;
  return {
    browser,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

export interface OpenOptions {
  theme: ThemeVars;
  /** Turns the page's CSP off, so only the app's own text-only insertion stands between a payload and the DOM. */
  bypassCSP?: boolean;
  viewport?: { width: number; height: number };
  reducedMotion?: 'reduce' | 'no-preference';
}

const SHIM = readFileSync('test/browser/support/vscodeShim.js', 'utf8').replace(/^\/\/.*\n/gm, '');

/** Opens the webview in a fresh context wired to `host`; resolves once the app has handshaken. */
export async function openWebview(h: Harness, host: FakeHost, options: OpenOptions): Promise<{ page: Page; context: BrowserContext; problems: PageProblems }> {
  const context = await h.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 1000 },
    bypassCSP: options.bypassCSP ?? false,
    reducedMotion: options.reducedMotion ?? 'no-preference',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await host.attach(page);
  await page.addInitScript({ content: `${SHIM}(${JSON.stringify(options.theme)});` });
  await page.goto(h.origin);
  await host.next((m) => m.kind === 'ready');
  return { page, context, problems: { errors, cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations) } };
}

/** Switches theme the way VS Code does on a live webview. */
export async function switchTheme(page: Page, theme: ThemeVars): Promise<void> {
  await page.evaluate((t) => {
    const style = document.documentElement.style;
    for (const name of Array.from(style)) if (name.startsWith('--vscode-')) style.removeProperty(name);
    for (const [k, v] of Object.entries(t.vars)) style.setProperty(k, v);
    document.body.className = t.bodyClass;
  }, theme);
  // The app repaints on the next animation frame after the change.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
