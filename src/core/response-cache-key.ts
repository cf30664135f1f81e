// The response cache's key. A cached answer may stand in for a new one only when the model would
// write the very same text: the same model, the same fitted messages, the same settings, and greedy
// decoding (temperature 0). The key is a SHA-256 over a canonical JSON of those: the same in every tab
// and after a reload, and short whatever the conversation's length.
import type { ChatMessage, GenerationSettings } from './chat-types';
import { UnsupportedBrowserError } from './errors';

/** At any other temperature the model samples, and a repeated question deserves a fresh answer. */
export const isCacheable = (settings: Pick<GenerationSettings, 'temperature'>): boolean => settings.temperature === 0;

export interface ResponseCacheKeyInput {
  modelId: string;
  /** The messages as sent to the engine, i.e. after context fitting. */
  messages: readonly ChatMessage[];
  settings: GenerationSettings;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Bump when the canonical form changes, so old entries stop matching instead of answering wrongly. */
const KEY_VERSION = 1;

export async function responseCacheKey({ modelId, messages, settings }: ResponseCacheKeyInput): Promise<string> {
  const canonical = canonicalJson({
    v: KEY_VERSION,
    model: modelId,
    // NFC: the same words typed on two keyboards can arrive composed or decomposed. Trailing space
    // and newlines do not change the question, and the templates end every message anyway.
    messages: messages.map((m) => ({ role: m.role, content: m.content.normalize('NFC').trimEnd() })),
    // Listed field by field: the settings object may carry more (a signal, a callback). A new
    // generation setting must be added here (test/core/response-cache-key.test.ts checks).
    settings: { temperature: settings.temperature, maxTokens: settings.maxTokens },
  });
  return sha256Hex(canonical);
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

// Core compiles against ES2022 alone (no DOM, no Node types); these are the slices of WebCrypto and
// the Encoding API it uses, present in browsers, workers and Node 20 alike.
interface DigestOnly {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}
interface Platform {
  crypto?: { subtle?: DigestOnly };
  TextEncoder?: new () => { encode(text: string): Uint8Array };
}

async function sha256Hex(text: string): Promise<string> {
  const platform: Platform = globalThis as Platform;
  const subtle = platform.crypto?.subtle;
  if (!subtle || !platform.TextEncoder) throw new UnsupportedBrowserError('compute a WebCrypto digest');
  const digest = await subtle.digest('SHA-256', new platform.TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
