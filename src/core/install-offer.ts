// What the app offers for installing itself. Pure: the page passes what it read from the browser.
//
// Chromium browsers fire `beforeinstallprompt` when the app can be installed: the page keeps the
// event and prompts on the person's click. Safari on iOS and iPadOS fires nothing and has no API:
// installing is Share → Add to Home Screen, so the app can only say where that is. Running
// installed (display-mode standalone, or navigator.standalone on iOS) there is nothing to offer.

export type InstallOffer = 'prompt' | 'ios-hint' | 'none';

export interface InstallFacts {
  standalone: boolean;
  /** A beforeinstallprompt event is kept and unused. */
  promptAvailable: boolean;
  iosWebKit: boolean;
}

export function installOffer({ standalone, promptAvailable, iosWebKit }: InstallFacts): InstallOffer {
  if (standalone) return 'none';
  if (promptAvailable) return 'prompt';
  return iosWebKit ? 'ios-hint' : 'none';
}

/** WebKit on iPhone, iPod or iPad. iPadOS asks for desktop sites by default and then says
 *  "Macintosh", so a Mac that reports touch points is an iPad. */
export function isIosWebKit(userAgent: string, maxTouchPoints: number): boolean {
  return /\b(iPhone|iPad|iPod)\b/.test(userAgent) || (/\bMacintosh\b/.test(userAgent) && maxTouchPoints > 1);
}
