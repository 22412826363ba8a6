/**
 * Known language-model exports the product can download for the user, pinned to
 * one Hugging Face commit, with every file's exact size and SHA-256.
 *
 * Rules for an entry (checked by validateCatalogueEntry, and by the tests for
 * the shipped list):
 * - Apache-2.0 or MIT licence;
 * - a causal-LM ONNX export in the Optimum / transformers.js layout with the KV
 *   cache (`text-generation-with-past`), one graph (plus its external data, if
 *   any): never fp16 or q4f16, since those read badly on a CPU;
 * - the revision is a full 40-hex commit and every size and hash was looked up
 *   in public material, never guessed. Each entry says where its values came from.
 *
 * Files are saved flat in the model's folder under their base name (so
 * `onnx/model_quantized.onnx` becomes `model_quantized.onnx` beside
 * `config.json`), which is the layout of a plain Optimum export folder.
 */

export type CatalogueFileRole =
  | 'graph'
  | 'graph-data'
  | 'config'
  | 'generation-config'
  | 'tokenizer'
  | 'tokenizer-config'
  | 'chat-template';

export interface CatalogueFile {
  /** Path inside the repository at the pinned revision, e.g. `onnx/model_quantized.onnx`. */
  path: string;
  role: CatalogueFileRole;
  /** Exact size in bytes. */
  size: number;
  /** SHA-256 of the file's bytes (for LFS files, the LFS object id), lower-case hex. */
  sha256: string;
}

export type CatalogueLicence = 'Apache-2.0' | 'MIT';

export interface CatalogueEntry {
  /** Stable id, also the name of the model's folder in the storage folder. */
  id: string;
  /** What the model picker shows. */
  displayName: string;
  /** Hugging Face repository, `owner/name`. */
  repo: string;
  /** The commit every file is fetched from (40 hex digits). */
  revision: string;
  licence: CatalogueLicence;
  /** Approximate parameter count, for the picker. */
  parameters: number;
  /** Weight precision of the graph, for the picker. */
  precision: 'fp32' | 'int8' | 'q4';
  files: CatalogueFile[];
}

/**
 * Files the Qwen2.5 Instruct exports share byte for byte (sizes and hashes: see the
 * 0.5B entry's sources; confirmed for the 1.5B repository as noted there).
 */
const QWEN25_TOKENIZER_FILES: readonly CatalogueFile[] = [
  {
    path: 'generation_config.json',
    role: 'generation-config',
    size: 242,
    sha256: 'f7e7ce458658b2d40d9eb213b91b77a8bf698845ab89360976722d7ac46928a3',
  },
  {
    path: 'tokenizer.json',
    role: 'tokenizer',
    size: 7_031_673,
    sha256: 'a8506e7111b80c6d8635951a02eab0f4e1a8e4e5772da83846579e97b16f61bf',
  },
  {
    path: 'tokenizer_config.json',
    role: 'tokenizer-config',
    size: 7_306,
    sha256: '7e88129d9769a0b14b1587a7d5e829fe93ac0e1511636471fdfc0811951418e6',
  },
];

/** Qwen2.5 0.5B Instruct, dynamic int8 (transformers.js `model_quantized`). */
const QWEN25_05B_INT8: CatalogueEntry = {
  id: 'qwen2.5-0.5b-instruct-int8',
  displayName: 'Qwen2.5 0.5B Instruct (int8)',
  repo: 'onnx-community/Qwen2.5-0.5B-Instruct',
  // The repository's latest commit ("[Automated] Update base model metadata", cc5cc01,
  // after the upload commit 516c8d0 that added every file below; later commits only
  // touched README.md): https://huggingface.co/onnx-community/Qwen2.5-0.5B-Instruct/commits/main.
  // Full hash as pinned by several public projects (e.g. kou971223/project-infinity, which
  // pins the graph below at this revision).
  revision: 'cc5cc01a65cc3ff17bdb73a7de33d879f62599b0',
  licence: 'Apache-2.0',
  // Qwen2.5 model card: 0.49B parameters.
  parameters: 494_000_000,
  precision: 'int8',
  files: [
    // Size and hash pinned at this revision by kou971223/project-infinity ("PINF" model asset);
    // the same hash in a public transformers.js vendoring script (vendor-voice-model.mjs), the
    // same size in another public downloader; the Hub tree page lists it as 512 MB.
    {
      path: 'onnx/model_quantized.onnx',
      role: 'graph',
      size: 512_096_557,
      sha256: '41834041ab1b29eff9fc592f1a29a1844133aea35832ea9fa91682be13016100',
    },
    // The four small files: sizes and hashes from a public TypeScript model manifest pinned to
    // this revision (AI_MODEL_MANIFEST, profile "eco"); the hashes match vendor-voice-model.mjs,
    // the sizes match a second public downloader and the Hub tree page (678 B, 242 B, 7.31 kB,
    // 7.03 MB). The chat template is inside tokenizer_config.json (no chat_template.jinja here).
    {
      path: 'config.json',
      role: 'config',
      size: 678,
      sha256: '777e01f0fbb3346eb229cb6fb278ed6533c1e4dcb9ebf4bed0f6e94ef17fa1b5',
    },
    ...QWEN25_TOKENIZER_FILES,
  ],
};

