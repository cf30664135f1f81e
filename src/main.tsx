// Entry of the main bundle: mounts the UI shell. Nothing model-related loads here; workers start on
// demand, and each view, the markdown renderer and languages other than English are chunks of their
// own. The first view's chunk and the UI language are fetched alongside the settings, not after.
import { render } from 'preact';
import { App } from './ui/app';
import { loadView } from './ui/app/lazy-views';
import { route } from './ui/state/route';
import { settings, settingsLoaded } from './ui/state/settings';
import { loadLocale, locale } from './ui/i18n';
import { effectiveModelSource } from './store/model-source';
import { reloadIfPolicyIsStale } from './platform/page-policy';
import { receiveLaunchedFiles } from './platform/launched-files';
import { enterKioskIfAsked, loadKiosk } from './ui/kiosk/door';
import './ui/styles.css';
import './ui/phone.css';

async function start(): Promise<void> {
  const firstView = loadView(route.value);
  await settingsLoaded.catch(() => undefined);
  // Loaded past the service worker (a hard reload) with a model source the build's policy does not
  // name: load again through the worker, which writes the policy from the settings.
  if (await reloadIfPolicyIsStale(effectiveModelSource(settings.value)).catch(() => false)) return;
  await enterKioskIfAsked();
  // The shell is painted with its view (or the kiosk screen) and in its language at once; a failed
  // chunk is shown by the shell itself (English text, a retry), never a blank page.
  const firstScreen = settings.value.kiosk ? loadKiosk() : firstView;
  await Promise.all([firstScreen, loadLocale(locale.value).catch(() => undefined)]);
  render(<App />, document.getElementById('app')!);
  // Documents opened with Hearth from the OS (file_handlers) go to Knowledge.
  receiveLaunchedFiles();
  // Saved home connections come back on every start, whatever view opens, once the first view is
  // painted; with none saved this reads one IndexedDB count and loads no connector.
  afterFirstView(() => void startHomeConnections().catch(() => undefined));
}

async function startHomeConnections(): Promise<void> {
  const { savedConnectionCount } = await import('./platform/home-connection-store');
  if ((await savedConnectionCount()) === 0) return;
  await (await import('./ui/state/home-connections')).startSavedConnections();
}

/** Runs `run` once the first view is on screen (painted, its heading in place), so what it loads
 *  never competes with that view; after 3 s in any case. */
function afterFirstView(run: () => void): void {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    run();
  };
  const whenHeading = () => {
    if (document.querySelector('main h1')) return void setTimeout(go, 0);
    const observer = new MutationObserver(() => {
      if (!document.querySelector('main h1')) return;
      observer.disconnect();
      setTimeout(go, 0);
    });
    observer.observe(document.body, { childList: true, subtree: true });
  };
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      whenHeading();
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // No paint timing: the timeout below still starts it.
  }
  setTimeout(go, 3000);
}

void start();
