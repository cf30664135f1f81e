// Speech worker: a thin entry exposing Whisper (speech to text) to the page; during listening its
// segments come straight from the VAD worker (workers/speech-vad.ts).
import { exposeService } from '../src/engines/shared/expose-service';
import { SpeechService } from '../src/engines/speech/speech-service';

exposeService(new SpeechService());
