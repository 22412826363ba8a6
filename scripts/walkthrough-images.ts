/**
 * Renders the walkthrough's pictures (media/walkthrough/*.png) from the product's
 * own webview, in headless Debian Chromium, through the browser test harness: the
 * session picker, the timeline, a completion's reading, and a warning's evidence.
 * The sessions are the harness's synthetic ones (no real transcript is shown).
 *
 *   npm run walkthrough:images      (needs Chromium: npm run test:deps)
 */
import { mkdirSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { FakeHost } from '../test/browser/support/fakeHost';
import { FakeSession } from '../test/browser/support/fixtures';
import { openWebview, startHarness } from '../test/browser/support/harness';
import { frame, waitForText } from '../test/browser/support/page';
import { DARK } from '../test/browser/support/themes';

const OUT = 'media/walkthrough';
/** VS Code shows walkthrough media at about this width; wider pictures are only scaled down. */
const WIDTH = 960;
/** Keeps the extension package small. */
const MAX_BYTES = 150 * 1024;

async function shoot(page: Page, name: string, clip: { x: number; y: number; width: number; height: number }): Promise<void> {
  await frame(page);
  const path = `${OUT}/${name}.png`;
  await page.screenshot({ path, clip });
  const bytes = statSync(path).size;
  console.log(`${path}: ${clip.width}x${clip.height}, ${(bytes / 1024).toFixed(0)} KB`);
  if (bytes > MAX_BYTES) throw new Error(`${path} is ${bytes} bytes, over ${MAX_BYTES}: make the clip smaller`);
}

/** The box of the first element matching `selector`, grown to include the elements below it up to `height`. */
async function box(page: Page, selector: string, height: number) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`no ${selector} on the page`);
  return { x: 0, y: Math.max(0, Math.floor(b.y) - 8), width: WIDTH, height };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const sessions = [
    new FakeSession({ key: 'a', title: 'Fix slugify for unicode input', completions: 40 }),
    new FakeSession({ key: 'b', title: 'Add a CSV export', completions: 18, assistant: 'codex', seed: 3 }),
    new FakeSession({ key: 'c', title: 'Port the date parser', completions: 30, assistant: 'copilot-chat', seed: 5 }),
    new FakeSession({ key: 'd', title: 'Bump the test dependencies', completions: 9, assistant: 'aider', seed: 9 }),
    new FakeSession({ key: 'e', title: 'Explain the build script', completions: 6, assistant: 'gemini-cli', seed: 13 }),
  ];
  const h = await startHarness();
  try {
    const host = new FakeHost(sessions, { defaultKey: 'a' });
    const { page } = await openWebview(h, host, { theme: DARK, viewport: { width: WIDTH, height: 1400 } });
    await waitForText(page, '.summary', '40 completions');

    await shoot(page, 'timeline', await box(page, '.toolbar', 560));

    await page.locator('.session-field vscode-dropdown').click();
    await page.locator('.session-field vscode-option').last().waitFor();
    await shoot(page, 'sessions', await box(page, '.toolbar', 140));
    await page.keyboard.press('Escape');

    // A completion in the failing loop, opened from the keyboard as a user would (End, then left).
    await page.locator('.timeline-chart').focus();
    await page.keyboard.press('End');
    for (let i = 39; i > 18; i--) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await waitForText(page, '.inspector h2', 'Completion #18');
    await shoot(page, 'reading', await box(page, '.inspector', 620));

    await page.getByRole('button', { name: /^#22 / }).click();
    await waitForText(page, '.inspector h2', 'Completion #22');
    await waitForText(page, '.evidence', 'Desperation rose in a failing loop');
    await shoot(page, 'warning', await box(page, '.inspector', 330));
  } finally {
    await h.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
