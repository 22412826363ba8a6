import type * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

export interface ShellOptions {
  /** The webview's resource origin (`webview.cspSource`). */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  /** Fresh per load; one for scripts, one for the UI toolkit's own style probe. */
  scriptNonce: string;
  styleNonce: string;
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The webview's HTML shell: a strict CSP (`default-src 'none'`), scripts only with a
 * per-load nonce, styles only from the webview's own resource origin, plus one nonce
 * for the single <style> element the UI toolkit (FAST) inserts to test :focus-visible
 * (it reads the nonce from the `csp-nonce` meta). No inline script, no inline handler.
 */
export function shellHtml(o: ShellOptions): string {
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource} 'nonce-${o.styleNonce}'`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.scriptNonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta property="csp-nonce" content="${o.styleNonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escape(o.styleUri)}">
<title>${escape(o.title)}</title>
</head>
<body>
<main id="app"></main>
<script nonce="${o.scriptNonce}" src="${escape(o.scriptUri)}"></script>
</body>
</html>`;
}

/** `base` + a relative path, without the runtime `vscode` module (so this file stays testable). */
function under(base: vscode.Uri, ...segments: string[]): vscode.Uri {
  return base.with({ path: `${base.path.replace(/\/$/, '')}/${segments.join('/')}` });
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return shellHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(under(extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(under(extensionUri, 'media', 'webview.css')).toString(),
    title,
    scriptNonce: randomBytes(16).toString('base64'),
    styleNonce: randomBytes(16).toString('base64'),
  });
}

/** The folders a webview may load from: the bundle and the shipped media, nothing else. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [under(extensionUri, 'dist'), under(extensionUri, 'media')];
}
