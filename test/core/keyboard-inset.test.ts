import { describe, expect, it } from 'vitest';
import { keyboardInset, MIN_KEYBOARD_PX } from '../../src/core/keyboard-inset';

describe('keyboard inset from the visual viewport', () => {
  it('is 0 when the browser resized the layout viewport itself (interactive-widget honoured)', () => {
    expect(keyboardInset({ layoutHeight: 500, visualHeight: 500, visualOffsetTop: 0, scale: 1 })).toBe(0);
  });

  it('is the covered height when a keyboard lies over the page (iOS Safari)', () => {
    expect(keyboardInset({ layoutHeight: 844, visualHeight: 508, visualOffsetTop: 0, scale: 1 })).toBe(336);
  });

  it('counts a visual viewport scrolled down inside the layout viewport', () => {
    expect(keyboardInset({ layoutHeight: 844, visualHeight: 508, visualOffsetTop: 100, scale: 1 })).toBe(236);
  });

  it('ignores pinch zoom and small toolbar shifts', () => {
    expect(keyboardInset({ layoutHeight: 844, visualHeight: 422, visualOffsetTop: 0, scale: 2 })).toBe(0);
    expect(keyboardInset({ layoutHeight: 844, visualHeight: 844 - MIN_KEYBOARD_PX + 1, visualOffsetTop: 0, scale: 1 })).toBe(0);
  });
});
