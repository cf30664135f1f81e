// What documents-door.tsx fetches in one chunk.
export { AnswerSources, openSource } from './answer-sources';
export { DocumentsSwitch } from './documents-switch';
export { linkCitations } from '../../../core/knowledge/citations';
