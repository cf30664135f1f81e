import { describe, expect, it } from 'vitest';
import { installOffer, isIosWebKit } from '../../src/core/install-offer';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';
const IPAD_DESKTOP =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

describe('installOffer', () => {
  it('offers the kept prompt, the iOS hint, or nothing once installed', () => {
    expect(installOffer({ standalone: false, promptAvailable: true, iosWebKit: false })).toBe('prompt');
    expect(installOffer({ standalone: false, promptAvailable: false, iosWebKit: true })).toBe('ios-hint');
    expect(installOffer({ standalone: false, promptAvailable: false, iosWebKit: false })).toBe('none');
    expect(installOffer({ standalone: true, promptAvailable: true, iosWebKit: false })).toBe('none');
    expect(installOffer({ standalone: true, promptAvailable: false, iosWebKit: true })).toBe('none');
  });

  it('knows iOS WebKit, iPadOS in desktop mode included, and not a Mac or Android', () => {
    expect(isIosWebKit(IPHONE, 5)).toBe(true);
    expect(isIosWebKit(IPAD_DESKTOP, 5)).toBe(true);
    expect(isIosWebKit(IPAD_DESKTOP, 0)).toBe(false);
    expect(isIosWebKit(ANDROID, 5)).toBe(false);
  });
});
