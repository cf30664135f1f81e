// A sheet that slides over the page on phones: a modal <dialog> (showModal makes the page behind
// inert, Escape closes it, and the browser gives focus back to the button that opened it). Tab and
// Shift+Tab wrap inside it, so focus never leaves for the browser's own controls. Rendered only
// while open.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  /** id of the drawer's heading: its accessible name. */
  labelledBy: string;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}

const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.hasAttribute('disabled') && el.getClientRects().length > 0,
  );
}

export function Drawer({ labelledBy, title, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current!;
    let unmounting = false;
    const onDialogClose = () => {
      if (!unmounting) close.current();
    };
    const wrapTab = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const all = focusables(dialog);
      const first = all[0];
      const last = all[all.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    dialog.addEventListener('close', onDialogClose);
    dialog.addEventListener('keydown', wrapTab);
    if (!dialog.open) dialog.showModal();
    return () => {
      unmounting = true;
      dialog.removeEventListener('close', onDialogClose);
      dialog.removeEventListener('keydown', wrapTab);
      if (dialog.open) dialog.close(); // before the node goes, so focus returns to the opener
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class="drawer"
      aria-labelledby={labelledBy}
      // A tap on the backdrop (outside the sheet) closes it, as on every phone.
      onClick={(e) => {
        if (e.target === e.currentTarget) {
          const r = e.currentTarget.getBoundingClientRect();
          const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
          if (!inside) e.currentTarget.close();
        }
      }}
    >
      <div class="drawer-head">
        <h2 id={labelledBy}>{title}</h2>
        <button type="button" class="drawer-close" onClick={() => ref.current?.close()}>
          {t('drawer.close')}
        </button>
      </div>
      <div class="drawer-body">{children}</div>
    </dialog>
  );
}
