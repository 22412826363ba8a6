/**
 * Small hand-made tokenizer files and chat templates for the chat tests: a
 * byte-level BPE vocabulary (GPT-2/Qwen style) with ChatML special tokens, and
 * templates that behave like real ones (ChatML as Qwen2.5 writes it, and a
 * Mistral-style template that refuses system messages and broken alternation).
 */

/** GPT-2's printable stand-in for every byte. */
export function bytesToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const table: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    table[b] = printable.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  }
  return table;
}

export const SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];

/** A byte-level BPE tokenizer.json with the given merges (pairs of byte-level strings). */
export function byteLevelTokenizer(merges: Array<[string, string]>): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  bytesToUnicode().forEach((ch, i) => (vocab[ch] = i));
  let next = 256;
  for (const [a, b] of merges) if (vocab[a + b] === undefined) vocab[a + b] = next++;
  const added = SPECIALS.map((content, k) => ({
    id: next + k,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges: merges.map(([a, b]) => `${a} ${b}`),
    },
  };
}

/** Merges that make a few common English pieces whole tokens ('Ġ' is a leading space). */
export const MERGES: Array<[string, string]> = [
  ['t', 'h'],
  ['Ġ', 't'],
  ['Ġt', 'h'],
  ['Ġth', 'e'],
  ['i', 'n'],
  ['Ġ', 'a'],
  ['e', 'r'],
  ['o', 'n'],
  ['Ġ', 's'],
  ['Ġ', 'i'],
  ['Ġi', 's'],
  ['e', 's'],
  ['Ġ', 'w'],
  ['Ġ', 'f'],
  ['i', 'x'],
  ['Ġf', 'ix'],
];

/** Qwen2.5's ChatML template (its default system message included). */
export const CHATML_TEMPLATE =
  "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}" +
  "{%- else %}{{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{%- endif %}" +
  "{%- for message in messages %}{%- if not (message.role == 'system' and loop.first) %}" +
  "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endif %}{%- endfor %}" +
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

/** A Mistral-style template: no system role, strict alternation starting with user, trimmed contents. */
export const STRICT_TEMPLATE =
  "{{ bos_token }}{% for message in messages %}" +
  "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}" +
  "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}" +
  "{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] | trim + ' [/INST]' }}" +
  "{% elif message['role'] == 'assistant' %}{{ ' ' + message['content'] | trim + eos_token }}" +
  "{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}";

export const TOKENIZER_CONFIG: Record<string, unknown> = {
  bos_token: null,
  eos_token: '<|im_end|>',
  pad_token: '<|endoftext|>',
  clean_up_tokenization_spaces: false,
  model_max_length: 4096,
};
