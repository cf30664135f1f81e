// A stand-in for '@mlc-ai/web-llm' at the library boundary (test tooling, not product code). Builds with
// HEARTH_WEBLLM_DOUBLE=1 alias it in (vite.config.ts), so browser tests can drive the GPU path on
// machines without a GPU; unit tests pass its CreateMLCEngine to WebLlmService. It exports only the
// names Hearth imports at run time.
//
// Loading follows web-llm 0.2.86's reload(): every file through the global `caches` the way tvmjs's
// ArtifactCache reads it (caches.open(scope), match, add on a miss, match again; keys() before the
// shards), and a model_lib URL containing "localhost" fetched directly as web-llm does. It checks what
// it read: the library's wasm header, the tokenizer's JSON, every shard's size and md5sum from
// tensor-cache.json. Answers are deterministic ("Echo:" and the words of the last user turn, one word
// per token, a short pause before each), stop at once on interruptGenerate(), and end with a usage
// chunk when asked. Failures on request: a user text containing "#lose-gpu" loses the device after
// two tokens (web-llm then logs, unloads, and later calls throw ModelNotLoadedError); a
// mlc-chat-config.json with "hearth_double": {"fail_load": "device-lost"} fails the load the way
// web-llm reports an out-of-memory load.
import { md5 } from 'hash-wasm';
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  Completion,
  CompletionCreateParamsStreaming,
  MLCEngineConfig,
  ModelRecord,
} from '@mlc-ai/web-llm';

export const LOSE_GPU_MARKER = '#lose-gpu';
const DEFAULT_TOKEN_DELAY_MS = 15;
const SUPPORTED_FEATURES = new Set(['shader-f16']);

interface DoubleOptions {
  token_delay_ms?: number;
  fail_load?: 'device-lost';
}

interface ChatConfig {
  tokenizer_files?: string[];
  context_window_size?: number;
  hearth_double?: DoubleOptions;
}

interface TensorCacheJson {
  records: Array<{ dataPath: string; nbytes: number; md5sum?: string }>;
}

