// "Use my documents" in Talk: on by default once a document and an embedding model are there,
// switchable per conversation (the choice is sealed with the conversation). Only counts live here,
// in the first view; searching is in knowledge-answers.ts, loaded when a question needs it.
import { computed, signal } from '@preact/signals';
import type { Conversation } from '../../core/chat-types';
import { storedModels } from './models';
import { chatStores } from './vault';

/** Stored documents; null until counted. */
export const documentCount = signal<number | null>(null);
const embedModels = storedModels('embed');
export const embedModelReady = computed(() => embedModels.value.length > 0);
/** The switch as set before the conversation exists (its first question creates it). */
export const draftUseDocuments = signal<boolean | null>(null);

/** Whether answers in `conv` (null: the next new conversation) search the documents. */
export function usesDocuments(conv: Conversation | null): boolean {
  if (!documentCount.value || !embedModelReady.value) return false;
  return (conv ? conv.useDocuments : draftUseDocuments.value) ?? true;
}

export async function countDocuments(): Promise<void> {
  const listing = await (await chatStores()).knowledge.listDocuments().catch(() => null);
  if (listing) documentCount.value = listing.documents.length;
}
