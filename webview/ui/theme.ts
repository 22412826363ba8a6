/**
 * Colours for the canvases, read from the VS Code theme's CSS variables (the webview
 * gets them on <html> and a vscode-light/-dark/-high-contrast class on <body>).
 * `onThemeChange` fires when the user switches theme, so charts can repaint.
 */
export interface Theme {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  foreground: string;
  muted: string;
  background: string;
  grid: string;
  border: string;
  focus: string;
  series: string[];
  pass: string;
  fail: string;
  unknown: string;
  flag: string;
  loop: string;
  alert: string;
  selection: string;
  font: string;
  fontSize: number;
}

function rawVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** A theme colour as rgba(); `fallback` when the theme does not define it. */
function cssVar(name: string, fallback: string): string {
  return solid(rawVar(name) || fallback);
}

let probe: HTMLElement | undefined;
const resolved = new Map<string, [number, number, number, number]>();

/** Any CSS colour as [r, g, b, a], resolved by the browser (themes use hex, rgba, names ...). */
function rgbaOf(color: string): [number, number, number, number] {
  const known = resolved.get(color);
  if (known) return known;
  // Resolving through a probe forces a style recalculation, so each colour is resolved once.
  if (!probe) {
    probe = document.createElement('span');
    probe.hidden = true;
    document.body.append(probe);
  }
  probe.style.color = '';
  probe.style.color = color;
  const parts = getComputedStyle(probe).color.match(/[\d.]+/g)?.map(Number) ?? [];
  const rgba: [number, number, number, number] = [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  resolved.set(color, rgba);
  return rgba;
}

/** `color` at `alpha` (times its own alpha) as an rgba() string canvases and chart.js understand. */
export function withAlpha(color: string, alpha: number): string {
  const [r, g, b, a] = rgbaOf(color);
  return `rgba(${r}, ${g}, ${b}, ${Math.round(a * alpha * 1000) / 1000})`;
}

/** `color` as rgba(), so chart.js can derive hover shades from it. */
export function solid(color: string): string {
  return withAlpha(color, 1);
}

function kind(): Theme['kind'] {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(): Theme {
  const k = kind();
  const foreground = cssVar('--vscode-foreground', k === 'light' ? '#616161' : '#cccccc');
  const contrast = rawVar('--vscode-contrastBorder') ? cssVar('--vscode-contrastBorder', '') : '';
  const hc = k.startsWith('high-contrast');
  const red = cssVar('--vscode-charts-red', '#f14c4c');
  const blue = cssVar('--vscode-charts-blue', '#3794ff');
  const yellow = cssVar('--vscode-charts-yellow', '#cca700');
  const orange = cssVar('--vscode-charts-orange', '#d18616');
  const green = cssVar('--vscode-charts-green', '#89d185');
  const purple = cssVar('--vscode-charts-purple', '#b180d7');
  return {
    kind: k,
    foreground,
    muted: cssVar('--vscode-descriptionForeground', foreground),
    background: cssVar('--vscode-editor-background', k === 'light' ? '#ffffff' : '#1e1e1e'),
    grid: hc && contrast ? contrast : cssVar('--vscode-charts-lines', withAlpha(foreground, 0.25)),
    border: contrast || cssVar('--vscode-panel-border', withAlpha(foreground, 0.3)),
    focus: cssVar('--vscode-focusBorder', blue),
    // desperate (the default first series) takes red, calm blue, as people read them.
    series: [red, blue, orange, purple, yellow, green],
    pass: cssVar('--vscode-testing-iconPassed', green),
    fail: cssVar('--vscode-testing-iconFailed', red),
    unknown: cssVar('--vscode-disabledForeground', withAlpha(foreground, 0.6)),
    flag: cssVar('--vscode-editorWarning-foreground', orange),
    loop: withAlpha(red, hc ? 0.25 : 0.1),
    alert: cssVar('--vscode-editorError-foreground', red),
    selection: cssVar('--vscode-focusBorder', blue),
    font: rawVar('--vscode-font-family') || 'sans-serif',
    fontSize: parseFloat(rawVar('--vscode-font-size')) || 13,
  };
}

/** VS Code switches theme by changing <body>'s class and the variables on <html>'s style. */
export function onThemeChange(listener: () => void): void {
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      listener();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
