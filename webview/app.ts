/**
 * The timeline app: wires the toolbar, the timeline chart, the inspector and the map
 * to the host. It holds the view state (session, plotted emotions, open completion),
 * saves it with setState on every change and hands it back in the ready handshake,
 * so a reloaded panel comes back where the user left it.
 */
import type {
  EmotionCatalog,
  HostNotification,
  HostToWebview,
  SessionListItem,
  SessionView,
  ViewState,
} from '../src/shared/protocol';
import { PROTOCOL_VERSION, parseViewState } from '../src/shared/protocol';
import { registerCharts } from './charts/register';
import { TimelineModel } from './chartData/timelineModel';
import { REASON_LABEL, summaryLine } from './chartData/timelineData';
import { Inspector } from './inspector/inspector';
import { ValenceMap } from './map/valenceMap';
import { HostRpc } from './rpc';
import { markLegend } from './timeline/legend';
import { TimelineChart } from './timeline/timelineChart';
import { Toolbar } from './timeline/toolbar';
import { el } from './ui/dom';
import { onThemeChange } from './ui/theme';
import { registerToolkit } from './ui/toolkit';
import type { HostConnection } from './vscodeApi';

/** Flagged completions listed under the chart; the chart marks them all. */
const FLAGGED_LISTED = 50;

