// The whole view takes dropped files. Only files are taken (a dragged link or text is left to the
// browser's own handling of the field it lands in); while files cannot be added, a drop says why.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { importFiles, knowledgeError } from '../../../state/knowledge';
import { cannotAdd } from './can-add';

const carriesFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

export function DropZone({ children }: { children: ComponentChildren }) {
  const [over, setOver] = useState(false);
  const onDragOver = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault(); // without it the browser opens the file in the tab
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDragLeave = (e: DragEvent) => {
    if (e.currentTarget === e.target || !(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setOver(false);
  };
  const onDrop = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    setOver(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!files.length) return;
    const blocked = cannotAdd();
    if (blocked) knowledgeError.value = blocked;
    else {
      knowledgeError.value = null;
      void importFiles(files);
    }
  };
  return (
    <section
      class="view knowledge-view"
      data-dropping={over || undefined}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {over && (
        <p class="drop-hint" aria-hidden="true">
          {t('knowledge.add.drop')}
        </p>
      )}
      {children}
    </section>
  );
}
