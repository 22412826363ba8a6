/**
 * A conversation as the model sees it: rendered with the model's own chat
 * template, then tokenized so that every assistant message's tokens are known
 * exactly.
 *
 * Rendering. Templates differ in what they accept: some forbid a system message,
 * some insist on user/assistant alternation (they call raise_exception). The
 * messages are normalised first (consecutive messages of one role are merged with
 * a blank line), and when the template still refuses, the system message is
 * folded into the first user message, then a leading assistant message gets an
 * empty user turn before it. Each message's content is then located in the
 * rendered text (templates may trim it).
 *
 * Tokenizing by segments. The rendered text is cut at the start and end of every
 * assistant content and each piece is encoded on its own. That gives exact token
 * ranges for assistant messages, and a token sequence that only grows as messages
 * are appended (what the KV cache needs). In ChatML the cuts sit next to special
 * tokens and newlines, so the ids equal those of the whole text; elsewhere the
 * model still sees one consistent sequence.
 */
import { Template } from '@huggingface/jinja';
import { Tokenizer } from '@huggingface/tokenizers';
import type { Token } from '../model/tokenizer';
import { tokenSpans } from './chatTokens';
import type { ChatMessage } from './types';

/** Where one message's content sits in the rendered text. */
export interface ContentSpan {
  messageIndex: number;
  role: ChatMessage['role'];
  /** UTF-16 offsets into the rendered text. */
  start: number;
  end: number;
  /** Offset of the rendered content within the message's own content (> 0 when the template trimmed it). */
  contentOffset: number;
}

export interface RenderedConversation {
  text: string;
  /** Located contents, in order; a message the template dropped or rewrote is missing. */
  spans: ContentSpan[];
  /** What had to be changed for the template to accept the messages. */
  adjustments: Array<'merged-roles' | 'folded-system' | 'leading-user'>;
}

export interface AssistantTokens {
  messageIndex: number;
  /** Token range [tokenStart, tokenEnd) of the message's content in `ids`. */
  tokenStart: number;
  tokenEnd: number;
  /**
   * The content's tokens, with UTF-16 offsets into the message's content. Worked out
   * on first access (it decodes every token), so a conversation re-encoded on each
   * read pays only for the messages actually read.
   */
  readonly tokens: Token[];
}

export interface EncodedConversation {
  ids: number[];
  assistant: AssistantTokens[];
}

/** A part of a normalised message: one original message. */
interface Part {
  messageIndex: number;
  content: string;
}

interface NormalMessage {
  role: ChatMessage['role'];
  parts: Part[];
}

const PART_SEPARATOR = '\n\n';
/** Marker characters from the private-use area: not whitespace (trim keeps them), not in real text. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

export class ChatTemplateError extends Error {
  override name = 'ChatTemplateError';
}

/** Special tokens of tokenizer_config.json as the template sees them (objects reduced to their content). */
export function specialTokens(tokenizerConfig: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tokenizerConfig)) {
    if (!key.endsWith('_token')) continue;
    if (typeof value === 'string') out[key] = value;
    else if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
      out[key] = (value as { content: string }).content;
    }
  }
  return out;
}

function normalise(messages: ReadonlyArray<ChatMessage>): { list: NormalMessage[]; merged: boolean } {
  const list: NormalMessage[] = [];
  let merged = false;
  messages.forEach((m, messageIndex) => {
    if (m.role !== 'system' && m.role !== 'user' && m.role !== 'assistant') {
      throw new ChatTemplateError(`message ${messageIndex} has an unknown role "${String(m.role)}"`);
    }
    if (typeof m.content !== 'string') throw new ChatTemplateError(`message ${messageIndex} has no text content`);
    const last = list[list.length - 1];
    if (last && last.role === m.role) {
      last.parts.push({ messageIndex, content: m.content });
      merged = true;
    } else list.push({ role: m.role, parts: [{ messageIndex, content: m.content }] });
  });
  return { list, merged };
}

/** The system message becomes the head of the first user message (or a user message of its own). */
function foldSystem(list: NormalMessage[]): NormalMessage[] {
  const system = list.filter((m) => m.role === 'system');
  if (system.length === 0) return list;
  const rest = list.filter((m) => m.role !== 'system');
  const head = system.flatMap((m) => m.parts);
  const firstUser = rest.findIndex((m) => m.role === 'user');
  if (firstUser === 0) return [{ role: 'user', parts: [...head, ...(rest[0] as NormalMessage).parts] }, ...rest.slice(1)];
  return [{ role: 'user', parts: head }, ...rest];
}

