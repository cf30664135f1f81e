// Test fixtures: tiny models from shared/models (see its MANIFEST.md) and two generated ones, each
// marked testOnly. WARNING: a module of its own so that production bundles do not carry it: the page
// imports it dynamically (ui/state/models.ts) only when Settings → "Show test models" is on, and
// Node's tests and the bench take it from test/support/all-models.ts. Never import it statically
// from src/.
// Files mirror shared/models/{repo}/{path} byte for byte (the catalog test re-hashes them). Every
// file in each folder is listed, including ones the runtime does not request (added_tokens.json,
// special_tokens_map.json, vocab.txt), so a mirror built from the catalog is complete.
import { APACHE, file, lic, MiB, MLC_FILES, ram, WHISPER, WHISPER_PREPROCESSOR } from './entry-parts';
import type { ModelEntry } from './types';

const LLAMA2C = lic('MIT', 'https://github.com/karpathy/llama2.c/blob/master/LICENSE');
const BERT = lic('Apache-2.0', 'https://github.com/google-research/bert/blob/master/LICENSE');
const ORT_GENAI = lic('MIT', 'https://github.com/microsoft/onnxruntime-genai/blob/main/LICENSE');

const TW = [
  file('added_tokens.json', 2082, 'ce949fe720c14311cb6c446e69cfe340dc669d7b006077a6feed6ae571dd7e88'),
  file('config.json', 1257, 'a4590c211e379578be42b8193edb3ad6d5f20a27520b49e6bdc26a4bd9f2d0b8'),
  file('generation_config.json', 3621, '5e3e52083eab1cf6c28bfe717eee4cf8e1587504829c5893a9c0a07e1a3853b8'),
  WHISPER_PREPROCESSOR,
  file('special_tokens_map.json', 2077, 'b0aac6950381c4ae2f60b3f0fab04bcfe399a6a320cb3e4c7aee2d52924d733e'),
  file('tokenizer.json', 1443515, '94cbf9bbcd0db9c4626787257ffce6b84c0315574a2a01285953762cdd82be81'),
  file('tokenizer_config.json', 835, 'e082c1ad251541bf277967a703252cddd4bb37a71a43737e03d050c22ec08238'),
];
const TB = [
  file('config.json', 513, '6383a97ed7d020d7bdac59f85b5c9c36f290885a0a11df6609ff3e91298097ca'),
  file('special_tokens_map.json', 125, 'b6d346be366a7d1d48332dbc9fdf3bf8960b5d879522b7799ddba59e76237ee3'),
  file('tokenizer.json', 466081, '9114256b104cca80e04367526f03f46aa3c443c2ed174904142a73bbf13b9fbb'),
  file('tokenizer_config.json', 343, '5b7345af426dd16e2544b384786f5246a16858638088b8b3957ed2bcbfc05238'),
  file('vocab.txt', 231508, '07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3'),
];

