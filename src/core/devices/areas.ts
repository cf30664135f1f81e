// Which area (room) a device is in: the person's own choice first, then the suggested_area its
// discovery config gives, then a known area's name inside the device's name ("Kitchen ceiling").

/** Rooms recognised in device names even before any device suggests them. */
export const COMMON_AREAS = [
  'Living room',
  'Kitchen',
  'Bedroom',
  'Bathroom',
  'Hallway',
  'Garage',
  'Office',
  'Garden',
  'Dining room',
  'Basement',
  '客厅',
  '厨房',
  '卧室',
  '浴室',
  '卫生间',
  '车库',
  '书房',
  '走廊',
  '餐厅',
  '花园',
];

/** True when `area` appears in `name` as whole words (any position for CJK). */
function mentions(name: string, area: string): boolean {
  const haystack = name.toLowerCase();
  const needle = area.toLowerCase();
  const at = haystack.indexOf(needle);
  if (at < 0) return false;
  if (/[\u3400-\u9fff]/.test(needle)) return true;
  const before = haystack[at - 1];
  const after = haystack[at + needle.length];
  const wordChar = /[\p{L}\p{N}]/u;
  return (before === undefined || !wordChar.test(before)) && (after === undefined || after === 's' || !wordChar.test(after));
}

/** The known area a name mentions, the longest when several do ("Living room lamp" is not "room"). */
export function areaFromName(name: string, knownAreas: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const area of knownAreas) {
    if (area.trim() === '' || !mentions(name, area)) continue;
    if (best === undefined || area.length > best.length) best = area;
  }
  return best;
}
