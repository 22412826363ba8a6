/** What a user sees of the running webview, read the way they would: tooltips, text, pixels. */
import type { Page } from 'playwright-core';

export async function frame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Waits until the element's text contains `text`. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 5000): Promise<void> {
  await page.waitForFunction(
    ([s, t]) => Array.from(document.querySelectorAll(s)).some((e) => (e.textContent ?? '').includes(t)),
    [selector, text] as const,
    { timeout },
  );
}

export interface TipSection {
  title: string;
  lines: string[];
}

export async function tooltip(page: Page, within: string): Promise<TipSection[]> {
  return page.evaluate((sel) => {
    const tip = document.querySelector<HTMLElement>(`${sel} .chart-tooltip`);
    if (!tip || tip.hidden) return [];
    return Array.from(tip.querySelectorAll('.tip-section')).map((s) => ({
      title: s.querySelector('.tip-title')?.textContent ?? '',
      lines: Array.from(s.querySelectorAll('.tip-line')).map((l) => l.textContent ?? ''),
    }));
  }, within);
}

/**
 * Moves the pointer across the middle of the timeline (mousemove events on the canvas,
 * one per animation frame, as chart.js handles them), collecting every tooltip shown.
 */
export async function sweepTimeline(page: Page, step = 6): Promise<TipSection[]> {
  // Inside the page to spare a round trip per step; no named inner functions (see countDeep).
  const seen = await page.evaluate(async (px) => {
    const canvas = document.querySelector('.timeline-chart canvas') as HTMLCanvasElement;
    const box = canvas.getBoundingClientRect();
    const out: Array<{ title: string; lines: string[] }> = [];
    for (let x = box.left + 1; x < box.right - 1; x += px) {
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: box.top + box.height / 2, bubbles: true }));
      await new Promise((r) => requestAnimationFrame(r));
      const tip = document.querySelector<HTMLElement>('.timeline .chart-tooltip');
      if (!tip || tip.hidden) continue;
      for (const s of Array.from(tip.querySelectorAll('.tip-section'))) {
        out.push({ title: s.querySelector('.tip-title')?.textContent ?? '', lines: Array.from(s.querySelectorAll('.tip-line')).map((l) => l.textContent ?? '') });
      }
    }
    canvas.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    return out;
  }, step);
  return seen;
}

/**
 * The centre of the pixels of a canvas that are within `tolerance` of an rgb colour,
 * in page coordinates, or undefined if there are none.
 */
export async function findColour(page: Page, canvasSelector: string, rgb: [number, number, number], tolerance = 12): Promise<{ x: number; y: number; count: number } | undefined> {
  return page.evaluate(
    ([sel, [r, g, b], tol]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(sel);
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return undefined;
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (data[i + 3] > 200 && Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol && Math.abs(data[i + 2] - b) <= tol) {
            sx += x;
            sy += y;
            n++;
          }
        }
      }
      if (n === 0) return undefined;
      const rect = canvas.getBoundingClientRect();
      const scale = rect.width / canvas.width;
      return { x: rect.left + (sx / n) * scale, y: rect.top + (sy / n) * scale, count: n };
    },
    [canvasSelector, rgb, tolerance] as const,
  );
}

export function hex(colour: string): [number, number, number] {
  const h = colour.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** Elements anywhere in the document, shadow roots included, that match `selector`. */
export async function countDeep(page: Page, selector: string): Promise<number> {
  // No named inner functions: tsx would wrap them in a helper the page does not have.
  return page.evaluate((sel) => {
    let n = 0;
    const roots: Array<Document | ShadowRoot> = [document];
    while (roots.length) {
      const root = roots.pop() as Document | ShadowRoot;
      n += root.querySelectorAll(sel).length;
      for (const el of Array.from(root.querySelectorAll('*'))) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return n;
  }, selector);
}
