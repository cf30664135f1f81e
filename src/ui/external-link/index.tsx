// Links that leave Hearth open in a new tab (an installed app would otherwise navigate away from
// itself), and say so to screen-reader users.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';

export function ExternalLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span class="visually-hidden"> {t('common.newTab')}</span>
    </a>
  );
}
