/**
 * The fixed topic vocabularies of the calibration corpus. Stories draw on many
 * everyday settings so that the setting never gives the emotion away; the
 * `software-*` settings make sure every emotion is also seen in developer life.
 */
export const STORY_TOPICS: readonly string[] = [
  'family', 'parenting', 'romance', 'friendship', 'neighbours', 'school', 'university',
  'office-work', 'job-hunt', 'small-business', 'money', 'housing', 'travel', 'commuting',
  'sport', 'fitness', 'hiking', 'gardening', 'weather', 'pets', 'farming', 'cooking',
  'restaurant', 'music', 'theatre', 'visual-art', 'writing', 'science-lab', 'hospital',
  'illness', 'elders', 'bereavement', 'wedding', 'festival', 'religion', 'law', 'community',
  'military', 'sea', 'crafts-repair', 'shopping', 'games', 'childhood', 'immigration',
  'software-debugging', 'software-deadline', 'software-code-review', 'software-failing-build',
  'software-on-call',
];

/** Every assistant-voice passage is set in the same place: an AI coding assistant mid-task. */
export const ASSISTANT_TOPIC = 'coding-assistant';

/** Kinds of emotionally neutral passages, used to find and remove the non-emotional directions. */
export const NEUTRAL_TOPICS: readonly string[] = [
  'encyclopedia', 'api-docs', 'code-explanation', 'changelog', 'test-log',
  'assistant-status', 'how-to', 'data-description',
];

/**
 * Short complete neutral status lines (4-20 words) of an assistant at work. They
 * are not passages: calibration uses them only to fit how neutral text reads at a
 * few tokens (see lengthLaw.ts), never for the vectors or the denoising.
 */
export const STATUS_LINE_TOPIC = 'status-line';

export function isSoftwareTopic(topic: string): boolean {
  return topic.startsWith('software-');
}
