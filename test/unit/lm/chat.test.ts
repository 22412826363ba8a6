import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatEncoder, ChatTemplateError, renderConversation } from '../../../src/core/lm/chat';
import { tokenSpans } from '../../../src/core/lm/chatTokens';
import type { ChatMessage } from '../../../src/core/lm/types';
import { byteLevelTokenizer, CHATML_TEMPLATE, MERGES, STRICT_TEMPLATE, TOKENIZER_CONFIG } from './chatFixtures';
import { CONVERSATION, makeTinyLm, type TinyLm } from './lmFixture';

const TOKENIZER = byteLevelTokenizer(MERGES);
const chatml = new ChatEncoder({ tokenizerJson: TOKENIZER, tokenizerConfig: TOKENIZER_CONFIG, chatTemplate: CHATML_TEMPLATE });
const strict = new ChatEncoder({
  tokenizerJson: TOKENIZER,
  tokenizerConfig: { ...TOKENIZER_CONFIG, bos_token: { content: '<s>', special: true }, eos_token: '</s>' },
  chatTemplate: STRICT_TEMPLATE,
});

const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });

/** Every token's slice of the content, in order. */
function slices(content: string, tokens: Array<{ start: number; end: number }>): string[] {
  return tokens.map((t) => content.slice(t.start, t.end));
}

describe('rendering with the chat template', () => {
  test('ChatML: the text Qwen2.5 would see, with every content located', () => {
    const rendered = chatml.renderer.render([user('Fix the test'), assistant('The fix is in.')]);
    assert.equal(
      rendered.text,
      '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nFix the test<|im_end|>\n' +
        '<|im_start|>assistant\nThe fix is in.<|im_end|>\n',
    );
    assert.deepEqual(
      rendered.spans.map((s) => rendered.text.slice(s.start, s.end)),
      ['Fix the test', 'The fix is in.'],
    );
    assert.deepEqual(rendered.adjustments, []);
  });

  test('a template that refuses system messages gets the system text in the first user turn', () => {
    const messages = [{ role: 'system', content: 'Be brief.' } as ChatMessage, user('Fix it'), assistant('  Done.  ')];
    const rendered = strict.renderer.render(messages);
    assert.equal(rendered.text, '<s>[INST] Be brief.\n\nFix it [/INST] Done.</s>');
    assert.deepEqual(rendered.adjustments, ['folded-system']);
    const span = rendered.spans.find((s) => s.messageIndex === 2);
    assert.ok(span);
    assert.equal(rendered.text.slice(span.start, span.end), 'Done.');
    // The template trimmed the content: offsets still point into the message's own text.
    assert.equal(span.contentOffset, 2);
  });

  test('consecutive messages of one role are merged, each still read on its own', () => {
    const messages = [user('Run the tests'), assistant('Running them now.'), assistant('Two failures remain.'), user('Go on')];
    const rendered = strict.renderer.render(messages);
    assert.ok(rendered.adjustments.includes('merged-roles'));
    const encoded = strict.encode(messages);
    assert.deepEqual(
      encoded.assistant.map((a) => [a.messageIndex, strict.tokenizer.decode(encoded.ids.slice(a.tokenStart, a.tokenEnd))]),
      [
        [1, 'Running them now.'],
        [2, 'Two failures remain.'],
      ],
    );
  });

  test('a conversation that starts with the assistant gets an empty user turn where alternation is required', () => {
    const rendered = strict.renderer.render([assistant('Hello, how can I help?'), user('Fix the build')]);
    assert.deepEqual(rendered.adjustments, ['leading-user']);
    assert.equal(rendered.text, '<s>[INST]  [/INST] Hello, how can I help?</s>[INST] Fix the build [/INST]');
  });

  test('a short content equal to template text is found in its message, not in a role header', () => {
    const rendered = chatml.renderer.render([user('Say one word'), assistant('assistant')]);
    const span = rendered.spans.find((s) => s.role === 'assistant');
    assert.ok(span);
    assert.equal(rendered.text.slice(span.start - '<|im_start|>assistant\n'.length, span.end), '<|im_start|>assistant\nassistant');
  });

  test('content the template rewrites is left unread rather than misplaced', () => {
    const upper = new ChatEncoder({
      tokenizerJson: TOKENIZER,
      tokenizerConfig: TOKENIZER_CONFIG,
      chatTemplate: "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content | upper }}<|im_end|>\n{% endfor %}",
    });
    const encoded = upper.encode([user('hi'), assistant('all fixed')]);
    assert.deepEqual(encoded.assistant, []);
    assert.ok(encoded.ids.length > 0);
  });

  test('a template that refuses the conversation whatever is done gives a clear error', () => {
    const refusing = new ChatEncoder({
      tokenizerJson: TOKENIZER,
      tokenizerConfig: TOKENIZER_CONFIG,
      chatTemplate: "{{ raise_exception('This model does not chat.') }}",
    });
    assert.throws(() => refusing.encode([user('hi')]), (err: Error) => {
      assert.ok(err instanceof ChatTemplateError);
      assert.match(err.message, /refuses this conversation: This model does not chat\./);
      return true;
    });
    assert.throws(() => new ChatEncoder({ tokenizerJson: TOKENIZER, tokenizerConfig: {}, chatTemplate: '{% for %}' }), /cannot be parsed/);
    assert.throws(() => chatml.encode([{ role: 'tool', content: 'x' } as unknown as ChatMessage]), /unknown role "tool"/);
  });
});

