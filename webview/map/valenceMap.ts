/**
 * The emotion map: the 171 emotion vectors on their first two principal
 * components (labelled where labels fit), the selected completion's position and a
 * trail of the completions before it. Clicking an emotion plots it on the timeline.
 *
 * The axes are named for what they are, PC1 and PC2 with the share of variance
 * they explain. In the paper's model they track valence and arousal; with the
 * embedded encoder's vectors PC1 correlates only weakly with human valence norms
 * (see README, "What the readings are"), so the map does not claim those names.
 */
import type { ChartDataset, Plugin, TooltipModel } from 'chart.js';
import type { EmotionCatalog } from '../../src/shared/protocol';
import { Chart, applyChartDefaults } from '../charts/register';
import type { TimelineModel } from '../chartData/timelineModel';
import { type LabelBox, placeLabels } from '../chartData/labelLayout';
import { type TooltipText, formatZ } from '../chartData/timelineData';
import { mapCaption, trail } from '../chartData/mapData';
import { el } from '../ui/dom';
import { type Theme, readTheme, withAlpha } from '../ui/theme';
import { HtmlTooltip } from '../ui/tooltip';

const LIVE_REPAINT_MS = 250;

/** Datasets 0 and 1 are the emotions (unplotted, plotted); then the trail and the selection. */
const EMOTION_DATASETS = 1;

interface MapPoint {
  x: number;
  y: number;
  /** Emotion index, or completion index for the trail and selection. */
  id: number;
}

export interface ValenceMapHandlers {
  pickEmotion(name: string): void;
  colourOf(name: string): string;
}

export class ValenceMap {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly tooltip: HtmlTooltip;
  private readonly caption: HTMLElement;
  private chart: Chart<'scatter', MapPoint[]> | undefined;
  private catalog: EmotionCatalog | undefined;
  private model: TimelineModel | undefined;
  private selected: number | undefined;
  private theme: Theme;
  /** Label widths by name: measuring 171 labels on every repaint is needless work. */
  private readonly widths = new Map<string, number>();
  private queued = false;
  private lastDrawn = 0;

  constructor(private readonly handlers: ValenceMapHandlers) {
    this.theme = readTheme();
    this.canvas = el('canvas', { attrs: { role: 'img', 'aria-label': 'Map of the 171 emotions on their first two principal components' } });
    const frame = el('div', { class: 'map-chart' }, [this.canvas]);
    this.tooltip = new HtmlTooltip(frame);
    this.caption = el('p', { class: 'muted map-caption', attrs: { 'aria-live': 'polite' } });
    this.element = el('section', { class: 'map', attrs: { 'aria-label': 'Emotion map' } }, [
      el('h2', { text: 'Emotion map (PC1 / PC2)' }),
      frame,
      this.caption,
    ]);
    frame.addEventListener('mouseleave', () => this.tooltip.hide());
  }

  /** Takes the catalog; the next show() draws with it. */
  setCatalog(catalog: EmotionCatalog): void {
    if (catalog === this.catalog) return;
    this.catalog = catalog;
    this.chart?.destroy();
    this.chart = undefined;
    this.widths.clear();
  }

  show(model: TimelineModel | undefined, selected?: number): void {
    this.model = model;
    this.selected = selected;
    this.redraw();
  }

  setSelected(index: number | undefined): void {
    this.selected = index;
    this.redraw();
  }

  retheme(): void {
    this.theme = readTheme();
    this.widths.clear();
    this.chart?.destroy();
    this.chart = undefined;
    this.redraw();
  }

  /**
   * Repaints soon, at most every LIVE_REPAINT_MS: during a burst of live appends the trail
   * moves a few times a second rather than costing every append a second canvas repaint.
   */
  scheduleRedraw(): void {
    if (this.queued) return;
    this.queued = true;
    const wait = Math.max(0, this.lastDrawn + LIVE_REPAINT_MS - performance.now());
    setTimeout(() => requestAnimationFrame(() => {
      this.queued = false;
      this.redraw();
    }), wait);
  }

  /** Repaints the datasets in place (the chart object is kept). */
  redraw(): void {
    const catalog = this.catalog;
    if (!catalog) return;
    this.lastDrawn = performance.now();
    const datasets = this.datasets(catalog);
    if (!this.chart) this.chart = this.create(datasets, catalog);
    else {
      this.chart.data.datasets = datasets;
      this.chart.update('none');
    }
    const steps = trail(this.model, this.selected);
    const at = this.model && this.selected !== undefined ? this.model.positionOf(this.selected) : -1;
    this.caption.textContent = mapCaption(steps, at >= 0 ? this.model?.completions[at] : undefined);
  }

