// Typed reads of one discovery config's fields. A field of the wrong type fails the whole config
// with a reason that names the field (a light whose command_topic is a number cannot be used); an
// unsupported template only warns, because the entity still works without its state.

import { parseCommandTemplate, parseValueTemplate, type ValueTemplate } from './value-template';

export class ConfigError extends Error {
  constructor(
    readonly code: 'wrong-type' | 'missing-field' | 'bad-value',
    reason: string,
  ) {
    super(reason);
  }
}

type Json = Record<string, unknown>;

/** A topic may carry any characters but no wildcards, and not be empty. */
function validTopic(topic: string): boolean {
  return topic.length > 0 && !topic.includes('+') && !topic.includes('#') && !topic.includes('\u0000');
}

export class ConfigFields {
  readonly warnings: string[] = [];

  constructor(readonly raw: Json) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  string(key: string): string | undefined;
  string(key: string, fallback: string): string;
  string(key: string, fallback?: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    // Home Assistant coerces numbers in payload fields (payload_on: 1) to text; so does Hearth.
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') throw new ConfigError('wrong-type', `${key} must be text, got ${typeName(value)}`);
    return value;
  }

  number(key: string): number | undefined;
  number(key: string, fallback: number): number;
  number(key: string, fallback?: number): number | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      throw new ConfigError('wrong-type', `${key} must be a number, got ${typeName(value)}`);
    }
    return number;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') throw new ConfigError('wrong-type', `${key} must be true or false, got ${typeName(value)}`);
    return value;
  }

  topic(key: string, required: true): string;
  topic(key: string, required?: false): string | undefined;
  topic(key: string, required = false): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) {
      if (required) throw new ConfigError('missing-field', `${key} is required`);
      return undefined;
    }
    if (typeof value !== 'string') throw new ConfigError('wrong-type', `${key} must be a topic (text), got ${typeName(value)}`);
    if (!validTopic(value)) throw new ConfigError('bad-value', `${key} ${JSON.stringify(value)} is not a valid topic`);
    return value;
  }

  stringList(key: string, fallback: string[]): string[] {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw new ConfigError('wrong-type', `${key} must be a list of text`);
    }
    return value as string[];
  }

  /** A value template, or undefined when absent; an unsupported one is kept as its reason. */
  template(key: string): ValueTemplate | { unsupported: string } | undefined {
    const source = this.string(key);
    if (source === undefined) return undefined;
    const parsed = parseValueTemplate(source);
    if (parsed.ok) return parsed.template;
    this.warnings.push(`${key}: ${parsed.reason}`);
    return { unsupported: parsed.reason };
  }

  commandTemplate(key: string): ((value: string | number) => string) | { unsupported: string } | undefined {
    const source = this.string(key);
    if (source === undefined) return undefined;
    const parsed = parseCommandTemplate(source);
    if (parsed.ok) return parsed.render;
    this.warnings.push(`${key}: ${parsed.reason}`);
    return { unsupported: parsed.reason };
  }

  qos(): 0 | 1 | 2 {
    const qos = this.number('qos', 0);
    if (qos !== 0 && qos !== 1 && qos !== 2) throw new ConfigError('bad-value', `qos must be 0, 1 or 2, got ${qos}`);
    return qos;
  }
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}
