import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shellHtml } from '../../../src/host/webviewHtml';

const html = shellHtml({ cspSource: 'https://res.example', scriptUri: 'https://res.example/dist/webview.js', styleUri: 'https://res.example/media/webview.css', title: 'A <b>title</b>', scriptNonce: 'SCRIPT', styleNonce: 'STYLE' });
const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';

test('the CSP denies by default and allows only the nonce-d script and the resource origin', () => {
  const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
  assert.equal(directives['default-src'], "'none'");
  assert.equal(directives['script-src'], "'nonce-SCRIPT'");
  assert.equal(directives['style-src'], "https://res.example 'nonce-STYLE'");
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
});

test('the only script is the bundle, with the nonce; no inline handlers; the title is escaped', () => {
  assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="SCRIPT" src="https://res.example/dist/webview.js">']);
  assert.ok(!/\son[a-z]+=/i.test(html));
  assert.ok(html.includes('<title>A &#60;b&#62;title&#60;/b&#62;</title>'));
  assert.ok(html.includes('<meta property="csp-nonce" content="STYLE">'), 'the UI toolkit finds its style nonce');
});
