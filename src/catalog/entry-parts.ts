// What the catalog's two lists share: catalog.ts (the models every build offers) and test-models.ts
// (the fixtures the page fetches only when "Show test models" is on). Data and pure helpers only.
import type { Licence, ModelFile } from './types';

export const MiB = 1024 * 1024;

export const file = (path: string, bytes: number, sha256: string | null): ModelFile => ({ path, bytes, sha256 });

/** Working memory: weights (loaded once, plus ~20% for runtime copies/allocator slack) + extra. */
export const ram = (weightBytes: number, extraBytes: number): number => Math.round(weightBytes * 1.2 + extraBytes);

export const lic = (name: string, url: string, commercialUse = true): Licence => ({ name, url, commercialUse });
export const APACHE: Licence = { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0', commercialUse: true };
// openai/whisper: "Whisper's code and model weights are released under the MIT License" (the HF
// model cards tag the same weights apache-2.0; both permissive).
export const WHISPER = lic('MIT', 'https://github.com/openai/whisper/blob/main/LICENSE');

/** A WebLLM (MLC) build's fixed files, with bytes 0: the shards and the model library are resolved
 *  at download time (downloads/mlc-files.ts). */
export const MLC_FILES: ModelFile[] = [
  file('mlc-chat-config.json', 0, null),
  file('tensor-cache.json', 0, null),
  file('tokenizer.json', 0, null),
];

/** Whisper's preprocessor_config.json: the same bytes in every Whisper repo listed, fixture included. */
export const WHISPER_PREPROCESSOR = file(
  'preprocessor_config.json',
  339,
  'a6a76d28c93edb273669eb9e0b0636a2bddbb1272c3261e47b7ca6dfdbac1b8d',
);
