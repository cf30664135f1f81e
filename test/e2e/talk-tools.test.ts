// Commands in Talk without any language model, in real Chromium against the built app: the intent
// matcher takes "what time is it", "现在几点", sums and timers, the tool registry runs them, and each
// call is shown in the conversation as a tool card. A one-second timer goes off with a sound, an
// announcement and a notification shown through the service worker; timers survive a reload, and a
// reminder that comes due while the tab is closed is shown as having gone off while away.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import * as appServer from '../support/app-server';
import {
  expectNoCspViolations,
  launchBrowser,
  offNetworkGuard,
  type LaunchedBrowser,
  type NetworkGuard,
} from '../support/browser';
import { openApp, waitForServiceWorker } from '../support/app-page';
import { answers, composer, openTalk, questions } from '../support/talk-page';

let app: appServer.AppServer;
let session: { launched: LaunchedBrowser; guard: NetworkGuard; page: Page } | null = null;

beforeAll(async () => {
  app = await appServer.start();
});
afterAll(async () => {
  await app?.close();
});
afterEach(async () => {
  try {
    if (session) {
      expect(session.guard.blocked).toEqual([]);
      for (const page of session.launched.context.pages()) await expectNoCspViolations(page);
    }
  } finally {
    await session?.launched.close();
    session = null;
  }
});

async function talkSession({ notifications = true, locale }: { notifications?: boolean; locale?: string } = {}): Promise<Page> {
  const launched = await launchBrowser({ webgpu: false, ...(locale ? { locale } : {}) });
  const guard = await offNetworkGuard(launched.context);
  if (notifications) await launched.context.grantPermissions(['notifications'], { origin: app.url });
  const page = await openApp(launched.context, app.url, '#/talk');
  await waitForServiceWorker(page);
  await openTalk(page);
  session = { launched, guard, page };
  return page;
}

/** Types a message as a person would and waits for the tool card it produces. */
async function command(page: Page, text: string): Promise<ReturnType<typeof answers>> {
  const before = await answers(page).count();
  await composer(page).fill(text);
  await composer(page).press('Enter');
  const card = answers(page).nth(before);
  await card.waitFor({ timeout: 30_000 });
  return card;
}

const toolCard = (page: Page, tool: string) => page.locator(`article.message-tool[data-tool="${tool}"]`);