describe('tokenizing by segments', () => {
  test('ChatML ids equal those of the whole rendered text, and only grow as messages are added', () => {
    for (let n = 1; n <= CONVERSATION.length; n++) {
      const messages = CONVERSATION.slice(0, n);
      const encoded = chatml.encode(messages);
      const whole = chatml.tokenizer.encode(chatml.renderer.render(messages).text, { add_special_tokens: false }).ids;
      assert.deepEqual(encoded.ids, whole, `${n} messages`);
      if (n > 1) {
        const before = chatml.encode(CONVERSATION.slice(0, n - 1)).ids;
        assert.deepEqual(encoded.ids.slice(0, before.length), before, `${n} messages extend ${n - 1}`);
      }
    }
  });

  test("each assistant message's token range decodes to its content", () => {
    const encoded = chatml.encode(CONVERSATION);
    assert.deepEqual(
      encoded.assistant.map((a) => a.messageIndex),
      [1, 3, 5, 7],
    );
    for (const a of encoded.assistant) {
      const content = (CONVERSATION[a.messageIndex] as ChatMessage).content;
      assert.equal(chatml.tokenizer.decode(encoded.ids.slice(a.tokenStart, a.tokenEnd)), content);
      assert.deepEqual(
        a.tokens.map((t) => t.id),
        encoded.ids.slice(a.tokenStart, a.tokenEnd),
      );
      // The tokens tile the content, in order, without gaps.
      assert.equal(dedupe(content, a.tokens), content);
    }
  });

  test('tokens of a character split over several byte-level pieces share that character', () => {
    const content = 'café ☕ 🎉!';
    const { assistant: [a] } = chatml.encode([user('hi'), assistant(content)]);
    assert.ok(a);
    const eAcute = a.tokens.filter((t) => content.slice(t.start, t.end) === 'é');
    assert.equal(eAcute.length, 2, 'é is two bytes, two tokens here');
    const party = a.tokens.filter((t) => content.slice(t.start, t.end) === '🎉');
    assert.equal(party.length, 4, '🎉 is four bytes, two UTF-16 units');
    assert.equal(content.slice(party[0]?.start, party[0]?.end).length, 2);
    assert.deepEqual(slices(content, a.tokens.slice(-1)), ['!']);
    assert.equal(a.tokens[0]?.piece, 'c');
  });

  test('offsets of a trimmed content point into the original message', () => {
    const content = '   Done, all green.\n';
    const encoded = strict.encode([user('status?'), assistant(content)]);
    const a = encoded.assistant[0];
    assert.ok(a);
    assert.equal(content.slice(a.tokens[0]?.start, a.tokens[a.tokens.length - 1]?.end), 'Done, all green.');
  });

  test('text the tokenizer lowercased still gets its spans; tokens of other text get empty ones, never an error', () => {
    const lowercasing = { ...TOKENIZER, normalizer: { type: 'Lowercase' } };
    const encoder = new ChatEncoder({ tokenizerJson: lowercasing, tokenizerConfig: TOKENIZER_CONFIG, chatTemplate: CHATML_TEMPLATE });
    const text = 'HELLO there';
    const ids = encoder.tokenizer.encode(text, { add_special_tokens: false }).ids;
    assert.equal(dedupe(text, tokenSpans(ids, text, encoder.tokenizer)), text);
    const unrelated = tokenSpans(ids, 'something else entirely', encoder.tokenizer);
    assert.equal(unrelated.length, ids.length);
    assert.ok(unrelated.every((t) => t.start === 0 && t.end === 0));
  });

  test('renderConversation is the one-shot form of the same thing', () => {
    const messages = CONVERSATION.slice(0, 4);
    assert.deepEqual(renderConversation(messages, CHATML_TEMPLATE, TOKENIZER_CONFIG, TOKENIZER), chatml.encode(messages));
  });
});

describe("the tiny LM's own tokenizer and template", () => {
  let lm: TinyLm;
  before(async () => {
    lm = await makeTinyLm();
  });
  after(() => lm.cleanup());

  test('renders ChatML with the default system prompt and tokenizes exactly', () => {
    const encoder = new ChatEncoder(lm.prepared.folder);
    const messages = CONVERSATION.slice(0, 2);
    const text = encoder.renderer.render(messages).text;
    assert.ok(text.startsWith('<|im_start|>system\n'), text.slice(0, 40));
    assert.ok(text.endsWith(`<|im_start|>assistant\n${(messages[1] as ChatMessage).content}<|im_end|>\n`));
    const encoded = encoder.encode(messages);
    assert.deepEqual(encoded.ids, encoder.tokenizer.encode(text, { add_special_tokens: false }).ids);
    const imStart = encoder.tokenizer.token_to_id('<|im_start|>');
    assert.equal(encoded.ids.filter((id) => id === imStart).length, 3);
    const a = encoded.assistant[0];
    assert.ok(a);
    assert.equal(encoder.tokenizer.decode(encoded.ids.slice(a.tokenStart, a.tokenEnd)), (messages[1] as ChatMessage).content);
  });
});

/** The content rebuilt from token spans, counting a span shared by several tokens once. */
function dedupe(content: string, tokens: Array<{ start: number; end: number }>): string {
  let out = '';
  let pos = 0;
  for (const t of tokens) {
    assert.ok(t.start >= pos || (t.start === tokens[tokens.indexOf(t) - 1]?.start), 'spans go forward');
    if (t.start >= pos) {
      assert.equal(t.start, pos, `no gap before offset ${t.start}`);
      out += content.slice(t.start, t.end);
      pos = t.end;
    }
  }
  return out;
}
