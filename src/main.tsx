// Entry of the main bundle: mounts the UI. Nothing model-related loads here; workers start on demand.
import { render } from 'preact';
import { App } from './ui/app';
import { settings, settingsLoaded } from './ui/state/settings';
import { effectiveModelSource } from './store/model-source';
import { reloadIfPolicyIsStale } from './platform/page-policy';
import './ui/styles.css';

async function start(): Promise<void> {
  await settingsLoaded.catch(() => undefined);
  // Loaded past the service worker (a hard reload) with a model source the build's policy does not
  // name: load again through the worker, which writes the policy from the settings.
  if (await reloadIfPolicyIsStale(effectiveModelSource(settings.value)).catch(() => false)) return;
  render(<App />, document.getElementById('app')!);
}

void start();