function named(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** web-llm's cleanModelUrl: a repo URL gains "/resolve/main/" unless it names a revision. */
function cleanModelUrl(url: string): string {
  let u = url.endsWith('/') ? url : `${url}/`;
  if (!/.+\/resolve\/.+\//.test(u)) u += 'resolve/main/';
  return new URL(u).href;
}

async function fetchWithCache(scope: string, url: string): Promise<Response> {
  const cache = await caches.open(scope);
  const request = new Request(url);
  if ((await cache.match(request)) === undefined) await cache.add(request);
  const response = await cache.match(request);
  if (response === undefined) throw new Error(`Cannot fetch ${url}`);
  return response;
}

async function hasAllKeys(scope: string, urls: string[]): Promise<boolean> {
  const cache = await caches.open(scope);
  const keys = (await cache.keys()).map((r) => r.url);
  return urls.every((u) => keys.includes(u));
}

type Request_ = (ChatCompletionRequestStreaming | CompletionCreateParamsStreaming) & { stream: true };
type Chunk = ChatCompletionChunk | Completion;

interface Loaded {
  modelId: string;
  config: ChatConfig;
}

class MLCEngine {
  readonly chat = {
    completions: {
      create: (r: ChatCompletionRequestStreaming) => this.#create(r) as Promise<AsyncIterable<ChatCompletionChunk>>,
    },
  };
  readonly completions = {
    create: (r: CompletionCreateParamsStreaming) => this.#create(r) as Promise<AsyncIterable<Completion>>,
  };
  /** Every file the last load read, with its size: tests check that the engine saw the whole model. */
  readonly filesRead: Array<{ url: string; bytes: number }> = [];
  #appConfig: AppConfig;
  #loaded: Loaded | null = null;
  #interrupted = false;
  #message = '';

  constructor(config: MLCEngineConfig = {}) {
    if (!config.appConfig) throw new Error('The WebLLM double needs an appConfig');
    this.#appConfig = config.appConfig;
  }

  async reload(modelId: string): Promise<void> {
    const record = this.#appConfig.model_list.find((m) => m.model_id === modelId);
    if (!record) throw named('ModelNotFoundError', `Cannot find model record in appConfig for ${modelId}`);
    this.#loaded = null;
    this.filesRead.length = 0;
    const modelUrl = cleanModelUrl(record.model);
    const stored = (await this.#json('webllm/config', new URL('mlc-chat-config.json', modelUrl).href)) as ChatConfig;
    const config: ChatConfig = { ...stored, ...record.overrides };
    await this.#loadLibrary(record);
    for (const feature of record.required_features ?? []) {
      if (!SUPPORTED_FEATURES.has(feature)) throw named('FeatureSupportError', `This model requires feature ${feature}`);
    }
    if (!config.tokenizer_files?.includes('tokenizer.json')) throw named('UnsupportedTokenizerFilesError', 'no tokenizer.json');
    await this.#json('webllm/model', new URL('tokenizer.json', modelUrl).href);
    await this.#loadShards(modelUrl);
    if (config.hearth_double?.fail_load === 'device-lost') {
      throw named(
        'DeviceLostError',
        'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).',
      );
    }
    this.#loaded = { modelId, config };
  }

  async #read(scope: string, url: string): Promise<ArrayBuffer> {
    const bytes = await (await fetchWithCache(scope, url)).arrayBuffer();
    this.filesRead.push({ url, bytes: bytes.byteLength });
    return bytes;
  }

  async #json(scope: string, url: string): Promise<unknown> {
    return JSON.parse(new TextDecoder().decode(await this.#read(scope, url)));
  }

  async #loadLibrary(record: ModelRecord): Promise<void> {
    const url = record.model_lib;
    let wasm: ArrayBuffer;
    if (url.includes('localhost') || !url.startsWith('http')) {
      wasm = await (await fetch(new URL(url, globalThis.location?.href).href)).arrayBuffer();
      this.filesRead.push({ url, bytes: wasm.byteLength });
    } else {
      wasm = await this.#read('webllm/wasm', url);
    }
    const magic = new Uint8Array(wasm, 0, Math.min(4, wasm.byteLength));
    if (magic.join() !== '0,97,115,109') throw new Error(`${url} is not a WebAssembly module`);
  }

  async #loadShards(modelUrl: string): Promise<void> {
    const cacheUrl = new URL('tensor-cache.json', modelUrl).href;
    const { records } = (await this.#json('webllm/model', cacheUrl)) as TensorCacheJson;
    const urls = records.map((r) => new URL(r.dataPath, cacheUrl).href);
    if (!(await hasAllKeys('webllm/model', urls))) {
      const cache = await caches.open('webllm/model');
      for (const url of urls) if ((await cache.match(url)) === undefined) await cache.add(new Request(url));
    }
    for (const [i, r] of records.entries()) {
      const bytes = await this.#read('webllm/model', urls[i]!);
      if (bytes.byteLength !== r.nbytes)
        throw new Error(`${r.dataPath}: ${bytes.byteLength} bytes, tensor-cache.json says ${r.nbytes}`);
      if (r.md5sum && (await md5(new Uint8Array(bytes))) !== r.md5sum) throw new Error(`${r.dataPath}: md5sum mismatch`);
    }
  }

  #require(requestName: string): Loaded {
    if (!this.#loaded) throw named('ModelNotLoadedError', `Model not loaded before trying to complete ${requestName}.`);
    return this.#loaded;
  }

  async #create(request: Request_): Promise<AsyncIterable<Chunk>> {
    const loaded = this.#require('messages' in request ? 'ChatCompletion' : 'Completion');
    if (request.stream !== true) throw new Error('The WebLLM double only streams');
    return this.#stream(request, loaded);
  }

  async *#stream(request: Request_, loaded: Loaded): AsyncGenerator<Chunk> {
    this.#interrupted = false; // web-llm clears its interrupt flag when a request starts
    this.#message = '';
    const chat = 'messages' in request;
    const source = chat
      ? String(request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '')
      : (request.prompt.trim().split('\n').at(-1) ?? '');
    const words = ['Echo:', ...source.split(/\s+/).filter(Boolean)];
    const max = request.max_tokens ?? Infinity;
    const delay = loaded.config.hearth_double?.token_delay_ms ?? DEFAULT_TOKEN_DELAY_MS;
    let tokens = 0;
    let finish: 'stop' | 'length' | 'abort' = 'stop';
    for (const word of words) {
      if (tokens >= max) {
        finish = 'length';
        break;
      }
      await sleep(delay);
      if (this.#interrupted) {
        finish = 'abort';
        break;
      }
      if (chat && tokens === 2 && source.includes(LOSE_GPU_MARKER)) {
        this.#loseDevice();
        throw new Error('GPUBuffer used after its device was lost');
      }
      const piece = tokens === 0 ? word : ` ${word}`;
      this.#message += piece;
      tokens += 1;
      yield this.#chunk(request, piece, null);
    }
    yield this.#chunk(request, '', finish);
    if (request.stream_options?.include_usage) {
      const usage = { completion_tokens: tokens, prompt_tokens: source.split(/\s+/).length, total_tokens: 0 };
      usage.total_tokens = usage.completion_tokens + usage.prompt_tokens;
      // web-llm's usage also carries timing extras; Hearth measures its own.
      yield { ...this.#chunk(request, '', null), choices: [], usage } as unknown as Chunk;
    }
  }

  #chunk(request: Request_, text: string, finish: 'stop' | 'length' | 'abort' | null): Chunk {
    const common = { id: 'double', created: 0, model: this.#loaded?.modelId ?? '' };
    return 'messages' in request
      ? ({
          ...common,
          object: 'chat.completion.chunk',
          choices: [{ index: 0, delta: { role: 'assistant', content: text }, finish_reason: finish, logprobs: null }],
        } as ChatCompletionChunk)
      : ({
          ...common,
          object: 'text_completion',
          choices: [{ index: 0, text, finish_reason: finish, logprobs: null }],
        } as Completion);
  }

  /** What web-llm's device.lost handler does: log, then unload. */
  #loseDevice(): void {
    console.error('Device was lost. This can happen due to insufficient memory or other GPU constraints. (WebLLM double)');
    this.#loaded = null;
  }

  async interruptGenerate(): Promise<void> {
    this.#interrupted = true;
  }

  async getMessage(): Promise<string> {
    this.#require('getMessage');
    return this.#message;
  }

  async resetChat(): Promise<void> {
    this.#message = '';
  }

  async unload(): Promise<void> {
    this.#loaded = null;
  }
}

export async function CreateMLCEngine(modelId: string, engineConfig?: MLCEngineConfig): Promise<MLCEngine> {
  const engine = new MLCEngine(engineConfig);
  await engine.reload(modelId);
  return engine;
}
