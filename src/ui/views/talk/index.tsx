// Talk: type a question, a local model answers as it streams. Conversations are stored encrypted;
// with a passphrase set, nothing is shown until it is entered. On a phone the conversation fills
// the screen: the list, the conversation's actions and the engine details move into a drawer, and
// the voice controls and composer stay docked at the bottom, within thumb reach.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { chatError, current, initChat, notice, plannedChoice } from '../../state/chat';
import { hrefFor } from '../../state/route';
import { startVault, vaultState } from '../../state/vault';
import { phoneSized } from '../../state/viewport';
import { ViewHeader } from '../view-header';
import { Composer } from './composer';
import { ConversationActions } from './conversation-actions';
import { ConversationList } from './conversation-list';
import { LazyDocumentsSwitch } from './documents-door';
import { EngineBar } from './engine-bar';
import { MessageList } from './message-list';
import { UnlockForm } from './unlock-form';
import { LazyVoiceBar } from './voice-door';
import { LazyTimers, resumeTimers } from './tool-card-door';

type DrawerComponent = typeof import('../../drawer').Drawer;

export function TalkView() {
  const vault = vaultState.value;
  const phone = phoneSized.value;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // The drawer is a chunk of its own, fetched on the first tap (desktops never need it).
  const [Drawer, setDrawer] = useState<DrawerComponent | null>(null);
  const openDrawer = () =>
    void import('../../drawer').then((m) => {
      setDrawer(() => m.Drawer);
      setDrawerOpen(true);
    });
  const convId = current.value?.id;
  useEffect(() => void startVault(), []);
  // Picking, starting or deleting a conversation in the drawer shows it.
  useEffect(() => setDrawerOpen(false), [convId]);
  useEffect(() => {
    if (vault.state === 'ready') void initChat().then(resumeTimers);
  }, [vault.state]);

  if (vault.state === 'locked') {
    return (
      <section class="view">
        <ViewHeader title={t('talk.title')} />
        <UnlockForm />
      </section>
    );
  }
  if (vault.state === 'error') {
    return (
      <section class="view">
        <ViewHeader title={t('talk.title')} />
        <p class="error" role="alert">
          {t('talk.vaultError', { reason: vault.message })}
        </p>
      </section>
    );
  }

  const conv = current.value;
  const nothing = plannedChoice.value.model === null;
  return (
    <section class="view talk-view">
      <ViewHeader title={conv?.title ?? t('talk.title')}>
        {phone ? (
          <button type="button" class="drawer-button" aria-haspopup="dialog" aria-expanded={drawerOpen} onClick={openDrawer}>
            {t('talk.drawer')}
          </button>
        ) : (
          conv && <ConversationActions conversation={conv} />
        )}
      </ViewHeader>
      {phone && drawerOpen && Drawer && (
        <Drawer labelledBy="talk-drawer-title" title={t('talk.drawer')} onClose={() => setDrawerOpen(false)}>
          {conv && <ConversationActions conversation={conv} />}
          <EngineBar />
          <ConversationList />
        </Drawer>
      )}
      <div class="talk-layout">
        {!phone && <ConversationList />}
        <div class="chat">
          {!phone && <EngineBar />}
          {notice.value && (
            <p class="warning" role="alert">
              {t(notice.value === 'gpu-oom' ? 'talk.notice.gpuOom' : 'talk.notice.gpuLost')}
            </p>
          )}
          {nothing && (
            <div class="empty-state">
              <p>{t('talk.empty')}</p>
              <a class="button primary" href={hrefFor('models')}>
                {t('talk.goModels')}
              </a>
            </div>
          )}
          {chatError.value && chatError.value !== 'nothing-stored' && (
            <p class="error" role="alert">
              {chatError.value}
            </p>
          )}
          {conv && <MessageList messages={conv.messages} />}
          <LazyTimers />
          <div class="talk-dock">
            {!nothing && vault.state === 'ready' && <LazyVoiceBar />}
            {!nothing && <LazyDocumentsSwitch />}
            {/* Commands (timers, the clock, devices) need no language model: typing stays open. */}
            <Composer disabled={vault.state !== 'ready'} />
          </div>
        </div>
      </div>
    </section>
  );
}
