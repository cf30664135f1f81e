// Text-to-speech worker: a thin entry exposing the speech service to the page.
import { exposeService } from '../src/engines/shared/expose-service';
import { TtsService } from '../src/engines/tts/tts-service';

exposeService(new TtsService());
