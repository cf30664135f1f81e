// #/knowledge: the person's documents. Add files (picker or drop anywhere on the view) and notes,
// watch each file's progress, search the passages, read a document at a passage, delete. Files shared
// to the app or opened with it are imported here too.
import { useEffect } from 'preact/hooks';
import { INCOMING_FILES_EVENT } from '../../../platform/launched-files';
import { t } from '../../i18n';
import { importIncoming, waitingIncoming } from '../../state/incoming';
import { initKnowledge, knowledgeError } from '../../state/knowledge';
import { hrefFor } from '../../state/route';
import { vaultState } from '../../state/vault';
import { ViewHeader } from '../view-header';
import { AddFiles } from './add-files';
import { DocumentList } from './document-list';
import { DocumentReader } from './document-reader';
import { DropZone } from './add-files/drop-zone';
import { ImportProgressList } from './import-progress';
import { LibraryStatus } from './library-status';
import { NoteForm } from './note-form';
import { SearchBox } from './search-box';

export function KnowledgeView() {
  const vault = vaultState.value;
  useEffect(() => {
    // Files shared to the app or opened with it are imported once the library is ready.
    void initKnowledge().then(importIncoming);
    const take = () => void importIncoming();
    window.addEventListener(INCOMING_FILES_EVENT, take);
    return () => window.removeEventListener(INCOMING_FILES_EVENT, take);
  }, []);
  const header = (
    <ViewHeader title={t('knowledge.title')}>
      <p class="hint view-intro">{t('knowledge.intro')}</p>
    </ViewHeader>
  );
  if (vault.state === 'locked' || vault.state === 'error') {
    return (
      <section class="view">
        {header}
        {vault.state === 'locked' ? (
          <div class="empty-state">
            <p>{t('knowledge.locked')}</p>
            <a class="button primary" href={hrefFor('talk')}>
              {t('knowledge.goTalk')}
            </a>
          </div>
        ) : (
          <p class="error" role="alert">
            {t('knowledge.vaultError', { reason: vault.message })}
          </p>
        )}
      </section>
    );
  }
  return (
    <DropZone>
      {header}
      <LibraryStatus />
      {knowledgeError.value && (
        <p class="error" role="alert">
          {t('knowledge.failed', { reason: knowledgeError.value })}
        </p>
      )}
      <SearchBox />
      <DocumentReader />
      {waitingIncoming.value > 0 && <p class="hint">{t('knowledge.incoming.waiting', { n: waitingIncoming.value })}</p>}
      <div class="knowledge-add">
        <AddFiles />
        <NoteForm />
      </div>
      <ImportProgressList />
      <DocumentList />
    </DropZone>
  );
}
