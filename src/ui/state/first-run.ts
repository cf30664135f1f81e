// First open: the app opened without a route (its address, or the installed app's start URL) before
// setup was finished or skipped shows "Set up Hearth on this device" instead of Talk. A link to a
// view (#/talk, #/settings, a manifest shortcut) opens that view: setup never stands in the way of
// a place someone asked for, and "Skip" or a finished setup is remembered in the settings. The setup
// screen reads FIRST_OPEN from history.state rather than importing this module: kept apart, the
// bundler leaves the first view's chunks as they were.
import { route } from './route';
import { settings, settingsLoaded } from './settings';

/** Marks the history entry setup was opened on by a first open (not asked for by a link). */
export const FIRST_OPEN = 'hearthFirstOpen';

const openedWithoutRoute = /^#?\/?$/.test(location.hash);

void settingsLoaded.then(
  () => {
    if (!openedWithoutRoute || settings.value.firstRun !== 'pending' || route.value !== 'talk') return;
    // replaceState: Back does not return to an empty route.
    history.replaceState({ ...(history.state as object | null), [FIRST_OPEN]: true }, '', '#/setup');
    route.value = 'setup';
  },
  () => undefined,
);
