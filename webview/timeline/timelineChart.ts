/**
 * The timeline: one line per plotted emotion over completion index, test runs as
 * pass/fail markers along the bottom, flagged completions as markers along the top,
 * failing loops shaded and the alert level drawn (overlay.ts). It only draws: the
 * numbers come from chartData/. A live append pushes points into the arrays chart.js
 * already holds and updates without animation; the chart is never rebuilt for it.
 */
import type { ActiveElement, ChartDataset, ChartEvent, PointStyle, TooltipModel } from 'chart.js';
import { Chart, applyChartDefaults } from '../charts/register';
import type { AppendResult, TimelineModel } from '../chartData/timelineModel';
import {
  type FlagPoint,
  type RunPoint,
  type TooltipText,
  type XY,
  completionTooltip,
  decimationSamples,
  flagPoints,
  flagTooltip,
  formatZ,
  linePoints,
  linePoint,
  markerRadius,
  pointFill,
  pointRadius,
  pointSize,
  runPoints,
  runTooltip,
  seriesStyle,
  xRange,
} from '../chartData/timelineData';
import { el } from '../ui/dom';
import { type Theme, readTheme, withAlpha } from '../ui/theme';
import { HtmlTooltip } from '../ui/tooltip';
import { overlayPlugin } from './overlay';

type Kind = 'series' | 'run' | 'flag';
type Dataset = ChartDataset<'line' | 'scatter', XY[]>;

const OUTCOMES = [
  { outcome: 'fail', label: 'Test run failed', shape: 'crossRot' },
  { outcome: 'pass', label: 'Test run passed', shape: 'triangle' },
  { outcome: 'unknown', label: 'Test run, outcome unknown', shape: 'circle' },
] as const;

export interface TimelineChartHandlers {
  /** A completion was chosen (click, or Enter on the keyboard): open it in the inspector. */
  select(index: number): void;
}

export class TimelineChart {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly tooltip: HtmlTooltip;
  private chart: Chart<'line' | 'scatter', XY[]> | undefined;
  private model: TimelineModel | undefined;
  private kinds: Kind[] = [];
  private theme: Theme;
  private selected: number | undefined;
  private active: number | undefined;
  private readonly slots = new Map<string, number>();

  constructor(
    private readonly names: () => readonly string[],
    private readonly handlers: TimelineChartHandlers,
  ) {
    this.theme = readTheme();
    this.canvas = el('canvas', { attrs: { 'aria-hidden': 'true' } });
    // The chart is operable from the keyboard as a slider over completions.
    this.element = el('div', {
      class: 'timeline-chart',
      attrs: { tabindex: '0', role: 'slider', 'aria-label': 'Completions on the timeline (arrow keys move, Enter opens)', 'aria-valuemin': '0', 'aria-valuemax': '0', 'aria-valuenow': '0' },
    }, [this.canvas]);
    this.tooltip = new HtmlTooltip(this.element);
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.element.addEventListener('blur', () => {
      this.active = undefined;
      this.tooltip.hide();
      this.chart?.draw();
    });
    this.element.addEventListener('mouseleave', () => this.tooltip.hide());
  }

  /** Draws a session (a snapshot or a changed set of emotions). */
  show(model: TimelineModel): void {
    this.model = model;
    if (this.selected !== undefined && model.positionOf(this.selected) < 0) this.selected = undefined;
    this.active = undefined;
    this.tooltip.hide();
    const datasets = this.datasets(model);
    if (!this.chart) {
      this.chart = this.create(datasets);
    } else {
      this.chart.data.datasets = datasets;
      this.applyRange();
      this.chart.update('none');
    }
    this.updateAria();
  }

  /** Adds what an append brought, in place. */
  appended(result: AppendResult): void {
    const model = this.model;
    const chart = this.chart;
    if (!model || !chart) return;
    if (result.reordered) return this.show(model);
    const datasets = chart.data.datasets as Dataset[];
    if (result.added.length) {
      const radius = pointRadius(model.completions.length);
      datasets.forEach((d, i) => {
        if (this.kinds[i] !== 'series') return;
        const column = model.series.get(d.label ?? '') ?? [];
        const data = this.original(d);
        for (const at of result.added) data.push(linePoint(model.completions[at], column[at]));
        (d as ChartDataset<'line', XY[]>).pointRadius = (ctx) => pointSize(ctx.raw as XY | undefined, radius);
      });
    }
    for (const run of result.runs) {
      const i = this.kinds.findIndex((k, j) => k === 'run' && (datasets[j] as { outcome?: string }).outcome === run.outcome);
      if (i >= 0) this.original(datasets[i]).push(...runPoints([run], run.outcome));
    }
    if (result.flags.length) {
      const i = this.kinds.indexOf('flag');
      if (i >= 0) datasets[i].data = flagPoints(model.flags);
    }
    this.applyRange();
    chart.update('none');
    this.updateAria();
  }

