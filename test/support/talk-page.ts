// Drives the Talk view by role and name, as a person would (test tooling, not product code).
import type { Locator, Page } from 'playwright-core';

export async function openTalk(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Talk' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
}

export const composer = (page: Page): Locator => page.getByRole('textbox', { name: 'Message' });
export const answers = (page: Page): Locator =>
  page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Hearth' });
export const questions = (page: Page): Locator =>
  page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'You' });
export const lastAnswer = (page: Page): Locator => answers(page).last();

/** Types the words and presses Enter, as a person would; returns once the new answer has begun
 *  (so settledAnswer() cannot mistake the previous answer for it). */
export async function ask(page: Page, text: string): Promise<void> {
  const before = await answers(page).count();
  const box = composer(page);
  await box.fill(text);
  await box.press('Enter');
  await answers(page).nth(before).waitFor({ timeout: 30_000 });
}

/** Waits until the last answer has left 'streaming' and returns its state, text and stats line. */
export async function settledAnswer(page: Page, timeout = 120_000): Promise<{ status: string; text: string; stats: string }> {
  const answer = lastAnswer(page);
  await answer.and(page.locator('article:not([data-status="streaming"])')).waitFor({ timeout });
  const stats = answer.locator('p.stats');
  return {
    status: (await answer.getAttribute('data-status')) ?? '',
    text: await answer.locator('.message-text').innerText(),
    stats: (await stats.count()) ? await stats.innerText() : '',
  };
}

/** Waits for at least `chars` characters of streamed answer text. */
export async function waitForStreamedText(page: Page, chars = 1, timeout = 120_000): Promise<string> {
  const handle = await page.waitForFunction(
    (n) => {
      const all = document.querySelectorAll('[role="log"] article.message-assistant');
      const last = all[all.length - 1];
      const text = last?.querySelector('.message-text')?.textContent ?? '';
      return last?.getAttribute('data-status') === 'streaming' && text.length >= n ? text : null;
    },
    chars,
    { timeout, polling: 20 },
  );
  return (await handle.jsonValue()) as string;
}

/** "N tokens · T tokens/s · first token after X ms · engine" -> numbers. */
export function answerStats(line: string): { tokens: number; tokensPerSecond: number | null; ttftMs: number | null } | null {
  const tokens = /(\d+) tokens(?! *\/)/.exec(line);
  if (!tokens) return null;
  const tps = /([\d.]+) tokens\/s/.exec(line);
  const ttft = /first token after (\d+) ms/.exec(line);
  return { tokens: Number(tokens[1]), tokensPerSecond: tps ? Number(tps[1]) : null, ttftMs: ttft ? Number(ttft[1]) : null };
}

/** Every value of every object store of every IndexedDB database of the page, as text: strings as
 *  they are, binary data decoded both as UTF-8 and UTF-16 so no encoding hides a plaintext. */
export function dumpIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    const seen = new WeakSet<object>();
    const decode = (bytes: Uint8Array) => {
      out.push(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
      out.push(new TextDecoder('utf-16le', { fatal: false }).decode(bytes.subarray(0, bytes.length - (bytes.length % 2))));
    };
    const walk = async (v: unknown): Promise<void> => {
      if (v === null || v === undefined) return;
      if (typeof v === 'string') {
        out.push(v);
        return;
      }
      if (typeof v !== 'object') {
        out.push(String(v));
        return;
      }
      if (seen.has(v)) return;
      seen.add(v);
      if (v instanceof ArrayBuffer) return decode(new Uint8Array(v));
      if (ArrayBuffer.isView(v)) return decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      if (v instanceof Blob) return decode(new Uint8Array(await v.arrayBuffer()));
      if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) {
        out.push(`[CryptoKey ${v.type} extractable=${v.extractable}]`);
        return;
      }
      for (const [k, x] of Object.entries(v)) {
        out.push(k);
        await walk(x);
      }
      if (v instanceof Map)
        for (const [k, x] of v) {
          await walk(k);
          await walk(x);
        }
    };
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const [keys, values] = await Promise.all(
          ['getAllKeys', 'getAll'].map(
            (op) =>
              new Promise<unknown[]>((resolve, reject) => {
                const store = db.transaction(name).objectStore(name);
                const req = op === 'getAll' ? store.getAll() : store.getAllKeys();
                req.onsuccess = () => resolve(req.result as unknown[]);
                req.onerror = () => reject(req.error);
              }),
          ),
        );
        out.push(`## ${info.name}/${name}`);
        for (const k of keys!) await walk(k);
        for (const v of values!) await walk(v);
      }
      db.close();
    }
    return out.join('\n');
  });
}
