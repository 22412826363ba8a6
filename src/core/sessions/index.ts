/**
 * Session sources: find, tail and normalise every assistant's transcripts.
 * The monitor follows live sessions with SessionWatcher (or one SessionFileReader
 * per file); the `sessions` command reads them once with parseSource.
 */
export type { AssistantId, AssistantCompletion, ClaimedPass, FileEdit, ParsedSource, RecognisedBy, Session, SessionEvent, SourcePointer, TestCounts, TestOutcome, ToolRun, UserMessage } from './model';
export { ASSISTANT_NAMES, REPORTED_IN_CONVERSATION } from './model';
export type { DiscoveryContext, FoundSource, SessionRoot } from './discovery';
export { defaultSessionRoots, editorUserDirs, findSessionSources, scanRoot } from './discovery';
export type { NewEvent, ReaderUpdate } from './reader';
export { parseSource, SessionFileReader } from './reader';
export { adapterByPath, ADAPTERS, recogniseFile } from './registry';
export type { SessionSummary } from './summary';
export { summarise } from './summary';
export { parseTestOutcome, recogniseReportedTestRun, recogniseTestCommand, recogniseTestOutput, recogniseTestRun } from './testRuns';
export type { TestRunRecognition } from './testRuns';
export { findPassClaim } from './claims';
export type { WatchOptions } from './watch';
export { SessionWatcher } from './watch';
export { FileTail } from './tail';
