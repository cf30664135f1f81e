// Home Assistant's value templates are Jinja2. Hearth runs no template engine: it reads the simple
// forms most devices use and names every other template as unsupported, so a device whose state
// needs one shows "state unknown" with that reason instead of a wrong value.
//
// Supported:   {{ value }}   {{ value_json.a }}   {{ value_json.a.b }}   {{ value_json['a'] }}
//              {{ value_json["a"][0] }}, each optionally followed by filters from this list:
//              | int  | float  | round  | round(n)  | lower  | upper  | trim  | string
// Not supported: anything else (if/else, arithmetic, is_defined, states(), now(), other filters,
// text around the expression).

export type TemplateFilter =
  | { name: 'int' }
  | { name: 'float' }
  | { name: 'round'; digits: number }
  | { name: 'lower' }
  | { name: 'upper' }
  | { name: 'trim' }
  | { name: 'string' };

export interface ValueTemplate {
  /** Empty for `{{ value }}`; else the path into the JSON payload. */
  path: (string | number)[];
  json: boolean;
  filters: TemplateFilter[];
}

export type ParsedTemplate = { ok: true; template: ValueTemplate } | { ok: false; reason: string };

const WHOLE = /^\s*\{\{\s*(.*?)\s*\}\}\s*$/s;
const STEP = /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*\])/;

export function parseValueTemplate(source: string): ParsedTemplate {
  const unsupported = (why: string): ParsedTemplate => ({
    ok: false,
    reason: `template ${JSON.stringify(source)} not supported: ${why}`,
  });
  const whole = WHOLE.exec(source);
  if (!whole) return unsupported('only a single {{ … }} expression is read');
  const [expression, ...filterTexts] = whole[1]!.split('|').map((part) => part.trim());
  let rest = expression!;
  let json: boolean;
  if (rest.startsWith('value_json')) {
    json = true;
    rest = rest.slice('value_json'.length);
  } else if (rest.startsWith('value')) {
    json = false;
    rest = rest.slice('value'.length);
  } else {
    return unsupported('the expression must start with value or value_json');
  }
  const path: (string | number)[] = [];
  while (rest.length > 0) {
    const step = STEP.exec(rest);
    if (!step) return unsupported(`cannot read ${JSON.stringify(rest)}`);
    path.push(step[4] !== undefined ? Number(step[4]) : (step[1] ?? step[2] ?? step[3])!);
    rest = rest.slice(step[0].length);
  }
  if (!json && path.length > 0) return unsupported('value has no fields; use value_json');
  const filters: TemplateFilter[] = [];
  for (const text of filterTexts) {
    const filter = parseFilter(text!);
    if (!filter) return unsupported(`filter ${JSON.stringify(text)}`);
    filters.push(filter);
  }
  return { ok: true, template: { path, json, filters } };
}

function parseFilter(text: string): TemplateFilter | undefined {
  if (text === 'int' || text === 'float' || text === 'lower' || text === 'upper' || text === 'trim' || text === 'string') {
    return { name: text };
  }
  const round = /^round(?:\(\s*(\d+)\s*\))?$/.exec(text);
  if (round) return { name: 'round', digits: round[1] === undefined ? 0 : Number(round[1]) };
  return undefined;
}

export type RenderedValue = { ok: true; value: string } | { ok: false; reason: string };

/** The template applied to a payload: the text Home Assistant would compare with state_on etc. */
export function renderValueTemplate(template: ValueTemplate, payload: string): RenderedValue {
  let value: unknown = payload;
  if (template.json) {
    try {
      value = JSON.parse(payload);
    } catch {
      return { ok: false, reason: 'payload is not JSON but the template reads value_json' };
    }
    for (const step of template.path) {
      if (typeof value !== 'object' || value === null || !(step in (value as object))) {
        return { ok: false, reason: `payload has no ${template.path.join('.')}` };
      }
      value = (value as Record<string | number, unknown>)[step];
    }
  }
  for (const filter of template.filters) {
    const applied = applyFilter(filter, value);
    if (!applied.ok) return applied;
    value = applied.value;
  }
  return { ok: true, value: stringify(value) };
}

function applyFilter(filter: TemplateFilter, value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  switch (filter.name) {
    case 'int':
    case 'float':
    case 'round': {
      const number = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isFinite(number) || String(value).trim() === '')
        return { ok: false, reason: `${stringify(value)} is not a number` };
      if (filter.name === 'int') return { ok: true, value: Math.trunc(number) };
      if (filter.name === 'float') return { ok: true, value: number };
      const scale = 10 ** filter.digits;
      return { ok: true, value: Math.round(number * scale) / scale };
    }
    case 'lower':
      return { ok: true, value: stringify(value).toLowerCase() };
    case 'upper':
      return { ok: true, value: stringify(value).toUpperCase() };
    case 'trim':
      return { ok: true, value: stringify(value).trim() };
    case 'string':
      return { ok: true, value: stringify(value) };
  }
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  // Jinja prints Python's True/False; devices' state_on defaults compare against "ON" anyway, but a
  // template that yields a boolean is read the way Home Assistant reads it.
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Command templates: literal text with `{{ value }}` placeholders only (no filters, no JSON). */
export type CommandTemplate = { ok: true; render: (value: string | number) => string } | { ok: false; reason: string };

export function parseCommandTemplate(source: string): CommandTemplate {
  const pieces = source.split(/\{\{\s*value\s*\}\}/);
  if (pieces.some((piece) => piece.includes('{{') || piece.includes('{%'))) {
    return { ok: false, reason: `command template ${JSON.stringify(source)} not supported: only {{ value }} is filled in` };
  }
  return { ok: true, render: (value) => pieces.join(String(value)) };
}
