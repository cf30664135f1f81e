// The app shell as a person meets it, in real Chromium against the built app served like `npm start`:
// installable, works offline after one visit, strict CSP everywhere, accessible, bilingual, and an
// update waits for the person's consent.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as appServer from '../support/app-server';
import {
  expectNoCspViolations,
  formatAxe,
  installabilityErrors,
  launchBrowser,
  offNetworkGuard,
  runAxe,
  type LaunchedBrowser,
  type NetworkGuard,
} from '../support/browser';
import { openApp, waitForServiceWorker } from '../support/app-page';

const VIEWS = [
  { hash: '#/talk', link: 'Talk', heading: 'Talk' },
  { hash: '#/models', link: 'Models', heading: 'Models' },
  { hash: '#/knowledge', link: 'Knowledge', heading: 'Knowledge' },
  { hash: '#/devices', link: 'Devices', heading: 'Devices' },
  { hash: '#/settings', link: 'Settings', heading: 'Settings' },
];

let app: appServer.AppServer;
let launched: LaunchedBrowser;
let guard: NetworkGuard;

beforeAll(async () => {
  app = await appServer.start();
  launched = await launchBrowser({ webgpu: false });
  guard = await offNetworkGuard(launched.context);
});
afterAll(async () => {
  await launched?.close();
  await app?.close();
});

describe('app shell', () => {
  test('navigates between all views by role and name, then works offline after one visit', async () => {
    const page = await openApp(launched.context, app.url);
    await waitForServiceWorker(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const view of VIEWS) {
      await nav.getByRole('link', { name: view.link }).click();
      await expect.poll(() => page.url()).toContain(view.hash);
      await page.getByRole('heading', { level: 1, name: view.heading }).waitFor();
      await expect.poll(() => nav.getByRole('link', { name: view.link }).getAttribute('aria-current')).toBe('page');
    }

    await launched.context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await nav.getByRole('link', { name: 'Models' }).click();
      await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
      // the engines' wasm came from the precache, not the network
      await page.goto(`${app.url}/#/settings`);
      const offline = page.getByRole('list', { name: 'Engines available offline' });
      await expect.poll(() => offline.innerText()).toContain('ONNX Runtime: stored for offline use');
      expect(await offline.innerText()).toContain('llama.cpp: stored for offline use');
      expect(await offline.innerText()).toContain('eSpeak NG (built-in voice): stored for offline use');
    } finally {
      await launched.context.setOffline(false);
    }
    await expectNoCspViolations(page);
    expect(guard.blocked).toEqual([]);
    await page.close();
  });

  test('precaches the shell and the wasm runtimes but never model weights', async () => {
    const page = await openApp(launched.context, app.url);
    await waitForServiceWorker(page);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
      return urls;
    });
    expect(cached.some((u) => /ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm/.test(u))).toBe(true);
    expect(cached.some((u) => /wllama-[\w-]+\.wasm/.test(u))).toBe(true);
    expect(cached.some((u) => u.includes('index.html'))).toBe(true);
    expect(cached.filter((u) => /\.(onnx|gguf|bin|safetensors)(\?|$)|\/resolve\//.test(u))).toEqual([]);
    await page.close();
  });

  test('sends a strict CSP as a header and a meta tag, with no violations in any view', async () => {
    const page = await launched.context.newPage();
    const response = await page.goto(`${app.url}/#/talk`);
    const header = response!.headers()['content-security-policy'] ?? '';
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const policy of [header, meta ?? '']) {
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(policy).not.toMatch(/(?<!wasm-)'unsafe-eval'/);
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).toMatch(/connect-src 'self' [^;]*https:\/\/huggingface\.co[ ;]/);
      expect(policy).toMatch(/connect-src [^;]*https:\/\/raw\.githubusercontent\.com[ ;]/); // WebLLM's model libraries
    }
    expect(response!.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    for (const view of VIEWS) {
      await page.goto(`${app.url}/${view.hash}`);
      await page.getByRole('heading', { level: 1, name: view.heading }).waitFor();
    }
    await expectNoCspViolations(page);
    await page.close();
  });

  test('has no axe violations in any view, light and dark, English and Chinese', async () => {
    const page = await launched.context.newPage();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const view of VIEWS) {
        await page.goto(`${app.url}/${view.hash}`);
        await page.getByRole('heading', { level: 1, name: view.heading }).waitFor();
        const violations = await runAxe(page);
        expect(formatAxe(violations), `${scheme} ${view.hash}`).toBe('');
      }
    }
    // a phone-sized screen: bottom tab bar layout
    await page.setViewportSize({ width: 390, height: 844 });
    for (const view of VIEWS) {
      await page.goto(`${app.url}/${view.hash}`);
      await page.getByRole('heading', { level: 1, name: view.heading }).waitFor();
      expect(formatAxe(await runAxe(page)), `phone ${view.hash}`).toBe('');
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth),
        `no sideways scroll ${view.hash}`,
      ).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${app.url}/#/settings`);
    await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '对话' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    for (const view of VIEWS) {
      await page.goto(`${app.url}/${view.hash}`);
      await page.locator('main h1').waitFor();
      expect(formatAxe(await runAxe(page)), `zh-CN ${view.hash}`).toBe('');
    }
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
    await page.getByLabel('语言', { exact: true }).selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.close();
  });

  test('is keyboard operable: skip link and nav links reachable with Tab', async () => {
    const page = await launched.context.newPage();
    await page.goto(`${app.url}/#/talk`);
    await page.getByRole('heading', { level: 1, name: 'Talk' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    let reachedSettings = false;
    for (let i = 0; i < 10 && !reachedSettings; i++) {
      await page.keyboard.press('Tab');
      reachedSettings = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Settings');
    }
    expect(reachedSettings).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.close();
  });
});

