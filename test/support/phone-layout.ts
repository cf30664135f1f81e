// Layout checks run inside the page for the phone tests: sideways overflow, touch target sizes, text
// clipped at large text sizes, and whether an element is really on screen and not covered (test
// tooling, not product code). Each returns the offenders as short descriptions, so a failing
// assertion says which element and by how much.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { repoRoot } from './paths';

export interface Device {
  name: string;
  options: BrowserContextOptions;
}

export const PHONE: Device = {
  name: 'phone-390x844',
  options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
};
export const SMALL_PHONE: Device = {
  name: 'phone-320x640',
  options: { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};
export const TABLET: Device = {
  name: 'tablet-820x1180',
  options: { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};
export const DESKTOP: Device = { name: 'desktop-1280x800', options: { viewport: { width: 1280, height: 800 } } };

export const VIEWS = ['talk', 'models', 'knowledge', 'devices', 'settings'] as const;

export async function deviceContext(
  browser: Browser,
  device: Device,
  extra: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ ...device.options, ...extra });
}

/** Opens a view by its hash and waits for its heading (and for the view to stop loading). */
export async function showView(page: Page, baseUrl: string, view: string): Promise<void> {
  await page.goto(`${baseUrl}/#/${view}`);
  await page.locator('main:not([aria-busy]) h1').waitFor();
}

/** Screenshots go to test-results/ (git-ignored) for a person to look at. */
export const screenshotDir = path.join(repoRoot, 'test-results', 'phone-layout');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, scale: 'css' });
  return file;
}

/** Elements that stick out of the viewport sideways, and whether the page scrolls sideways at all. */
export function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw)
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    // Inside a container that scrolls on its own (a code block, a document's text), wide is fine.
    const insideScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden' || s.overflowX === 'clip') return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || (s.position === 'absolute' && s.clip !== 'auto')) continue; // visually hidden text
      if (el.matches('.skip-link:not(:focus), .skip-link:not(:focus) *')) continue; // off screen until focused
      if (insideScroller(el)) continue;
      if (r.right > vw + 1 || r.left < -1) out.push(`${describe(el)}: ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
    }
    return out;
  });
}

/** Interactive targets smaller than `min` CSS px either way. Checkboxes and radios count with the
 *  label that wraps them (the label is what a finger taps); links inside a sentence are exempt, as in
 *  WCAG 2.5.8. */
export function smallTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.closest('[inert], dialog:not([open])')) continue;
      const dialog = document.querySelector('dialog[open]');
      if (dialog && !dialog.contains(el)) continue; // behind a modal: not reachable now
      if (el.matches('.skip-link:not(:focus)')) continue;
      let box: Element = el;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) box = el.closest('label') ?? el;
      if (el instanceof HTMLInputElement && el.type === 'file' && el.closest('.file-button')) box = el.closest('.file-button')!;
      const r = box.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none') continue;
      const inline = el.tagName === 'A' && s.display === 'inline' && !!el.parentElement?.closest('p, li, dd, td');
      if (inline) continue;
      if (r.width < min - 0.5 || r.height < min - 0.5) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).value ?? '')
          .trim()
          .slice(0, 30);
        out.push(
          `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${name}": ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
      }
    }
    return out;
  }, min);
}

/** Text cut off by its box: elements that clip overflow while their content is wider or taller than
 *  they are (not the ones meant to scroll: text boxes, code, a document's text, lists with a scroll
 *  bar), and nav labels wider than their tab. */
export function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const meantToScroll = 'textarea, pre, .document-text, dialog, .conversation-list ul, html, body, select, input';
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.matches(meantToScroll)) continue;
      const s = getComputedStyle(el);
      if (s.position === 'absolute' && s.clip !== 'auto') continue; // visually hidden on purpose
      const clipsX = s.overflowX !== 'visible';
      const clipsY = s.overflowY !== 'visible';
      if (!clipsX && !clipsY) continue;
      if (!(el.textContent ?? '').trim()) continue;
      if (
        (clipsX && el.scrollWidth > el.clientWidth + 1) ||
        (clipsY && s.overflowY !== 'auto' && el.scrollHeight > el.clientHeight + 1)
      )
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`,
        );
    }
    for (const link of document.querySelectorAll<HTMLElement>('.nav a')) {
      const label = link.querySelector('span');
      if (!label) continue;
      const ls = getComputedStyle(label);
      if (ls.position === 'absolute') continue; // icon-only tab bar: the label is the link's name
      const a = link.getBoundingClientRect();
      const b = label.getBoundingClientRect();
      if (b.left < a.left - 1 || b.right > a.right + 1) out.push(`nav label "${label.textContent}" wider than its tab`);
    }
    return out;
  });
}

/** Where the element is against the viewport, and whether its middle is what a tap there hits. */
export async function onScreenAndUncovered(
  locator: Locator,
): Promise<{ top: number; bottom: number; viewport: number; hit: boolean }> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const vv = window.visualViewport;
    const viewport = vv ? vv.height + vv.offsetTop : innerHeight;
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20));
    const bottom = document.elementFromPoint(r.left + r.width / 2, r.bottom - Math.min(r.height / 2, 10));
    return { top: r.top, bottom: r.bottom, viewport, hit: !!top && el.contains(top) && !!bottom && el.contains(bottom) };
  });
}
