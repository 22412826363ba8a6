/**
 * The inspector: one completion's text shaded by which sentences its reading comes from, its ten highest
 * readings, the test runs around it and the evidence for its flag, with "Open in
 * transcript" and "Copy as JSON". Everything comes from the host on request; every
 * string is inserted as text.
 */
import type { Chart } from 'chart.js';
import type { CompletionDetail, EvidenceItem, RunDetail, SentenceAttribution } from '../../src/shared/protocol';
import { OUTCOME_LABEL, REASON_LABEL, countsText, formatTime } from '../chartData/timelineData';
import { el } from '../ui/dom';
import { type Dropdown, button, dropdown, progressRing } from '../ui/toolkit';
import { prefersReducedMotion, readTheme } from '../ui/theme';
import { attributionLegend, unreadableNote } from '../chartData/sentenceSegments';
import { renderSentenceText } from './heatmap';
import { renderTopChart } from './topChart';

export interface InspectorHandlers {
  detail(index: number, emotion: string): Promise<CompletionDetail | null>;
  sentences(index: number, emotion: string): Promise<SentenceAttribution | null>;
  openSource(eventId: string): void;
  copyJson(index: number): void;
  /** The shading's emotion changed (kept in the view state). */
  heatEmotion(emotion: string): void;
  closed(): void;
}

const OUTCOME_ICON = { pass: '✓', fail: '✕', unknown: '?' } as const;

export class Inspector {
  readonly element: HTMLElement;
  private index: number | undefined;
  private emotion = 'desperate';
  private detail: CompletionDetail | undefined;
  private topChart: Chart<'bar'> | undefined;
  private generation = 0;
  private picker: Dropdown | undefined;
  private pickerFor: readonly string[] | undefined;

  constructor(
    private readonly names: () => readonly string[],
    private readonly handlers: InspectorHandlers,
  ) {
    this.element = el('section', { class: 'inspector', attrs: { 'aria-label': 'Inspector' } });
    this.renderEmpty();
  }

  get openIndex(): number | undefined {
    return this.index;
  }

