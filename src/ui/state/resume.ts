// The page coming back after the phone suspended it: hidden (another app, the screen off), frozen
// by the browser, or restored from the back/forward cache. Each part that had work under way
// registers what it does on return (the voice loop, the answer, the downloads); the shell shows one
// line saying what became of it, so nothing stops without a word.
import { signal } from '@preact/signals';
import type { ResumeFacts } from '../../core/resume-report';
import { locale } from '../i18n';

export type BackReport = Partial<Omit<ResumeFacts, 'awayMs'>>;
type Contributor = () => BackReport | Promise<BackReport>;

/** What the last return from the background did, in words; null when there was nothing to say. */
export const backLine = signal<{ text: string; dismiss: string } | null>(null);

const contributors = new Set<Contributor>();

/** Runs `fn` each time the page is back; its report goes into the line. */
export function whenBack(fn: Contributor): () => void {
  contributors.add(fn);
  return () => contributors.delete(fn);
}

/** Wall-clock time the page was last seen leaving (Date: a monotonic clock may stop while frozen). */
let leftAt: number | null = null;
let returning: Promise<void> | null = null;

function left(): void {
  leftAt ??= Date.now();
}

/** Recovery runs once the page can be seen again: a 'resume' while still hidden waits for that. */
function back(): void {
  if (leftAt === null || document.visibilityState !== 'visible' || returning) return;
  const awayMs = Date.now() - leftAt;
  leftAt = null;
  returning = recover(awayMs).finally(() => (returning = null));
}

async function recover(awayMs: number): Promise<void> {
  const reports = await Promise.all(
    [...contributors].map((fn) =>
      Promise.resolve()
        .then(fn)
        .catch((): BackReport => ({})),
    ),
  );
  const facts: ResumeFacts = {
    awayMs,
    voice: 'off',
    releasedHold: false,
    answering: false,
    downloadsRestarted: 0,
    downloadsRunning: 0,
  };
  for (const r of reports) Object.assign(facts, r);
  // Deciding and wording the line is only needed on a return, not in the first view.
  const [{ resumeLine }, { backLineText }] = await Promise.all([
    import('../../core/resume-report'),
    import('../app/back-line-text'),
  ]);
  const line = resumeLine(facts);
  backLine.value = line && backLineText(line, locale.value);
}

document.addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? left() : back()));
document.addEventListener('freeze', left);
document.addEventListener('resume', back);
addEventListener('pagehide', (e) => {
  if (e.persisted) left();
});
addEventListener('pageshow', (e) => {
  if (e.persisted) back();
});
