// Proves the e2e harness itself in real Chromium, before any app test leans on it: the model mirror
// (bytes, Range, CORS/CORP, every fault kind), the off-network guard, the CSP collector, axe under a
// strict CSP, WebGPU with and without SwiftShader, and the fake microphone. It serves its own tiny
// pages, so it does not depend on the app building.
/// <reference types="@webgpu/types" />
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  cspViolations,
  expectNoCspViolations,
  installabilityErrors,
  launchBrowser,
  offNetworkGuard,
  runAxe,
  type LaunchedBrowser,
  type NetworkGuard,
} from '../support/browser';
import * as mirrorServer from '../support/mirror';
import { allowLocalOrigin, offLimits } from '../support/page-guards';
import { audioDir, modelsDir, sharedDir } from '../support/paths';

const MODEL = 'ggml-org/models/tinyllamas/stories260K.gguf';
const MODEL_PATH = '/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf';
if (!fs.existsSync(modelsDir))
  throw new Error(`fixtures not found at ${sharedDir} (CI puts shared/ beside the repo; or set HEARTH_SHARED)`);
const modelBytes = fs.readFileSync(path.join(modelsDir, MODEL));
const manifestSha = /`models\/ggml-org\/models\/tinyllamas\/stories260K\.gguf` \| \d+ \| `([0-9a-f]{64})`/.exec(
  fs.readFileSync(path.join(modelsDir, 'MANIFEST.md'), 'utf8'),
)?.[1];
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// Every page is cross-origin isolated like the app (COOP + COEP require-corp); /csp adds a strict CSP
// without 'unsafe-inline' or 'unsafe-eval', and an unlabelled input for axe to find.
const PAGES: Record<string, { csp?: string; type?: string; body: string }> = {
  '/': { body: '<!doctype html><html lang="en"><title>harness</title><main><h1>harness</h1></main></html>' },
  '/csp': {
    csp: "default-src 'self'; script-src 'self'; connect-src 'self'",
    body: '<!doctype html><html lang="en"><title>csp</title><main><h1>csp</h1><input type="text"></main></html>',
  },
  '/csp-eval': {
    csp: "default-src 'self'; script-src 'self'",
    body: '<!doctype html><html lang="en"><title>eval</title><body><script src="/eval.js"></script></body></html>',
  },
  // the guard must also see requests made by workers, which page-level routes miss
  '/worker.js': {
    type: 'text/javascript',
    body: "fetch('https://example.invalid/from-worker').catch(() => postMessage('done'));",
  },
  '/sw.js': {
    type: 'text/javascript',
    body: "addEventListener('message', (e) => fetch('https://example.invalid/from-sw').catch(() => e.source.postMessage('done')));",
  },
  '/csp-worker.js': {
    csp: "default-src 'self'",
    type: 'text/javascript',
    body: "fetch('http://localhost:1/').catch(() => postMessage('done'));",
  },
  '/eval.js': {
    type: 'text/javascript',
    body: "try { eval('1'); document.body.dataset.eval = 'allowed'; } catch { document.body.dataset.eval = 'refused'; }",
  },
};

function startPageServer(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    const page = PAGES[new URL(req.url ?? '/', 'http://x').pathname];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, {
      'Content-Type': page.type ?? 'text/html',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      ...(page.csp ? { 'Content-Security-Policy': page.csp } : {}),
    });
    res.end(page.body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const url = `http://localhost:${(server.address() as AddressInfo).port}`;
      allowLocalOrigin(url);
      resolve({
        url,
        close: () => {
          server.closeAllConnections();
          server.close();
        },
      });
    }),
  );
}

interface Fetched {
  ok: boolean;
  status?: number;
  headers?: Record<string, string>;
  received: number;
  sha256?: string;
  bytes?: number[];
  error?: string;
}

/** fetch() inside the page, reading the body as a stream so a broken download still reports how far it got. */
function pageFetch(
  page: Page,
  url: string,
  init: { range?: string; method?: string; abortAfterMs?: number } = {},
): Promise<Fetched> {
  return page.evaluate(
    async ({ url, range, method, abortAfterMs }) => {
      const abort = new AbortController();
      if (abortAfterMs) setTimeout(() => abort.abort(), abortAfterMs);
      let received = 0;
      try {
        const res = await fetch(url, { method: method ?? 'GET', headers: range ? { Range: range } : {}, signal: abort.signal });
        const headers: Record<string, string> = {};
        res.headers.forEach((value, name) => (headers[name] = value)); // tsconfig.node has no DOM.Iterable
        const chunks: Uint8Array[] = [];
        const reader = res.body?.getReader();
        for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
          chunks.push(r.value);
          received += r.value.length;
        }
        const body = new Uint8Array(received);
        chunks.reduce((at, c) => (body.set(c, at), at + c.length), 0);
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
        return {
          ok: true,
          status: res.status,
          headers,
          received,
          sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
          bytes: received <= 64 ? [...body] : undefined,
        };
      } catch (e) {
        return { ok: false, received, error: `${(e as Error).name}: ${(e as Error).message}` };
      }
    },
    { url, ...init },
  );
}

