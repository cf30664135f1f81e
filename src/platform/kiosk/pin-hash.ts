// The kiosk PIN is kept only as a PBKDF2-SHA-256 hash with its own random salt, stored with the
// settings: a PIN of a few digits is guessable offline by anyone who copies the profile, so the
// iteration count is what makes each guess cost, and the attempt limit (core/kiosk/pin-rules.ts) is
// what stops guessing at the screen.
import type { PinRecord } from '../../core/kiosk/pin-rules';
import { PBKDF2_ITERATIONS, randomBytes } from '../vault-keys';

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256));
}

/** `iterations` is for tests; the app always uses the vault's count. */
export async function hashPin(pin: string, iterations = PBKDF2_ITERATIONS): Promise<PinRecord> {
  const salt = randomBytes(16);
  return { salt: toBase64(salt), hash: toBase64(await derive(pin, salt, iterations)), iterations };
}

export async function pinMatches(pin: string, record: PinRecord): Promise<boolean> {
  const derived = await derive(pin, fromBase64(record.salt), record.iterations);
  const stored = fromBase64(record.hash);
  // Every byte compared whatever the first difference, so timing says nothing about the PIN.
  let difference = derived.length ^ stored.length;
  for (let i = 0; i < Math.min(derived.length, stored.length); i++) difference |= derived[i]! ^ stored[i]!;
  return difference === 0;
}
