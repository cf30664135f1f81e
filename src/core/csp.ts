// The one Content-Security-Policy of the app. Built here so the build (meta tag + server headers)
// and the service worker (which re-issues the page with the person's configured model source and
// device hosts) can never drift apart.

export interface CspSources {
  /** Origins the app may fetch model files from (the hub, its LFS CDN hosts, a mirror). */
  modelOrigins: readonly string[];
  /** ws:/wss:/http(s) origins of home devices (MQTT over WebSockets, Home Assistant). */
  deviceOrigins: readonly string[];
}

// The hub answers /resolve/ with a redirect to its LFS/Xet CDNs; those hosts must be reachable too.
// WebLLM's model libraries are published on GitHub, not the hub: with the default source they are
// downloaded from there (src/downloads/mlc-files.ts) into the store, then run from it; a mirror
// carries its own copy.
export const HUB_ORIGINS: readonly string[] = [
  'https://huggingface.co',
  'https://cdn-lfs.huggingface.co',
  'https://cdn-lfs-us-1.huggingface.co',
  'https://cdn-lfs.hf.co',
  'https://cdn-lfs-us-1.hf.co',
  'https://cas-bridge.xethub.hf.co',
  'https://raw.githubusercontent.com',
];

const ORIGIN = /^(https?|wss?):\/\/[a-z0-9.-]+(:\d{1,5})?$|^(https?|wss?):\/\/\[[0-9a-f:]+\](:\d{1,5})?$/i;

/** Keeps only well-formed origins so a stored setting can never inject a directive. */
export function safeOrigins(list: readonly string[]): string[] {
  return [...new Set(list.map((o) => o.trim().replace(/\/+$/, '')).filter((o) => ORIGIN.test(o)))];
}

export function buildCsp({ modelOrigins, deviceOrigins }: CspSources): string {
  const connect = ["'self'", ...safeOrigins([...modelOrigins, ...deviceOrigins])];
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets ONNX Runtime and llama.cpp compile WebAssembly; no 'unsafe-eval', no inline script.
    "script-src 'self' 'wasm-unsafe-eval'",
    // blob: workers: wllama starts its llama.cpp worker from a Blob it builds itself.
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ].join('; ');
}

/** frame-ancestors and similar only work as headers, never in a meta tag. */
export const headerOnlyDirectives = "frame-ancestors 'none'";

/** The sources a policy lets a page connect to: connect-src, else default-src, else anything. */
export function connectSources(policy: string): string[] | null {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  return directives.get('connect-src') ?? directives.get('default-src') ?? null;
}

/** Whether `policy` lets a page at `selfOrigin` fetch `url`. It reads what this app's own policies
 *  use ('self', 'none', '*', schemes and exact origins), enough to tell before a request whether the
 *  browser would refuse it. */
export function policyAllowsConnect(policy: string, url: string, selfOrigin: string): boolean {
  const sources = connectSources(policy);
  if (sources === null) return true;
  const target = new URL(url);
  return sources.some((source) => {
    const s = source.toLowerCase();
    if (s === "'self'") return target.origin === selfOrigin;
    if (s === '*') return /^(https?|wss?):$/.test(target.protocol);
    if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return target.protocol === s;
    return ORIGIN.test(s) && target.origin === new URL(s).origin;
  });
}
