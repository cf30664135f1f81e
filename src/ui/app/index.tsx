import { useEffect, useRef } from 'preact/hooks';
import { Nav } from '../nav';
import { DeferredUpdatePrompt } from '../update-prompt/deferred';
import { route } from '../state/route';
import { settings } from '../state/settings';
import { locale, t } from '../i18n';
import { loadedViews, loadView, viewLoadError } from './lazy-views';
import { BackLine } from './back-line';
import { ChunkFailed } from './chunk-failed';
import '../state/viewport';
import { DeferredInstallOffer } from '../install/deferred';
import '../state/first-run';
import { KioskDoor } from '../kiosk/door';

/** Kiosk mode shows its ambient screen instead of the shell, whatever the route: the views behind
 *  it are reached only by leaving kiosk mode, with the PIN. */
export function App() {
  return settings.value.kiosk ? <KioskDoor /> : <Shell />;
}

function Shell() {
  const view = route.value;
  const View = loadedViews.value[view];
  const failed = viewLoadError.value?.view === view ? viewLoadError.value : null;
  const theme = settings.value.theme;

  useEffect(() => void loadView(view), [view]);

  useEffect(() => {
    document.documentElement.lang = locale.value;
    document.documentElement.dataset['theme'] = theme;
    document.title = `${t(`nav.${view}`)} · ${t('app.name')}`;
  }, [locale.value, theme, view]);

  // Moving focus to the new view's heading tells screen-reader users the page changed. Not on first
  // load: there the skip link must stay the first Tab stop. Keyed on the view shown, not the route:
  // a view's heading exists only once its chunk has arrived.
  const shownBefore = useRef(false);
  useEffect(() => {
    if (!View) return;
    if (shownBefore.current) document.querySelector<HTMLElement>('main h1')?.focus();
    shownBefore.current = true;
  }, [View]);

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <img src="/icons/icon.svg" alt="" width={28} height={28} />
        <span class="brand">{t('app.name')}</span>
        <span class="tagline">{t('app.tagline')}</span>
        {/* The setup screen offers it with the iOS hint beside its other steps. */}
        {view !== 'setup' && <DeferredInstallOffer />}
      </header>
      <Nav />
      <main id="main" class="content" aria-busy={View ? undefined : 'true'}>
        <BackLine />
        {View ? <View /> : failed ? <ChunkFailed reason={failed.message} retry={() => void loadView(view)} /> : null}
      </main>
      {/* Only once a view is on screen: the prompt and workbox-window are not part of the first view. */}
      {Object.keys(loadedViews.value).length > 0 && <DeferredUpdatePrompt />}
    </div>
  );
}
