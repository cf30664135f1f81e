// Why a file could not be used, in the person's language. DocumentUnreadableError names the reason;
// anything else (a store or worker failure) is shown with its own message.
import { DocumentUnreadableError, type UnreadableReason } from '../../../../core/errors';
import { t, type MessageKey } from '../../../i18n';

const REASONS: Record<UnreadableReason, MessageKey> = {
  empty: 'knowledge.reason.empty',
  binary: 'knowledge.reason.binary',
  undecodable: 'knowledge.reason.undecodable',
  'too-big': 'knowledge.reason.too-big',
  unsupported: 'knowledge.reason.unsupported',
  damaged: 'knowledge.reason.damaged',
  'damaged-docx': 'knowledge.reason.damaged-docx',
  password: 'knowledge.reason.password',
  'wrong-password': 'knowledge.reason.wrong-password',
  'no-text': 'knowledge.reason.no-text',
};

export function reasonText(error: Error): string {
  if (error instanceof DocumentUnreadableError) return t(REASONS[error.reason]);
  return t('knowledge.reason.other', { message: error.message });
}