  /** Shows a completion; `emotion` shades its sentences. */
  async open(index: number, emotion: string): Promise<void> {
    this.index = index;
    this.emotion = emotion;
    const generation = ++this.generation;
    this.renderLoading(index);
    try {
      const detail = await this.handlers.detail(index, emotion);
      if (generation !== this.generation) return; // a later open won
      if (!detail) return this.renderMessage(`Completion #${index} is not available any more.`);
      this.detail = detail;
      // The host answers from the readings it kept, sentence shading included: no model run.
      this.render(detail);
    } catch (error) {
      if (generation === this.generation) this.renderMessage(`Could not load completion #${index}: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.index = undefined;
    this.detail = undefined;
    this.generation++;
    this.renderEmpty();
  }

  retheme(): void {
    if (this.detail) this.render(this.detail);
  }

  private async changeEmotion(emotion: string): Promise<void> {
    const detail = this.detail;
    if (!detail || emotion === this.emotion) return;
    this.emotion = emotion;
    this.handlers.heatEmotion(emotion);
    if (detail.unreadable !== undefined) return;
    const generation = ++this.generation;
    try {
      const attribution = await this.handlers.sentences(detail.index, emotion);
      if (generation !== this.generation || this.detail !== detail) return;
      if (attribution) detail.attribution = attribution;
      else delete detail.attribution;
      this.replaceShading(detail);
    } catch (error) {
      if (generation === this.generation) this.element.querySelector('.heat-legend')?.replaceChildren(`Could not shade by ${emotion}: ${(error as Error).message}`);
    }
  }

  private renderEmpty(): void {
    this.destroyChart();
    this.element.replaceChildren(
      el('p', { class: 'placeholder', text: 'Click a point on the timeline, press Enter on it, or pick a flagged completion to inspect it here.' }),
    );
  }

  private renderLoading(index: number): void {
    this.destroyChart();
    // The toolkit's spinner animates inside its shadow DOM, out of reach of the reduced-motion CSS.
    const spinner = prefersReducedMotion() ? null : progressRing();
    this.element.replaceChildren(el('p', { class: 'placeholder loading' }, [spinner, el('span', { text: `Loading completion #${index}…` })]));
  }

  private renderMessage(text: string): void {
    this.destroyChart();
    this.element.replaceChildren(el('p', { class: 'placeholder', text }));
  }

  private render(d: CompletionDetail): void {
    this.destroyChart();
    const theme = readTheme();
    const meta = [formatTime(d.time), d.model].filter(Boolean).join(' · ');
    const header = el('header', { class: 'inspector-header' }, [
      el('h2', { text: `Completion #${d.index}` }),
      meta ? el('span', { class: 'meta', text: meta }) : null,
      el('span', { class: 'spacer' }),
      button('Open in transcript', () => this.handlers.openSource(d.id), { title: 'Open the transcript file at this completion' }),
      button('Copy as JSON', () => this.handlers.copyJson(d.index), { title: 'Copy the readings, text and evidence to the clipboard' }),
      button('Close', () => {
        this.close();
        this.handlers.closed();
      }, { appearance: 'secondary', ariaLabel: 'Close the inspector' }),
    ]);
    const runs = el('div', { class: 'runs' }, [
      el('h3', { text: 'Test runs before' }),
      this.runs(d.runsBefore, 'No test run before this completion.'),
      el('h3', { text: 'Test runs after' }),
      this.runs(d.runsAfter, 'No test run after this completion yet.'),
    ]);
    const evidence = d.evidence.length ? this.evidence(d.evidence) : null;
    // An unreadable completion says why it was not read; its numbers would only mislead.
    if (d.unreadable !== undefined) {
      const parts = [header, evidence, el('p', { class: 'unread-reason', text: unreadableNote(d.unreadable) }), renderSentenceText(d.text, undefined), runs];
      this.element.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
      return;
    }
    const top = renderTopChart(d.top, theme);
    this.topChart = top.chart;
    const parts: Array<HTMLElement | null> = [
      header,
      evidence,
      this.heatControls(),
      el('p', { class: 'heat-legend', text: attributionLegend(d.attribution, this.emotion) }),
      renderSentenceText(d.text, d.attribution),
      el('div', { class: 'inspector-columns' }, [el('div', { class: 'top-emotions' }, [el('h3', { text: 'Top 10 emotions' }), top.element]), runs]),
    ];
    this.element.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  }

  private replaceShading(d: CompletionDetail): void {
    this.element.querySelector('.heat-legend')?.replaceChildren(attributionLegend(d.attribution, this.emotion));
    this.element.querySelector('.completion-text')?.replaceWith(renderSentenceText(d.text, d.attribution));
  }

  /** One picker for the inspector's life: building 171 options on every open would be slow. */
  private heatControls(): HTMLElement {
    const names = this.names();
    if (!this.picker || this.pickerFor !== names) {
      this.picker = dropdown('Emotion the sentences are shaded by', (value) => void this.changeEmotion(value));
      this.picker.setChoices(names.map((n) => ({ value: n, text: n })), this.emotion);
      this.pickerFor = names;
    } else {
      this.picker.select(this.emotion);
    }
    return el('div', { class: 'heat-controls' }, [el('span', { class: 'label', text: 'Shade sentences by' }), this.picker.element]);
  }

  private evidence(items: readonly EvidenceItem[]): HTMLElement {
    return el('div', { class: 'evidence', attrs: { role: 'group', 'aria-label': 'Why this completion was flagged' } }, [
      el('h3', { text: 'Why it was flagged' }),
      ...items.map((item) =>
        el('div', { class: 'evidence-item' }, [
          el('div', { class: 'evidence-title' }, [
            el('strong', { text: REASON_LABEL[item.kind] ?? item.kind }),
            item.eventId ? button('Open', () => this.handlers.openSource(item.eventId as string), { ariaLabel: 'Open the evidence in the transcript' }) : null,
          ]),
          el('p', { text: item.message }),
          item.facts.length ? el('dl', { class: 'facts' }, item.facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])) : null,
        ]),
      ),
    ]);
  }

  private runs(runs: readonly RunDetail[], none: string): HTMLElement {
    if (runs.length === 0) return el('p', { class: 'muted', text: none });
    return el(
      'div',
      { class: 'run-list' },
      runs.map((r) => {
        const facts = [countsText(r.counts), r.exitCode !== undefined ? `exit ${r.exitCode}` : '', formatTime(r.time)].filter(Boolean).join(' · ');
        return el('div', { class: `run ${r.outcome}` }, [
          el('div', { class: 'run-title' }, [
            el('span', { class: 'outcome', text: `${OUTCOME_ICON[r.outcome]} ${OUTCOME_LABEL[r.outcome]}` }),
            el('code', { text: r.command }),
            button('Open', () => this.handlers.openSource(r.id), { ariaLabel: `Open the test run ${r.command} in the transcript` }),
          ]),
          facts ? el('div', { class: 'muted', text: facts }) : null,
          // Why it counts: a known runner, a verdict in its output, or output pasted in a user's turn.
          r.reason ? el('div', { class: `run-why muted by-${r.recognisedBy ?? 'command'}`, text: `Why a test run: ${r.reason}` }) : null,
          r.excerpt ? el('pre', { class: 'excerpt', text: r.excerpt, attrs: { tabindex: '0', 'aria-label': 'Output excerpt' } }) : null,
        ]);
      }),
    );
  }

  private destroyChart(): void {
    this.topChart?.destroy();
    this.topChart = undefined;
  }
}
