// The model catalog: every model Hearth offers for download, with the exact files the runtime
// requests. The test fixtures are in test-models.ts, a module of their own that production pages
// fetch only when "Show test models" is on. Data only. Rules kept here (and in test-models.ts):
//  - sha256 is the published hash (HF LFS oid for large files) where a public source gives it, else
//    null (the downloader then pins the hub's X-Linked-Etag). Nothing here is guessed: each entry
//    says where its sizes and hashes come from.
//  - Where sha256 is given, bytes is exact too. WebLLM entries list their fixed files with bytes 0:
//    the shards and the library are resolved at download time (mlc-files.ts), and
//    webllm.approxBytes is an estimate for display.
import { APACHE, file, lic, MiB, MLC_FILES, ram, WHISPER, WHISPER_PREPROCESSOR } from './entry-parts';
import type { Licence, ModelEntry, ModelFile } from './types';

// WebLLM's model libraries (webllm.modelLib, built for web-llm 0.2.86) are wasm files published
// outside the hub: they are downloaded into the store with the weights (from MLC's GitHub with the
// default source, else from the mirror), and the engine reads them only from there.

// ---------------------------------------------------------------------------------------------
// Licences
const QWEN25_05B = lic('Apache-2.0', 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct/blob/main/LICENSE');
const QWEN25_15B = lic('Apache-2.0', 'https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct/blob/main/LICENSE');
const QWEN3_06B = lic('Apache-2.0', 'https://huggingface.co/Qwen/Qwen3-0.6B/blob/main/LICENSE');
const QWEN3_17B = lic('Apache-2.0', 'https://huggingface.co/Qwen/Qwen3-1.7B/blob/main/LICENSE');
// Commercial use allowed (with the licence's 700M-monthly-user clause and acceptable-use policy).
const LLAMA32 = lic(
  'Llama 3.2 Community License',
  'https://github.com/meta-llama/llama-models/blob/main/models/llama3_2/LICENSE',
);
const SILERO = lic('MIT', 'https://github.com/snakers4/silero-vad/blob/master/LICENSE');
// openWakeWord README: "All of the included pre-trained models are licensed under CC BY-NC-SA 4.0".
const OWW = lic('CC BY-NC-SA 4.0', 'https://creativecommons.org/licenses/by-nc-sa/4.0/', false);

// ---------------------------------------------------------------------------------------------
// LLM, WebLLM (WebGPU). Values from @mlc-ai/web-llm 0.2.86 prebuiltAppConfig (npm tarball,
// lib/index.js): model_id, model_lib (under v0_2_86/base/), vram_required_MB, low_resource_required,
// overrides.context_window_size. WebLLM 0.2.86 (TVM runtime 0.28) reads tensor-cache.json — the
// renamed ndarray-cache.json (mlc-llm PR #3326) — then params_shard_0..N-1.bin; tokenizer.json is
// the only tokenizer file it requests. Shard sizes/hashes are not published anywhere we could read,
// so approxBytes = parameters x 4.5 bits (q4f16_1: 4-bit weights + f16 scale per 32) or x 5 bits
// (q4f32_1) + tokenizer.json, rounded to 10 MB. On phones and laptops the GPU memory comes out of
// system RAM, hence ramBytes = vram + 256 MiB for the page/worker.

interface WebLlmSpec {
  id: string;
  name: string;
  repo: string; // mlc-ai/{model_id}
  lib: string;
  vramMB: number;
  lowResource: boolean;
  approxBytes: number;
  licence: Licence;
  languages: string[];
  description: string;
}

const webllm = (s: WebLlmSpec): ModelEntry => {
  const f16 = s.repo.includes('q4f16');
  return {
    id: s.id,
    name: s.name,
    task: 'llm',
    runtime: 'webllm',
    repo: s.repo,
    files: MLC_FILES,
    quantization: f16 ? 'q4f16_1' : 'q4f32_1',
    licence: s.licence,
    needs: {
      ramBytes: Math.round(s.vramMB * MiB) + 256 * MiB,
      vramBytes: Math.round(s.vramMB * MiB),
      ...(f16 ? { shaderF16: true } : {}),
    },
    languages: s.languages,
    description: `${s.description} WebGPU${f16 ? ' with shader-f16' : ''}; about ${Math.round(s.approxBytes / 1e6)} MB to download, ${Math.round(s.vramMB)} MB of GPU memory.`,
    webllm: {
      modelId: s.repo.slice('mlc-ai/'.length),
      modelLib: s.lib,
      contextWindow: 4096,
      lowResource: s.lowResource,
      shardsFromManifest: true,
      approxBytes: s.approxBytes,
    },
  };
};

const QWEN_LANGS = ['multilingual'];
const LLAMA_LANGS = ['en', 'de', 'fr', 'it', 'pt', 'hi', 'es', 'th'];

const WEBLLM_MODELS: ModelEntry[] = [
  // SmolLM2-360M-Instruct: 362M params.
  webllm({
    id: 'smollm2-360m-instruct-q4f16-webllm',
    name: 'SmolLM2 360M Instruct (WebGPU, f16)',
    repo: 'mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC',
    lib: 'SmolLM2-360M-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 376.06,
    lowResource: true,
    approxBytes: 210e6,
    licence: APACHE,
    languages: ['en'],
    description: 'Tiny English chat model: fast on almost any GPU, simple answers only.',
  }),
  webllm({
    id: 'smollm2-360m-instruct-q4f32-webllm',
    name: 'SmolLM2 360M Instruct (WebGPU, f32)',
    repo: 'mlc-ai/SmolLM2-360M-Instruct-q4f32_1-MLC',
    lib: 'SmolLM2-360M-Instruct-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 579.61,
    lowResource: true,
    approxBytes: 230e6,
    licence: APACHE,
    languages: ['en'],
    description: 'Tiny English chat model, build for GPUs without shader-f16.',
  }),
  // Qwen2.5-0.5B-Instruct: 494M params.
  webllm({
    id: 'qwen2.5-0.5b-instruct-q4f16-webllm',
    name: 'Qwen2.5 0.5B Instruct (WebGPU, f16)',
    repo: 'mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    lib: 'Qwen2-0.5B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 944.62,
    lowResource: true,
    approxBytes: 290e6,
    licence: QWEN25_05B,
    languages: QWEN_LANGS,
    description: 'Small multilingual assistant; a good first choice for phones.',
  }),
  webllm({
    id: 'qwen2.5-0.5b-instruct-q4f32-webllm',
    name: 'Qwen2.5 0.5B Instruct (WebGPU, f32)',
    repo: 'mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    lib: 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 1060.2,
    lowResource: true,
    approxBytes: 320e6,
    licence: QWEN25_05B,
    languages: QWEN_LANGS,
    description: 'Small multilingual assistant, build for GPUs without shader-f16.',
  }),
  // Qwen3-0.6B: 596M params (thinks before answering unless told not to).
  webllm({
    id: 'qwen3-0.6b-q4f16-webllm',
    name: 'Qwen3 0.6B (WebGPU, f16)',
    repo: 'mlc-ai/Qwen3-0.6B-q4f16_1-MLC',
    lib: 'Qwen3-0.6B-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 1403.34,
    lowResource: true,
    approxBytes: 350e6,
    licence: QWEN3_06B,
    languages: QWEN_LANGS,
    description: 'Small multilingual model with an optional thinking mode.',
  }),
  webllm({
    id: 'qwen3-0.6b-q4f32-webllm',
    name: 'Qwen3 0.6B (WebGPU, f32)',
    repo: 'mlc-ai/Qwen3-0.6B-q4f32_1-MLC',
    lib: 'Qwen3-0.6B-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 1924.98,
    lowResource: true,
    approxBytes: 380e6,
    licence: QWEN3_06B,
    languages: QWEN_LANGS,
    description: 'Small multilingual model with an optional thinking mode, build for GPUs without shader-f16.',
  }),
  // Llama-3.2-1B-Instruct: 1.24B params.
  webllm({
    id: 'llama-3.2-1b-instruct-q4f16-webllm',
    name: 'Llama 3.2 1B Instruct (WebGPU, f16)',
    repo: 'mlc-ai/Llama-3.2-1B-Instruct-q4f16_1-MLC',
    lib: 'Llama-3.2-1B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 879.04,
    lowResource: true,
    approxBytes: 700e6,
    licence: LLAMA32,
    languages: LLAMA_LANGS,
    description: "Meta's small assistant model; friendly conversational answers.",
  }),
  webllm({
    id: 'llama-3.2-1b-instruct-q4f32-webllm',
    name: 'Llama 3.2 1B Instruct (WebGPU, f32)',
    repo: 'mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC',
    lib: 'Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 1128.82,
    lowResource: true,
    approxBytes: 780e6,
    licence: LLAMA32,
    languages: LLAMA_LANGS,
    description: "Meta's small assistant model, build for GPUs without shader-f16.",
  }),
  // Qwen2.5-1.5B-Instruct: 1.54B params.
  webllm({
    id: 'qwen2.5-1.5b-instruct-q4f16-webllm',
    name: 'Qwen2.5 1.5B Instruct (WebGPU, f16)',
    repo: 'mlc-ai/Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    lib: 'Qwen2-1.5B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 1629.75,
    lowResource: true,
    approxBytes: 880e6,
    licence: QWEN25_15B,
    languages: QWEN_LANGS,
    description: 'Noticeably smarter multilingual assistant for recent phones and laptops.',
  }),
  webllm({
    id: 'qwen2.5-1.5b-instruct-q4f32-webllm',
    name: 'Qwen2.5 1.5B Instruct (WebGPU, f32)',
    repo: 'mlc-ai/Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
    lib: 'Qwen2-1.5B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 1888.97,
    lowResource: true,
    approxBytes: 970e6,
    licence: QWEN25_15B,
    languages: QWEN_LANGS,
    description: 'Multilingual 1.5B assistant, build for GPUs without shader-f16.',
  }),
  // SmolLM2-1.7B-Instruct: 1.71B params.
  webllm({
    id: 'smollm2-1.7b-instruct-q4f16-webllm',
    name: 'SmolLM2 1.7B Instruct (WebGPU, f16)',
    repo: 'mlc-ai/SmolLM2-1.7B-Instruct-q4f16_1-MLC',
    lib: 'SmolLM2-1.7B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 1774.19,
    lowResource: true,
    approxBytes: 970e6,
    licence: APACHE,
    languages: ['en'],
    description: 'Capable English assistant for laptops and desktops.',
  }),
  webllm({
    id: 'smollm2-1.7b-instruct-q4f32-webllm',
    name: 'SmolLM2 1.7B Instruct (WebGPU, f32)',
    repo: 'mlc-ai/SmolLM2-1.7B-Instruct-q4f32_1-MLC',
    lib: 'SmolLM2-1.7B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 2692.38,
    lowResource: true,
    approxBytes: 1070e6,
    licence: APACHE,
    languages: ['en'],
    description: 'Capable English assistant, build for GPUs without shader-f16.',
  }),
  // Qwen3-1.7B: 1.72B params.
  webllm({
    id: 'qwen3-1.7b-q4f16-webllm',
    name: 'Qwen3 1.7B (WebGPU, f16)',
    repo: 'mlc-ai/Qwen3-1.7B-q4f16_1-MLC',
    lib: 'Qwen3-1.7B-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 2036.66,
    lowResource: true,
    approxBytes: 980e6,
    licence: QWEN3_17B,
    languages: QWEN_LANGS,
    description: 'The strongest small multilingual model here, with an optional thinking mode.',
  }),
  webllm({
    id: 'qwen3-1.7b-q4f32-webllm',
    name: 'Qwen3 1.7B (WebGPU, f32)',
    repo: 'mlc-ai/Qwen3-1.7B-q4f32_1-MLC',
    lib: 'Qwen3-1.7B-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 2635.44,
    lowResource: true,
    approxBytes: 1090e6,
    licence: QWEN3_17B,
    languages: QWEN_LANGS,
    description: 'Multilingual 1.7B model with an optional thinking mode, build for GPUs without shader-f16.',
  }),
];

// ---------------------------------------------------------------------------------------------
// LLM, wllama (llama.cpp in WebAssembly, CPU; GGUF). bartowski's Q4_K_M builds: smaller than the
// official Qwen ones (which keep more tensors at higher precision). ramBytes assumes n_ctx 4096 with
// an f16 KV cache (kv bytes/token = layers x 2 x kv_heads x head_dim x 2) + 128 MiB compute buffers.
const WLLAMA_CTX = 4096;
const gguf = (bytes: number, kvBytesPerToken: number): number => ram(bytes, kvBytesPerToken * WLLAMA_CTX + 128 * MiB);

const WLLAMA_MODELS: ModelEntry[] = [
  {
    // 270590880 bytes / sha256 2fa3f013…: the HF LFS pointer of this file, pinned identically by
    // several independent public projects (download scripts, model registries, a GGUF test corpus).
    // No revision was published alongside it: resolved at main, the hash guards against change.
    id: 'smollm2-360m-instruct-q4km-wllama',
    name: 'SmolLM2 360M Instruct (CPU)',
    task: 'llm',
    runtime: 'wllama',
    repo: 'bartowski/SmolLM2-360M-Instruct-GGUF',
    files: [
      file('SmolLM2-360M-Instruct-Q4_K_M.gguf', 270590880, '2fa3f013dcdd7b99f9b237717fa0b12d75bbb89984cc1274be1471a465bac9c2'),
    ],
    quantization: 'Q4_K_M',
    licence: APACHE,
    needs: { ramBytes: gguf(270590880, 32 * 2 * 5 * 64 * 2) },
    languages: ['en'],
    description: 'Tiny English chat model on the CPU, no WebGPU needed; 271 MB.',
  },
  {
    // 397808192 bytes / sha256 6eb923e7…: HF LFS oid (an HF API "siblings" listing reproduced in a
    // public test, plus several pinned download scripts); revision 41ba88db… pinned by two of them.
    id: 'qwen2.5-0.5b-instruct-q4km-wllama',
    name: 'Qwen2.5 0.5B Instruct (CPU)',
    task: 'llm',
    runtime: 'wllama',
    repo: 'bartowski/Qwen2.5-0.5B-Instruct-GGUF',
    revision: '41ba88dbac95fed2528c92514c131d73eb5a174b',
    files: [
      file('Qwen2.5-0.5B-Instruct-Q4_K_M.gguf', 397808192, '6eb923e7d26e9cea28811e1a8e852009b21242fb157b26149d3b188f3a8c8653'),
    ],
    quantization: 'Q4_K_M',
    licence: QWEN25_05B,
    needs: { ramBytes: gguf(397808192, 24 * 2 * 2 * 64 * 2) },
    languages: QWEN_LANGS,
    description: 'Small multilingual assistant on the CPU, no WebGPU needed; 398 MB.',
  },
  {
    // 807694464 bytes / sha256 6f85a640…: HF LFS oid (an HF paths-info response reproduced in a
    // public test, plus many pinned download scripts). Revision: one source only, so resolved at main.
    id: 'llama-3.2-1b-instruct-q4km-wllama',
    name: 'Llama 3.2 1B Instruct (CPU)',
    task: 'llm',
    runtime: 'wllama',
    repo: 'bartowski/Llama-3.2-1B-Instruct-GGUF',
    files: [
      file('Llama-3.2-1B-Instruct-Q4_K_M.gguf', 807694464, '6f85a640a97cf2bf5b8e764087b1e83da0fdb51d7c9fab7d0fece9385611df83'),
    ],
    quantization: 'Q4_K_M',
    licence: LLAMA32,
    needs: { ramBytes: gguf(807694464, 16 * 2 * 8 * 64 * 2) },
    languages: LLAMA_LANGS,
    description: "Meta's small assistant on the CPU; needs a phone with 4 GB of RAM or a laptop; 808 MB.",
  },
  {
    // 986048768 bytes / sha256 1adf0b11…: HF LFS oid pinned by several public projects; revision
    // 9eadc661… pinned by two of them.
    id: 'qwen2.5-1.5b-instruct-q4km-wllama',
    name: 'Qwen2.5 1.5B Instruct (CPU)',
    task: 'llm',
    runtime: 'wllama',
    repo: 'bartowski/Qwen2.5-1.5B-Instruct-GGUF',
    revision: '9eadc66189c7641e1ddd226b8267a9119b2ce2d4',
    files: [
      file('Qwen2.5-1.5B-Instruct-Q4_K_M.gguf', 986048768, '1adf0b11065d8ad2e8123ea110d1ec956dab4ab038eab665614adba04b6c3370'),
    ],
    quantization: 'Q4_K_M',
    licence: QWEN25_15B,
    needs: { ramBytes: gguf(986048768, 28 * 2 * 2 * 128 * 2) },
    languages: QWEN_LANGS,
    description: 'Smarter multilingual assistant on the CPU; best on laptops and recent phones; 986 MB.',
  },
];

// ---------------------------------------------------------------------------------------------
// Speech to text: Whisper through transformers.js (dtype q8 -> *_quantized.onnx). transformers.js
// 4.3.1 requests config.json, generation_config.json (Seq2Seq optional config),
// preprocessor_config.json, tokenizer.json + tokenizer_config.json and the two ONNX sessions
// encoder_model{suffix}.onnx / decoder_model_merged{suffix}.onnx. Sizes and sha256 (HF LFS oids for
// the ONNX files, content hashes for the JSON) at the pinned revisions, as pinned by public
// projects that vendor these exact files; the ONNX hashes agree across several of them.
// Encoder self-attention over 1500 frames dominates activations: heads x 1500² x 4 B per layer.
const TOK_MULTI = file('tokenizer.json', 2480466, '27fc476bfe7f17299480be2273fc0608e4d5a99aba2ab5dec5374b4482d1a566');
const TOKCFG_MULTI = file('tokenizer_config.json', 282683, '2a4c4281cf9f51ac6ccc406fdc711a087afe6530f671fa7b80953edc498275ce');

const whisper = (
  e: Pick<ModelEntry, 'id' | 'name' | 'repo' | 'revision' | 'languages' | 'description'>,
  files: ModelFile[],
  extraBytes: number,
): ModelEntry => ({
  ...e,
  task: 'stt',
  runtime: 'transformers',
  files,
  quantization: 'q8',
  licence: WHISPER,
  needs: {
    ramBytes: ram(
      files.reduce((s, f) => s + f.bytes, 0),
      extraBytes,
    ),
  },
});

const STT_MODELS: ModelEntry[] = [
  // Two independent sources (one records X-Repo-Commit 2575352d… at fetch time) agree on every file.
  whisper(
    {
      id: 'whisper-tiny-en-q8',
      name: 'Whisper tiny.en',
      repo: 'onnx-community/whisper-tiny.en',
      revision: '2575352d61be1bf7225cf8f8b268a4678025fc58',
      languages: ['en'],
      description: 'English-only speech recognition; fastest, fine for short commands; 41 MB.',
    },
    [
      file('config.json', 2197, '251ea843b5901a99efa58c0b99b8052c6019aa3e7d2baf46693a1128ff606233'),
      file('generation_config.json', 1646, '7b2e8451ed5f118e75fdd991409d72119d21d2fef1eba9723f68fb9c57fe5dc9'),
      WHISPER_PREPROCESSOR,
      file('tokenizer.json', 2405679, '5eb60cec1e77aeeb6869a2bb5a8e01a84c3fe5d072d75369343021fe6f5310d0'),
      file('tokenizer_config.json', 282662, '93879c3dccdd4b976f709acd85b44778873f30c275e67026f30ca1e4c975230c'),
      file('onnx/encoder_model_quantized.onnx', 10124993, 'e93ec822f16a8fd264e7de972ad17d615ea7334b75a52d54c50c2e18dd503a25'),
      file(
        'onnx/decoder_model_merged_quantized.onnx',
        30718858,
        'c0592d0749413c960569e1c7fb806b060d5d18f3ebad4a95cbf9a77dc6e9be52',
      ),
    ],
    128 * MiB,
  ),
  whisper(
    {
      id: 'whisper-tiny-q8',
      name: 'Whisper tiny (multilingual)',
      repo: 'onnx-community/whisper-tiny',
      revision: 'ff4177021cc41f7db950912b73ea4fdf7d01d8e7',
      languages: ['multilingual'],
      description: 'Multilingual speech recognition (99 languages); fastest; 44 MB.',
    },
    [
      file('config.json', 2243, '46aeea0a406afbeb563fc8e59ca10609203df4299af6a83f73752fef369efd2d'),
      file('generation_config.json', 3772, 'f5c67e5a4f7102f8cb4d058bc95da276bbc19eeec997267c3bb0f25ef68facd1'),
      WHISPER_PREPROCESSOR,
      TOK_MULTI,
      TOKCFG_MULTI,
      file('onnx/encoder_model_quantized.onnx', 10124990, '2af4a414ca47aa30f61246017e5fe82b0a8d229281d1255ba666a2a7f6b84d19'),
      file(
        'onnx/decoder_model_merged_quantized.onnx',
        30719241,
        '25e807a962b6349356d0ea5d0dfe530b7e5bf0e2a484aeca0359d03143faddd3',
      ),
    ],
    128 * MiB,
  ),
  whisper(
    {
      id: 'whisper-base-q8',
      name: 'Whisper base (multilingual)',
      repo: 'onnx-community/whisper-base',
      revision: '1846881b6b3a3024392c1eea3ad983695bc23925',
      languages: ['multilingual'],
      description: 'Multilingual speech recognition; clearly better than tiny, still quick on phones; 80 MB.',
    },
    [
      file('config.json', 2243, 'f4d0608f7d918166da7edb3e188de5ef1bfe70d9802e785d271fd88111e9cf4b'),
      file('generation_config.json', 3832, '61070cf8de25b1e9256e8e102ded49d8d24a8369ed36ef84fdf21549e68125a0'),
      WHISPER_PREPROCESSOR,
      TOK_MULTI,
      file('tokenizer_config.json', 282682, '2e036e4dbacfdeb7242c7d4ec4149f4a16e86026048f94d1637e3a8ee9c6a573'),
      file('onnx/encoder_model_quantized.onnx', 23201314, '5862993336bf33acd23736071aae2b32261d3b1b2f37780194460d4ef974dd46'),
      file(
        'onnx/decoder_model_merged_quantized.onnx',
        53693315,
        'fa3ef9902734ce5ae6f9ef2bdb2ba9a6c4b5785b09f4f420ce036573dc9d090b',
      ),
    ],
    160 * MiB,
  ),
  // ONNX sizes/hashes confirmed by several sources; the config/generation_config hashes by one.
  whisper(
    {
      id: 'whisper-small-q8',
      name: 'Whisper small (multilingual)',
      repo: 'onnx-community/whisper-small',
      revision: '36050c46d777d46dc4b5f43f6d90574fc38f8732',
      languages: ['multilingual'],
      description: 'Multilingual speech recognition; most accurate here, for laptops and desktops; 252 MB.',
    },
    [
      file('config.json', 2227, '457854d452f17661e197d74aee12b8e74fb75ba30ebfaa7426d0d61ea1e08a18'),
      file('generation_config.json', 3893, 'f538b28220c6a6d6f1af1458d4141cacb4ef4963df3de98a19490440c412ddf0'),
      WHISPER_PREPROCESSOR,
      TOK_MULTI,
      TOKCFG_MULTI,
      file('onnx/encoder_model_quantized.onnx', 92326160, 'a43a83f3c5361cd591cfa7c36f14b43cf7cb22f47a415cc14a8d557be800fa92'),
      file(
        'onnx/decoder_model_merged_quantized.onnx',
        156750845,
        'ec07c3cbb64172c39791e26ee870a65ac22b458c36722bfe2776b3dbf741e0c9',
      ),
    ],
    256 * MiB,
  ),
];

// ---------------------------------------------------------------------------------------------
// Text to speech: Kokoro-82M v1.0 through kokoro-js (dtype q8 -> onnx/model_quantized.onnx; voices
// are raw float32 [510,1,256] style tensors, 522240 bytes each). Every size and sha256 at revision
// 1939ad2a… agrees across several public projects that pin these files (HF LFS oids for the .onnx
// and .bin files). kokoro-js phonemizes English only (a* = en-US, b* = en-GB).
const kokoroVoice = (name: string, sha256: string): ModelFile => file(`voices/${name}.bin`, 522240, sha256);

const TTS_MODELS: ModelEntry[] = [
  {
    id: 'kokoro-82m-v1-q8',
    name: 'Kokoro 82M',
    task: 'tts',
    runtime: 'transformers',
    repo: 'onnx-community/Kokoro-82M-v1.0-ONNX',
    revision: '1939ad2a8e416c0acfeecc08a694d14ef25f2231',
    files: [
      file('config.json', 44, 'df34b4f930b23447cd4dc410fabfb42eb3f24e803e6c3f97d618fb359380a36f'),
      file('tokenizer.json', 3497, '77a02c8e164413299b4b4c403b14f8e0e1c1b727db4d46a09d6327b861060a34'),
      file('tokenizer_config.json', 113, 'be1cb066d6ef6b074b3f15e6a6dd21ac88ff3cdaedf325f0aaed686c70f75d20'),
      file('onnx/model_quantized.onnx', 92361116, 'fbae9257e1e05ffc727e951ef9b9c98418e6d79f1c9b6b13bd59f5c9028a1478'),
      kokoroVoice('af_heart', 'd583ccff3cdca2f7fae535cb998ac07e9fcb90f09737b9a41fa2734ec44a8f0b'),
      kokoroVoice('af_bella', 'f69d836209b78eb8c66e75e3cda491e26ea838a3674257e9d4e5703cbaf55c8b'),
      kokoroVoice('am_michael', '1d1f21dd8da39c30705cd4c75d039d265e9bc4a2a93ed09bc9e1b1225eb95ba1'),
      kokoroVoice('bf_emma', '669fe0647f9dd04fcab92f1439a40eeb4c8b4ab1f82e4996fe3d918ce4a63b73'),
      kokoroVoice('bm_george', 'c4b235a4c1f2cd3b939fed08b899ce9385638b763f7b73a59616c4fc9bd6c9bc'),
    ],
    quantization: 'q8',
    licence: lic('Apache-2.0', 'https://huggingface.co/hexgrad/Kokoro-82M'),
    needs: { ramBytes: ram(92361116, 128 * MiB) },
    languages: ['en-US', 'en-GB'],
    description: 'Natural English voices (Heart, Bella, Michael, Emma, George); 95 MB.',
  },
];

// ---------------------------------------------------------------------------------------------
// Embeddings: all-MiniLM-L6-v2 (384 dims, mean pooling) through transformers.js feature-extraction.
// Revision 751bff37… and every size/sha256 pinned identically by several public projects.
const EMBED_MODELS: ModelEntry[] = [
  {
    id: 'all-minilm-l6-v2-q8',
    name: 'all-MiniLM-L6-v2',
    task: 'embed',
    runtime: 'transformers',
    repo: 'Xenova/all-MiniLM-L6-v2',
    revision: '751bff37182d3f1213fa05d7196b954e230abad9',
    files: [
      file('config.json', 650, '7135149f7cffa1a573466c6e4d8423ed73b62fd2332c575bf738a0d033f70df7'),
      file('tokenizer.json', 711661, 'da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0'),
      file('tokenizer_config.json', 366, '9261e7d79b44c8195c1cada2b453e55b00aeb81e907a6664974b4d7776172ab3'),
      file('onnx/model_quantized.onnx', 22972370, 'afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1'),
    ],
    quantization: 'q8',
    licence: lic('Apache-2.0', 'https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2'),
    needs: { ramBytes: ram(22972370, 32 * MiB) },
    languages: ['en'],
    description: 'Small English sentence embeddings (384 dimensions) for memory search; 24 MB.',
  },
  {
    // No public source reachable from here states these files' sizes and hashes, so none is
    // guessed: the download asks the source for each size (HEAD) and pins the hash it states (the
    // hub's X-Linked-Etag), and the card says the files are verified against the source's hash.
    // approxBytes: model_quantized.onnx ≈ 118 MB + tokenizer.json ≈ 17 MB (as listed by public
    // projects that use this repo with transformers.js).
    id: 'multilingual-e5-small-q8',
    name: 'multilingual-e5-small',
    task: 'embed',
    runtime: 'transformers',
    repo: 'Xenova/multilingual-e5-small',
    files: [
      file('config.json', 0, null),
      file('tokenizer.json', 0, null),
      file('tokenizer_config.json', 0, null),
      file('onnx/model_quantized.onnx', 0, null),
    ],
    approxBytes: 135e6,
    quantization: 'q8',
    licence: lic('MIT', 'https://huggingface.co/intfloat/multilingual-e5-small'),
    needs: { ramBytes: ram(118e6, 64 * MiB) },
    languages: ['multilingual'],
    // E5 was trained with these instructions before each text; without them it ranks worse.
    embedPrefixes: { query: 'query: ', passage: 'passage: ' },
    description:
      'Sentence embeddings for about 100 languages, Chinese and English included (384 dimensions), for searching your documents; about 135 MB.',
  },
];

// ---------------------------------------------------------------------------------------------
// Voice activity and wake word: plain onnxruntime-web models. Sizes and sha256 from
// shared/models/MANIFEST.md (re-hashed by the catalog test against shared/). The repo/path layout
// is the one shared/models uses; upstream these files live in GitHub repositories, not hub repos.
const VAD_MODELS: ModelEntry[] = [
  {
    // Upstream snakers4/silero-vad @ 806dcba3 src/silero_vad/data/silero_vad.onnx (v6); the same
    // size and hash are pinned by an unrelated public project, and the file is byte-identical to
    // @ricky0123/vad-web 0.0.31 dist/silero_vad_v6.onnx.
    id: 'silero-vad-v6',
    name: 'Silero VAD v6',
    task: 'vad',
    runtime: 'onnx',
    repo: 'snakers4/silero-vad',
    files: [file('silero_vad.onnx', 2327524, '1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3')],
    quantization: 'fp32',
    licence: SILERO,
    needs: { ramBytes: ram(2327524, 8 * MiB) },
    languages: ['multilingual'],
    description: 'Detects when someone is speaking (16 kHz, 512-sample chunks); 2.3 MB.',
  },
];

// openWakeWord: melspectrogram -> embedding_model -> one wake-word head. Upstream
// dscripka/openWakeWord @ db05bf22 openwakeword/resources/models/. The pre-trained models are
// CC BY-NC-SA 4.0: not for commercial use.
const OWW_FRONT: ModelFile[] = [
  file('melspectrogram.onnx', 1087958, 'ba2b0e0f8b7b875369a2c89cb13360ff53bac436f2895cced9f479fa65eb176f'),
  file('embedding_model.onnx', 1326578, '70d164290c1d095d1d4ee149bc5e00543250a7316b59f31d056cff7bd3075c1f'),
];
const wake = (id: string, phrase: string, head: ModelFile): ModelEntry => {
  const files = [...OWW_FRONT, head];
  return {
    id,
    name: `openWakeWord "${phrase}"`,
    task: 'wake',
    runtime: 'onnx',
    repo: 'dscripka/openWakeWord',
    files,
    quantization: 'fp32',
    licence: OWW,
    needs: {
      ramBytes: ram(
        files.reduce((s, f) => s + f.bytes, 0),
        8 * MiB,
      ),
    },
    languages: ['en'],
    description: `Listens for "${phrase}" on the device. Non-commercial licence (CC BY-NC-SA 4.0).`,
    wake: { phrase, head: head.path },
  };
};

const WAKE_MODELS: ModelEntry[] = [
  wake(
    'oww-hey-jarvis',
    'hey Jarvis',
    file('hey_jarvis_v0.1.onnx', 1271370, '94a13cfe60075b132f6a472e7e462e8123ee70861bc3fb58434a73712ee0d2cb'),
  ),
  wake('oww-alexa', 'Alexa', file('alexa_v0.1.onnx', 854246, '6ff566a01d12670e8d9e3c59da32651db1575d17272a601b7f8a39283dfbae3e')),
  wake(
    'oww-hey-mycroft',
    'hey Mycroft',
    file('hey_mycroft_v0.1.onnx', 857691, 'c2a311e8fa1338de89c31b3b46dc4dffd4af2f9a8d6ddead48893c2d301b1f18'),
  ),
];

/** The models every build offers. The test fixtures are added on demand (registerModels). */
export const CATALOG: readonly ModelEntry[] = [
  ...WEBLLM_MODELS,
  ...WLLAMA_MODELS,
  ...STT_MODELS,
  ...TTS_MODELS,
  ...EMBED_MODELS,
  ...VAD_MODELS,
  ...WAKE_MODELS,
];

const BY_ID = new Map(CATALOG.map((m) => [m.id, m]));

/** Makes entries loaded on demand (test-models.ts) known to catalogById. Per JavaScript context: a
 *  worker has its own copy of this module and never sees them, so it is handed whole entries. */
export function registerModels(entries: readonly ModelEntry[]): void {
  for (const m of entries) BY_ID.set(m.id, m);
}

export const catalogById = (id: string): ModelEntry | undefined => BY_ID.get(id);