describe('language', () => {
  test('follows the browser: a Chinese browser gets the Chinese UI without any setting', async () => {
    const zh = await launchBrowser({ webgpu: false, locale: 'zh-CN' });
    try {
      const page = await openApp(zh.context, app.url, '#/talk');
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '对话' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('对话');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await nav.getByRole('link', { name: '模型' }).click();
      await page.getByRole('heading', { level: 1, name: '模型' }).waitFor();
      await expectNoCspViolations(page);
    } finally {
      await zh.close();
    }
  });
});

describe('install and update', () => {
  test('Chromium reports the app installable (persistent profile)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-install-'));
    const persistent = await launchBrowser({ webgpu: false, persistentDir: dir });
    try {
      const page = await openApp(persistent.context, app.url);
      await waitForServiceWorker(page);
      await expect.poll(() => installabilityErrors(page), { timeout: 30_000 }).toEqual([]);
      const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
      expect(manifest.display).toBe('standalone');
      expect(manifest.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true);
      expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
      expect(manifest.shortcuts.length).toBeGreaterThanOrEqual(2);
    } finally {
      await persistent.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a new build shows "update available" and only takes over when accepted', async () => {
    const next = await appServer.buildVariant({ buildId: 'update-test-next' });
    const page = await openApp(launched.context, app.url);
    await waitForServiceWorker(page);
    await page.goto(`${app.url}/#/settings`);
    const firstBuild = await page.getByText(/^Build /).innerText();
    expect(firstBuild).not.toContain('update-test-next');

    // Same origin, new files: stop the old build's server and serve the next build on its port.
    const port = new URL(app.url).port;
    await app.close();
    app = await appServer.start({ port: Number(port), outDir: next });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByRole('status').filter({ hasText: 'A new version of Hearth is ready.' });
    await prompt.waitFor({ timeout: 60_000 });
    // Until accepted, the running page keeps its own build (old JS with its own wasm).
    expect(await page.getByText(/^Build /).innerText()).toBe(firstBuild);
    await prompt.getByRole('button', { name: 'Reload to update' }).click();
    await expect
      .poll(
        () =>
          page
            .getByText(/^Build /)
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toContain('update-test-next');
    // The new page's runtime wasm is served from the new precache: every wasm it references is cached.
    const missing = await page.evaluate(async () => {
      const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src);
      const out: string[] = [];
      for (const src of scripts) {
        const text = await (await fetch(src)).text();
        for (const m of text.matchAll(/["'`](\/assets\/[^"'`]*\.wasm)["'`]/g)) {
          const url = new URL(m[1]!, src).href;
          if (!(await caches.match(url, { ignoreSearch: true }))) out.push(url);
        }
      }
      return out;
    });
    expect(missing).toEqual([]);
    await expectNoCspViolations(page);
    await page.close();
  });
});

export type { Page };
