// The screen the page is laid out for: whether it is phone-sized (Talk then puts the conversation
// list and engine details in a drawer), and how much of it an on-screen keyboard covers in browsers
// that lay the keyboard over the page instead of resizing it (written to --keyboard-inset, which
// lifts the composer; see core/keyboard-inset).
import { signal } from '@preact/signals';
import { keyboardInset } from '../../core/keyboard-inset';

/** Matches the CSS breakpoint of phone.css. */
export const PHONE_QUERY = '(max-width: 600px)';

const phoneMedia = matchMedia(PHONE_QUERY);
export const phoneSized = signal(phoneMedia.matches);
phoneMedia.addEventListener('change', (e) => {
  phoneSized.value = e.matches;
});

const vv = window.visualViewport;
if (vv) {
  let written = -1;
  const follow = () => {
    const inset = keyboardInset({
      layoutHeight: window.innerHeight,
      visualHeight: vv.height,
      visualOffsetTop: vv.offsetTop,
      scale: vv.scale,
    });
    if (inset === written) return;
    written = inset;
    document.documentElement.style.setProperty('--keyboard-inset', `${inset}px`);
    document.documentElement.toggleAttribute('data-keyboard', inset > 0);
  };
  vv.addEventListener('resize', follow);
  vv.addEventListener('scroll', follow);
  follow();
}