/** SmolLM2 360M Instruct, dynamic int8 (`onnx/model_quantized.onnx` in the upstream repo). */
const SMOLLM2_360M_INT8: CatalogueEntry = {
  id: 'smollm2-360m-instruct-int8',
  displayName: 'SmolLM2 360M Instruct (int8)',
  repo: 'HuggingFaceTB/SmolLM2-360M-Instruct',
  // Pinned by several public projects; one of them publishes the graph's size and hash at
  // this revision ("Activation steering lab" README, with its constants file).
  revision: 'a10cc1512eabd3dde888204e902eca88bddb4951',
  licence: 'Apache-2.0',
  // 361,821,120 parameters (public model inventory of this revision).
  parameters: 361_821_120,
  precision: 'int8',
  files: [
    // "File: onnx/model_quantized.onnx (364,564,671 bytes) SHA-256: 57987a3a..." at this
    // revision (steering-lab README and constants); the same hash in vendor-voice-model.mjs.
    {
      path: 'onnx/model_quantized.onnx',
      role: 'graph',
      size: 364_564_671,
      sha256: '57987a3a24dc34ad2cb5e7e566840ccaece095e35a24ae4fc5b3086c7ddd6918',
    },
    // Hashes: a public validator's inventory of this exact revision
    // (EXPECTED_MODEL_REVISION = a10cc15..., EXPECTED_MODEL_INVENTORY_HASHES), also a
    // public README linking the a10cc15 blobs. Sizes: public pin lists for this model carrying
    // the same hashes ("name|size|sha256" lines beside its 723,674,912-byte model.safetensors,
    // and a fetch script's PINS: config 846, generation_config 132, tokenizer 2,104,556,
    // tokenizer_config 3,764). The chat template is in tokenizer_config.json.
    {
      path: 'config.json',
      role: 'config',
      size: 846,
      sha256: '224f72354f10d617a359cc82ad15a3c96e866b9b2ffadb81997eeea9e88e22ee',
    },
    {
      path: 'generation_config.json',
      role: 'generation-config',
      size: 132,
      sha256: '87b916edaaab66b3899b9d0dd0752727dff6666686da0504d89ae0a6e055a013',
    },
    {
      path: 'tokenizer.json',
      role: 'tokenizer',
      size: 2_104_556,
      sha256: '9ca9acddb6525a194ec8ac7a87f24fbba7232a9a15ffa1af0c1224fcd888e47c',
    },
    {
      path: 'tokenizer_config.json',
      role: 'tokenizer-config',
      size: 3_764,
      sha256: '4ec77d44f62efeb38d7e044a1db318f6a939438425312dfa333b8382dbad98df',
    },
  ],
};

/**
 * Qwen2.5 1.5B Instruct, 4-bit weights with fp32 activations (`model_q4`, MatMulNBits).
 * No verified exact size was found for the int8 graph of this repository, so the q4
 * graph (whose size and hash are published) is the one offered; it is not q4f16.
 */
const QWEN25_15B_Q4: CatalogueEntry = {
  id: 'qwen2.5-1.5b-instruct-q4',
  displayName: 'Qwen2.5 1.5B Instruct (4-bit)',
  repo: 'onnx-community/Qwen2.5-1.5B-Instruct',
  // Pinned by several public projects (e.g. the AI_MODEL_MANIFEST "balanced" profile, a
  // report that downloaded this revision's q4 graph and checked it against the Hub LFS id).
  revision: '6287331f475a3e20e8c879be8fd4bf3551ad9d34',
  licence: 'Apache-2.0',
  // Qwen2.5 model card: 1.54B parameters.
  parameters: 1_540_000_000,
  precision: 'q4',
  files: [
    // "The ONNX file is 1,787,566,590 bytes and its SHA256 matches the Hub LFS object:
    // 70c24509..." (public report at this revision); the same pair in AI_MODEL_MANIFEST.
    {
      path: 'onnx/model_q4.onnx',
      role: 'graph',
      size: 1_787_566_590,
      sha256: '70c24509f760fed9a8f50391165c46a87660197028a42c4547763f1c173ddea6',
    },
    // AI_MODEL_MANIFEST (pinned to this revision): config 809 B, and the other three files
    // identical to the 0.5B repository's. The hashes are confirmed for this repository by
    // vendor-voice-model.mjs and a public download script (MODEL_SHA256_QWEN25_CONFIG,
    // _TOKENIZER, _GEN_CONFIG).
    {
      path: 'config.json',
      role: 'config',
      size: 809,
      sha256: '215eb99c4955b0c42ea9f6e0980d922c228950c5dbc09bde6dc451fbba4d21f3',
    },
    ...QWEN25_TOKENIZER_FILES,
  ],
};

