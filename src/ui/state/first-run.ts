// First open: the app opened without a route (its address, or the installed app's start URL) before
// setup was finished or skipped shows "Set up Hearth on this device" instead of Talk. A link to a
// view (#/talk, #/settings, a manifest shortcut) opens that view: setup never stands in the way of
// a place someone asked for, and "Skip" or a finished setup is remembered in the settings.
import { route } from './route';
import { settings, settingsLoaded, updateSettings } from './settings';

const openedWithoutRoute = /^#?\/?$/.test(location.hash);

void settingsLoaded.then(
  () => {
    if (!openedWithoutRoute || settings.value.firstRun !== 'pending' || route.value !== 'talk') return;
    history.replaceState(history.state, '', '#/setup'); // replaceState: Back does not return to an empty route
    route.value = 'setup';
  },
  () => undefined,
);

export const finishSetup = (): Promise<void> => updateSettings({ firstRun: 'done' });
export const skipSetup = (): Promise<void> => updateSettings({ firstRun: 'skipped' });
