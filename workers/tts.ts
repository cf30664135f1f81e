// Text-to-speech worker: a thin entry exposing the speech service to the page.
import { expose } from 'comlink';
import { TtsService } from '../src/engines/tts/tts-service';

expose(new TtsService());
