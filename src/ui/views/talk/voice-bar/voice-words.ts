// What the voice loop is doing and what went wrong, in words: the voice bar and the kiosk's ambient
// screen say the same thing the same way.
import { t, type MessageKey } from '../../../i18n';
import { catalogById } from '../../../../catalog/catalog';
import type { Turn } from '../../../../core/turn-taking';
import type { VoiceProblem } from '../../../state/voice';
import { voicePicks } from '../../../state/voice-picks';

const STATE_KEYS: Record<string, MessageKey> = {
  idle: 'voice.state.idle',
  listening: 'voice.state.listening',
  transcribing: 'voice.state.transcribing',
  thinking: 'voice.state.thinking',
  speaking: 'voice.state.speaking',
};

const PROBLEM_KEYS: Record<VoiceProblem, MessageKey> = {
  'mic-denied': 'voice.problem.micDenied',
  'no-mic': 'voice.problem.noMic',
  'no-vad': 'voice.problem.noVad',
  'no-stt': 'voice.problem.noStt',
  'no-wake': 'voice.problem.noWake',
  'load-failed': 'voice.problem.loadFailed',
  'speak-failed': 'voice.problem.speakFailed',
  'listen-failed': 'voice.problem.listenFailed',
};

/** The problems a person fixes by downloading models. */
export const needsModels = (p: VoiceProblem): boolean => p === 'no-vad' || p === 'no-stt' || p === 'no-wake';

export function voiceStateText(turn: Turn, starting: boolean): string {
  if (starting) return t('voice.starting');
  if (turn.state === 'idle' && turn.micOn && turn.mode === 'wake') {
    const wake = voicePicks.value.wake;
    return t('voice.state.waiting', { word: (wake && catalogById(wake)?.wake?.phrase) || '' });
  }
  return t(STATE_KEYS[turn.state]!);
}

export const voiceProblemText = (problem: { problem: VoiceProblem; detail?: string }): string =>
  t(PROBLEM_KEYS[problem.problem], { detail: problem.detail ?? '' });
