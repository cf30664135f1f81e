// How much of the layout viewport an on-screen keyboard covers, from what the Visual Viewport API
// reports. Browsers that honour `interactive-widget=resizes-content` shrink the layout viewport
// itself (the inset is then 0); others (iOS Safari) lay the keyboard over the page and only the
// visual viewport shrinks, so the composer must be lifted by the difference.

export interface ViewportSizes {
  /** window.innerHeight: the layout viewport, in CSS pixels. */
  layoutHeight: number;
  /** visualViewport.height and offsetTop, in CSS pixels. */
  visualHeight: number;
  visualOffsetTop: number;
  /** visualViewport.scale: pinch zoom, which also shrinks the visual viewport. */
  scale: number;
}

/** Below this a shrink is a toolbar sliding in or rounding, not a keyboard. */
export const MIN_KEYBOARD_PX = 80;

/** Pixels at the bottom of the layout viewport hidden behind a keyboard (0 when none). */
export function keyboardInset({ layoutHeight, visualHeight, visualOffsetTop, scale }: ViewportSizes): number {
  // Pinch-zoomed: the person is looking at part of the page on purpose; nothing is covered.
  if (Math.abs(scale - 1) > 0.01) return 0;
  const hidden = layoutHeight - (visualOffsetTop + visualHeight);
  return hidden >= MIN_KEYBOARD_PX ? Math.round(hidden) : 0;
}