function withLeadingUser(list: NormalMessage[]): NormalMessage[] {
  if (list[0]?.role !== 'assistant') return list;
  return [{ role: 'user', parts: [] }, ...list];
}

function contextFor(list: NormalMessage[], content: (p: Part, k: number) => string, tokens: Record<string, string>) {
  let k = 0;
  const messages = list.map((m) => ({
    role: m.role,
    content: m.parts.map((p) => content(p, k++)).join(PART_SEPARATOR),
  }));
  return {
    ...tokens,
    messages,
    add_generation_prompt: false,
    // A fixed date for templates that print today's date (Llama 3.x): the same conversation
    // always renders to the same tokens, whatever the day.
    date_string: '26 Jul 2024',
  };
}

/**
 * Finds each part's content in `text`. `marked` is the same conversation rendered with
 * every content replaced by a marker, which gives the template's own text between
 * contents; with it, a short content cannot be matched inside a role header.
 */
function locate(text: string, marked: string | undefined, parts: Part[], roles: ChatMessage['role'][]): ContentSpan[] {
  const markers = marked === undefined ? [] : parts.map((_, k) => marked.indexOf(`${MARK_OPEN}${k}${MARK_CLOSE}`));
  const usable =
    marked !== undefined &&
    markers.every((at, k) => at >= 0 && (k === 0 || at > (markers[k - 1] as number))) &&
    markers.every((at, k) => marked.indexOf(`${MARK_OPEN}${k}${MARK_CLOSE}`, at + 1) < 0);
  const spans: ContentSpan[] = [];
  let pos = 0;
  let markedPos = 0;
  parts.forEach((part, k) => {
    const trimmed = part.content.trim();
    let start = -1;
    if (usable) {
      const scaffold = (marked as string).slice(markedPos, markers[k]);
      markedPos = (markers[k] as number) + `${MARK_OPEN}${k}${MARK_CLOSE}`.length;
      if (text.startsWith(scaffold, pos)) {
        const at = pos + scaffold.length;
        if (text.startsWith(part.content, at)) start = at;
        else if (text.startsWith(trimmed, at)) start = at;
        else pos = at;
      }
    }
    let content = part.content;
    if (start < 0 || !text.startsWith(content, start)) {
      if (start < 0) {
        start = content.length > 0 ? text.indexOf(content, pos) : -1;
        if (start < 0 && trimmed.length > 0) start = text.indexOf(trimmed, pos);
      }
      if (start >= 0 && !text.startsWith(content, start)) content = trimmed;
    }
    if (start < 0) {
      if (part.content.trim().length > 0) return; // rewritten by the template: no span
      start = pos; // empty content: a zero-length span where the scan stands
      content = '';
    }
    const contentOffset = content === part.content ? 0 : part.content.indexOf(content);
    spans.push({
      messageIndex: part.messageIndex,
      role: roles[k] as ChatMessage['role'],
      start,
      end: start + content.length,
      contentOffset: Math.max(0, contentOffset),
    });
    pos = start + content.length;
  });
  return spans;
}

/** Renders messages with a chat template, adjusting them as little as the template demands. */
export class ChatRenderer {
  private readonly template: Template;
  private readonly tokens: Record<string, string>;