/** Every fixture, each marked testOnly. */
export const TEST_MODELS: readonly ModelEntry[] = [
  {
    id: 'test-whisper-fp32',
    name: 'Test: tiny random Whisper (fp32)',
    task: 'stt',
    runtime: 'transformers',
    repo: 'test/tiny-random-whisper',
    files: [
      ...TW,
      file('onnx/encoder_model.onnx', 143216, '21051a3c6f2c1eda28448ae21d358608b6ecd55e9117f73f568dca6ea8f2ed79'),
      file('onnx/decoder_model_merged.onnx', 4256267, 'a1050bc5f99d9d0f5811e8c3cd5902095268f17d49a7ec8e263dfdb9002637ac'),
    ],
    quantization: 'fp32',
    licence: WHISPER,
    needs: { ramBytes: ram(4399483, 16 * MiB) },
    languages: ['en'],
    testOnly: true,
    randomWeights: true,
    description: 'Random-weight Whisper with the real tokenizer: exercises the STT pipeline, meaningless text.',
  },
  {
    id: 'test-whisper-q8',
    name: 'Test: tiny random Whisper (q8)',
    task: 'stt',
    runtime: 'transformers',
    repo: 'test/tiny-random-whisper',
    files: [
      ...TW,
      file('onnx/encoder_model_quantized.onnx', 143216, '21051a3c6f2c1eda28448ae21d358608b6ecd55e9117f73f568dca6ea8f2ed79'),
      file(
        'onnx/decoder_model_merged_quantized.onnx',
        1767040,
        'e6113cc75615a226db28fb80c976f065187bde20f6dd90aa5b8a5cab06669a60',
      ),
    ],
    quantization: 'q8',
    licence: WHISPER,
    needs: { ramBytes: ram(1910256, 16 * MiB) },
    languages: ['en'],
    testOnly: true,
    randomWeights: true,
    description: 'Random-weight Whisper, q8 build (the default dtype on wasm).',
  },
  {
    id: 'test-kokoro-fp32',
    name: 'Test: tiny random Kokoro',
    task: 'tts',
    runtime: 'transformers',
    repo: 'test/tiny-random-kokoro',
    files: [
      file('config.json', 101, 'dbb7d58c0ebe8a611c25c2517ef0d7d44cbd8a01f6851db251c81d54e6a7d067'),
      file('tokenizer.json', 3575, '04f608c19b596dbf7d4f8b08659baeaa0a65561b4a4df6ce08edbcc1497373ef'),
      file('tokenizer_config.json', 155, '4e2e5fc0ff6d7d9d342fb299840d69cdf16b12404594d834d6d39b3dfe2dc166'),
      file('onnx/model.onnx', 33369, '4d04c6c5c93cbd9d5675cfeae47a5e80b26b5d3e7cdb6c844fef0b08acaab5bc'),
      file('voices/af_heart.bin', 522240, 'd340d6a68f186fda771ae45b53638ac27620960d86cb82bfb0ddd1897b9d016c'),
      file('voices/bf_emma.bin', 522240, 'afcee5ea82dbcad01c4a64343d757f85f061bbe14f8c2cd2dd80cfe4f53c9e0e'),
    ],
    quantization: 'fp32',
    licence: APACHE,
    needs: { ramBytes: ram(33369 + 2 * 522240, 16 * MiB) },
    languages: ['en-US', 'en-GB'],
    testOnly: true,
    randomWeights: true,
    description: 'Random-weight Kokoro signature: one tone per phoneme token at 24 kHz (voices af_heart, bf_emma).',
  },
  {
    id: 'test-bert-embed-fp32',
    name: 'Test: tiny random BERT embeddings (fp32)',
    task: 'embed',
    runtime: 'transformers',
    repo: 'test/tiny-random-bert-embed',
    files: [...TB, file('onnx/model.onnx', 4036814, 'b1f01664bc53afe71bc1189f9f87dc96cc2cdd77cad40b50f185c85972aeebfe')],
    quantization: 'fp32',
    licence: BERT,
    needs: { ramBytes: ram(4036814, 16 * MiB) },
    languages: ['en'],
    testOnly: true,
    randomWeights: true,
    description: 'Random-weight BERT (32 dims) with the real bert-base-uncased tokenizer.',
  },
  {
    id: 'test-bert-embed-q8',
    name: 'Test: tiny random BERT embeddings (q8)',
    task: 'embed',
    runtime: 'transformers',
    repo: 'test/tiny-random-bert-embed',
    files: [
      ...TB,
      file('onnx/model_quantized.onnx', 1106989, 'b08cfb2d96315025e5a702487191581755fed9a79f2091a89346b6ce098de3cf'),
    ],
    quantization: 'q8',
    licence: BERT,
    needs: { ramBytes: ram(1106989, 16 * MiB) },
    languages: ['en'],
    testOnly: true,
    randomWeights: true,
    description: 'Random-weight BERT (32 dims), q8 build.',
  },
  {
    // The q8 fixture's files as the catalog lists a model nothing publishes sizes or hashes for
    // (multilingual-e5-small): sizes asked of the source, hashes pinned from it, E5's prefixes.
    id: 'test-bert-embed-sized-by-source',
    name: 'Test: tiny random BERT embeddings (sizes from the source)',
    task: 'embed',
    runtime: 'transformers',
    repo: 'test/tiny-random-bert-embed',
    files: [...TB, file('onnx/model_quantized.onnx', 0, null)].map((f) => ({ ...f, bytes: 0, sha256: null })),
    approxBytes: 1.8e6,
    quantization: 'q8',
    licence: BERT,
    needs: { ramBytes: ram(1106989, 16 * MiB) },
    languages: ['multilingual'],
    embedPrefixes: { query: 'query: ', passage: 'passage: ' },
    testOnly: true,
    randomWeights: true,
    description: 'Random-weight BERT (32 dims), q8, listed without sizes or hashes: the source states them.',
  },
  {
    // No generation_config.json: transformers.js asks for it and tolerates the 404. In browsers the
    // external weights need session_options.externalData (see shared/models/MANIFEST.md).
    id: 'test-llama-fp16',
    name: 'Test: tiny random Llama (fp16)',
    task: 'llm',
    runtime: 'transformers',
    repo: 'hf-internal-testing/tiny-random-LlamaForCausalLM-ortgenai',
    files: [
      file('config.json', 635, 'f61d5124c80aecfe13e4f9b475e3e63c7ae23f47dafe308dae703f13c820bbc7'),
      file('special_tokens_map.json', 552, '4859e5dbde90e059988a0a2136d8df3f2773d4d2fc4c4543690028f0b2166e7f'),
      file('tokenizer.json', 3619013, 'd606f46a8aa6f29f0a0abdec7c3ffddefc9f9bfe26919532d209a0a850e25029'),
      file('tokenizer_config.json', 1964, '4dff28fa324d39154f58abd7b1a99bcb928080d77d589d025e47b9e050673e7e'),
      file('onnx/model_fp16.onnx', 35909, '3d13c04efa19b6926f7b681b2f244c2b3fa984aa0bdd1f81ee6276d7e9996e91'),
      file('onnx/model.onnx.data', 2130080, 'de83a26356d47822412cbc6b56931ad513751714457133ac35b5d9e71f587610'),
    ],
    quantization: 'fp16',
    licence: ORT_GENAI,
    needs: { ramBytes: ram(35909 + 2130080, 16 * MiB) },
    languages: ['en'],
    testOnly: true,
    randomWeights: true,
    description: 'Random-weight 2-layer Llama for text-generation plumbing; outputs random tokens.',
  },
  {
    // Real trained weights (karpathy/llama2.c tinyllamas, TinyStories): not random, but far too
    // small to be an assistant. 5 layers, 4 KV heads x head_dim 8, 512-token vocab.
    id: 'test-stories260k-wllama',
    name: 'Test: stories260K (TinyStories)',
    task: 'llm',
    runtime: 'wllama',
    repo: 'ggml-org/models',
    files: [file('tinyllamas/stories260K.gguf', 1185376, '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d')],
    quantization: 'f32',
    licence: LLAMA2C,
    needs: { ramBytes: ram(1185376, 5 * 2 * 4 * 8 * 2 * 512 + 16 * MiB) },
    languages: ['en'],
    testOnly: true,
    description: "Real 260K-parameter TinyStories model for wllama plumbing; writes tiny children's stories.",
  },
  {
    // No MLC build can run without a GPU, and none is in shared/models: the browser tests generate
    // this repo (test/support/fake-mlc-model.ts) and build the app with WebLLM replaced at the
    // library boundary. It proves the download, store, worker and UI plumbing of the GPU path only.
    id: 'test-fake-mlc-q4f32-webllm',
    name: 'Test: fake MLC build (WebLLM engine double)',
    task: 'llm',
    runtime: 'webllm',
    repo: 'mlc-ai/Hearth-Test-Fake-q4f32_1-MLC',
    files: MLC_FILES,
    quantization: 'q4f32_1',
    licence: APACHE,
    needs: { ramBytes: 64 * MiB, vramBytes: 32 * MiB },
    languages: ['en'],
    testOnly: true,
    randomWeights: true,
    description: "Generated files in MLC's layout for the WebLLM test double: plumbing only, no model.",
    webllm: {
      modelId: 'Hearth-Test-Fake-q4f32_1-MLC',
      modelLib: 'Hearth-Test-Fake-q4f32_1-webgpu.wasm',
      contextWindow: 1024,
      lowResource: true,
      shardsFromManifest: true,
      approxBytes: 400_000,
    },
  },
  {
    // Not in shared/models: bench/random-gguf.ts writes it (seeded, byte-identical every run) into a
    // folder the bench's mirror serves; test/bench/random-gguf.test.ts keeps these pins equal to its
    // output. 8 layers x 512 wide, n_ff 1536, 8 heads (no GQA), stories260K's 512-token tokenizer.
    id: 'test-random-llama-28m-wllama',
    name: 'Test: random Llama 28M (fp16, generated)',
    task: 'llm',
    runtime: 'wllama',
    repo: 'hearth-test/random-llama-28m',
    files: [file('random-llama-28m-f16.gguf', 55625088, '6857c68a2fc8c545f771d228ada3587fc6ab865467f6066a85f542879a40d146')],
    quantization: 'f16',
    licence: LLAMA2C,
    needs: { ramBytes: ram(55625088, 8 * 2 * 512 * 2 * 2048 + 16 * MiB) },
    languages: ['en'],
    testOnly: true,
    randomWeights: true,
    description:
      "Generated for the bench: random weights with a small real model's per-token cost. Plumbing and speed only; writes gibberish.",
  },
  {
    id: 'test-random-bytes-512m',
    name: 'Test: random bytes 512 MiB (generated)',
    task: 'llm',
    runtime: 'wllama',
    repo: 'hearth-test/random-bytes-512m',
    files: [file('random-512m.bin', 536870912, 'a08b61a8a647a0d815488580894119846a7e80cc5408bac4e57f6e3b17047e2c')],
    quantization: 'none',
    licence: LLAMA2C,
    needs: { ramBytes: ram(536870912, 0) },
    languages: ['en'],
    testOnly: true,
    randomWeights: true,
    description:
      'Generated for the bench (bench/random-bytes.ts): 512 MiB of random bytes to time big downloads. Not a model; it never loads.',
  },
];
