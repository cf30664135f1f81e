// A modal <dialog> opened with showModal(): the browser traps focus, makes the page behind inert,
// closes on Escape and returns focus to the control that opened it. Render it only while open.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  /** id of the dialog's heading: its accessible name. */
  labelledBy: string;
  describedBy?: string;
  /** Escape, or any other close the browser does on its own. */
  onDismiss: () => void;
  children: ComponentChildren;
}

export function Modal({ labelledBy, describedBy, onDismiss, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;

  useEffect(() => {
    const dialog = ref.current!;
    let closing = false;
    // A 'close' we caused by unmounting is not a dismissal: only report the browser's own.
    const onClose = () => {
      if (!closing) dismiss.current();
    };
    dialog.addEventListener('close', onClose);
    if (!dialog.open) dialog.showModal();
    return () => {
      closing = true;
      dialog.removeEventListener('close', onClose);
      // close() before the node leaves the DOM, so the browser restores focus to the opener.
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} class="modal" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {children}
    </dialog>
  );
}
