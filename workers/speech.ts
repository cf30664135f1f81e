// Speech worker: a thin entry exposing the speech-in service (VAD, Whisper, wake word) to the page.
import { expose } from 'comlink';
import { SpeechService } from '../src/engines/speech/speech-service';

expose(new SpeechService());
