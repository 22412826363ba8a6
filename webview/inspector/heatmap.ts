/**
 * The completion's text with its sentence shading: each prose sentence tinted by its
 * own reading of the chosen emotion (warm above neutral, cool below, in STEPS steps up
 * to the scale) and the sentence the reading is pooled from outlined. Code and tool
 * output stay plain. Built from text nodes only.
 */
import type { SentenceAttribution } from '../../src/shared/protocol';
import { sentenceSegments, sentenceTitle } from '../chartData/sentenceSegments';
import { el } from '../ui/dom';

export function renderSentenceText(text: string, attribution: SentenceAttribution | undefined): HTMLElement {
  const box = el('div', { class: 'completion-text', attrs: { tabindex: '0', role: 'document', 'aria-label': 'Completion text' } });
  for (const seg of sentenceSegments(text, attribution)) {
    if (seg.z === undefined) {
      box.append(document.createTextNode(seg.text));
      continue;
    }
    const tone = seg.z === null ? 'unread' : seg.step > 0 ? `p${seg.step}` : seg.step < 0 ? `n${-seg.step}` : 'p0';
    box.append(el('span', { class: `sent ${tone}${seg.lead ? ' lead' : ''}`, text: seg.text, title: sentenceTitle(attribution?.emotion ?? '', seg) }));
  }
  return box;
}
