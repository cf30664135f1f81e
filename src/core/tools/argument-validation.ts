// Checking a call's arguments against its tool's schema before anything runs. The app's CSP has no
// 'unsafe-eval', so validators that compile schemas to code (ajv) cannot run; @cfworker/json-schema
// interprets the schema instead (no eval, no new Function: checked in its dist/ when it was added).
import { Validator } from '@cfworker/json-schema';
import type { ObjectSchema } from './tool-types';

export type ArgumentCheck = { ok: true } | { ok: false; problems: string[] };

/** Keywords that only say "something inside failed": their inner errors say what. */
const SUMMARY_KEYWORDS = new Set(['properties', 'items', 'allOf', 'anyOf', 'oneOf', '$ref', 'additionalProperties']);

const validators = new WeakMap<ObjectSchema, Validator>();

function validatorFor(schema: ObjectSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(schema as unknown as Record<string, unknown>, '2020-12', false);
    validators.set(schema, validator);
  }
  return validator;
}

function where(instanceLocation: string): string {
  const path = instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean);
  return path.length === 0 ? 'arguments' : `arguments.${path.join('.')}`;
}

export function checkArguments(schema: ObjectSchema, args: unknown): ArgumentCheck {
  const { valid, errors } = validatorFor(schema).validate(args);
  if (valid) return { ok: true };
  const leaves = errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword));
  const unknown = errors.filter((e) => e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties');
  const problems = [...leaves, ...unknown].map((e) => `${where(e.instanceLocation)}: ${e.error}`);
  return { ok: false, problems: problems.length > 0 ? [...new Set(problems)] : ['arguments do not match the schema'] };
}
