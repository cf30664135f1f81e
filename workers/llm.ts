// LLM worker: a thin entry exposing the language-model router (WebLLM on WebGPU, llama.cpp in wasm).
import { exposeService } from '../src/engines/shared/expose-service';
import { LlmRouter } from '../src/engines/llm/llm-router';

exposeService(new LlmRouter());
