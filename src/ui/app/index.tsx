import { useEffect, useRef } from 'preact/hooks';
import { Nav } from '../nav';
import { UpdatePrompt } from '../update-prompt';
import { route, type View } from '../state/route';
import { settings } from '../state/settings';
import { locale, t } from '../i18n';
import { TalkView } from '../views/talk';
import { ModelsView } from '../views/models';
import { KnowledgeView } from '../views/knowledge';
import { DevicesView } from '../views/devices';
import { SettingsView } from '../views/settings';

const views: Record<View, () => preact.JSX.Element> = {
  talk: TalkView,
  models: ModelsView,
  knowledge: KnowledgeView,
  devices: DevicesView,
  settings: SettingsView,
};

export function App() {
  const View = views[route.value];
  const theme = settings.value.theme;

  useEffect(() => {
    document.documentElement.lang = locale.value;
    document.documentElement.dataset['theme'] = theme;
    document.title = `${t(`nav.${route.value}`)} · ${t('app.name')}`;
  }, [locale.value, theme, route.value]);

  // Moving focus to the new view's heading tells screen-reader users the page changed. Not on first
  // load: there the skip link must stay the first Tab stop.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route.value]);

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <img src="/icons/icon.svg" alt="" width={28} height={28} />
        <span class="brand">{t('app.name')}</span>
        <span class="tagline">{t('app.tagline')}</span>
      </header>
      <Nav />
      <main id="main" class="content">
        <View />
      </main>
      <UpdatePrompt />
    </div>
  );
}