let mirror: mirrorServer.Mirror;
let pages: Awaited<ReturnType<typeof startPageServer>>;

beforeAll(async () => {
  [mirror, pages] = await Promise.all([mirrorServer.start(), startPageServer()]);
});
afterAll(async () => {
  await mirror?.close();
  pages?.close();
});

describe('model mirror, from Node', () => {
  test('serves the shared file byte for byte, hashed like the hub', async () => {
    expect(manifestSha, 'stories260K.gguf row in MANIFEST.md').toMatch(/^[0-9a-f]{64}$/);
    const res = await fetch(mirror.url + MODEL_PATH);
    const body = new Uint8Array(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(sha256(body)).toBe(manifestSha);
    expect(res.headers.get('etag')).toBe(`"${manifestSha}"`);
    expect(res.headers.get('x-linked-etag')).toBe(`"${manifestSha}"`);

    const head = await fetch(mirror.url + MODEL_PATH, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), head.headers.get('x-linked-size')]).toEqual([
      200,
      String(modelBytes.length),
      String(modelBytes.length),
    ]);
    expect((await fetch(`${mirror.url}/ggml-org/models/resolve/main/nope.gguf`)).status).toBe(404);
    expect((await fetch(`${mirror.url}/ggml-org/models/resolve/main/%2e%2e/%2e%2e/STYLE.md`)).status).toBe(404);
  });
});

test('the page rules admit the harness servers only, by port, on any loopback name', () => {
  const port = new URL(mirror.url).port;
  expect(offLimits(`${mirror.url}/x`)).toBeNull();
  expect(offLimits(`http://127.0.0.1:${port}/x`)).toBeNull();
  expect(offLimits(`ws://localhost:${port}/mqtt`)).toBeNull();
  expect(offLimits('data:text/plain,hi')).toBeNull();
  expect(offLimits('http://localhost:1/')).toMatch(/local port no test server listens on/);
  expect(offLimits('https://huggingface.co/x')).toMatch(/another origin/);
  expect(() => allowLocalOrigin('http://192.168.1.2:80')).toThrow(/not a loopback/);
});

