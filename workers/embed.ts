// Embed worker: a thin entry exposing the embedding service to the page.
import { exposeService } from '../src/engines/shared/expose-service';
import { EmbedService } from '../src/engines/embed/embed-service';

exposeService(new EmbedService());
