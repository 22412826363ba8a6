import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { COMMAND_IDS } from '../../../src/shared/commands';
import { DEFAULT_SETTINGS, flattenSettings, SETTINGS_SECTION } from '../../../src/shared/settings';

interface ConfigProperty {
  default?: unknown;
  markdownDescription?: string;
  type?: string;
  items?: { enum?: string[] };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const contributes = manifest.contributes;
const properties: Record<string, ConfigProperty> = contributes.configuration.properties;

test('the manifest names the extension and its engine as the marketplace expects', () => {
  assert.equal(manifest.name, 'emotion-lens');
  assert.equal(manifest.displayName, 'Emotion Lens');
  assert.equal(manifest.engines.vscode, '^1.93.0');
  assert.equal(manifest.main, './dist/extension.js');
  assert.ok(existsSync(manifest.icon), `icon ${manifest.icon} exists`);
});

test('activation is lazy: never "*"', () => {
  assert.ok(!manifest.activationEvents.includes('*'));
});

test('every contributed command is one the host registers, and vice versa', () => {
  const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, [...COMMAND_IDS].sort());
  for (const c of contributes.commands) assert.equal(c.category, 'Emotion Lens', `${c.command} category`);
});

test('the host registers its commands through the typed table the composition root registers', () => {
  // The Record<CommandId, …> type makes a missing handler a type error; this checks
  // the table is the one registered, so a contributed command cannot go unregistered.
  const source = readFileSync('src/host/commands.ts', 'utf8');
  assert.match(source, /const handlers: Record<CommandId,/);
  assert.match(source, /Object\.entries\(handlers\)\.map\(\(\[id, handler\]\) => vscode\.commands\.registerCommand\(id, handler\)\)/);
  assert.match(readFileSync('src/host/extension.ts', 'utf8'), /\.\.\.registerCommands\(/);
});

test('every command referenced by menus and welcome views exists', () => {
  const ids = new Set(COMMAND_IDS);
  for (const items of Object.values(contributes.menus) as { command: string }[][]) {
    for (const item of items) assert.ok(ids.has(item.command as never), item.command);
  }
  for (const welcome of contributes.viewsWelcome) {
    for (const [, id] of welcome.contents.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(ids.has(id as never), id);
  }
});

test('the activity-bar container holds the Sessions and Flagged views', () => {
  assert.deepEqual(contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id), ['emotionLens']);
  assert.deepEqual(
    contributes.views.emotionLens.map((v: { name: string }) => v.name),
    ['Sessions', 'Flagged'],
  );
});

test('every setting is documented and mirrored by the typed settings module with the same default', () => {
  const mirror = flattenSettings(DEFAULT_SETTINGS);
  const contributed = Object.keys(properties).map((k) => k.slice(SETTINGS_SECTION.length + 1));
  assert.deepEqual(contributed.sort(), Object.keys(mirror).sort());
  for (const [key, property] of Object.entries(properties)) {
    assert.ok((property.markdownDescription ?? '').length > 30, `${key} has a markdownDescription`);
    assert.deepEqual(property.default, mirror[key.slice(SETTINGS_SECTION.length + 1)], `${key} default`);
  }
});

test('the emotion choices in settings are the 171 words of the paper, in order', () => {
  const words = readFileSync('media/corpus/emotions.txt', 'utf8').split('\n').filter(Boolean);
  assert.equal(words.length, 171);
  assert.deepEqual(properties['emotionLens.emotionsShown'].items?.enum, words);
});

test('untrusted workspaces are declared, with the path settings restricted', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.deepEqual(untrusted.restrictedConfigurations.sort(), ['emotionLens.modelPath', 'emotionLens.sessionFolders']);
});

test('the assistants setting offers exactly the assistants the session readers know', async () => {
  const { ASSISTANT_IDS, ASSISTANT_NAMES } = await import('../../../src/shared/assistants');
  assert.deepEqual([...ASSISTANT_IDS].sort(), Object.keys(ASSISTANT_NAMES).sort());
  assert.deepEqual(properties['emotionLens.assistants'].items?.enum, [...ASSISTANT_IDS]);
});

interface WalkthroughStep {
  id: string;
  description: string;
  media: { image?: string; altText?: string; markdown?: string; svg?: string };
  completionEvents?: string[];
}

test('every walkthrough step shows a media file that ships, and its buttons and events name registered commands and views', () => {
  const ids = new Set<string>(COMMAND_IDS);
  const views = new Set(contributes.views.emotionLens.map((v: { id: string }) => v.id));
  const steps: WalkthroughStep[] = contributes.walkthroughs.flatMap((w: { steps: WalkthroughStep[] }) => w.steps);
  assert.ok(steps.length >= 5, 'sessions, timeline, reading, warning, local model');
  for (const step of steps) {
    const file = step.media.image ?? step.media.markdown ?? step.media.svg;
    assert.ok(file?.startsWith('media/walkthrough/'), `${step.id}: media under media/walkthrough/`);
    assert.ok(file && existsSync(file), `${step.id}: ${file} exists`);
    if (step.media.image) {
      const png = readFileSync(step.media.image);
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${step.id}: ${file} is a PNG`);
      assert.ok(png.length <= 150 * 1024, `${step.id}: ${file} is ${png.length} bytes, over 150 KB`);
      assert.ok((step.media.altText ?? '').length > 20, `${step.id}: the image has alt text`);
    }
    for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(ids.has(id), `${step.id}: button runs ${id}`);
    for (const event of step.completionEvents ?? []) {
      const [kind, target] = event.split(':');
      if (kind === 'onCommand') assert.ok(ids.has(target), `${step.id}: ${event}`);
      else if (kind === 'onView') assert.ok(views.has(target), `${step.id}: ${event}`);
      else assert.fail(`${step.id}: unexpected completion event ${event}`);
    }
  }
  const buttons = steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]));
  for (const id of ['emotionLens.rescanSessions', 'emotionLens.openTimeline', 'emotionLens.addLocalModel']) assert.ok(buttons.includes(id), `a step offers ${id}`);
});