describe('in Chromium without WebGPU', () => {
  let chrome: LaunchedBrowser;
  let guard: NetworkGuard;
  let page: Page;
  let fileUrl: string;

  beforeAll(async () => {
    chrome = await launchBrowser({ webgpu: false });
    guard = await offNetworkGuard(chrome.context, [pages.url, mirror.url]);
    page = await chrome.newPage();
    await page.goto(pages.url);
    fileUrl = mirror.url + MODEL_PATH;
  });
  afterAll(() => chrome?.close());

  test('a cross-origin isolated page on another port reads ranges and hub headers', async () => {
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const part = await pageFetch(page, fileUrl, { range: 'bytes=10-19' });
    expect(part).toMatchObject({ ok: true, status: 206, bytes: [...modelBytes.subarray(10, 20)] });
    expect(part.headers?.['content-range']).toBe(`bytes 10-19/${modelBytes.length}`);

    const tail = await pageFetch(page, fileUrl, { range: 'bytes=-5' });
    expect(tail).toMatchObject({ status: 206, bytes: [...modelBytes.subarray(-5)] });
    const beyond = await pageFetch(page, fileUrl, { range: `bytes=${modelBytes.length}-` });
    expect([beyond.status, beyond.headers?.['content-range']]).toEqual([416, `bytes */${modelBytes.length}`]);

    const head = await pageFetch(page, fileUrl, { method: 'HEAD' });
    expect(head.headers).toMatchObject({
      'x-linked-etag': `"${manifestSha}"`,
      'x-linked-size': String(modelBytes.length),
      'content-length': String(modelBytes.length),
      'accept-ranges': 'bytes',
    });
    expect(mirror.requests).toContainEqual(
      expect.objectContaining({ method: 'GET', path: MODEL_PATH, range: 'bytes=10-19', status: 206 }),
    );
  });

  test('drop-after: the page sees a network error after N bytes, then the fault is spent', async () => {
    mirror.resetLog();
    mirror.fault({ match: /stories260K/, kind: 'drop-after', bytes: 100_000, times: 1 });
    const broken = await pageFetch(page, fileUrl);
    expect(broken.ok, JSON.stringify(broken)).toBe(false);
    expect(broken.error).toMatch(/TypeError/);
    expect(broken.received, 'the page read every byte sent before the drop').toBe(100_000);
    expect(mirror.bytesSent(MODEL_PATH)).toBe(100_000);

    const resumed = await pageFetch(page, fileUrl, { range: `bytes=${broken.received}-` });
    expect(resumed).toMatchObject({ ok: true, status: 206, received: modelBytes.length - broken.received });
    expect(mirror.bytesSent(MODEL_PATH)).toBeLessThan(2 * modelBytes.length - 100_000 + 1);
  });

  test('corrupt: same length, different hash', async () => {
    mirror.fault({ match: /stories260K/, kind: 'corrupt', times: 1 });
    const bad = await pageFetch(page, fileUrl);
    expect(bad).toMatchObject({ ok: true, status: 200, received: modelBytes.length });
    expect(bad.sha256).not.toBe(manifestSha);
    expect((await pageFetch(page, fileUrl)).sha256).toBe(manifestSha);
  });

  test('status: the page reads the injected 500', async () => {
    mirror.fault({ match: /stories260K/, kind: 'status', status: 500 });
    expect(await pageFetch(page, fileUrl)).toMatchObject({ ok: true, status: 500 });
    expect(await pageFetch(page, fileUrl, { method: 'HEAD' })).toMatchObject({ status: 500 });
    mirror.clearFaults();
    expect(await pageFetch(page, fileUrl, { method: 'HEAD' })).toMatchObject({ status: 200 });
  });

  test('ignore-range: a Range request gets 200 and the whole file', async () => {
    mirror.fault({ match: /stories260K/, kind: 'ignore-range', times: 1 });
    const whole = await pageFetch(page, fileUrl, { range: 'bytes=1000-' });
    expect(whole).toMatchObject({ status: 200, received: modelBytes.length, sha256: manifestSha });
  });

  test('slow: a download can be cancelled part-way, and the mirror stops sending', async () => {
    mirror.resetLog();
    mirror.fault({ match: /stories260K/, kind: 'slow', bytesPerSecond: 200_000, times: 1 });
    const cancelled = await pageFetch(page, fileUrl, { abortAfterMs: 500 });
    expect(cancelled.error).toMatch(/AbortError/);
    await new Promise((r) => setTimeout(r, 500)); // let the mirror notice the closed connection
    const sent = mirror.bytesSent(MODEL_PATH);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(300_000);
  });

  test('off-network guard: requests to other hosts, from the page and its workers, fail and are recorded', async () => {
    expect(guard.blocked, 'nothing so far left the machine').toEqual([]);
    const outside = await pageFetch(page, 'https://example.invalid/model.bin');
    expect(outside.ok).toBe(false);
    await page.evaluate(
      () =>
        new Promise((done) => {
          const ws = new WebSocket('wss://example.invalid/mqtt');
          ws.onclose = ws.onerror = done;
        }),
    );
    await page.evaluate(
      () =>
        new Promise((done) => {
          new Worker('/worker.js').onmessage = done;
        }),
    );
    await page.evaluate(async () => {
      await navigator.serviceWorker.register('/sw.js');
      const { active } = await navigator.serviceWorker.ready;
      await new Promise((done) => {
        navigator.serviceWorker.onmessage = done;
        active!.postMessage('go');
      });
    });
    expect(guard.blocked).toEqual([
      'https://example.invalid/model.bin',
      'wss://example.invalid/mqtt',
      'https://example.invalid/from-worker',
      'https://example.invalid/from-sw',
    ]);
    // and every test that did this by mistake fails (test/support/e2e-setup.ts); this one meant to
    expect(chrome.problems.take(/example\.invalid/)).toEqual([
      'a request to another origin: https://example.invalid/model.bin',
      'a request to another origin: wss://example.invalid/mqtt',
      'a request to another origin: https://example.invalid/from-worker',
      'a request to another origin: https://example.invalid/from-sw',
    ]);
  });

  test('CSP collector and axe under a strict CSP without unsafe-eval', async () => {
    const strict = await chrome.newPage();
    await strict.goto(pages.url + '/csp');
    const violations = await runAxe(strict);
    expect(
      violations.map((v) => v.id),
      'axe ran and found the unlabelled input',
    ).toContain('label');
    await expectNoCspViolations(strict); // injecting axe through DevTools did not trip the CSP

    // page.evaluate runs with DevTools' exemption from the CSP, eval included, so it proves nothing
    // about the page's own code; a <script> element is the page's own and is refused.
    expect(await strict.evaluate(() => eval('1 + 1'))).toBe(2);
    await expect(strict.addScriptTag({ content: 'window.x = 1' })).rejects.toThrow();
    const found = await cspViolations(strict);
    expect(found.join('\n')).toMatch(/script-src-elem blocked inline/);
    expect(found.join('\n'), 'the console line too').toMatch(/violates the following Content Security Policy/);
    await expect(expectNoCspViolations(strict)).rejects.toThrow(/CSP violations/);

    await strict.goto(pages.url + '/csp-eval'); // a fresh document, so a fresh list
    expect(await strict.evaluate(() => document.body.dataset.eval)).toBe('refused');
    expect((await cspViolations(strict)).join('\n')).toMatch(/script-src blocked eval/);
    // a worker's own violations never reach the window's event, but Chromium's console line does
    await strict.evaluate(
      () =>
        new Promise((done) => {
          new Worker('/csp-worker.js').onmessage = done;
        }),
    );
    await expect
      .poll(async () => (await cspViolations(strict)).join('\n'))
      .toMatch(/Connecting to 'http:\/\/localhost:1\/' violates/);
    await strict.close();
    // Every violation above is on the context's record too, so a test that caused one unasked fails.
    const recorded = chrome.problems.take(/./).join('\n');
    expect(recorded).toMatch(/CSP violation on .*\/csp: script-src-elem blocked inline/);
    expect(recorded).toMatch(/CSP violation on .*\/csp-eval: script-src blocked eval/);
    expect(recorded).toMatch(/CSP console line on .*Connecting to 'http:\/\/localhost:1\/' violates/);
  });

  test('no WebGPU adapter without the SwiftShader flags; an ordinary context is incognito', async () => {
    // navigator.gpu exists in Chromium 156 even then; only the adapter is missing
    expect(await page.evaluate(async () => (await navigator.gpu?.requestAdapter()) ?? null)).toBeNull();
    expect(await installabilityErrors(page)).toContain('in-incognito');
  });
});

