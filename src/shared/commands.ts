/**
 * Every command the extension contributes. The manifest's `contributes.commands`
 * must list exactly these (a unit test compares them), and the host registers a
 * handler for each through a `Record<CommandId, …>`, so a missing handler fails
 * the type-check rather than surfacing as "command not found" in the editor.
 */
export const COMMAND_IDS = [
  'emotionLens.openTimeline',
  'emotionLens.pickSession',
  'emotionLens.showFlagged',
  'emotionLens.analyzeTranscriptFile',
  'emotionLens.rescanSessions',
  'emotionLens.exportReadings',
  'emotionLens.showLog',
  'emotionLens.addLocalModel',
  'emotionLens.downloadModel',
  'emotionLens.calibrateLocalModel',
  'emotionLens.useEmbeddedModel',
  // Used by the Flagged view's items, not listed in the command palette.
  'emotionLens.inspectFlag',
  'emotionLens.dismissFlag',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
