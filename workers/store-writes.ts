// Store-writes worker: writes downloaded and imported model bytes into the private file system
// with sync access handles, which the page cannot open.
import { exposeService } from '../src/engines/shared/expose-service';
import { ModelFileSyncWrites } from '../src/engines/store-writes/model-file-sync-writes';

exposeService(new ModelFileSyncWrites());
