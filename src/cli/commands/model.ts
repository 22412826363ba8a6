import { parseArgs } from 'node:util';
import { loadLocalVectors, localModelLabel, localVectorsPath } from '../../core/analysis/localModel';
import { catalogue, downloadModel, entryBytes, findCatalogueEntry, formatBytes } from '../../core/download';
import type { PreparedLm } from '../../core/lm/types';
import { Command, UsageError } from '../command';
import { defaultCacheDir, prepareChosen } from '../localModel';
import { join } from 'node:path';

const USAGE = [
  'emotion-lens model add DIR [--layer N] [--cache DIR] [--json]',
  'emotion-lens model catalogue [--json]',
  'emotion-lens model download ID [--to DIR] [--endpoint URL]',
].join('\n       ');

/**
 * A user's own ONNX language model: `add` checks a folder and prepares it (finds
 * the residual at two-thirds depth, cuts the graph there, caches the cut graph
 * under our cache folder; the model folder is only read). `download` fetches one
 * of the known models: the only network access the tool ever makes.
 */
export const command: Command = {
  name: 'model',
  summary: 'Add, list or download a local language model',
  usage: USAGE,
  async run(argv, io) {
    const [verb, ...rest] = argv;
    if (verb === 'add') return add(rest, io);
    if (verb === 'catalogue') return list(rest, io);
    if (verb === 'download') return download(rest, io);
    throw new UsageError(verb ? `unknown model command '${verb}'` : 'say add, catalogue or download');
  },
};

async function add(argv: string[], io: Parameters<Command['run']>[1]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { layer: { type: 'string' }, cache: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('name one model folder');
  const cacheDir = values.cache ?? defaultCacheDir();
  const prepared = await prepareChosen({ ...values, model: positionals[0], cache: cacheDir });
  const calibrated = await loadLocalVectors(cacheDir, prepared).then(
    () => true,
    () => false,
  );
  if (values.json) {
    const { tokenizerJson: _t, tokenizerConfig: _c, chatTemplate: _h, ...folder } = prepared.folder;
    io.stdout(JSON.stringify({ ...prepared, folder, vectors: localVectorsPath(cacheDir, prepared), calibrated }) + '\n');
    return 0;
  }
  io.stdout(describe(prepared) + '\n');
  io.stdout(
    calibrated
      ? `vectors: ${localVectorsPath(cacheDir, prepared)}\n`
      : `not calibrated yet: run \`emotion-lens calibrate --model ${prepared.folder.dir}${values.layer === undefined ? '' : ` --layer ${values.layer}`}\`\n`,
  );
  return 0;
}

function describe(p: PreparedLm): string {
  const a = p.folder.architecture;
  return [
    `${p.folder.name} (${a.modelType}, ${a.layers} layers, hidden ${a.hiddenSize}, ${a.heads} heads / ${a.kvHeads} KV heads)`,
    `graph: ${p.folder.onnxPath}${p.folder.externalData.length ? ` + ${p.folder.externalData.length} external data file(s)` : ''}, ${formatBytes(p.folder.bytes)}, sha256 ${p.folder.sha256.slice(0, 16)}…`,
    `reads: ${localModelLabel(p)}, tensor ${p.tapName} (found by ${p.tapFoundBy})`,
    `cut graph: ${p.nodes.kept} of ${p.nodes.original} nodes kept, KV cache of ${p.kvLayers} layers: ${p.derivedPath}`,
  ].join('\n');
}

async function list(argv: string[], io: Parameters<Command['run']>[1]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
  const entries = catalogue();
  if (values.json) {
    io.stdout(JSON.stringify(entries) + '\n');
    return 0;
  }
  for (const e of entries) io.stdout(`${e.id.padEnd(30)} ${formatBytes(entryBytes(e)).padStart(9)}  ${e.licence.padEnd(10)} ${e.repo}@${e.revision.slice(0, 7)}\n`);
  return 0;
}

async function download(argv: string[], io: Parameters<Command['run']>[1]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { to: { type: 'string' }, endpoint: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('name one model id (see `emotion-lens model catalogue`)');
  const entry = findCatalogueEntry(positionals[0]);
  if (!entry) throw new UsageError(`no known model '${positionals[0]}'; known: ${catalogue().map((e) => e.id).join(', ')}`);
  const storage = values.to ?? join(defaultCacheDir(), 'models');
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  let shown = -1;
  try {
    const dir = await downloadModel(entry, storage, {
      baseUrl: values.endpoint,
      signal: controller.signal,
      onProgress: (p) => {
        const percent = Math.floor((100 * p.doneBytes) / Math.max(1, p.totalBytes));
        if (percent !== shown) {
          shown = percent;
          io.stderr(`download: ${percent}% (${formatBytes(p.doneBytes)} of ${formatBytes(p.totalBytes)}, ${p.phase} ${p.file})\n`);
        }
      },
    });
    io.stdout(`${dir}\n`);
    return 0;
  } finally {
    process.off('SIGINT', stop);
  }
}