  constructor(templateSource: string, tokenizerConfig: Record<string, unknown>) {
    try {
      this.template = new Template(templateSource);
    } catch (err) {
      throw new ChatTemplateError(`the model's chat template cannot be parsed: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.tokens = specialTokens(tokenizerConfig);
  }

  render(messages: ReadonlyArray<ChatMessage>): RenderedConversation {
    const { list, merged } = normalise(messages);
    const base: RenderedConversation['adjustments'] = merged ? ['merged-roles'] : [];
    const attempts: Array<[NormalMessage[], RenderedConversation['adjustments']]> = [[list, base]];
    if (list.some((m) => m.role === 'system')) attempts.push([foldSystem(list), [...base, 'folded-system']]);
    const last = attempts[attempts.length - 1] as [NormalMessage[], RenderedConversation['adjustments']];
    if (withLeadingUser(last[0]) !== last[0]) attempts.push([withLeadingUser(last[0]), [...last[1], 'leading-user']]);

    let firstError: unknown;
    for (const [attempt, adjustments] of attempts) {
      let text: string;
      try {
        text = this.template.render(contextFor(attempt, (p) => p.content, this.tokens));
      } catch (err) {
        firstError ??= err;
        continue;
      }
      let marked: string | undefined;
      try {
        marked = this.template.render(contextFor(attempt, (_p, k) => `${MARK_OPEN}${k}${MARK_CLOSE}`, this.tokens));
      } catch {
        marked = undefined; // the template looks at the content itself: fall back to searching
      }
      const parts = attempt.flatMap((m) => m.parts);
      const roles = attempt.flatMap((m) => m.parts.map(() => m.role));
      return { text, spans: locate(text, marked, parts, roles), adjustments };
    }
    const reason = firstError instanceof Error ? firstError.message : String(firstError);
    throw new ChatTemplateError(`the model's chat template refuses this conversation: ${reason}`);
  }
}

/** Renders and tokenizes conversations for one model. Build once per model (template and vocabulary are parsed here). */
export class ChatEncoder {
  readonly renderer: ChatRenderer;
  readonly tokenizer: Tokenizer;
  /**
   * The most characters one token can stand for (the longest vocabulary piece): a
   * text of c characters has at least c / maxCharsPerToken tokens, which tells a
   * text too long for a window without tokenizing it.
   */
  readonly maxCharsPerToken: number;

  constructor(model: { tokenizerJson: Record<string, unknown>; tokenizerConfig: Record<string, unknown>; chatTemplate: string }) {
    this.renderer = new ChatRenderer(model.chatTemplate, model.tokenizerConfig);
    try {
      this.tokenizer = new Tokenizer(model.tokenizerJson, model.tokenizerConfig);
    } catch (err) {
      throw new ChatTemplateError(`the model's tokenizer.json cannot be loaded: ${err instanceof Error ? err.message : String(err)}`);
    }
    let longest = 1;
    for (const piece of this.tokenizer.get_vocab(true).keys()) longest = Math.max(longest, piece.length);
    this.maxCharsPerToken = longest;
  }

  encode(messages: ReadonlyArray<ChatMessage>): EncodedConversation {
    return tokenizeRendered(this.renderer.render(messages), this.tokenizer);
  }
}

/** Encodes the rendered text piece by piece, cut at every assistant content's start and end. */
export function tokenizeRendered(rendered: RenderedConversation, tokenizer: Tokenizer): EncodedConversation {
  const ids: number[] = [];
  const assistant: AssistantTokens[] = [];
  const encode = (from: number, to: number): number[] =>
    to > from ? tokenizer.encode(rendered.text.slice(from, to), { add_special_tokens: false }).ids : [];
  let pos = 0;
  for (const span of rendered.spans) {
    if (span.role !== 'assistant') continue;
    ids.push(...encode(pos, span.start));
    const own = encode(span.start, span.end);
    const tokenStart = ids.length;
    ids.push(...own);
    const text = rendered.text.slice(span.start, span.end);
    const offset = span.contentOffset;
    let tokens: Token[] | undefined;
    const entry = { messageIndex: span.messageIndex, tokenStart, tokenEnd: ids.length } as AssistantTokens;
    Object.defineProperty(entry, 'tokens', {
      enumerable: true,
      get: () =>
        (tokens ??= tokenSpans(own, text, tokenizer).map((t) => ({ ...t, start: t.start + offset, end: t.end + offset }))),
    });
    assistant.push(entry);
    pos = span.end;
  }
  ids.push(...encode(pos, rendered.text.length));
  return { ids, assistant };
}

/** The spec'd one-shot form: render and tokenize with a template string and the model's tokenizer files. */
export function renderConversation(
  messages: ReadonlyArray<ChatMessage>,
  template: string,
  tokenizerConfig: Record<string, unknown>,
  tokenizerJson: Record<string, unknown>,
): EncodedConversation {
  return new ChatEncoder({ tokenizerJson, tokenizerConfig, chatTemplate: template }).encode(messages);
}
