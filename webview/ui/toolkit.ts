/**
 * The one module that knows about @vscode/webview-ui-toolkit (archived; it still works
 * in webviews). The rest of the app asks for controls here by role, so swapping the
 * toolkit for @vscode-elements/elements means rewriting this file only.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/** Defines the custom elements once; call before creating any control. */
export function registerToolkit(): void {
  if (registered) return;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDropdown(), vsCodeOption(), vsCodeDivider(), vsCodeBadge(), vsCodeProgressRing());
  registered = true;
}

export interface ButtonOptions {
  appearance?: 'primary' | 'secondary' | 'icon';
  /** Accessible name when the label alone is not enough. */
  ariaLabel?: string;
  title?: string;
}

export function button(label: string, onClick: () => void, options: ButtonOptions = {}): HTMLElement {
  const b = document.createElement('vscode-button');
  b.textContent = label;
  b.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.ariaLabel) b.setAttribute('aria-label', options.ariaLabel);
  if (options.title) b.title = options.title;
  b.addEventListener('click', () => onClick());
  return b;
}

export function setDisabled(control: HTMLElement, disabled: boolean): void {
  control.toggleAttribute('disabled', disabled);
}

export interface Choice {
  value: string;
  text: string;
}

export interface Dropdown {
  element: HTMLElement;
  setChoices(choices: readonly Choice[], selected?: string): void;
  /** Adds choices at the end (lets a long list be built a little at a time). */
  addChoices(choices: readonly Choice[]): void;
  /** Disables exactly these choices (by value), enabling the rest. */
  setDisabledChoices(values: readonly string[]): void;
  select(value: string): void;
  readonly value: string;
}

function option(c: Choice, selected: boolean): HTMLElement {
  const o = document.createElement('vscode-option');
  o.textContent = c.text;
  o.setAttribute('value', c.value);
  if (selected) o.setAttribute('selected', '');
  return o;
}

/** A single-choice dropdown with keyboard type-ahead. */
export function dropdown(ariaLabel: string, onChange: (value: string) => void): Dropdown {
  const d = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  d.setAttribute('aria-label', ariaLabel);
  d.setAttribute('position', 'below');
  d.addEventListener('change', () => onChange(d.value));
  return {
    element: d,
    setChoices(choices, selected) {
      d.replaceChildren(...choices.map((c) => option(c, c.value === selected)));
      if (selected !== undefined) d.value = selected;
    },
    addChoices(choices) {
      d.append(...choices.map((c) => option(c, false)));
    },
    setDisabledChoices(values) {
      const off = new Set(values);
      for (const o of Array.from(d.children)) {
        const disabled = off.has(o.getAttribute('value') ?? '');
        if (o.hasAttribute('disabled') !== disabled) o.toggleAttribute('disabled', disabled);
      }
    },
    select(value) {
      if (d.value !== value) d.value = value;
    },
    get value() {
      return d.value;
    },
  };
}

export function divider(): HTMLElement {
  return document.createElement('vscode-divider');
}

export function badge(text: string): HTMLElement {
  const b = document.createElement('vscode-badge');
  b.textContent = text;
  return b;
}

export function progressRing(): HTMLElement {
  return document.createElement('vscode-progress-ring');
}
