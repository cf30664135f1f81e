// Embed worker: a thin entry exposing the embedding service to the page.
import { expose } from 'comlink';
import { EmbedService } from '../src/engines/embed/embed-service';

expose(new EmbedService());
