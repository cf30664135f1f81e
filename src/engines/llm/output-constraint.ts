// How each engine is told to keep an answer to the tool envelope (core/tools/tool-grammar): llama.cpp
// (wllama) takes GBNF as its `grammar` sampling option, WebLLM a JSON schema as response_format,
// which web-llm turns into a grammar with xgrammar. Kept apart from the engines so the request
// fields and the error mapping are tested without loading either library.
import { GrammarRejectedError } from '../../core/errors';
import type { GenerateSettings } from './llm-engine';

/** wllama's sampling field for the constraint, or nothing. */
export const grammarOf = ({ constraint }: GenerateSettings): { grammar?: string } =>
  constraint ? { grammar: constraint.grammar } : {};

/** web-llm's request field for the constraint, or nothing. */
export const responseFormatOf = ({
  constraint,
}: GenerateSettings): { response_format?: { type: 'json_object'; schema: string } } =>
  constraint ? { response_format: { type: 'json_object', schema: constraint.jsonSchema } } : {};

/** llama.cpp answers a grammar it cannot parse (or one without a root rule) with "failed to parse
 *  grammar" before generating anything: a named error, so the page can say why. */
export function asGrammarRejected(e: unknown): GrammarRejectedError | null {
  const message = e instanceof Error ? e.message : String(e);
  return /failed to parse grammar|error parsing grammar|grammar does not contain/i.test(message)
    ? new GrammarRejectedError(message, { cause: e })
    : null;
}
