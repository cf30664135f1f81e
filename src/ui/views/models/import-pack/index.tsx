// "Import model files…": a folder copied from another computer or a USB stick goes through the same
// verified path as a download. The visible button is the <label> of a transparent file input laid
// over it, so the input itself gets the clicks, the keyboard focus and the accessible name.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ImportReport } from '../../../../downloads/importer';
import { t } from '../../../i18n';
import { importFiles } from '../../../state/models';
import { explainError } from '../explain-error';
import { ImportSummary } from './summary';

type Phase = { kind: 'idle' } | { kind: 'running'; count: number } | { kind: 'done'; report: ImportReport };

export function ImportPack() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);

  // Not in Preact's attribute types; the property reflects to the attribute.
  useEffect(() => {
    if (input.current) input.current.webkitdirectory = true;
  }, []);

  const onChange = async () => {
    const picked = [...(input.current?.files ?? [])];
    if (input.current) input.current.value = ''; // picking the same folder again still fires change
    if (!picked.length) return;
    setError(null);
    setPhase({ kind: 'running', count: picked.length });
    try {
      const files = picked.map((file) => ({ relativePath: file.webkitRelativePath || file.name, file }));
      setPhase({ kind: 'done', report: await importFiles(files) });
    } catch (e) {
      setPhase({ kind: 'idle' });
      setError(t('models.import.failed', { reason: explainError(e instanceof Error ? e : String(e)) }));
    }
  };

  const running = phase.kind === 'running';
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('models.import.title')}</h2>
      <p class="hint" id={`${id}-help`}>
        {t('models.import.help')}
      </p>
      <div class="row">
        <span class="file-button" data-disabled={running || undefined}>
          <input
            ref={input}
            id={`${id}-input`}
            type="file"
            multiple
            disabled={running}
            aria-describedby={`${id}-help`}
            onChange={onChange}
          />
          <label for={`${id}-input`} class="button">
            {t('models.import.button')}
          </label>
        </span>
      </div>
      <div role="status" class="import-result">
        {running && <p>{t('models.import.running', { count: phase.count })}</p>}
        {phase.kind === 'done' && <ImportSummary report={phase.report} />}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
