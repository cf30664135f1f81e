// Embed worker: a thin entry exposing the knowledge service (the embedding model and the passage
// index) to the page.
import { exposeService } from '../src/engines/shared/expose-service';
import { KnowledgeService } from '../src/engines/embed/knowledge-service';

exposeService(new KnowledgeService());
