import { parseArgs } from 'node:util';
import { resolveScanPaths } from '../../core/analysis/scanSources';
import { SessionAnalysis } from '../../core/analysis/sessionAnalysis';
import { DEFAULT_MONITOR_SETTINGS } from '../../core/monitor/types';
import { parseSource } from '../../core/sessions/reader';
import { numberOption } from '../args';
import { Command, UsageError } from '../command';
import { MODEL_OPTIONS, MODEL_USAGE, openChosenScorer } from '../localModel';
import { scanCsv, scanJson, scanTable } from '../../core/analysis/report';

const USAGE = `emotion-lens scan PATH... [--json|--csv] [--fail-on-alert] [--min-failing-runs N] [--threshold Z] [--pooling mean|max|top-K] ${MODEL_USAGE}`;

/** The whole pipeline headless: read sessions, score every completion, run the monitor. */
export const command: Command = {
  name: 'scan',
  summary: 'Read sessions, score every completion, report alerts',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        csv: { type: 'boolean', default: false },
        'fail-on-alert': { type: 'boolean', default: false },
        'min-failing-runs': { type: 'string' },
        threshold: { type: 'string' },
        pooling: { type: 'string' },
        ...MODEL_OPTIONS,
      },
    });
    if (positionals.length === 0) throw new UsageError('name at least one session file or folder');
    if (values.json && values.csv) throw new UsageError('choose one of --json and --csv');
    const settings = { ...DEFAULT_MONITOR_SETTINGS };
    if (values['min-failing-runs'] !== undefined) settings.minFailingRuns = numberOption('--min-failing-runs', values['min-failing-runs'], { integer: true, min: 1 });
    if (values.threshold !== undefined) settings.desperationThreshold = numberOption('--threshold', values.threshold, { min: 0, exclusiveMin: true });

    const target = await resolveScanPaths(positionals);
    const errors = [...target.errors];
    const analyses: SessionAnalysis[] = [];
    const parseErrors = new Map<string, number>();
    const { scorer, dispose } = await openChosenScorer(values);
    try {
      for (const source of target.sources) {
        const parsed = await parseSource(source.path, source.adapter);
        if (parsed.error) errors.push({ path: source.path, error: parsed.error });
        if (parsed.parseErrors > 0) parseErrors.set(source.path, parsed.parseErrors);
        for (const session of parsed.sessions) {
          const analysis = new SessionAnalysis(session, scorer, settings);
          await analysis.add(session.events);
          analyses.push(analysis);
        }
      }
    } finally {
      await dispose();
    }
    for (const [path, count] of parseErrors) errors.push({ path, error: `${count} unreadable line${count === 1 ? '' : 's'} skipped` });

    if (values.json) io.stdout(scanJson(analyses, scorer.emotions, errors, scorer.model) + '\n');
    else if (values.csv) io.stdout(scanCsv(analyses, scorer.emotions));
    else io.stdout(scanTable(analyses, scorer.emotions, errors, scorer.model));
    const alerted = analyses.some((a) => a.alerts.length > 0);
    return values['fail-on-alert'] && alerted ? 1 : 0;
  },
};
