// The page's timers against fake-indexeddb and Node's WebCrypto: a timer set while the stored list
// is still being opened (a question typed the moment Talk opens, on a slow device) is neither lost
// when the stored list arrives nor left unstored. The vault's opening is held by the test.
import 'fake-indexeddb/auto'; // the settings state timer-alerts reads opens IndexedDB
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScheduledTimer } from '../../../src/core/tools/timer-schedule';
import { closeVaultDb, Vault } from '../../../src/platform/crypto-vault';
import { TimerStore } from '../../../src/platform/timer-store';

const opening = vi.hoisted(() => ({ release: null as null | (() => void) }));

vi.mock('../../../src/ui/state/vault', () => ({
  chatStores: () =>
    new Promise((resolve) => {
      opening.release = () => void openVault().then((vault) => resolve({ vault }));
    }),
}));

// Node has no navigator: the timer words need a language.
vi.stubGlobal('navigator', { language: 'en-US', languages: ['en-US'] });

async function openVault(): Promise<Vault> {
  const o = await Vault.open();
  if (o.state !== 'ready') throw new Error('expected a device key');
  return o.vault;
}

const timer = (id: string, inMs: number): ScheduledTimer => ({
  id,
  kind: 'timer',
  dueAt: Date.now() + inMs,
  createdAt: Date.now(),
  label: id,
});

afterEach(() => closeVaultDb());

describe('timer service start', () => {
  it('keeps, and stores, a timer set before the stored list was read', async () => {
    const stored = await TimerStore.open(await openVault());
    await stored.write({ running: [timer('stored', 600_000)], fired: [] });
    stored.close();

    const service = await import('../../../src/ui/tools/timer-service');
    const started = service.startTimers();
    // The tool writes while the store is still opening: it sees no timers yet.
    service.toolTimerStore.write([...service.toolTimerStore.read(), timer('early', 300_000)]);
    await vi.waitFor(() => expect(opening.release).not.toBeNull());
    opening.release!();
    await started;

    expect(service.runningTimers.value.map((t) => t.id).sort()).toEqual(['early', 'stored']);
    await service.timersSaved();
    const reread = await TimerStore.open(await openVault());
    const record = await reread.read();
    reread.close();
    expect(record.running.map((t) => t.id).sort()).toEqual(['early', 'stored']);
    expect(service.timerProblem.value).toBeNull();
  });
});
