// The stored models a voice turn would use now, for the voice loop and the Voice settings.
import { computed } from '@preact/signals';
import { speechDevice } from '../../core/speech-device';
import { chooseVoiceModels, sttLanguageFor, type VoicePicks } from '../../core/voice-choice';
import { catalogById } from '../../catalog/catalog';
import { fitDevice, knownModels, readyModelIds } from './models';
import { settings } from './settings';

export const voicePicks = computed<VoicePicks>(() => chooseVoiceModels(knownModels.value, readyModelIds.value, settings.value));

/** Where Whisper and Kokoro run on this device, by the person's setting and the adapter (core/speech-device). */
export const voiceDevice = computed(() =>
  speechDevice(settings.value.speechDevice, fitDevice.value?.webgpu?.adapterInfo ?? null),
);

/** The language Whisper is told for the picked model (an English-only model is always told 'en'). */
export const sttLanguage = computed(() => {
  const stt = voicePicks.value.stt;
  return sttLanguageFor(stt ? catalogById(stt) : undefined, settings.value.sttLanguage);
});