export class TimelineApp {
  private readonly rpc: HostRpc;
  private catalog: EmotionCatalog = { names: [], coords: [], defaults: [] };
  private sessions: SessionListItem[] = [];
  private model: TimelineModel | undefined;
  private state: ViewState;
  private readonly toolbar: Toolbar;
  private readonly chart: TimelineChart;
  private readonly inspector: Inspector;
  private readonly map: ValenceMap;
  private readonly status = el('p', { class: 'status', attrs: { role: 'status' } });
  private readonly notice = el('p', { class: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly summary = el('p', { class: 'summary' });
  private readonly flagged = el('div', { class: 'flagged', attrs: { role: 'group', 'aria-label': 'Flagged completions' } });
  private readonly empty = el('p', { class: 'placeholder empty-timeline', text: 'Pick a session above to see its timeline.' });
  private readonly timeline: HTMLElement;

  constructor(
    private readonly host: HostConnection,
    root: HTMLElement,
  ) {
    registerToolkit();
    registerCharts();
    this.rpc = new HostRpc(host);
    this.state = parseViewState(host.getState()) ?? {};
    const names = () => this.catalog.names;
    this.chart = new TimelineChart(names, { select: (index) => this.openCompletion(index) });
    this.toolbar = new Toolbar({
      selectSession: (key) => void this.selectSession(key),
      addEmotion: (name) => this.setEmotions([...this.wanted(), name]),
      removeEmotion: (name) => this.setEmotions(this.wanted().filter((e) => e !== name)),
      resetEmotions: () => this.setEmotions(undefined),
      exportReadings: (format) => this.model && void this.call(this.rpc.request('exportReadings', { key: this.model.key, format })),
      colourOf: (name) => this.chart.colourOf(name),
    });
    this.inspector = new Inspector(names, {
      detail: (index, emotion) => this.rpc.request('completion', { key: this.currentKey(), index, emotion }),
      sentences: (index, emotion) => this.rpc.request('sentences', { key: this.currentKey(), index, emotion }),
      openSource: (eventId) => void this.call(this.rpc.request('openSource', { key: this.currentKey(), eventId })),
      copyJson: (index) => void this.copy(index),
      heatEmotion: (emotion) => this.save({ heatEmotion: emotion }),
      closed: () => {
        this.chart.setSelected(undefined);
        this.map.setSelected(undefined);
        this.save({ selected: undefined });
      },
    });
    this.map = new ValenceMap({ pickEmotion: (name) => this.wanted().includes(name) || this.setEmotions([...this.wanted(), name]), colourOf: (n) => this.chart.colourOf(n) });
    this.timeline = el('section', { class: 'timeline', attrs: { 'aria-label': 'Timeline' } }, [this.empty, this.chart.element, this.summary, markLegend(), this.flagged]);
    this.chart.element.hidden = true;
    root.replaceChildren(
      this.toolbar.element,
      this.status,
      this.notice,
      this.timeline,
      el('div', { class: 'lower' }, [this.inspector.element, this.map.element]),
    );
    host.onMessage((message) => this.receive(message));
    onThemeChange(() => this.retheme());
  }

  /** The handshake: after it, and only after it, the host sends the snapshot. */
  start(): void {
    this.host.post({ kind: 'ready', protocolVersion: PROTOCOL_VERSION, restore: this.state });
  }

  private receive(message: HostToWebview): void {
    switch (message.kind) {
      case 'response':
        this.rpc.settle(message);
        return;
      case 'snapshot':
        if (message.protocolVersion !== PROTOCOL_VERSION) {
          this.status.textContent = 'This panel comes from another version of Emotion Lens. Close it and open the timeline again.';
          return;
        }
        this.catalog = message.snapshot.catalog;
        this.status.textContent = message.snapshot.status;
        this.sessions = message.snapshot.sessions;
        this.map.setCatalog(this.catalog);
        this.adopt(message.snapshot.view, this.state.selected);
        return;
      case 'notify':
        this.notify(message);
    }
  }

  private notify(message: HostNotification): void {
    switch (message.name) {
      case 'status':
        this.status.textContent = message.payload.status;
        return;
      case 'sessions':
        this.sessions = message.payload.sessions;
        this.toolbar.setSessions(this.sessions, this.model?.key);
        return;
      case 'view':
        this.adopt(message.payload, this.inspector.openIndex);
        return;
      case 'append': {
        const model = this.model;
        if (!model || message.payload.key !== model.key) return;
        const result = model.append(message.payload);
        this.chart.appended(result);
        if (result.added.length && this.inspector.openIndex === undefined) this.map.scheduleRedraw();
        this.summary.textContent = summaryLine(model);
        if (result.flags.length) this.renderFlagged();
        return;
      }
      case 'reveal': {
        const { key, index } = message.payload;
        const open = () => index !== undefined && this.openCompletion(index);
        if (this.model?.key === key) open();
        else void this.selectSession(key).then(open);
      }
    }
  }

  /** Shows a complete session view (or none), then reopens `selected` if it is there. */
  private adopt(view: SessionView | null, selected: number | undefined): void {
    this.model = view ? new TimelineModel(view) : undefined;
    this.toolbar.setSessions(this.sessions, this.model?.key);
    this.save({ key: this.model?.key ?? this.state.key });
    if (!this.model) {
      this.empty.hidden = false;
      this.chart.element.hidden = true;
      this.summary.textContent = '';
      this.flagged.replaceChildren();
      this.inspector.close();
      this.map.show(undefined);
      this.toolbar.setEmotions(this.wanted(), this.catalog.names);
      return;
    }
    this.empty.hidden = true;
    this.chart.element.hidden = false;
    const reopen = selected !== undefined && this.model.positionOf(selected) >= 0 ? selected : undefined;
    this.chart.setSelected(reopen);
    this.render();
    this.renderFlagged();
    if (reopen !== undefined) this.openCompletion(reopen);
    else {
      this.inspector.close();
      this.save({ selected: undefined });
    }
    void this.syncEmotions();
  }

  private render(): void {
    const model = this.model;
    if (!model) return;
    this.chart.show(model);
    this.summary.textContent = summaryLine(model);
    this.toolbar.setEmotions(model.emotions, this.catalog.names);
    this.map.show(model, this.inspector.openIndex);
  }

  private renderFlagged(): void {
    const model = this.model;
    if (!model || model.flags.length === 0) return this.flagged.replaceChildren();
    const byIndex = new Map<number, string[]>();
    for (const f of model.flags) byIndex.set(f.index, [...(byIndex.get(f.index) ?? []), REASON_LABEL[f.reason] ?? f.reason]);
    const entries = [...byIndex.entries()].sort((a, b) => b[0] - a[0]).slice(0, FLAGGED_LISTED);
    this.flagged.replaceChildren(
      el('span', { class: 'label', text: `Flagged (${byIndex.size})` }),
      ...entries.map(([index, reasons]) => {
        const b = el('button', { class: 'flag-link', text: `#${index} · ${[...new Set(reasons)].join('; ')}`, attrs: { type: 'button' } });
        b.addEventListener('click', () => this.openCompletion(index));
        return b;
      }),
    );
  }

  private wanted(): string[] {
    return this.state.emotions ?? this.catalog.defaults;
  }

  private setEmotions(emotions: string[] | undefined): void {
    this.save({ emotions: emotions && emotions.length ? emotions : undefined });
    void this.syncEmotions();
  }

  /** Makes the plotted emotions those wanted, asking the host for readings it has not sent. */
  private async syncEmotions(): Promise<void> {
    const model = this.model;
    if (!model) return this.toolbar.setEmotions(this.wanted(), this.catalog.names);
    const wanted = this.wanted().filter((e) => this.catalog.names.includes(e));
    const missing = wanted.filter((e) => !model.series.has(e));
    const extra = model.emotions.filter((e) => !wanted.includes(e));
    const ordered = wanted.filter((e) => model.series.has(e));
    if (!missing.length && !extra.length && ordered.join() === model.emotions.join()) return;
    for (const e of extra) model.removeEmotion(e);
    if (missing.length) {
      try {
        const result = await this.rpc.request('series', { key: model.key, emotions: missing });
        if (result && this.model === model) model.addSeries(result);
      } catch (error) {
        this.report(error);
      }
    }
    if (this.model !== model) return;
    model.emotions = this.wanted().filter((e) => model.series.has(e));
    this.render();
  }

  private async selectSession(key: string): Promise<void> {
    if (this.model?.key === key) return;
    this.notice.textContent = 'Loading the session…';
    try {
      const view = await this.rpc.request('selectSession', { key, emotions: this.wanted() });
      this.notice.textContent = view ? '' : 'That session is not available any more.';
      this.save({ key, selected: undefined });
      this.adopt(view, undefined);
    } catch (error) {
      this.report(error);
    }
  }

  private openCompletion(index: number): void {
    if (!this.model || this.model.positionOf(index) < 0) return;
    // The inspector asks the host first, so its answer travels while the chart and the map redraw.
    const emotion = this.state.heatEmotion ?? this.wanted()[0] ?? 'desperate';
    void this.inspector.open(index, emotion);
    this.save({ selected: index });
    this.chart.setSelected(index);
    this.map.setSelected(index);
  }

  private async copy(index: number): Promise<void> {
    const copied = await this.call(this.rpc.request('copyJson', { key: this.currentKey(), index }));
    if (copied) this.notice.textContent = `Copied completion #${index} as JSON.`;
  }

  private currentKey(): string {
    return this.model?.key ?? '';
  }

  /** Runs a request for its effect, reporting a failure on the notice line. */
  private async call<T>(request: Promise<T>): Promise<T | undefined> {
    try {
      return await request;
    } catch (error) {
      this.report(error);
      return undefined;
    }
  }

  private report(error: unknown): void {
    this.notice.textContent = error instanceof Error ? error.message : String(error);
  }

  private save(change: Partial<ViewState>): void {
    const next: ViewState = { ...this.state, ...change };
    for (const k of Object.keys(next) as Array<keyof ViewState>) if (next[k] === undefined) delete next[k];
    this.state = next;
    this.host.setState(next);
  }

  private retheme(): void {
    this.chart.retheme();
    this.map.retheme();
    this.inspector.retheme();
    if (this.model) this.toolbar.setEmotions(this.model.emotions, this.catalog.names);
  }
}
