// What every worker entry does: named errors cross back to the page as their own classes, then the
// service is exposed. Entries stay one line over this.
import { expose, transferHandlers } from 'comlink';
import { installNamedErrorTransfer } from '../../core/error-wire';

export function exposeService(service: object): void {
  installNamedErrorTransfer(transferHandlers);
  expose(service);
}
