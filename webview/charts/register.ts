/** Registers the chart.js pieces the app uses (tree-shaken: only these are bundled). */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import type { Theme } from '../ui/theme';

let done = false;

export function registerCharts(): void {
  if (done) return;
  Chart.register(LineController, ScatterController, BarController, LineElement, PointElement, BarElement, LinearScale, CategoryScale, Decimation, Tooltip);
  done = true;
}

/** Fonts and colours every chart shares, from the VS Code theme. */
export function applyChartDefaults(theme: Theme): void {
  Chart.defaults.font.family = theme.font;
  Chart.defaults.font.size = Math.max(11, theme.fontSize - 1);
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
}

export { Chart };
