// WebCrypto's PBKDF2 as the page runs it (Node has the same API); a low iteration count keeps the
// suite quick, the app's own count is checked separately.
import { describe, expect, it } from 'vitest';
import { hashPin, pinMatches } from '../../../src/platform/kiosk/pin-hash';
import { PBKDF2_ITERATIONS } from '../../../src/platform/vault-keys';

describe('kiosk PIN hash', () => {
  it('matches the PIN it was made from and no other', async () => {
    const record = await hashPin('4821', 1_000);
    expect(await pinMatches('4821', record)).toBe(true);
    expect(await pinMatches('4822', record)).toBe(false);
    expect(await pinMatches('48210', record)).toBe(false);
    expect(await pinMatches('', record)).toBe(false);
  });

  it('never stores the PIN, and salts each hash afresh', async () => {
    const a = await hashPin('4821', 1_000);
    const b = await hashPin('4821', 1_000);
    expect(JSON.stringify(a)).not.toContain('4821');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(atob(a.hash)).toHaveLength(32);
    expect(atob(a.salt)).toHaveLength(16);
  });

  it("uses the vault's PBKDF2 count unless told otherwise", async () => {
    expect((await hashPin('4821')).iterations).toBe(PBKDF2_ITERATIONS);
  });
});
