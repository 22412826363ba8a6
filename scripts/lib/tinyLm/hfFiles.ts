/**
 * The Hugging Face side files of the tiny LM's folder: config.json, generation_config.json,
 * tokenizer_config.json (with Qwen2.5-Instruct's ChatML chat template, verbatim) and a README.
 */
import type { LmShape } from './decoder';
import type { BuiltTokenizer } from './tokenizer';

export const MODEL_NAME = 'emotion-lens/tiny-lm';
export const MAX_POSITIONS = 32768;

/** Qwen2.5-Instruct's chat_template, as in its tokenizer_config.json. */
export const QWEN25_CHAT_TEMPLATE = [
  "{%- if tools %}",
  "    {{- '<|im_start|>system\\n' }}",
  "    {%- if messages[0]['role'] == 'system' %}",
  "        {{- messages[0]['content'] }}",
  "    {%- else %}",
  "        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}",
  "    {%- endif %}",
  '    {{- "\\n\\n# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>" }}',
  "    {%- for tool in tools %}",
  '        {{- "\\n" }}',
  "        {{- tool | tojson }}",
  "    {%- endfor %}",
  '    {{- "\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{\\"name\\": <function-name>, \\"arguments\\": <args-json-object>}\\n</tool_call><|im_end|>\\n" }}',
  "{%- else %}",
  "    {%- if messages[0]['role'] == 'system' %}",
  "        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}",
  "    {%- else %}",
  "        {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}",
  "    {%- endif %}",
  "{%- endif %}",
  "{%- for message in messages %}",
  '    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}',
  "        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}",
  '    {%- elif message.role == "assistant" %}',
  "        {{- '<|im_start|>' + message.role }}",
  "        {%- if message.content %}",
  "            {{- '\\n' + message.content }}",
  "        {%- endif %}",
  "        {%- for tool_call in message.tool_calls %}",
  "            {%- if tool_call.function is defined %}",
  "                {%- set tool_call = tool_call.function %}",
  "            {%- endif %}",
  "            {{- '\\n<tool_call>\\n{\"name\": \"' }}",
  "            {{- tool_call.name }}",
  "            {{- '\", \"arguments\": ' }}",
  "            {{- tool_call.arguments | tojson }}",
  "            {{- '}\\n</tool_call>' }}",
  "        {%- endfor %}",
  "        {{- '<|im_end|>\\n' }}",
  '    {%- elif message.role == "tool" %}',
  '        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}',
  "            {{- '<|im_start|>user' }}",
  "        {%- endif %}",
  "        {{- '\\n<tool_response>\\n' }}",
  "        {{- message.content }}",
  "        {{- '\\n</tool_response>' }}",
  '        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}',
  "            {{- '<|im_end|>\\n' }}",
  "        {%- endif %}",
  "    {%- endif %}",
  "{%- endfor %}",
  "{%- if add_generation_prompt %}",
  "    {{- '<|im_start|>assistant\\n' }}",
  "{%- endif %}",
  '',
].join('\n');

export function configJson(shape: LmShape, tok: BuiltTokenizer, dtype: 'float32' | 'float16'): Record<string, unknown> {
  return {
    _name_or_path: MODEL_NAME,
    architectures: ['Qwen2ForCausalLM'],
    attention_dropout: 0.0,
    bos_token_id: tok.special['<|endoftext|>'],
    eos_token_id: tok.special['<|im_end|>'],
    hidden_act: 'silu',
    hidden_size: shape.hidden,
    initializer_range: 0.02,
    intermediate_size: shape.intermediate,
    max_position_embeddings: MAX_POSITIONS,
    max_window_layers: shape.layers,
    model_type: 'qwen2',
    num_attention_heads: shape.heads,
    num_hidden_layers: shape.layers,
    num_key_value_heads: shape.kvHeads,
    rms_norm_eps: shape.rmsEps,
    rope_scaling: null,
    rope_theta: shape.ropeTheta,
    sliding_window: MAX_POSITIONS,
    tie_word_embeddings: false,
    torch_dtype: dtype,
    transformers_version: '4.45.0',
    use_cache: true,
    use_sliding_window: false,
    vocab_size: shape.vocab,
  };
}

export function generationConfigJson(tok: BuiltTokenizer): Record<string, unknown> {
  return {
    bos_token_id: tok.special['<|endoftext|>'],
    do_sample: false,
    eos_token_id: [tok.special['<|im_end|>'], tok.special['<|endoftext|>']],
    pad_token_id: tok.special['<|endoftext|>'],
    transformers_version: '4.45.0',
  };
}

export function tokenizerConfigJson(tok: BuiltTokenizer): Record<string, unknown> {
  const decoder: Record<string, unknown> = {};
  for (const [content, id] of Object.entries(tok.special)) {
    decoder[String(id)] = { content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true };
  }
  return {
    add_bos_token: false,
    add_prefix_space: false,
    added_tokens_decoder: decoder,
    additional_special_tokens: ['<|im_start|>', '<|im_end|>'],
    bos_token: null,
    chat_template: QWEN25_CHAT_TEMPLATE,
    clean_up_tokenization_spaces: false,
    eos_token: '<|im_end|>',
    errors: 'replace',
    model_max_length: MAX_POSITIONS,
    pad_token: '<|endoftext|>',
    split_special_tokens: false,
    tokenizer_class: 'Qwen2Tokenizer',
    unk_token: null,
  };
}

export function readme(summary: string, command: string): string {
  return `# emotion-lens/tiny-lm (random weights, for tests only)

A tiny decoder-only language model made by the Emotion Lens project to test the
bring-your-own-model path without downloading anything. Its weights are RANDOM
(seeded, so the files are reproducible): it knows nothing and its text is noise.

- Architecture: shaped like Qwen2 (\`model_type\` "qwen2"): RMSNorm, grouped-query
  self-attention with RoPE, SwiGLU MLP. ${summary}
- Files: the Hugging Face Optimum \`text-generation-with-past\` ONNX layout, config.json,
  generation_config.json, tokenizer.json (byte-level BPE whose merges were learned from
  the project's own English corpus), tokenizer_config.json (Qwen2.5's ChatML chat template).
- Made with: \`${command}\`

License: Apache-2.0, like the Emotion Lens project that generated it.
`;
}