  /** Marks the completion open in the inspector. */
  setSelected(index: number | undefined): void {
    this.selected = index;
    this.chart?.draw();
    this.updateAria();
  }

  /** Re-reads the theme's colours (VS Code switched theme). */
  retheme(): void {
    this.theme = readTheme();
    if (!this.chart || !this.model) return;
    applyChartDefaults(this.theme);
    this.chart.options.scales = this.scales();
    this.show(this.model);
  }

  /** The emotion's colour on the chart, so the pickers can show the same swatch. */
  colourOf(emotion: string): string {
    return this.theme.series[this.slot(emotion) % this.theme.series.length];
  }

  private slot(emotion: string): number {
    let s = this.slots.get(emotion);
    if (s === undefined) {
      const used = new Set(this.slots.values());
      s = 0;
      while (used.has(s)) s++;
      this.slots.set(emotion, s);
    }
    return s;
  }

  /** The array chart.js decimates from: pushes must go there, not to the decimated copy. */
  private original(d: Dataset): XY[] {
    return ((d as unknown as { _data?: XY[] })._data ?? d.data) as XY[];
  }

  private datasets(model: TimelineModel): Dataset[] {
    for (const e of [...this.slots.keys()]) if (!model.emotions.includes(e)) this.slots.delete(e);
    const t = this.theme;
    const radius = pointRadius(model.completions.length);
    const out: Dataset[] = [];
    this.kinds = [];
    for (const emotion of model.emotions) {
      const slot = this.slot(emotion);
      const colour = this.colourOf(emotion);
      const style = seriesStyle(slot);
      out.push({
        type: 'line',
        label: emotion,
        data: linePoints(model, emotion),
        borderColor: colour,
        backgroundColor: colour,
        // Completions too short (or unfit) to read are hollow: a ring in the series colour.
        pointBackgroundColor: (ctx) => pointFill(ctx.raw as XY | undefined, colour, t.background),
        borderWidth: t.kind.startsWith('high-contrast') ? 2.5 : 1.75,
        borderDash: style.dash,
        pointStyle: style.shape as PointStyle,
        pointRadius: (ctx) => pointSize(ctx.raw as XY | undefined, radius),
        pointBorderWidth: (ctx) => ((ctx.raw as XY | undefined)?.hollow ? 1.5 : 1),
        pointHoverRadius: 5,
        spanGaps: true,
        yAxisID: 'y',
      });
      this.kinds.push('series');
    }
    for (const { outcome, label, shape } of OUTCOMES) {
      const colour = outcome === 'pass' ? t.pass : outcome === 'fail' ? t.fail : t.unknown;
      out.push({
        type: 'scatter',
        label,
        outcome,
        data: runPoints(model.runs, outcome),
        pointStyle: shape,
        pointRadius: markerRadius(model.runs.length),
        pointHoverRadius: 7,
        borderColor: colour,
        backgroundColor: withAlpha(colour, 0.6),
        borderWidth: 2,
        yAxisID: 'marks',
      } as Dataset);
      this.kinds.push('run');
    }
    out.push({
      type: 'scatter',
      label: 'Flagged completion',
      data: flagPoints(model.flags),
      pointStyle: 'rectRot',
      pointRadius: 7,
      pointHoverRadius: 9,
      borderColor: t.flag,
      backgroundColor: withAlpha(t.flag, 0.7),
      borderWidth: 2,
      yAxisID: 'marks',
    });
    this.kinds.push('flag');
    return out;
  }

  private scales() {
    const t = this.theme;
    const range = this.model ? xRange(this.model) : undefined;
    return {
      x: {
        type: 'linear' as const,
        min: range?.min,
        max: range?.max,
        title: { display: true, text: 'Completion', color: t.muted },
        ticks: { precision: 0, color: t.muted },
        grid: { color: t.grid },
      },
      y: {
        type: 'linear' as const,
        title: { display: true, text: 'Reading (z vs neutral text)', color: t.muted },
        ticks: { color: t.muted },
        grid: { color: t.grid },
        afterDataLimits: (scale: { min: number; max: number }) => {
          // Keep the alert line in view even before a reading reaches it.
          const alert = this.model?.alert;
          if (alert && this.model?.emotions.includes(alert.emotion)) {
            scale.max = Math.max(scale.max, alert.level + 0.25);
            scale.min = Math.min(scale.min, alert.level - 0.25);
          }
        },
      },
      marks: { type: 'linear' as const, display: false, min: 0, max: 1 },
    };
  }

