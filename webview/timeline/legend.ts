/** What the timeline's marks mean, as text beside small samples drawn in CSS. */
import { el } from '../ui/dom';

export function markLegend(): HTMLElement {
  const item = (sample: string, text: string) =>
    el('span', { class: 'legend-item', attrs: { role: 'listitem' } }, [el('span', { class: `legend-sample ${sample}`, attrs: { 'aria-hidden': 'true' } }), el('span', { text })]);
  return el('div', { class: 'legend', attrs: { role: 'list', 'aria-label': 'Legend' } }, [
    item('hollow', 'not read (too short or no prose)'),
    item('pass', 'test run passed'),
    item('fail', 'test run failed'),
    item('unknown', 'outcome unknown'),
    item('flag', 'flagged completion'),
    item('loop', 'failing loop'),
    item('alert', 'alert level'),
  ]);
}