const SHIPPED: readonly CatalogueEntry[] = [SMOLLM2_360M_INT8, QWEN25_05B_INT8, QWEN25_15B_Q4];

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

const HEX40 = /^[0-9a-f]{40}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const SAFE_ID = /^[a-z0-9][a-z0-9._-]*$/;
const REPO = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const LICENCES: readonly string[] = ['Apache-2.0', 'MIT'];
/** Precisions that read badly on a CPU (see lm-design notes): never offered. */
const REJECTED_GRAPH = /_(fp16|q4f16)\.onnx(_data)?$/;

/** Where a catalogue file is saved inside the model's folder: its base name. */
export function localName(file: CatalogueFile): string {
  const parts = file.path.split('/');
  return parts[parts.length - 1] ?? file.path;
}

/** Sum of every file's size: what the download costs on disk. */
export function entryBytes(entry: CatalogueEntry): number {
  return entry.files.reduce((sum, f) => sum + f.size, 0);
}

/**
 * Checks one entry and throws a CatalogueError naming the entry and the problem.
 * An entry that passes can be downloaded without anything landing outside its folder.
 */
export function validateCatalogueEntry(entry: CatalogueEntry): void {
  const where = `catalogue entry ${JSON.stringify(entry.id)}`;
  const fail = (problem: string): never => {
    throw new CatalogueError(`${where}: ${problem}`);
  };
  if (!SAFE_ID.test(entry.id) || entry.id.includes('..')) fail('the id must be lower-case letters, digits, ".", "_" or "-"');
  if (!entry.displayName.trim()) fail('the display name is empty');
  if (!REPO.test(entry.repo) || entry.repo.includes('..')) fail(`repository ${JSON.stringify(entry.repo)} is not "owner/name"`);
  if (!HEX40.test(entry.revision)) fail(`revision ${JSON.stringify(entry.revision)} is not a 40-hex commit`);
  if (!LICENCES.includes(entry.licence)) fail(`licence ${JSON.stringify(entry.licence)} is not Apache-2.0 or MIT`);
  if (!(Number.isFinite(entry.parameters) && entry.parameters > 0)) fail('the parameter count must be positive');
  if (entry.files.length === 0) fail('it lists no files');

  const names = new Set<string>();
  for (const file of entry.files) {
    const segments = file.path.split('/');
    if (file.path.startsWith('/') || segments.some((s) => !SAFE_NAME.test(s) || s === '..')) {
      fail(`file path ${JSON.stringify(file.path)} is not a plain relative path`);
    }
    const name = localName(file);
    if (names.has(name)) fail(`two files would both be saved as ${name}`);
    if (name === DOWNLOAD_MARKER) fail(`a file may not be called ${DOWNLOAD_MARKER}`);
    names.add(name);
    if (!(Number.isSafeInteger(file.size) && file.size > 0)) fail(`${file.path}: size must be a positive whole number of bytes`);
    if (!HEX64.test(file.sha256)) fail(`${file.path}: sha256 must be 64 lower-case hex digits`);
    if ((file.role === 'graph' || file.role === 'graph-data') && REJECTED_GRAPH.test(name)) {
      fail(`${file.path}: fp16 and q4f16 graphs are not offered (they read badly on a CPU)`);
    }
  }
  const count = (role: CatalogueFileRole): number => entry.files.filter((f) => f.role === role).length;
  if (count('graph') !== 1) fail('it must list exactly one graph');
  for (const role of ['config', 'tokenizer', 'tokenizer-config'] as const) {
    if (count(role) !== 1) fail(`it must list exactly one ${role} file`);
  }
  const graph = entry.files.find((f) => f.role === 'graph');
  if (graph && !localName(graph).endsWith('.onnx')) fail(`${graph.path}: the graph must be an .onnx file`);
  for (const data of entry.files.filter((f) => f.role === 'graph-data')) {
    if (graph && !localName(data).startsWith(localName(graph))) {
      fail(`${data.path}: external data must sit beside its graph and be named after it`);
    }
  }
}

/** The name of the marker written last into a completed model folder. */
export const DOWNLOAD_MARKER = 'download.json';

/** The shipped catalogue, checked. Throws a CatalogueError if an entry is malformed. */
export function catalogue(): readonly CatalogueEntry[] {
  const ids = new Set<string>();
  for (const entry of SHIPPED) {
    validateCatalogueEntry(entry);
    if (ids.has(entry.id)) throw new CatalogueError(`catalogue entry ${JSON.stringify(entry.id)} is listed twice`);
    ids.add(entry.id);
  }
  return SHIPPED;
}

/** The catalogue entry with this id, or undefined. */
export function findCatalogueEntry(id: string): CatalogueEntry | undefined {
  return catalogue().find((e) => e.id === id);
}
