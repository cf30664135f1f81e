// Entry of the main bundle: mounts the UI. Nothing model-related loads here; workers start on demand.
import { render } from 'preact';
import { App } from './ui/app';
import { settingsLoaded } from './ui/state/settings';
import './ui/styles.css';

void settingsLoaded.finally(() => render(<App />, document.getElementById('app')!));
