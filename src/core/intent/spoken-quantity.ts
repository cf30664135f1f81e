// "5 miles", "five kg", "一百华氏度", "3.5公斤": a number followed by a unit the converter knows.
import { findUnit, type Unit } from '../tools/unit-conversion';
import { parseSpokenNumber, toHalfWidth } from './spoken-numbers';

export interface SpokenQuantity {
  value: number;
  unit: Unit;
}

/** Tries every split between the number and the unit, so "twenty five miles" and "25mi" both read. */
export function parseQuantity(text: string): SpokenQuantity | null {
  const t = toHalfWidth(text)
    .trim()
    .replace(/^(a|an)\s+(?=[a-z])/i, '1 ');
  for (let cut = t.length - 1; cut > 0; cut--) {
    const value = parseSpokenNumber(t.slice(0, cut));
    if (value === null) continue;
    const unit = findUnit(t.slice(cut));
    if (unit) return { value, unit };
  }
  return null;
}
