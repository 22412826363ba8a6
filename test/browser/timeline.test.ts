/**
 * The built webview app in headless Debian Chromium, driven like a user would drive it,
 * against a typed fake host that validates every message with the real host validator.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { formatZ } from '../../webview/chartData/timelineData';
import { FakeHost } from './support/fakeHost';
import { DEFAULTS, FakeSession, SHORT_REASON, catalog } from './support/fixtures';
import { type Harness, openWebview, startHarness, switchTheme } from './support/harness';
import { countDeep, findColour, frame, hex, sweepTimeline, tooltip, waitForText } from './support/page';
import { DARK, HIGH_CONTRAST, LIGHT } from './support/themes';

const RESULTS = 'test-results';
const SUMMARY_40 = '40 completions · 20 test runs (16 failed, 4 passed) · 1 failing loop · 2 flagged · read with embedded USE-lite';

describe('timeline webview in Chromium', { timeout: 120_000 }, () => {
  let h: Harness;
  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    h = await startHarness();
  });
  after(async () => h?.close());

  async function open(options: { sessions?: FakeSession[]; theme?: typeof DARK; bypassCSP?: boolean; defaultKey?: string } = {}) {
    const sessions = options.sessions ?? [new FakeSession({ key: 'a', title: 'Fix slugify', completions: 40 })];
    const host = new FakeHost(sessions, { defaultKey: options.defaultKey ?? sessions[0].key });
    const opened = await openWebview(h, host, { theme: options.theme ?? DARK, bypassCSP: options.bypassCSP });
    return { host, ...opened, session: sessions[0] };
  }

  async function assertClean(page: Page, host: FakeHost, problems: { errors: string[]; cspViolations(): Promise<string[]> }) {
    assert.deepEqual(problems.errors, [], 'no script errors');
    assert.deepEqual(await problems.cspViolations(), [], 'nothing blocked by the CSP');
    assert.deepEqual(host.invalid, [], 'every message the webview posted passed host validation');
    await page.context().close();
  }

  async function openInspector(page: Page, host: FakeHost, index: number) {
    const request = host.nextRequest('completion');
    await page.getByRole('button', { name: new RegExp(`^#${index} `) }).click();
    const r = await request;
    await waitForText(page, '.inspector h2', `Completion #${index}`);
    return r;
  }

  test('handshakes with its protocol version, then draws every completion, run and flag of the snapshot', async () => {
    const { page, host, problems } = await open();
    const ready = host.received[0];
    assert.equal(ready.kind, 'ready');
    assert.equal(ready.kind === 'ready' && ready.protocolVersion, PROTOCOL_VERSION);
    await waitForText(page, '.summary', SUMMARY_40);

    const tips = await sweepTimeline(page, 8);
    const completions = new Set(tips.filter((t) => t.title.startsWith('Completion #')).map((t) => t.title));
    assert.equal(completions.size, 40, 'one hoverable point per completion');
    const runs = new Set(tips.filter((t) => t.title.startsWith('Test run')).map((t) => `${t.title} ${t.lines[0]}`));
    assert.equal([...runs].filter((r) => r.startsWith('Test run failed')).length, 16);
    assert.equal([...runs].filter((r) => r.startsWith('Test run passed')).length, 4);
    const flags = new Set(tips.filter((t) => t.title.startsWith('Flagged')).map((t) => t.title));
    assert.deepEqual([...flags].sort(), ['Flagged: completion #22', 'Flagged: completion #24']);

    const first = tips.find((t) => t.title === 'Completion #0');
    assert.ok(first, 'completion #0 has a tooltip');
    assert.ok(first.lines.some((l) => l.startsWith('“Let me look at the slugify module first.')), 'the tooltip quotes the first line');
    assert.ok(first.lines.some((l) => /^Top: \S+ [+−]\d\.\d\d, \S+ [+−]\d\.\d\d, \S+ [+−]\d\.\d\d$/.test(l)), 'and the top three emotions');
    assert.ok(first.lines.some((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(l)), 'and the time');

    const chips = await page.locator('.chip').allTextContents();
    assert.deepEqual(chips.map((c) => c.replace('×', '').trim()), DEFAULTS);
    assert.equal(await page.locator('.flag-link').count(), 2);
    await assertClean(page, host, problems);
  });

  test('the inspector shades each sentence by its reading, shows the top 10, the runs around and the evidence, and asks the host to open and copy', async () => {
    const { page, host, problems, session } = await open();
    await waitForText(page, '.summary', SUMMARY_40);
    const request = await openInspector(page, host, 22);
    assert.deepEqual(request.params, { key: 'a', index: 22, emotion: 'desperate' });

    const text = session.session.events.find((e) => e.kind === 'completion' && e.index === 22);
    assert.ok(text && text.kind === 'completion');
    assert.equal(await page.locator('.completion-text').textContent(), text.text, 'the whole text, once, as text');
    // Each prose sentence shaded by its own reading: what the completion's reading is made of.
    const shading = session.sentences(22, 'desperate');
    assert.ok(shading && shading.spans.length === 2);
    assert.deepEqual(await page.locator('.completion-text .sent').allTextContents(), shading.spans.map((s) => text.text.slice(s.start, s.end)), 'one shaded span per sentence');
    const lead = shading.spans.find((s) => s.lead);
    assert.ok(lead);
    assert.deepEqual(await page.locator('.completion-text .sent.lead').allTextContents(), [text.text.slice(lead.start, lead.end)], 'the sentence the reading is taken from is outlined');
    const tone = (z: number | null, lead: boolean | undefined, scale: number) => {
      const step = Math.round(Math.max(-1, Math.min(1, (z ?? 0) / scale)) * 10);
      return `sent ${step > 0 ? `p${step}` : step < 0 ? `n${-step}` : 'p0'}${lead ? ' lead' : ''}`;
    };
    const classes = () => page.locator('.completion-text .sent').evaluateAll((spans) => spans.map((s) => s.className));
    assert.deepEqual(await classes(), shading.spans.map((s) => tone(s.z, s.lead, shading.scale)), 'each sentence tinted by its own reading');
    assert.equal(lead.z, shading.reading, "the outlined sentence reads what the completion reads (max pooling)");
    assert.equal(await page.locator('.completion-text .sent').first().getAttribute('title'), `This sentence reads desperate ${formatZ(shading.spans[0].z ?? 0)}${shading.spans[0].lead ? ' (the reading is taken from this sentence)' : ''}`);
    await waitForText(page, '.heat-legend', 'Each prose sentence is shaded by its own reading of desperate');
    await waitForText(page, '.heat-legend', 'not an emotion per word');
    assert.equal(host.requestsOf('sentences').length, 0, 'the first shading came with the completion');

    const top = await page.locator('.top-chart canvas').getAttribute('aria-label');
    assert.match(top ?? '', /^Top 10 emotions: desperate \+\d\.\d\d, /);
    assert.equal((top ?? '').split(', ').length, 10);

    const runs = await page.locator('.run .outcome').allTextContents();
    assert.deepEqual(runs, ['✕ failed', '✕ failed', '✕ failed', '✕ failed'], 'two runs before, two after, all failing');
    assert.deepEqual(await page.locator('.run .run-why').allTextContents(), Array(4).fill('Why a test run: runs pytest'), 'each run says why it counts');
    assert.equal(await page.locator('.run pre.excerpt').first().textContent(), "FAILED tests/test_slugify.py::test_unicode - AssertionError: 'cafe' != 'café'\n1 failed, 11 passed in 0.21s");
    await waitForText(page, '.evidence', 'Desperation rose in a failing loop');
    await waitForText(page, '.evidence dd', '12');

    const openRequest = host.nextRequest('openSource');
    await page.locator('.inspector-header vscode-button', { hasText: 'Open in transcript' }).click();
    assert.deepEqual((await openRequest).params, { key: 'a', eventId: 'c22' });
    const copyRequest = host.nextRequest('copyJson');
    await page.locator('.inspector-header vscode-button', { hasText: 'Copy as JSON' }).click();
    assert.deepEqual((await copyRequest).params, { key: 'a', index: 22 });
    await waitForText(page, '.notice', 'Copied completion #22 as JSON.');

    // Another emotion for the shading: picked from the inspector's dropdown.
    const sentences = host.nextRequest('sentences');
    await page.locator('.heat-controls vscode-dropdown').click();
    await page.locator('.heat-controls vscode-option[value="calm"]').click();
    assert.deepEqual((await sentences).params, { key: 'a', index: 22, emotion: 'calm' });
    await waitForText(page, '.heat-legend', 'own reading of calm');
    const calm = session.sentences(22, 'calm');
    assert.ok(calm);
    await page.waitForFunction((n) => document.querySelector('.completion-text .sent')?.className === n, tone(calm.spans[0].z, calm.spans[0].lead, calm.scale));
    assert.deepEqual(await classes(), calm.spans.map((s) => tone(s.z, s.lead, calm.scale)), 'each sentence tinted by its own calm reading');
    await assertClean(page, host, problems);
  });

  test('completions too short to read are drawn hollow, say why in the tooltip and the summary, and the inspector gives the reason', async () => {
    // Only desperate plotted, so the canvas holds one line whose points can be compared pixel by pixel.
    const only = { ...catalog(), defaults: ['desperate'] };
    const short = new FakeSession({ key: 'a', title: 'Fix slugify', completions: 40, short: [5, 30] }, only);
    const twin = new FakeSession({ key: 'a', title: 'Fix slugify', completions: 40 }, only);
    const host = new FakeHost([short], { defaultKey: 'a', catalog: only });
    const { page, problems } = await openWebview(h, host, { theme: DARK });
    await waitForText(page, '.summary', '40 completions (2 too short or unfit to read, drawn hollow) · 20 test runs');
    await waitForText(page, '.legend', 'not read (too short or no prose)');

    const tips = await sweepTimeline(page, 5);
    const five = tips.find((t) => t.title === 'Completion #5');
    assert.ok(five, 'the short completion still sits on the x axis and can be hovered');
    assert.deepEqual(five.lines.slice(1), ['“Running the tests now.”', 'Too short to read (5 tokens, fewer than 8): drawn hollow, never drives a warning']);
    const six = tips.find((t) => t.title === 'Completion #6');
    assert.ok(six?.lines.some((l) => /^desperate: [+−]\d\.\d\d$/.test(l)), 'a read completion shows its reading');

    // Hollow: the short completions' points differ from the same chart with them read, only there,
    // and their centre is the editor background where the read chart has the series red.
    // The pixels stay in the page (a canvas is megabytes): kept on window, then compared there.
    const keep = (name: string) => page.locator('.timeline-chart canvas').evaluate((c: HTMLCanvasElement, n) => {
      (window as unknown as Record<string, unknown>)[n] = Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
    }, name);
    await frame(page);
    await keep('__hollow');
    await host.send({ kind: 'notify', name: 'view', payload: twin.builder.view(['desperate']) });
    await waitForText(page, '.summary', '40 completions · 20 test runs');
    await frame(page);
    await keep('__filled');
    const { clusters, width } = await page.locator('.timeline-chart canvas').evaluate((c: HTMLCanvasElement) => {
      const w = window as unknown as { __hollow: number[]; __filled: number[] };
      const out: Array<Array<[number, number]>> = [];
      for (let i = 0; i < w.__hollow.length; i += 4) {
        const d = Math.abs(w.__hollow[i] - w.__filled[i]) + Math.abs(w.__hollow[i + 1] - w.__filled[i + 1]) + Math.abs(w.__hollow[i + 2] - w.__filled[i + 2]);
        if (d <= 60) continue;
        const p: [number, number] = [(i / 4) % c.width, Math.floor(i / 4 / c.width)];
        const near = out.find((cl) => Math.abs(cl[0][0] - p[0]) < 20);
        if (near) near.push(p);
        else out.push([p]);
      }
      return { clusters: out, width: c.width };
    });
    const pixel = (name: string, x: number, y: number) =>
      page.evaluate(([n, at]) => (window as unknown as Record<string, number[]>)[n].slice(at, at + 3), [name, (y * width + x) * 4] as const);
    assert.equal(clusters.length, 2, 'two points differ: completions #5 and #30');
    const background = hex(DARK.vars['--vscode-editor-background']);
    const red = hex(DARK.vars['--vscode-charts-red']);
    for (const cluster of clusters) {
      const xs = cluster.map((p) => p[0]);
      const ys = cluster.map((p) => p[1]);
      assert.ok(Math.max(...xs) - Math.min(...xs) <= 12 && Math.max(...ys) - Math.min(...ys) <= 12, 'the difference is one point, not the line');
      const cx = Math.round((Math.max(...xs) + Math.min(...xs)) / 2);
      const cy = Math.round((Math.max(...ys) + Math.min(...ys)) / 2);
      const near = (rgb: number[], want: number[]) => want.every((v, k) => Math.abs(rgb[k] - v) <= 24);
      const hollow = await pixel('__hollow', cx, cy);
      const filled = await pixel('__filled', cx, cy);
      assert.ok(near(hollow, background), `the hollow point's centre is the background (${hollow})`);
      assert.ok(near(filled, red), `the read point's centre is the series red (${filled})`);
    }

    await host.send({ kind: 'notify', name: 'view', payload: short.builder.view(['desperate']) });
    await waitForText(page, '.summary', '(2 too short or unfit to read, drawn hollow)');
    await page.locator('.timeline-chart').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('.timeline-chart').getAttribute('aria-valuetext'), `Completion 5: not read, ${SHORT_REASON}`);
    const detail = host.nextRequest('completion');
    await page.keyboard.press('Enter');
    assert.equal((await detail).params.index, 5);
    await waitForText(page, '.inspector .unread-reason', `Not read: ${SHORT_REASON}. Its readings are not shown`);
    assert.equal(await page.locator('.inspector .top-chart').count(), 0, 'no top-10 numbers for a completion that was not read');
    assert.equal(await page.locator('.inspector .heat-controls').count(), 0);
    assert.equal(await page.locator('.inspector .completion-text').textContent(), 'Running the tests now.');
    assert.equal(await page.locator('.inspector .completion-text .sent').count(), 0, 'nothing shaded');
    await waitForText(page, '.map-caption', `Completion #5 was not read: ${SHORT_REASON}; it is not on the map. Completion #4 at PC1`);
    await page.screenshot({ path: `${RESULTS}/timeline-unreadable.png`, fullPage: true });
    await assertClean(page, host, problems);
  });

  test('is reachable from the keyboard: Tab to the chart, arrows move, Enter opens', async () => {
    const { page, host, problems } = await open();
    await waitForText(page, '.summary', SUMMARY_40);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('timeline-chart'))) break;
    }
    const chart = page.locator('.timeline-chart');
    assert.equal(await chart.evaluate((e) => e === document.activeElement), true, 'Tab reaches the chart');
    await page.keyboard.press('End');
    assert.match((await chart.getAttribute('aria-valuetext')) ?? '', /^Completion 39: desperate [+−]\d\.\d\d, calm /);
    assert.deepEqual((await tooltip(page, '.timeline')).map((t) => t.title), ['Completion #39'], 'the tooltip follows the keyboard');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.match((await chart.getAttribute('aria-valuetext')) ?? '', /^Completion 37: /);
    const request = host.nextRequest('completion');
    await page.keyboard.press('Enter');
    assert.equal((await request).params.index, 37);
    await waitForText(page, '.inspector h2', 'Completion #37');
    await assertClean(page, host, problems);
  });

  test('a live append adds the new completion and run in place, without rebuilding the chart', async () => {
    const { page, host, problems, session } = await open();
    await waitForText(page, '.summary', SUMMARY_40);
    const canvas = await page.$('.timeline-chart canvas');
    session.addCompletion(40);
    await host.flush(session);
    await waitForText(page, '.summary', '41 completions · 21 test runs (16 failed, 5 passed)');
    assert.equal(await page.evaluate((c) => c === document.querySelector('.timeline-chart canvas'), canvas), true, 'the same canvas');
    await page.locator('.timeline-chart').focus();
    await page.keyboard.press('End');
    assert.equal((await tooltip(page, '.timeline'))[0]?.title, 'Completion #40', 'the new point is the last one');
    const box = await page.locator('.timeline-chart canvas').boundingBox();
    assert.ok(box);
    const titles = new Set<string>();
    for (let x = box.x + box.width - 150; x < box.x + box.width; x += 5) {
      await page.mouse.move(x, box.y + box.height / 2);
      await frame(page);
      for (const t of await tooltip(page, '.timeline')) titles.add(t.title);
    }
    assert.ok(titles.has('Completion #40'), 'and can be hovered at the right end');
    await assertClean(page, host, problems);
  });

  test('the map shows the emotions, the selected completion where the host put it, and its trail', async () => {
    const { page, host, problems, session } = await open();
    await waitForText(page, '.summary', SUMMARY_40);
    await openInspector(page, host, 22);
    const point = session.builder.view(DEFAULTS).completions.find((c) => c.index === 22);
    assert.ok(point);
    await waitForText(page, '.map-caption', `Completion #22 at PC1 ${formatZ(point.pos[0])}, PC2 ${formatZ(point.pos[1])}; the line traces the 12 read completions up to it.`);

    // Plotted emotions are drawn in their series colour: desperate red, calm blue.
    const desperate = await findColour(page, '.map-chart canvas', hex(DARK.vars['--vscode-charts-red']));
    const calm = await findColour(page, '.map-chart canvas', hex(DARK.vars['--vscode-charts-blue']), 8);
    assert.ok(desperate && calm, 'both plotted emotions are drawn');
    assert.ok(desperate.x < calm.x, 'desperate lies on the unpleasant side of calm');
    assert.ok(desperate.y < calm.y, 'and higher in arousal');
    await page.mouse.move(desperate.x, desperate.y);
    await frame(page);
    const tip = await tooltip(page, '.map');
    assert.equal(tip[0]?.title, 'desperate');
    await assertClean(page, host, problems);
  });

  test('the emotion picker plots any of the 171 and asks the host only for readings it lacks', async () => {
    const { page, host, problems } = await open();
    await waitForText(page, '.summary', SUMMARY_40);
    await page.getByRole('button', { name: 'Remove afraid from the timeline' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.chip').length === 4);
    const series = host.nextRequest('series');
    await page.locator('.emotion-field vscode-dropdown').click();
    await page.locator('.emotion-field vscode-option[value="nervous"]').click();
    assert.deepEqual((await series).params, { key: 'a', emotions: ['nervous'] });
    await waitForText(page, '.chips', 'nervous');
    await page.locator('.timeline-chart').focus();
    await page.keyboard.press('Home');
    const lines = (await tooltip(page, '.timeline'))[0]?.lines ?? [];
    assert.ok(lines.some((l) => /^nervous: [+−]\d\.\d\d$/.test(l)), 'the new emotion is plotted');
    assert.ok(!lines.some((l) => l.startsWith('afraid:')), 'the removed one is not');
    const before = host.requestsOf('series').length;
    await page.locator('.emotion-field vscode-button', { hasText: 'Defaults' }).click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.chip')).map((c) => c.textContent?.replace('×', '').trim()).join() === 'desperate,calm,frustrated,afraid,hopeful');
    assert.equal(host.requestsOf('series').length, before + 1, 'afraid was dropped, so its readings are fetched again');
    await assertClean(page, host, problems);
  });

  test('a completion full of XSS payloads executes nothing, even with the CSP off', async () => {
    const payload = [
      `<img src=x onerror="window.__pwned='img'">`,
      `<script>window.__pwned='script'</script>`,
      `<a href="javascript:window.__pwned='link'">click me</a>`,
      `</textarea><svg onload="window.__pwned='svg'"></svg>`,
      `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
    ].join('\n');
    const session = new FakeSession({ key: 'x', title: payload, completions: 30, text: () => payload, command: payload, runOutput: payload });
    const { page, host, problems } = await open({ sessions: [session], bypassCSP: true });
    await waitForText(page, '.summary', '30 completions');
    // Show the payload everywhere it can appear: tooltips, picker, inspector (text, runs, excerpts).
    await sweepTimeline(page, 20);
    await page.locator('.timeline-chart').focus();
    await page.keyboard.press('End');
    const lastTip = await tooltip(page, '.timeline');
    await openInspector(page, host, 22);
    await page.locator('.completion-text').getByText('click me').click().catch(() => undefined);
    await page.locator('.session-field vscode-dropdown').click();
    await frame(page);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined, 'no payload ran');
    assert.equal(await countDeep(page, 'img, svg:not([part]), iframe, a[href], script:not([src])'), 0, 'no element was made from transcript text');
    assert.equal(page.url(), `${h.origin}/`, 'no navigation');
    assert.equal(await page.locator('.completion-text').textContent(), payload, 'the payload is shown as text');
    assert.ok(lastTip[0]?.lines.some((l) => l.includes('<img src=x onerror=')), 'in the tooltip too');
    assert.ok((await page.locator('.session-field vscode-option').first().textContent())?.includes('<img src=x'), 'and in the picker');
    await assertClean(page, host, problems);
  });

  test('comes back to the same session, emotions and completion after a reload', async () => {
    const a = new FakeSession({ key: 'a', title: 'Fix slugify', completions: 40 });
    const b = new FakeSession({ key: 'b', title: 'Port the parser', completions: 30, seed: 11 });
    const { page, host, problems } = await open({ sessions: [a, b] });
    await waitForText(page, '.summary', SUMMARY_40);
    const select = host.nextRequest('selectSession');
    await page.locator('.session-field vscode-dropdown').click();
    await page.locator('.session-field vscode-option[value="b"]').click();
    assert.deepEqual((await select).params, { key: 'b', emotions: DEFAULTS });
    await waitForText(page, '.summary', '30 completions');
    await page.locator('.emotion-field vscode-dropdown').click();
    await page.locator('.emotion-field vscode-option[value="nervous"]').click();
    await waitForText(page, '.chips', 'nervous');
    await openInspector(page, host, 24);

    const since = host.received.length;
    await page.reload();
    const ready = await host.next((m) => m.kind === 'ready', since);
    assert.deepEqual(ready.kind === 'ready' && ready.restore, { key: 'b', emotions: [...DEFAULTS, 'nervous'], selected: 24 });
    await waitForText(page, '.summary', '30 completions');
    await waitForText(page, '.inspector h2', 'Completion #24');
    await waitForText(page, '.chips', 'nervous');
    await assertClean(page, host, problems);
  });

  test('follows the VS Code theme: light, dark and high contrast (screenshots in test-results/)', async () => {
    const { page, host, problems } = await open({ theme: LIGHT });
    await waitForText(page, '.summary', SUMMARY_40);
    await openInspector(page, host, 22);
    await frame(page);
    const pixels = () => page.locator('.timeline-chart canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const light = await pixels();
    assert.ok(await findColour(page, '.timeline-chart canvas', hex(LIGHT.vars['--vscode-charts-red'])), 'desperate drawn in the light theme red');
    await page.screenshot({ path: `${RESULTS}/timeline-light.png`, fullPage: true });

    await switchTheme(page, DARK);
    assert.notEqual(await pixels(), light, 'the chart repainted for the dark theme');
    assert.ok(await findColour(page, '.timeline-chart canvas', hex(DARK.vars['--vscode-charts-red'])), 'desperate drawn in the dark theme red');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(30, 30, 30)');
    await page.screenshot({ path: `${RESULTS}/timeline-dark.png`, fullPage: true });

    await switchTheme(page, HIGH_CONTRAST);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(0, 0, 0)');
    await page.screenshot({ path: `${RESULTS}/timeline-high-contrast.png`, fullPage: true });
    await assertClean(page, host, problems);
  });

  test('a reveal (a click in the Flagged view) shows that session and opens the completion', async () => {
    const a = new FakeSession({ key: 'a', title: 'Fix slugify', completions: 40 });
    const b = new FakeSession({ key: 'b', title: 'Port the parser', completions: 30, seed: 11 });
    const { page, host, problems } = await open({ sessions: [a, b] });
    await waitForText(page, '.summary', SUMMARY_40);
    const select = host.nextRequest('selectSession');
    const detail = host.nextRequest('completion');
    await host.send({ kind: 'notify', name: 'reveal', payload: { key: 'b', index: 24 } });
    assert.equal((await select).params.key, 'b');
    assert.equal((await detail).params.index, 24);
    await waitForText(page, '.summary', '30 completions');
    await waitForText(page, '.inspector h2', 'Completion #24');
    await assertClean(page, host, problems);
  });

  test('drops messages that are not protocol messages', async () => {
    const { page, host, problems } = await open();
    await waitForText(page, '.summary', SUMMARY_40);
    await page.evaluate(() => {
      window.postMessage({ kind: 'notify' }, '*');
      window.postMessage('snapshot', '*');
      window.postMessage({ kind: 'response', id: -1, ok: true }, '*');
      window.postMessage({ kind: 'notify', name: 'append', payload: { key: 'other', completions: [], testRuns: [], flags: [], loops: [] } }, '*');
    });
    await frame(page);
    assert.equal(await page.locator('.summary').textContent(), SUMMARY_40);
    await assertClean(page, host, problems);
  });
});
