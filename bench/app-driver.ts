// The Models view driven the way a person drives it (buttons by their accessible names), with the
// timed parts measured by the in-page stopwatch.
import type { Page } from 'playwright-core';
import type { ModelEntry } from '../src/catalog/types';
import { armStopwatch, readStopwatch } from './page-stopwatch';
import type { MessageKey } from '../src/ui/i18n/messages';
import { pattern, say } from './ui-text';

const DOWNLOAD_TIMEOUT_MS = 600_000; // the download part's 512 MiB file
const CHECK_TIMEOUT_MS = 120_000;

const cardOf = (page: Page, model: ModelEntry) =>
  page.locator('article.model-card').filter({ has: page.getByRole('heading', { level: 3, name: model.name, exact: true }) });

export interface TimedDownload {
  /** From the click that starts the download to the card showing "Ready to use". */
  ms: number;
  /** The licence dialog was shown (first download of the model in this profile). */
  licenceShown: boolean;
}

export async function downloadViaUi(page: Page, model: ModelEntry): Promise<TimedDownload> {
  const download = say('models.action.downloadNamed', { name: model.name });
  const accept = page.getByRole('button', { name: say('models.licence.accept'), exact: true });
  await armStopwatch(page, {
    card: model.name,
    startOn: [download, say('models.licence.accept')],
    stopAt: '.model-state[data-state="ready"]',
    failAt: '.model-state[data-state="failed"]',
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
  });
  await page.getByRole('button', { name: download, exact: true }).click();
  // Either the licence dialog opens, or (licence accepted earlier) the card leaves "Not downloaded".
  await accept.or(cardOf(page, model).locator('.model-state:not([data-state="absent"])')).first().waitFor();
  const licenceShown = await accept.isVisible();
  if (licenceShown) await accept.click();
  const { ms } = await readStopwatch(page);
  await cardOf(page, model)
    .getByRole('status')
    .filter({ hasText: say('models.status.ready') })
    .waitFor(); // what the person sees
  return { ms, licenceShown };
}

/** Delete {name} -> "Delete from this device", then waits for the card to say it is gone. */
export async function deleteViaUi(page: Page, model: ModelEntry): Promise<void> {
  await page.getByRole('button', { name: say('models.action.deleteNamed', { name: model.name }), exact: true }).click();
  await page.getByRole('button', { name: say('models.delete.confirm'), exact: true }).click();
  await cardOf(page, model).locator('.model-state[data-state="absent"]').waitFor();
}

export interface TimedCheck {
  /** What the app reports: "loaded in X ms" (the worker's own load + warm-up time). */
  loadMs: number;
  /** From the click on "Test on this device" to the result on screen: adds worker start and one embedding. */
  clickToResultMs: number;
}

/** Clicks a model's "Test on this device" and times it in the page from the click to its result;
 *  returns the result line's figure named by `okKey` (the check's own ms) and the click-to-result ms. */
export async function timedCheck(page: Page, model: ModelEntry, okKey: MessageKey): Promise<{ reportedMs: number; ms: number }> {
  const button = say('check.button', { name: model.name });
  await armStopwatch(page, {
    card: model.name,
    startOn: [button],
    stopAt: '.model-check .ok',
    failAt: '.model-check .error',
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  await page.getByRole('button', { name: button, exact: true }).click();
  const { ms, text } = await readStopwatch(page);
  const reported = pattern(okKey, 'ms').exec(text);
  if (!reported) throw new Error(`${model.name}: unexpected check result "${text}"`);
  return { reportedMs: Number(reported[1]), ms };
}

export async function checkViaUi(page: Page, model: ModelEntry): Promise<TimedCheck> {
  const { reportedMs, ms } = await timedCheck(page, model, 'check.embedOk');
  return { loadMs: reportedMs, clickToResultMs: ms };
}

/** Settings → the assistant's card: temperature and longest answer, the response cache off (at
 *  temperature 0 a repeated question would come from it, and no model would run), the model's tools
 *  when asked; saved. Leaves the page on Settings. */
export async function saveAssistantSettings(
  page: Page,
  s: { temperature: number; maxTokens: number; tools?: boolean },
): Promise<void> {
  await page.getByRole('link', { name: say('nav.settings') }).click();
  await page.getByLabel(say('settings.temperature'), { exact: true }).fill(String(s.temperature));
  await page.getByLabel(say('settings.maxTokens'), { exact: true }).fill(String(s.maxTokens));
  await page.getByRole('checkbox', { name: say('settings.responseCache') }).setChecked(false);
  if (s.tools !== undefined) await page.getByRole('checkbox', { name: say('settings.modelTools') }).setChecked(s.tools);
  await page.getByRole('button', { name: say('settings.assistant.save') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: say('settings.assistant.saved') })
    .waitFor();
}