test('WebGPU through SwiftShader gives an adapter on http://localhost', async () => {
  const chrome = await launchBrowser({ webgpu: true });
  try {
    const page = await chrome.newPage();
    await page.goto(pages.url);
    const info = await page.evaluate(async () => {
      const adapter = await navigator.gpu?.requestAdapter();
      return (
        adapter && {
          maxBufferSize: adapter.limits.maxBufferSize,
          vendor: adapter.info.vendor,
          architecture: adapter.info.architecture,
        }
      );
    });
    expect(info, `adapter: ${JSON.stringify(info)}`).not.toBeNull();
    expect(info!.maxBufferSize, `limits.maxBufferSize = ${info!.maxBufferSize}`).toBeGreaterThan(0);
  } finally {
    await chrome.close();
  }
});

test('fake microphone plays a WAV into getUserMedia, in a persistent profile', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-profile-'));
  const chrome = await launchBrowser({ webgpu: false, fakeMicWav: path.join(audioDir, 'jfk.wav'), persistentDir: profile });
  try {
    expect(chrome.browser).toBeNull();
    const page = await chrome.newPage();
    await page.goto(pages.url);
    const mic = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const audio = new AudioContext();
      await audio.resume();
      const analyser = audio.createAnalyser();
      audio.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      let peak = 0;
      for (let i = 0; i < 20 && peak < 0.01; i++) {
        await new Promise((r) => setTimeout(r, 100));
        analyser.getFloatTimeDomainData(samples);
        peak = Math.max(peak, ...samples.map(Math.abs));
      }
      const track = stream.getAudioTracks()[0]!;
      return { state: track.readyState, label: track.label, peak, audioState: audio.state };
    });
    expect(mic.state).toBe('live');
    expect(mic.peak, JSON.stringify(mic)).toBeGreaterThan(0.01);
    expect(await installabilityErrors(page)).not.toContain('in-incognito');
  } finally {
    await chrome.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
