// LLM worker: a thin entry exposing the CPU language model (llama.cpp via wllama) to the page.
import { expose } from 'comlink';
import { LlmCpuService } from '../src/models/wllama-service';

expose(new LlmCpuService());
