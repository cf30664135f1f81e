import { describe, expect, it } from 'vitest';
import { calculate } from '../../../src/core/tools/calculator';
import { convertUnits, findUnit } from '../../../src/core/tools/unit-conversion';

describe('calculator', () => {
  it.each([
    ['12 * 7', 84],
    ['3 + 4 * 2', 11],
    ['(3 + 4) * 2', 14],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ^ 2', -4],
    ['10 / 4', 2.5],
    ['0.1 + 0.2', 0.3],
    ['15% of 80', 12],
    ['200 + 10%', 220],
    ['12 × 7', 84],
    ['100 ÷ 4', 25],
    ['12乘以7', 84],
    ['3加5乘2', 13],
    ['100除以4', 25],
    ['10减3', 7],
    ['百分之15的80', 12],
    ['1,000 * 3', 3000],
  ])('%s = %d', (expression, value) => {
    expect(calculate(expression)).toEqual({ ok: true, value });
  });

  it.each(['', '2 +', '(1 + 2', '1 / 0', 'alert(1)', 'constructor', '2 ** ** 2', '1e999999 * 10'])(
    'refuses "%s" with an error, never throwing',
    (expression) => {
      const result = calculate(expression);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/\w/);
    },
  );
});

describe('unit conversion', () => {
  const close = (value: number, from: string, to: string, expected: number) => {
    const r = convertUnits(value, from, to);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBeCloseTo(expected, 4);
  };

  it('converts length, mass, temperature, volume and speed', () => {
    close(5, 'miles', 'km', 8.04672);
    close(3, 'kg', 'pounds', 6.61387);
    close(100, 'fahrenheit', 'celsius', 37.77778);
    close(-40, '°C', '°F', -40);
    close(0, 'celsius', 'kelvin', 273.15);
    close(2, 'litres', 'ml', 2000);
    close(60, 'mph', 'km/h', 96.56064);
    close(3, 'feet', 'cm', 91.44);
  });

  it('knows Chinese unit names', () => {
    close(5, '英里', '公里', 8.04672);
    close(1, '公斤', '斤', 2);
    close(30, '摄氏度', '华氏度', 86);
    expect(findUnit('千米')?.id).toBe('kilometre');
  });

  it('explains what it cannot convert', () => {
    expect(convertUnits(1, 'kg', 'km')).toMatchObject({ ok: false, error: expect.stringContaining('mass') });
    expect(convertUnits(1, 'furlong', 'km')).toMatchObject({ ok: false, error: expect.stringContaining('furlong') });
  });
});
