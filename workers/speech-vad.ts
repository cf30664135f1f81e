// VAD worker: a thin entry exposing the listening service (microphone frames, Silero VAD, wake word)
// to the page. Whisper runs in the speech worker, so a transcription never holds up a frame.
import { exposeService } from '../src/engines/shared/expose-service';
import { ListenService } from '../src/engines/speech/listen-service';

exposeService(new ListenService());
