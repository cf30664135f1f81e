import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, deleteSettingsDb, loadSettings, saveSettings } from '../../src/store/settings';

describe('settings store', () => {
  it('keeps every one of several changes saved at once (no lost update)', async () => {
    await deleteSettingsDb();
    const results = await Promise.all([
      saveSettings({ listenMode: 'wake' }),
      saveSettings({ wakeModel: 'oww-hey-mycroft' }),
      saveSettings({ bargeIn: false }),
    ]);
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      listenMode: 'wake',
      wakeModel: 'oww-hey-mycroft',
      bargeIn: false,
    });
    // The last save to finish returns the whole result, which is what the page shows.
    expect(results.at(-1)).toEqual(await loadSettings());
  });
});
