/**
 * The row above the timeline: the session picker, the plotted emotions (each with
 * its colour and a remove button), a picker to add any of the 171, and export.
 */
import type { SessionListItem } from '../../src/shared/protocol';
import { ASSISTANT_NAMES } from '../../src/shared/assistants';
import { el } from '../ui/dom';
import { type Dropdown, button, dropdown, setDisabled } from '../ui/toolkit';

export interface ToolbarHandlers {
  selectSession(key: string): void;
  addEmotion(name: string): void;
  removeEmotion(name: string): void;
  resetEmotions(): void;
  exportReadings(format: 'csv' | 'json'): void;
  colourOf(name: string): string;
}

/** Picker options added per slice of idle time. */
const PICKER_CHUNK = 12;

export function sessionLabel(s: SessionListItem): string {
  const parts = [`${ASSISTANT_NAMES[s.assistant] ?? s.assistant} · ${s.title}`, `${s.completions} completions`];
  if (s.failingStreak > 0) parts.push(`${s.failingStreak} failing`);
  if (s.flagged > 0) parts.push(`${s.flagged} flagged`);
  return parts.join(' · ');
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly sessions: Dropdown;
  private readonly adder: Dropdown;
  private readonly chips: HTMLElement;
  private readonly exports: HTMLElement[];
  /** The catalog the emotion picker was built for: its 171 options are built once. */
  private pickerFor: readonly string[] | undefined;
  /** Emotions not yet added to the picker. */
  private pickerLeft: string[] = [];
  private plotted: readonly string[] = [];

  constructor(private readonly handlers: ToolbarHandlers) {
    this.sessions = dropdown('Session', (key) => key && handlers.selectSession(key));
    this.adder = dropdown('Add an emotion to the timeline', (name) => {
      if (name) handlers.addEmotion(name);
    });
    for (const type of ['pointerdown', 'focusin']) this.adder.element.addEventListener(type, () => this.addToPicker(Number.POSITIVE_INFINITY), { capture: true });
    this.chips = el('div', { class: 'chips', attrs: { role: 'list', 'aria-label': 'Plotted emotions' } });
    this.exports = [
      button('Export CSV', () => handlers.exportReadings('csv'), { title: "Save the session's readings as CSV" }),
      button('Export JSON', () => handlers.exportReadings('json'), { title: "Save the session's readings as JSON" }),
    ];
    this.element = el('header', { class: 'toolbar' }, [
      el('div', { class: 'field session-field' }, [el('span', { class: 'label', text: 'Session' }), this.sessions.element]),
      el('div', { class: 'field emotion-field' }, [
        el('span', { class: 'label', text: 'Emotions' }),
        this.chips,
        this.adder.element,
        button('Defaults', () => handlers.resetEmotions(), { title: 'Plot the default emotions again' }),
      ]),
      el('div', { class: 'field export-field' }, this.exports),
    ]);
  }

  setSessions(sessions: readonly SessionListItem[], current: string | undefined): void {
    if (sessions.length === 0) {
      this.sessions.setChoices([{ value: '', text: 'No sessions found yet' }], '');
      setDisabled(this.sessions.element, true);
    } else {
      const choices = sessions.map((s) => ({ value: s.key, text: sessionLabel(s) }));
      if (current === undefined || !sessions.some((s) => s.key === current)) choices.unshift({ value: '', text: 'Pick a session…' });
      this.sessions.setChoices(choices, current ?? '');
      setDisabled(this.sessions.element, false);
    }
    for (const b of this.exports) setDisabled(b, current === undefined);
  }

  setEmotions(plotted: readonly string[], all: readonly string[]): void {
    this.renderChips(plotted);
    this.plotted = plotted;
    if (this.pickerFor !== all) {
      // 171 toolkit options take longer to build than the chart takes to draw: they are
      // added a few at a time while the page is idle, or all at once if the user reaches
      // for the picker first. Plotted emotions stay in the list, disabled.
      this.pickerFor = all;
      this.pickerLeft = [...all];
      this.adder.setChoices([{ value: '', text: 'Add emotion…' }], '');
      this.buildPickerWhenIdle();
    }
    this.adder.setDisabledChoices(plotted);
    this.adder.select('');
  }

  private buildPickerWhenIdle(): void {
    requestIdleCallback((deadline) => {
      while (this.pickerLeft.length && deadline.timeRemaining() > 4) this.addToPicker(PICKER_CHUNK);
      if (this.pickerLeft.length) this.buildPickerWhenIdle();
    });
  }

  private addToPicker(count: number): void {
    const chunk = this.pickerLeft.splice(0, count);
    if (chunk.length === 0) return;
    this.adder.addChoices(chunk.map((n) => ({ value: n, text: n })));
    this.adder.setDisabledChoices(this.plotted);
  }

  private renderChips(plotted: readonly string[]): void {
    this.chips.replaceChildren(
      ...plotted.map((name) => {
        const swatch = el('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' } });
        swatch.style.backgroundColor = this.handlers.colourOf(name);
        return el('span', { class: 'chip', attrs: { role: 'listitem' } }, [
          swatch,
          el('span', { text: name }),
          button('×', () => this.handlers.removeEmotion(name), { appearance: 'icon', ariaLabel: `Remove ${name} from the timeline`, title: `Remove ${name}` }),
        ]);
      }),
    );
  }
}