  /**
   * Unplotted emotions share one colour and size, so chart.js resolves their options once
   * rather than per point; only the few plotted ones and the trail carry per-point styles.
   */
  private datasets(catalog: EmotionCatalog): ChartDataset<'scatter', MapPoint[]>[] {
    const t = this.theme;
    const plotted = new Set(this.model?.emotions ?? []);
    const all: MapPoint[] = catalog.coords.map(([x, y], id) => ({ x, y, id }));
    const others = all.filter((p) => !plotted.has(catalog.names[p.id]));
    const mine = all.filter((p) => plotted.has(catalog.names[p.id]));
    const steps = trail(this.model, this.selected);
    const path: MapPoint[] = steps.map((c) => ({ x: c.pos[0], y: c.pos[1], id: c.index }));
    const current = path.length ? [path[path.length - 1]] : [];
    return [
      { label: 'Emotions', data: others, pointRadius: 2.5, pointHoverRadius: 5, pointBackgroundColor: withAlpha(t.muted, 0.6), pointBorderWidth: 0 },
      {
        label: 'Plotted emotions',
        data: mine,
        pointRadius: 5,
        pointHoverRadius: 6,
        pointBackgroundColor: mine.map((p) => this.handlers.colourOf(catalog.names[p.id])),
        pointBorderWidth: 0,
      },
      {
        label: 'Recent completions',
        data: path,
        showLine: true,
        borderColor: withAlpha(t.selection, 0.5),
        borderWidth: 1.5,
        pointRadius: path.map((_, i) => 1.5 + (2 * (i + 1)) / Math.max(1, path.length)),
        pointBackgroundColor: path.map((_, i) => withAlpha(t.selection, 0.25 + (0.6 * (i + 1)) / Math.max(1, path.length))),
        pointBorderWidth: 0,
      },
      {
        label: 'Selected completion',
        data: current,
        pointStyle: 'rectRot',
        pointRadius: 8,
        pointHoverRadius: 9,
        pointBackgroundColor: withAlpha(t.selection, 0.85),
        pointBorderColor: t.foreground,
        pointBorderWidth: 1.5,
      },
    ];
  }

  private create(datasets: ChartDataset<'scatter', MapPoint[]>[], catalog: EmotionCatalog): Chart<'scatter', MapPoint[]> {
    applyChartDefaults(this.theme);
    const t = this.theme;
    const pct = (i: 0 | 1) => (catalog.explained ? ` (${Math.round(catalog.explained[i] * 100)}% of variance)` : '');
    return new Chart<'scatter', MapPoint[]>(this.canvas, {
      type: 'scatter',
      data: { datasets },
      options: {
        animation: false,
        // Parsed, not raw: chart.js assumes raw data is sorted by x, and these points are not.
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: true },
        scales: {
          x: { title: { display: true, text: `PC1${pct(0)}`, color: t.muted }, ticks: { color: t.muted }, grid: { color: t.grid } },
          y: { title: { display: true, text: `PC2${pct(1)}`, color: t.muted }, ticks: { color: t.muted }, grid: { color: t.grid } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { enabled: false, external: ({ tooltip }) => this.onHover(tooltip) },
        },
        onClick: (_event, elements, chart) => {
          const hit = elements.find((e) => e.datasetIndex <= EMOTION_DATASETS);
          const point = hit ? (chart.data.datasets[hit.datasetIndex].data[hit.index] as MapPoint) : undefined;
          const name = point ? this.catalog?.names[point.id] : undefined;
          if (name) this.handlers.pickEmotion(name);
        },
      },
      plugins: [this.labels()],
    });
  }

  private onHover(tooltip: TooltipModel<'scatter'>): void {
    const catalog = this.catalog;
    if (tooltip.opacity === 0 || !catalog) return this.tooltip.hide();
    const sections: TooltipText[] = [];
    for (const item of tooltip.dataPoints ?? []) {
      const p = item.raw as MapPoint;
      if (item.datasetIndex <= EMOTION_DATASETS) sections.push({ title: catalog.names[p.id], lines: [`PC1 ${formatZ(p.x)}, PC2 ${formatZ(p.y)}`, 'Click to plot it on the timeline'] });
      else sections.push({ title: `Completion #${p.id}`, lines: [`PC1 ${formatZ(p.x)}, PC2 ${formatZ(p.y)}`] });
    }
    this.tooltip.show(sections, tooltip.caretX, tooltip.caretY);
  }

  /** Draws the emotion names that fit, most relevant first. */
  private labels(): Plugin<'scatter'> {
    return {
      id: 'emotionLabels',
      afterDatasetsDraw: (chart) => {
        const catalog = this.catalog;
        if (!catalog) return;
        const t = this.theme;
        const { ctx, chartArea: area } = chart;
        const points = [0, 1].flatMap((k) => {
          const data = chart.data.datasets[k].data as MapPoint[];
          return chart.getDatasetMeta(k).data.map((pt, i) => ({ pt, id: data[i].id }));
        });
        const plotted = new Set(this.model?.emotions ?? []);
        const steps = trail(this.model, this.selected);
        const topOfCurrent = new Set((steps[steps.length - 1]?.top ?? []).map(([e]) => catalog.names[e]));
        const size = Math.max(10, t.fontSize - 2);
        ctx.save();
        ctx.font = `${size}px ${t.font}`;
        const boxes: LabelBox[] = points.map(({ pt, id }) => {
          const name = catalog.names[id];
          let w = this.widths.get(name);
          if (w === undefined) this.widths.set(name, (w = ctx.measureText(name).width + 2));
          const priority = plotted.has(name) ? 3 : topOfCurrent.has(name) ? 2 : Math.hypot(catalog.coords[id][0], catalog.coords[id][1]);
          return { id, x: pt.x + 4 - area.left, y: pt.y - size / 2 - area.top, w, h: size, priority };
        });
        const shown = placeLabels(boxes, { width: area.width, height: area.height });
        ctx.textBaseline = 'middle';
        const byId = new Map(points.map((p) => [p.id, p.pt]));
        for (const id of shown) {
          const name = catalog.names[id];
          const pt = byId.get(id);
          if (!pt) continue;
          ctx.fillStyle = plotted.has(name) ? t.foreground : topOfCurrent.has(name) ? t.foreground : t.muted;
          ctx.fillText(name, pt.x + 5, pt.y);
        }
        ctx.restore();
      },
    };
  }
}
