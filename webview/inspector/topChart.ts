/** The inspector's bar chart of a completion's ten highest readings. */
import { Chart } from '../charts/register';
import { formatZ } from '../chartData/timelineData';
import { el } from '../ui/dom';
import type { Theme } from '../ui/theme';
import { withAlpha } from '../ui/theme';

/** No animation: the bars are read at once, and nothing moves for people who asked for less motion. */
export function renderTopChart(top: ReadonlyArray<readonly [string, number]>, theme: Theme): { element: HTMLElement; chart: Chart<'bar'> } {
  const canvas = el('canvas', {
    attrs: { role: 'img', 'aria-label': `Top ${top.length} emotions: ${top.map(([e, z]) => `${e} ${formatZ(z)}`).join(', ')}` },
  });
  const element = el('div', { class: 'top-chart' }, [canvas]);
  const colours = top.map(([, z]) => (z >= 0 ? theme.series[0] : theme.series[1]));
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: top.map(([e]) => e),
      datasets: [{ label: 'z', data: top.map(([, z]) => z), backgroundColor: colours.map((c) => withAlpha(c, 0.55)), borderColor: colours, borderWidth: 1 }],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { enabled: true, callbacks: { label: (item) => formatZ(item.parsed.x ?? Number.NaN) } } },
      scales: {
        x: { title: { display: true, text: 'z vs neutral text', color: theme.muted }, ticks: { color: theme.muted }, grid: { color: theme.grid } },
        y: { ticks: { color: theme.foreground, autoSkip: false }, grid: { display: false } },
      },
    },
  });
  return { element, chart };
}
