// The built-in voice's files, split at build time (build/espeak-ng-data.ts).
declare module 'virtual:espeak-ng-data' {
  /** eSpeak-NG with the shared data and the UI languages' dictionaries (English, Mandarin) embedded. */
  export const ESPEAK_CORE_WASM_URL: string;
  /** Where eSpeak-NG looks for its data in its in-memory file system. */
  export const ESPEAK_DATA_DIR: string;
  /** Every other language's dictionary ("ru" → ru_dict), fetched when a voice first needs it. */
  export const ESPEAK_DICTIONARIES: Readonly<Record<string, { url: string; bytes: number }>>;
}
