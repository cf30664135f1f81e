// Converting between units of length, mass, temperature, volume and speed, named in English or
// Chinese ("km", "kilometres", "公里", "千米"). Temperatures are offsets, not ratios, so they carry
// their own formulas; everything else is a factor to the SI base of its kind.

export type Quantity = 'length' | 'mass' | 'temperature' | 'volume' | 'speed';

export interface Unit {
  id: string;
  quantity: Quantity;
  /** Value in the base unit (m, kg, L, m/s) of one of this unit; temperatures use toKelvin. */
  factor: number;
  names: readonly string[];
}

const TEMPERATURE_TO_KELVIN: Record<string, { to: (v: number) => number; from: (k: number) => number }> = {
  celsius: { to: (v) => v + 273.15, from: (k) => k - 273.15 },
  fahrenheit: { to: (v) => ((v - 32) * 5) / 9 + 273.15, from: (k) => ((k - 273.15) * 9) / 5 + 32 },
  kelvin: { to: (v) => v, from: (k) => k },
};

export const UNITS: readonly Unit[] = [
  { id: 'millimetre', quantity: 'length', factor: 0.001, names: ['mm', 'millimeter', 'millimetre', '毫米'] },
  { id: 'centimetre', quantity: 'length', factor: 0.01, names: ['cm', 'centimeter', 'centimetre', '厘米', '公分'] },
  { id: 'metre', quantity: 'length', factor: 1, names: ['m', 'meter', 'metre', '米', '公尺'] },
  { id: 'kilometre', quantity: 'length', factor: 1000, names: ['km', 'kilometer', 'kilometre', 'kms', '公里', '千米'] },
  { id: 'inch', quantity: 'length', factor: 0.0254, names: ['in', 'inch', 'inches', '"', '英寸', '寸'] },
  { id: 'foot', quantity: 'length', factor: 0.3048, names: ['ft', 'foot', 'feet', "'", '英尺', '呎'] },
  { id: 'yard', quantity: 'length', factor: 0.9144, names: ['yd', 'yard', '码'] },
  { id: 'mile', quantity: 'length', factor: 1609.344, names: ['mi', 'mile', '英里'] },
  { id: 'gram', quantity: 'mass', factor: 0.001, names: ['g', 'gram', 'gramme', '克'] },
  { id: 'kilogram', quantity: 'mass', factor: 1, names: ['kg', 'kilo', 'kilogram', 'kilogramme', '公斤', '千克'] },
  { id: 'jin', quantity: 'mass', factor: 0.5, names: ['jin', 'catty', '斤'] },
  { id: 'tonne', quantity: 'mass', factor: 1000, names: ['t', 'tonne', 'metric ton', '吨'] },
  { id: 'ounce', quantity: 'mass', factor: 0.028349523125, names: ['oz', 'ounce', '盎司'] },
  { id: 'pound', quantity: 'mass', factor: 0.45359237, names: ['lb', 'lbs', 'pound', '磅'] },
  { id: 'stone', quantity: 'mass', factor: 6.35029318, names: ['st', 'stone', '英石'] },
  {
    id: 'celsius',
    quantity: 'temperature',
    factor: 1,
    names: ['c', '°c', 'celsius', 'centigrade', 'degrees celsius', 'degree celsius', '摄氏度', '摄氏', '度'],
  },
  {
    id: 'fahrenheit',
    quantity: 'temperature',
    factor: 1,
    names: ['f', '°f', 'fahrenheit', 'degrees fahrenheit', 'degree fahrenheit', '华氏度', '华氏'],
  },
  { id: 'kelvin', quantity: 'temperature', factor: 1, names: ['k', 'kelvin', '开尔文', '开'] },
  { id: 'millilitre', quantity: 'volume', factor: 0.001, names: ['ml', 'milliliter', 'millilitre', '毫升'] },
  { id: 'litre', quantity: 'volume', factor: 1, names: ['l', 'liter', 'litre', '升', '公升'] },
  { id: 'cup', quantity: 'volume', factor: 0.2365882365, names: ['cup', '杯'] },
  { id: 'us-gallon', quantity: 'volume', factor: 3.785411784, names: ['gal', 'gallon', 'us gallon', '加仑', '美制加仑'] },
  { id: 'imperial-gallon', quantity: 'volume', factor: 4.54609, names: ['imperial gallon', 'uk gallon', '英制加仑'] },
  { id: 'us-pint', quantity: 'volume', factor: 0.473176473, names: ['pt', 'pint', 'us pint', '品脱'] },
  { id: 'fluid-ounce', quantity: 'volume', factor: 0.0295735295625, names: ['fl oz', 'fluid ounce', '液量盎司'] },
  {
    id: 'metre-per-second',
    quantity: 'speed',
    factor: 1,
    names: ['m/s', 'meters per second', 'metres per second', 'meter per second', 'metre per second', '米每秒', '米/秒'],
  },
  {
    id: 'kilometre-per-hour',
    quantity: 'speed',
    factor: 1000 / 3600,
    names: [
      'km/h',
      'kmh',
      'kph',
      'kilometers per hour',
      'kilometres per hour',
      'kilometer per hour',
      'kilometre per hour',
      '公里每小时',
      '千米每小时',
      '公里/小时',
      '千米/小时',
    ],
  },
  {
    id: 'mile-per-hour',
    quantity: 'speed',
    factor: 1609.344 / 3600,
    names: ['mph', 'miles per hour', 'mile per hour', '英里每小时', '英里/小时'],
  },
  { id: 'knot', quantity: 'speed', factor: 1852 / 3600, names: ['kn', 'kt', 'knot', '节'] },
];

/** A unit from what a person calls it ("miles", "Km", "公里"), or null. */
export function findUnit(name: string): Unit | null {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(the|a|an) /, '');
  if (!n) return null;
  for (const candidate of [n, n.replace(/s$/, ''), n.replace(/^degrees? /, '')]) {
    const unit = UNITS.find((u) => u.names.includes(candidate) || u.id === candidate);
    if (unit) return unit;
  }
  return null;
}

export type ConversionResult = { ok: true; value: number; from: Unit; to: Unit } | { ok: false; error: string };

export function convertUnits(value: number, fromName: string, toName: string): ConversionResult {
  const from = findUnit(fromName);
  const to = findUnit(toName);
  if (!from) return { ok: false, error: `I don't know the unit "${fromName}".` };
  if (!to) return { ok: false, error: `I don't know the unit "${toName}".` };
  if (from.quantity !== to.quantity) {
    return { ok: false, error: `Can't convert ${from.quantity} (${from.id}) to ${to.quantity} (${to.id}).` };
  }
  if (!Number.isFinite(value)) return { ok: false, error: 'The value is not a number.' };
  const converted =
    from.quantity === 'temperature'
      ? TEMPERATURE_TO_KELVIN[to.id]!.from(TEMPERATURE_TO_KELVIN[from.id]!.to(value))
      : (value * from.factor) / to.factor;
  return { ok: true, value: Number(converted.toPrecision(10)), from, to };
}
