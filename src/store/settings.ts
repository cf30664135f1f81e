// Person's settings, in IndexedDB so the service worker can read them too (it re-issues the page
// with a CSP that names the configured model source and device hosts).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SpeechDeviceSetting } from '../core/speech-device';
import { NO_ATTEMPTS, type PinAttempts, type PinRecord } from '../core/kiosk/pin-rules';

export type LanguageSetting = 'auto' | 'en' | 'zh-CN';
export type ThemeSetting = 'system' | 'light' | 'dark';

export interface Settings {
  /** Mirror base URL; '' means the build's default (the Hugging Face hub unless a mirror was baked in). */
  modelSource: string;
  language: LanguageSetting;
  theme: ThemeSetting;
  /** Shows the random-weight test fixtures in the catalog (developers, CI). */
  showTestModels: boolean;
  /** Origins of home devices (MQTT over WebSockets, Home Assistant), for connect-src. */
  deviceOrigins: string[];
  /** The assistant's persona, sent first in every conversation. */
  systemPrompt: string;
  temperature: number;
  maxTokens: number;
  /** Answers identical requests at temperature 0 from the local (encrypted) cache. */
  responseCache: boolean;
  /** The language model is offered the tools (timers, devices, …) for what the intent matcher does not take. */
  modelTools: boolean;
  /** Catalog id of the language model the person picked; null = chosen automatically. */
  llmOverride: string | null;
  /** How the microphone is used: hold-to-talk, always listening, or listening after a wake word. */
  listenMode: 'push' | 'hands-free' | 'wake';
  /** Catalog id of the Whisper model; null = the best stored one. */
  sttModel: string | null;
  /** Whisper language code, or 'auto'. */
  sttLanguage: string;
  /** Where Whisper and Kokoro run: 'auto' = WebGPU on a hardware GPU, else WebAssembly. */
  speechDevice: SpeechDeviceSetting;
  /** Catalog id of the openWakeWord model used in 'wake' mode; null = the first stored one. */
  wakeModel: string | null;
  /** Catalog id of the embedding model Knowledge searches with; null = the first stored one. */
  embedModel: string | null;
  /** 'builtin' = the eSpeak-NG voice shipped with the app; otherwise a TTS model's catalog id. */
  ttsEngine: string;
  /** Voice name inside the TTS model (Kokoro's af_heart, …) or the built-in voice's language. */
  ttsVoice: string;
  /** Speaking rate, 0.5–2. */
  ttsSpeed: number;
  /** Answers are read aloud. */
  speakAnswers: boolean;
  /** Speaking over the assistant stops it and starts a new turn. */
  bargeIn: boolean;
  /** The conversation Talk had open, reopened after a reload; null after "New conversation". */
  lastConversationId: string | null;
  /** First-run setup: shown on first open until the recommended set is downloaded ('done') or the
   *  person chose to pick models by hand ('skipped'); either way it does not come back by itself. */
  firstRun: 'pending' | 'done' | 'skipped';
  /** Kiosk mode: the ambient screen only, listening on its own, the screen kept on. */
  kiosk: boolean;
  /** The PIN that leaves kiosk mode and allows Erase everything, as a PBKDF2 hash; null = none set. */
  kioskPin: PinRecord | null;
  /** Wrong PINs so far and the wait they imposed: stored, so a reload does not reset them. */
  kioskAttempts: PinAttempts;
}

export const DEFAULT_SYSTEM_PROMPT =
  'You are Hearth, a helpful assistant that runs privately on this device. Answer briefly and clearly.';

export const DEFAULT_SETTINGS: Settings = {
  modelSource: '',
  language: 'auto',
  theme: 'system',
  showTestModels: false,
  deviceOrigins: [],
  systemPrompt: DEFAULT_SYSTEM_PROMPT,
  temperature: 0.7,
  maxTokens: 512,
  responseCache: true,
  modelTools: false,
  llmOverride: null,
  listenMode: 'push',
  sttModel: null,
  sttLanguage: 'auto',
  speechDevice: 'auto',
  wakeModel: null,
  embedModel: null,
  ttsEngine: 'builtin',
  ttsVoice: 'af_heart',
  ttsSpeed: 1,
  speakAnswers: true,
  bargeIn: true,
  lastConversationId: null,
  firstRun: 'pending',
  kiosk: false,
  kioskPin: null,
  kioskAttempts: NO_ATTEMPTS,
};

interface SettingsDb extends DBSchema {
  kv: { key: 'settings'; value: Partial<Settings> };
}

let dbPromise: Promise<IDBPDatabase<SettingsDb>> | null = null;
const db = () =>
  (dbPromise ??= openDB<SettingsDb>('hearth-settings', 1, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('kv');
    },
    blocking(_current, _next, event) {
      // The service worker holds this open too: step aside so "Erase everything" can delete it.
      (event.target as IDBDatabase | null)?.close();
      dbPromise = null;
    },
  }));

export async function loadSettings(): Promise<Settings> {
  const stored = await (await db()).get('kv', 'settings');
  return { ...DEFAULT_SETTINGS, ...stored };
}

/** Read, merge and write in one transaction: IndexedDB runs read-write transactions on a store one
 *  after another, so two quick changes (a radio, then a select) both land instead of the later one
 *  writing over the earlier with what it read before it. */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const tx = (await db()).transaction('kv', 'readwrite');
  const next = { ...DEFAULT_SETTINGS, ...(await tx.store.get('settings')), ...patch };
  await tx.store.put(next, 'settings');
  await tx.done;
  return next;
}

export async function deleteSettingsDb(): Promise<void> {
  if (dbPromise) (await dbPromise).close();
  dbPromise = null;
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase('hearth-settings');
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}