describe('Commands in Talk, no language model needed', () => {
  test('"what time is it" and "现在几点" are answered by the clock tool, shown as tool calls', async () => {
    const page = await talkSession();
    const clockNow = () =>
      page.evaluate(() => new Intl.DateTimeFormat(navigator.language, { hour: 'numeric', minute: '2-digit' }).format(new Date()));
    const before = await clockNow();
    const card = await command(page, 'what time is it');
    const after = await clockNow();
    await expect.poll(() => card.getAttribute('data-tool')).toBe('current_time');
    expect(await card.getAttribute('data-tool-status')).toBe('done');
    const said = await card.locator('.message-text').innerText();
    expect([`It is ${before}.`, `It is ${after}.`]).toContain(said);
    // The call itself is on the card: the tool's name and its status.
    expect(await card.locator('.tool-name').innerText()).toBe('current_time');
    expect(await card.locator('.tool-status').innerText()).toBe('done');

    const zh = await command(page, '现在几点');
    await expect.poll(() => zh.getAttribute('data-tool')).toBe('current_time');
    const zhNow = await page.evaluate(() =>
      new Intl.DateTimeFormat('zh-CN', { hour: 'numeric', minute: '2-digit' }).format(new Date()),
    );
    expect(await zh.locator('.message-text').innerText()).toMatch(new RegExp(`^现在是 ${zhNow.slice(0, 2)}`));
    expect(await questions(page).count()).toBe(2);

    // Stored with the conversation: after a reload both calls are still there as tool cards.
    await page.reload();
    await openTalk(page);
    await expect.poll(() => toolCard(page, 'current_time').count()).toBe(2);
  });

  test('the calculator: a sum is worked out locally', async () => {
    const page = await talkSession();
    const card = await command(page, 'calculate 3 plus 4 times 2');
    await expect.poll(() => card.getAttribute('data-tool')).toBe('calculate');
    expect(await card.locator('.message-text').innerText()).toBe('3 + 4 * 2 = 11');
    expect(await card.locator('.tool-args').innerText()).toContain('expression: 3 + 4 * 2');
  });

  test('a note without an embedding model is not saved, and the card says why', async () => {
    const page = await talkSession();
    const card = await command(page, 'note that the boiler was serviced');
    await expect.poll(() => card.getAttribute('data-tool')).toBe('note_add');
    await expect.poll(() => card.getAttribute('data-tool-status')).toBe('error');
    expect(await card.locator('.message-text').innerText()).toContain('needs an embedding model. Download one in Models.');
  });

  test('a one-second timer goes off: sound, notification through the service worker, shown; the list empties', async () => {
    const page = await talkSession();
    const card = await command(page, 'set a timer for 1 second');
    await expect.poll(() => card.getAttribute('data-tool')).toBe('timer_start');
    expect(await card.locator('.message-text').innerText()).toBe('Timer set for 1 second.');
    const timers = page.getByRole('region', { name: 'Timers' });
    // It went off: listed under "Went off", with a notification from the service worker's registration.
    await timers
      .getByRole('list', { name: 'Went off' })
      .getByText(/Timer done \(1 second\)/)
      .waitFor({ timeout: 30_000 });
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const registration = await navigator.serviceWorker.getRegistration();
            return (await registration!.getNotifications()).map((n) => n.body);
          }),
        { timeout: 30_000 },
      )
      .toContain('Timer done (1 second).');
    // The beeps played on a running AudioContext (counted by the page when they were scheduled).
    await expect.poll(async () => Number((await timers.getAttribute('data-beeps')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await timers.getByRole('list', { name: 'Running' }).count()).toBe(0);
    await timers.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => timers.count()).toBe(0);
  });

  test('timers survive a reload; one cancelled from the list is gone; one due while the tab was closed shows on return', async () => {
    const page = await talkSession();
    await command(page, 'set a timer for 10 minutes');
    await command(page, 'remind me to check the oven in 3 seconds');
    const timers = page.getByRole('region', { name: 'Timers' });
    const running = timers.getByRole('list', { name: 'Running' });
    await expect.poll(() => running.getByRole('listitem').count()).toBe(2);
    const dueAt = Date.now() + 3000;
    const context = session!.launched.context;
    await page.close();
    // The reminder comes due with no page of the app open.
    await expect.poll(() => Date.now() >= dueAt + 500, { timeout: 30_000 }).toBe(true);

    const back = await openApp(context, app.url, '#/talk');
    session!.page = back;
    const timersBack = back.getByRole('region', { name: 'Timers' });
    const away = timersBack.getByRole('list', { name: 'Went off' }).getByRole('alert');
    await away.filter({ hasText: 'Reminder: check the oven' }).waitFor({ timeout: 30_000 });
    expect(await away.first().getAttribute('data-while-away')).toBe('true');
    expect(await away.first().innerText()).toContain('while you were away');
    // The ten-minute timer kept running across the close, to the same minute.
    const runningBack = timersBack.getByRole('list', { name: 'Running' });
    await expect.poll(() => runningBack.getByRole('listitem').count()).toBe(1);
    expect(await runningBack.innerText()).toMatch(/Timer · 9 minutes \d+ seconds/);

    await runningBack.getByRole('button', { name: 'Cancel Timer' }).click();
    await expect.poll(() => runningBack.count()).toBe(0);
    await back.reload();
    await openTalk(back);
    await timersBack.getByRole('list', { name: 'Went off' }).waitFor();
    expect(await runningBack.count()).toBe(0);
  });
});
