// What the setup screen does: work out the plan for this device, download the chosen set through the
// Models view's queue (same verified, resumable downloads, same errors), and point the voice
// settings at it. The chosen set lives here, not in the view, so leaving the screen and coming back
// shows the same downloads.
import { computed, signal } from '@preact/signals';
import { catalogById } from '../../../catalog/catalog';
import { BUILTIN_VOICES, kokoroVoices } from '../../../catalog/tts-voices';
import { planSetup, type SetupPick, type SetupPlan } from '../../../core/setup-plan';
import { locale } from '../../i18n';
import {
  acceptLicence,
  cancelDownload,
  capabilities,
  fitDevice,
  pauseDownload,
  resumeDownload,
  startDownload,
  statuses,
  visibleCatalog,
} from '../../state/models';
import { settings, updateSettings } from '../../state/settings';

/** The set the person chose to download; null while the plan is only offered. */
export const chosenSet = signal<readonly SetupPick[] | null>(null);

/** The plan for this device, recomputed as facts arrive (storage estimate, statuses); null until the
 *  device has been looked at. */
export const plan = computed<SetupPlan | null>(() => {
  const device = fitDevice.value;
  const caps = capabilities.value;
  if (!device || !caps) return null;
  const storedBytes = new Map(
    [...statuses.value].map(([id, s]) => [id, s.state === 'ready' ? s.totalBytes : s.storedBytes] as const),
  );
  return planSetup({
    models: visibleCatalog.value,
    device: { ...device, cores: caps.cores, iosWebKit: caps.iosWebKit },
    language: locale.value,
    builtinVoices: BUILTIN_VOICES,
    voicesOf: (m) => {
      const entry = catalogById(m.id);
      return entry ? kokoroVoices(entry) : [];
    },
    fixtures: settings.value.showTestModels,
    storedBytes,
  });
});

const modelsOf = (picks: readonly SetupPick[]) => picks.flatMap((p) => (p.modelId ? [catalogById(p.modelId)!] : []));

/** Smallest first, so the voice's parts are ready early while the language model downloads. */
const DOWNLOAD_ORDER = ['vad', 'stt', 'tts', 'llm'];

export async function downloadSet(picks: readonly SetupPick[]): Promise<void> {
  chosenSet.value = picks;
  const stt = picks.find((p) => p.task === 'stt');
  const tts = picks.find((p) => p.task === 'tts');
  await updateSettings({
    ...(stt?.modelId ? { sttModel: stt.modelId } : {}),
    ...(tts ? { ttsEngine: tts.modelId ?? 'builtin', ...(tts.voice ? { ttsVoice: tts.voice } : {}) } : {}),
  });
  const ordered = [...picks].sort((a, b) => DOWNLOAD_ORDER.indexOf(a.task) - DOWNLOAD_ORDER.indexOf(b.task));
  for (const model of modelsOf(ordered)) {
    if (statuses.value.get(model.id)?.state === 'ready') continue;
    // The screen listed every licence beside the download button, which says pressing it accepts them.
    await acceptLicence(model);
    await startDownload(model);
  }
}

export const pauseSet = async (picks: readonly SetupPick[]): Promise<void> => {
  for (const model of modelsOf(picks)) await pauseDownload(model);
};

export const resumeSet = async (picks: readonly SetupPick[]): Promise<void> => {
  for (const model of modelsOf(picks)) if (statuses.value.get(model.id)?.state !== 'ready') await resumeDownload(model);
};

/** Stops every unfinished download of the set and frees its partial bytes; stored models stay. */
export async function cancelSet(picks: readonly SetupPick[]): Promise<void> {
  for (const model of modelsOf(picks)) if (statuses.value.get(model.id)?.state !== 'ready') await cancelDownload(model);
  chosenSet.value = null;
}

export const finishSetup = (): Promise<void> => updateSettings({ firstRun: 'done' });
export const skipSetup = (): Promise<void> => updateSettings({ firstRun: 'skipped' });

/** Set by state/first-run.ts when setup stands in for Talk on a first open (its FIRST_OPEN). */
export const openedByFirstOpen = (): boolean => (history.state as Record<string, unknown> | null)?.['hearthFirstOpen'] === true;
