/**
 * A chart.js plugin that draws what is not data points: failing loops as shaded bands,
 * flagged completions as dashed verticals, the selected completion as a solid vertical
 * and the alert level as a dashed horizontal. (chartjs-plugin-annotation would do it;
 * four shapes did not seem worth a dependency.)
 */
import type { Chart, Plugin } from 'chart.js';
import type { AlertLine, FlagMark, LoopSpan } from '../../src/shared/protocol';
import type { Theme } from '../ui/theme';

export interface OverlayState {
  loops: LoopSpan[];
  flags: FlagMark[];
  /** Drawn only when its emotion is plotted. */
  alert?: AlertLine;
  selected?: number;
  /** Keyboard focus, drawn fainter than the selection. */
  active?: number;
  theme: Theme;
}

const LOOP_PAD = 0.3;

export function overlayPlugin(state: () => OverlayState): Plugin<'line'> {
  return {
    id: 'emotionLensOverlay',
    beforeDatasetsDraw(chart) {
      const s = state();
      const { ctx, chartArea: area } = chart;
      const x = chart.scales.x;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.width, area.height);
      ctx.clip();
      for (const loop of s.loops) {
        const left = x.getPixelForValue(loop.from - LOOP_PAD);
        const right = x.getPixelForValue(loop.to + LOOP_PAD);
        ctx.fillStyle = s.theme.loop;
        ctx.fillRect(left, area.top, Math.max(2, right - left), area.height);
        ctx.fillStyle = s.theme.fail;
        ctx.font = `${Math.max(10, s.theme.fontSize - 2)}px ${s.theme.font}`;
        ctx.textBaseline = 'top';
        if (right - left > 60) ctx.fillText(`failing loop · ${loop.runs} runs`, left + 4, area.top + 4);
      }
      ctx.setLineDash([3, 3]);
      ctx.strokeStyle = s.theme.flag;
      ctx.lineWidth = 1;
      for (const index of new Set(s.flags.map((f) => f.index))) vertical(chart, x.getPixelForValue(index));
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const s = state();
      const { ctx, chartArea: area } = chart;
      ctx.save();
      if (s.alert && chart.data.datasets.some((d) => d.label === s.alert?.emotion)) {
        const y = chart.scales.y.getPixelForValue(s.alert.level);
        if (y >= area.top && y <= area.bottom) {
          ctx.setLineDash([6, 4]);
          ctx.strokeStyle = s.theme.alert;
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(area.left, y);
          ctx.lineTo(area.right, y);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = s.theme.alert;
          ctx.font = `${Math.max(10, s.theme.fontSize - 2)}px ${s.theme.font}`;
          ctx.textAlign = 'right';
          ctx.textBaseline = 'bottom';
          ctx.fillText(`alert level (${s.alert.emotion})`, area.right - 4, y - 2);
        }
      }
      ctx.setLineDash([]);
      if (s.active !== undefined && s.active !== s.selected) {
        ctx.strokeStyle = s.theme.muted;
        ctx.lineWidth = 1;
        vertical(chart, chart.scales.x.getPixelForValue(s.active));
      }
      if (s.selected !== undefined) {
        ctx.strokeStyle = s.theme.selection;
        ctx.lineWidth = 2;
        vertical(chart, chart.scales.x.getPixelForValue(s.selected));
      }
      ctx.restore();
    },
  };
}

function vertical(chart: Chart, px: number): void {
  const { ctx, chartArea: area } = chart;
  if (px < area.left || px > area.right) return;
  ctx.beginPath();
  ctx.moveTo(px, area.top);
  ctx.lineTo(px, area.bottom);
  ctx.stroke();
}
