/**
 * The app builds its DOM only through `el`, which sets text with textContent: nothing
 * that comes from a transcript is ever parsed as HTML.
 */
export interface ElOptions {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
  title?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElOptions = {},
  children: ReadonlyArray<Node | null | undefined> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** Text for screen readers only. */
export function srOnly(text: string): HTMLSpanElement {
  return el('span', { class: 'sr-only', text });
}
