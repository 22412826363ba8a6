/**
 * An HTML tooltip for the canvases: themed like VS Code's hovers, and filled with
 * textContent only (a completion's first line is transcript text).
 */
import type { TooltipText } from '../chartData/timelineData';
import { el } from './dom';

export class HtmlTooltip {
  readonly element: HTMLDivElement;

  constructor(private readonly container: HTMLElement) {
    this.element = el('div', { class: 'chart-tooltip', attrs: { role: 'tooltip' } });
    this.element.hidden = true;
    container.append(this.element);
  }

  /** Shows the sections near (x, y), container pixels, kept inside the container. */
  show(sections: readonly TooltipText[], x: number, y: number): void {
    if (sections.length === 0) return this.hide();
    this.element.replaceChildren(
      ...sections.map((s) => el('div', { class: 'tip-section' }, [el('div', { class: 'tip-title', text: s.title }), ...s.lines.map((line) => el('div', { class: 'tip-line', text: line }))])),
    );
    this.element.hidden = false;
    const width = this.element.offsetWidth;
    const height = this.element.offsetHeight;
    const room = this.container.clientWidth;
    const left = x + 14 + width > room ? Math.max(0, x - 14 - width) : x + 14;
    const top = Math.max(0, Math.min(y - height / 2, this.container.clientHeight - height));
    this.element.style.left = `${left}px`;
    this.element.style.top = `${top}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
