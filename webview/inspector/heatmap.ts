/**
 * The completion's text with a per-token heatmap: each token tinted by its reading
 * (warm for above neutral, cool for below, in STEPS steps up to the session's 99th
 * percentile) and outlined when above the 90th percentile. Built from text nodes only.
 */
import type { TokenHeat } from '../../src/shared/protocol';
import { heatSegments } from '../chartData/heatSegments';
import { formatZ } from '../chartData/timelineData';
import { el } from '../ui/dom';

export function renderHeatText(text: string, heat: TokenHeat | undefined): HTMLElement {
  const box = el('div', { class: 'completion-text', attrs: { tabindex: '0', role: 'document', 'aria-label': 'Completion text' } });
  for (const seg of heatSegments(text, heat)) {
    if (seg.z === undefined) {
      box.append(document.createTextNode(seg.text));
      continue;
    }
    const tone = seg.step > 0 ? `p${seg.step}` : seg.step < 0 ? `n${-seg.step}` : 'p0';
    const span = el('span', { class: `tok ${tone}${seg.hot ? ' hot' : ''}`, text: seg.text, title: `${heat?.emotion ?? ''} ${formatZ(seg.z)}` });
    box.append(span);
  }
  return box;
}

/** One sentence saying what the colours mean, in the numbers of this heatmap. */
export function heatLegend(heat: TokenHeat | undefined, emotion: string): string {
  if (!heat) return `Per-token readings of ${emotion} are not available for this completion.`;
  if (heat.tokens.length === 0) return `No tokens were read for ${emotion}.`;
  const basis = heat.basis === 'session' ? "the session's" : "this completion's (the session's are not known yet)";
  const hot = Number.isFinite(heat.highlight) ? `; outlined tokens read above the 90th percentile (z > ${heat.highlight.toFixed(2)})` : '';
  const cut = heat.truncated ? ' Only the first tokens of this long text were read.' : '';
  return `Tinted by ${heat.emotion} per token, full colour at ${basis} 99th percentile (|z| = ${heat.scale.toFixed(2)})${hot}.${cut}`;
}
