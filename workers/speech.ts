// Speech worker: a thin entry exposing the speech-in service (VAD, Whisper, wake word) to the page.
import { exposeService } from '../src/engines/shared/expose-service';
import { SpeechService } from '../src/engines/speech/speech-service';

exposeService(new SpeechService());
