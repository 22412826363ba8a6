/** Pure helpers of the valence/arousal map. */
import type { CompletionPoint } from '../../src/shared/protocol';
import type { TimelineModel } from './timelineModel';

/** How many completions the trail shows, ending at the selected one. */
export const TRAIL_LENGTH = 12;

/** The completions of the trail, oldest first: up to the selected one, else up to the latest. */
export function trail(model: TimelineModel | undefined, selected: number | undefined, length = TRAIL_LENGTH): CompletionPoint[] {
  if (!model || model.completions.length === 0) return [];
  const at = selected === undefined ? -1 : model.positionOf(selected);
  const end = at >= 0 ? at + 1 : model.completions.length;
  return model.completions.slice(Math.max(0, end - length), end);
}
