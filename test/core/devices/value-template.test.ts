import { describe, expect, it } from 'vitest';
import { parseCommandTemplate, parseValueTemplate, renderValueTemplate } from '../../../src/core/devices/value-template';

function render(source: string, payload: string) {
  const parsed = parseValueTemplate(source);
  if (!parsed.ok) throw new Error(parsed.reason);
  return renderValueTemplate(parsed.template, payload);
}

describe('value templates', () => {
  it('reads the simple forms devices use', () => {
    expect(render('{{ value }}', 'ON')).toEqual({ ok: true, value: 'ON' });
    expect(render('{{value_json.state}}', '{"state":"OFF"}')).toEqual({ ok: true, value: 'OFF' });
    expect(render('{{ value_json.a.b }}', '{"a":{"b":21.5}}')).toEqual({ ok: true, value: '21.5' });
    expect(render("{{ value_json['temp-c'] }}", '{"temp-c":3}')).toEqual({ ok: true, value: '3' });
    expect(render('{{ value_json["list"][1] }}', '{"list":[1,2]}')).toEqual({ ok: true, value: '2' });
  });

  it('applies the listed filters', () => {
    expect(render('{{ value_json.t | float | round(1) }}', '{"t":"21.46"}')).toEqual({ ok: true, value: '21.5' });
    expect(render('{{ value_json.t | int }}', '{"t":21.9}')).toEqual({ ok: true, value: '21' });
    expect(render('{{ value | upper }}', 'on')).toEqual({ ok: true, value: 'ON' });
    expect(render('{{ value_json.t | int }}', '{"t":"warm"}')).toEqual({ ok: false, reason: 'warm is not a number' });
  });

  it('says why a payload does not fit', () => {
    expect(render('{{ value_json.state }}', 'not json')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not JSON'),
    });
    expect(render('{{ value_json.state }}', '{"other":1}')).toMatchObject({ ok: false, reason: 'payload has no state' });
  });

  it.each([
    '{% if value == "1" %}ON{% else %}OFF{% endif %}',
    '{{ value_json.t * 10 }}',
    '{{ value_json.t | timestamp_local }}',
    'state: {{ value }}',
    '{{ states("sensor.x") }}',
  ])('names %s as not supported', (source) => {
    const parsed = parseValueTemplate(source);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain('not supported');
  });

  it('fills {{ value }} into command templates and refuses the rest', () => {
    const template = parseCommandTemplate('{"brightness": {{ value }}}');
    expect(template.ok && template.render(128)).toBe('{"brightness": 128}');
    expect(parseCommandTemplate('{{ value | int }}').ok).toBe(false);
  });
});
