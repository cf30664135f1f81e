// The stored models a voice turn would use now, for the voice loop and the Voice settings.
import { computed } from '@preact/signals';
import { chooseVoiceModels, type VoicePicks } from '../../core/voice-choice';
import { CATALOG } from '../../models/catalog';
import { statuses } from './models';
import { settings } from './settings';

const readyIds = computed(() => new Set([...statuses.value].filter(([, s]) => s.state === 'ready').map(([id]) => id)));

export const voicePicks = computed<VoicePicks>(() => chooseVoiceModels(CATALOG, readyIds.value, settings.value));
