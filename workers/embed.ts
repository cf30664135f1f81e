// Embed worker: a thin entry exposing the embedding service to the page.
import { expose } from 'comlink';
import { EmbedService } from '../src/models/embed-service';

expose(new EmbedService());
