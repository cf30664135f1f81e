// LLM worker: a thin entry exposing the language-model router (WebLLM on WebGPU, llama.cpp in wasm).
import { expose } from 'comlink';
import { LlmRouter } from '../src/engines/llm/llm-router';

expose(new LlmRouter());
