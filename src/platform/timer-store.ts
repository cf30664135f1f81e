// Timers, alarms and reminders in IndexedDB, sealed by the vault (a reminder is the person's words),
// as one record: the ones still running and the ones that went off and have not been dismissed, so a
// reload keeps them running and a tab closed while one was due shows, when it comes back, that it
// went off while it was away.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ScheduledTimer } from '../core/tools/timer-schedule';
import type { Sealed, Vault } from './crypto-vault';

export const TIMERS_DB_NAME = 'hearth-timers';

export interface FiredTimer extends ScheduledTimer {
  firedAt: number;
  /** It came due while no page of the app was open: found on the next start, not rung live. */
  whileAway: boolean;
}

export interface TimerRecord {
  running: ScheduledTimer[];
  fired: FiredTimer[];
}

interface TimersDb extends DBSchema {
  timers: { key: string; value: { id: string; sealed: Sealed } };
}

const KEY = 'all';

export class TimerStore {
  private constructor(
    private readonly db: IDBPDatabase<TimersDb>,
    private readonly vault: Vault,
  ) {}

  static async open(vault: Vault, name = TIMERS_DB_NAME): Promise<TimerStore> {
    const db = await openDB<TimersDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('timers', { keyPath: 'id' });
      },
      blocking(_current, _next, event) {
        (event.target as IDBDatabase | null)?.close(); // let "Erase everything" delete it
      },
    });
    return new TimerStore(db, vault);
  }

  async read(): Promise<TimerRecord> {
    const row = await this.db.get('timers', KEY);
    if (!row) return { running: [], fired: [] };
    return this.vault.decryptJson<TimerRecord>(row.sealed, 'The timers');
  }

  async write(record: TimerRecord): Promise<void> {
    await this.db.put('timers', { id: KEY, sealed: await this.vault.encryptJson(record) });
  }

  close(): void {
    this.db.close();
  }
}