  private create(datasets: Dataset[]): Chart<'line' | 'scatter', XY[]> {
    applyChartDefaults(this.theme);
    const chart = new Chart<'line' | 'scatter', XY[]>(this.canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        // Raw {x, y} points, every dataset sorted by x: chart.js relies on that with parsing off,
        // and decimation needs it.
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: this.scales(),
        plugins: {
          legend: { display: false },
          decimation: { enabled: true, algorithm: 'lttb', samples: decimationSamples(this.canvas.clientWidth || 800), threshold: decimationSamples(this.canvas.clientWidth || 800) },
          tooltip: { enabled: false, external: ({ tooltip }) => this.onHover(tooltip) },
        },
        onClick: (event: ChartEvent, _elements: ActiveElement[], c: Chart) => {
          if (event.x === null) return;
          const point = this.model?.nearest(c.scales.x.getValueForPixel(event.x) ?? Number.NaN);
          if (point) this.choose(point.index);
        },
      },
      plugins: [
        overlayPlugin(() => ({
          loops: this.model?.loops ?? [],
          flags: this.model?.flags ?? [],
          alert: this.model?.alert,
          selected: this.selected,
          active: this.active,
          theme: this.theme,
        })),
      ],
    });
    this.chart = chart;
    return chart;
  }

  private applyRange(): void {
    if (!this.chart || !this.model) return;
    const { min, max } = xRange(this.model);
    const x = this.chart.options.scales?.x;
    if (x) {
      x.min = min;
      x.max = max;
    }
  }

  private choose(index: number): void {
    this.selected = index;
    this.active = index;
    this.chart?.draw();
    this.updateAria();
    this.handlers.select(index);
  }

  /** Tooltip text for whatever lies nearest the pointer along x. */
  private onHover(tooltip: TooltipModel<'line' | 'scatter'>): void {
    if (tooltip.opacity === 0 || !this.model) return this.tooltip.hide();
    const sections: TooltipText[] = [];
    const seen = new Set<string>();
    for (const item of tooltip.dataPoints ?? []) {
      const kind = this.kinds[item.datasetIndex];
      const raw = item.raw as XY;
      const key = `${kind}:${raw.x}:${kind === 'run' ? (raw as RunPoint).run.id : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (kind === 'series') sections.push(this.completionText(raw.x));
      else if (kind === 'run') sections.push(runTooltip((raw as RunPoint).run));
      else sections.push(flagTooltip(raw as FlagPoint));
    }
    this.tooltip.show(sections, tooltip.caretX, tooltip.caretY);
  }

  private completionText(index: number): TooltipText {
    const model = this.model as TimelineModel;
    const at = model.positionOf(index);
    const point = model.completions[at];
    const plotted = model.emotions.map((e) => [e, model.series.get(e)?.[at] ?? Number.NaN] as const);
    const text = completionTooltip(point, this.names(), plotted);
    const flags = model.flags.filter((f) => f.index === index);
    if (flags.length) text.lines.push(...flagTooltip({ x: index, y: 0, flags }).lines.map((l) => `⚑ ${l}`));
    return text;
  }

  private onKey(e: KeyboardEvent): void {
    const model = this.model;
    if (!model || model.completions.length === 0) return;
    const n = model.completions.length;
    const current = this.active ?? this.selected;
    let at = current === undefined ? -1 : model.positionOf(current);
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowUp':
        at = at < 0 ? 0 : Math.min(n - 1, at + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowDown':
        at = at < 0 ? n - 1 : Math.max(0, at - 1);
        break;
      case 'PageUp':
        at = Math.min(n - 1, Math.max(0, at) + 10);
        break;
      case 'PageDown':
        at = Math.max(0, at - 10);
        break;
      case 'Home':
        at = 0;
        break;
      case 'End':
        at = n - 1;
        break;
      case 'Enter':
      case ' ':
        if (at >= 0) this.choose(model.completions[at].index);
        e.preventDefault();
        return;
      case 'Escape':
        this.tooltip.hide();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.active = model.completions[at].index;
    this.chart?.draw();
    this.updateAria();
    this.showTooltipAt(this.active);
  }

  private showTooltipAt(index: number): void {
    const chart = this.chart;
    if (!chart) return;
    const px = chart.scales.x.getPixelForValue(index);
    this.tooltip.show([this.completionText(index)], px, chart.chartArea.top + chart.chartArea.height / 2);
  }

  private updateAria(): void {
    const model = this.model;
    if (!model) return;
    const last = model.completions[model.completions.length - 1];
    this.element.setAttribute('aria-valuemax', String(last?.index ?? 0));
    const current = this.active ?? this.selected;
    const at = current === undefined ? -1 : model.positionOf(current);
    if (at < 0) {
      this.element.setAttribute('aria-valuenow', '0');
      this.element.setAttribute('aria-valuetext', 'No completion selected');
      return;
    }
    const point = model.completions[at];
    const values =
      point.unreadable !== undefined ? `not read, ${point.unreadable}` : model.emotions.map((e) => `${e} ${formatZ(model.series.get(e)?.[at] ?? Number.NaN)}`).join(', ');
    this.element.setAttribute('aria-valuenow', String(point.index));
    this.element.setAttribute('aria-valuetext', `Completion ${point.index}: ${values}`);
  }
}
