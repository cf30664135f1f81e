import { hrefFor, route, VIEWS } from '../state/route';
import { t } from '../i18n';
import { NavIcon } from './icons';

export function Nav() {
  return (
    <nav class="nav" aria-label={t('nav.label')}>
      <ul>
        {VIEWS.map((view) => (
          <li key={view}>
            <a href={hrefFor(view)} aria-current={route.value === view ? 'page' : undefined}>
              <NavIcon view={view} />
              <span>{t(`nav.${view}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
