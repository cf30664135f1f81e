// Settings as a signal for the UI; every change is written through to IndexedDB.
import { signal } from '@preact/signals';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, type Settings } from '../../store/settings';

export const settings = signal<Settings>(DEFAULT_SETTINGS);
export const settingsLoaded = loadSettings().then((s) => {
  settings.value = s;
});

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  settings.value = await saveSettings(patch);
}
