// The shape of every entry in the model catalog. Data only: shared by the UI, workers and tests.

export type ModelTask = 'llm' | 'stt' | 'tts' | 'embed' | 'vad' | 'wake';
export type ModelRuntime = 'webllm' | 'wllama' | 'transformers' | 'onnx';

export interface ModelFile {
  /** Path inside the hub repo, e.g. "onnx/model_quantized.onnx". */
  path: string;
  /** 0 where nothing publishes the size (a WebLLM build's fixed files): its resolved list has it. */
  bytes: number;
  /** Lower-case hex SHA-256. null only where no trustworthy hash is published: the downloader then
   *  pins the hub's LFS hash (X-Linked-Etag) and says so in the UI. */
  sha256: string | null;
  /** Lower-case hex MD5 from the model's own manifest (MLC tensor-cache.json's md5sum), checked as
   *  well; set when a WebLLM file list is resolved, never in the catalog. */
  md5?: string;
}

export interface Licence {
  name: string;
  url: string;
  /** false for non-commercial licences (e.g. CC BY-NC-SA); shown as a warning before download. */
  commercialUse: boolean;
}

export interface ModelNeeds {
  /** Working memory the runtime needs once loaded (weights + activations), in bytes. */
  ramBytes: number;
  /** WebGPU memory for GPU runtimes (WebLLM's vram_required_MB). */
  vramBytes?: number;
  /** Needs the WebGPU shader-f16 feature (q4f16 builds). */
  shaderF16?: boolean;
  /** Largest single GPU buffer the model allocates. */
  maxBufferBytes?: number;
}

export interface ModelEntry {
  /** Stable catalog id; the only way code refers to a model. */
  id: string;
  name: string;
  task: ModelTask;
  runtime: ModelRuntime;
  /** Hub repository "org/name"; files resolve to {source}/{repo}/resolve/{revision}/{path}. */
  repo: string;
  revision?: string;
  files: ModelFile[];
  quantization: string;
  licence: Licence;
  needs: ModelNeeds;
  /** BCP-47 language tags, or ["multilingual"]. */
  languages: string[];
  /** Test fixtures (test-models.ts): listed, and loaded at all, only when a setting asks for them. */
  testOnly?: boolean;
  /** Random-weight testing models prove plumbing, not quality. */
  randomWeights?: boolean;
  description: string;
  /** Wake-word models (task 'wake') only. */
  wake?: {
    /** What a person says to wake the assistant, as it is shown: "hey Jarvis". */
    phrase: string;
    /** Path of the wake-word head in `files`; the others are openWakeWord's shared front end
     *  (melspectrogram, embedding model). */
    head: string;
  };
  /** Entries whose files nothing publishes sizes for (bytes 0 and sha256 null in `files`): the
   *  download asks the source for each size first (HEAD) and pins the hash the source states. The
   *  whole download, approximately, for display before that. */
  approxBytes?: number;
  /** Embedding models trained with an instruction before each text (E5: "query: ", "passage: "). */
  embedPrefixes?: { query: string; passage: string };
  /** WebLLM (MLC) builds only. `files` names only the fixed files, with bytes 0: the weight shards
   *  (params_shard_*.bin, listed in the repo's tensor-cache.json) and the model library join them in
   *  the list a download or a pack import resolves and the store keeps (store.resolved()). */
  webllm?: {
    /** model_id in @mlc-ai/web-llm's prebuiltAppConfig. */
    modelId: string;
    /** File name of the model library (.wasm) from prebuiltAppConfig's model_lib. */
    modelLib: string;
    /** context_window_size from prebuiltAppConfig's overrides. */
    contextWindow: number;
    /** prebuiltAppConfig's low_resource_required. */
    lowResource: boolean;
    shardsFromManifest: true;
    /** Approximate total download (weights + tokenizer), for display only. */
    approxBytes: number;
  };
}

export const totalBytes = (m: Pick<ModelEntry, 'files'>): number => m.files.reduce((sum, f) => sum + f.bytes, 0);
