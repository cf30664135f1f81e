// Saved home connections (MQTT brokers, Home Assistant) in IndexedDB, sealed by the vault like
// conversations: only the id, the kind and when it was added stay in clear. The address, user name,
// password or token, and the entities the person marked as needing confirmation are one sealed body,
// so a look at the storage shows neither the secret nor which house it opens.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ConnectionKind } from '../core/devices/connection-origins';
import type { Sealed, Vault } from './crypto-vault';

export const HOME_CONNECTIONS_DB_NAME = 'hearth-home-connections';

export interface SavedConnection {
  id: string;
  kind: ConnectionKind;
  name: string;
  url: string;
  /** MQTT only; '' when the broker takes anonymous clients. */
  username: string;
  /** The MQTT password or the Home Assistant long-lived access token; '' for none. */
  secret: string;
  /** Entity ids (inside this connection) the person marked as asking before acting. */
  sensitive: string[];
  createdAt: number;
}

type Body = Omit<SavedConnection, 'id' | 'kind' | 'createdAt'>;

interface StoredConnection {
  id: string;
  kind: ConnectionKind;
  createdAt: number;
  body: Sealed;
}

interface HomeDb extends DBSchema {
  connections: { key: string; value: StoredConnection };
}

function openHomeDb(name: string): Promise<IDBPDatabase<HomeDb>> {
  return openDB<HomeDb>(name, 1, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('connections', { keyPath: 'id' });
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase | null)?.close(); // let "Erase everything" delete it
    },
  });
}

/** How many connections are saved, read without the vault: a page with none never opens the vault
 *  or loads a connector for them. */
export async function savedConnectionCount(name = HOME_CONNECTIONS_DB_NAME): Promise<number> {
  if (typeof indexedDB.databases === 'function' && !(await indexedDB.databases()).some((d) => d.name === name)) return 0;
  const db = await openHomeDb(name);
  try {
    return await db.count('connections');
  } finally {
    db.close();
  }
}

export interface ConnectionListing {
  /** Oldest first: the order they were added. */
  connections: SavedConnection[];
  /** Records that could not be decrypted (remove() still works on them). */
  damagedIds: string[];
}

export class HomeConnectionStore {
  private constructor(
    private readonly db: IDBPDatabase<HomeDb>,
    private readonly vault: Vault,
  ) {}

  static async open(vault: Vault, name = HOME_CONNECTIONS_DB_NAME): Promise<HomeConnectionStore> {
    return new HomeConnectionStore(await openHomeDb(name), vault);
  }

  close(): void {
    this.db.close();
  }

  async list(): Promise<ConnectionListing> {
    const rows = (await this.db.getAll('connections')).sort((a, b) => a.createdAt - b.createdAt);
    const bodies = await Promise.all(rows.map((row) => this.vault.decryptJson<Body>(row.body).catch(() => null)));
    const listing: ConnectionListing = { connections: [], damagedIds: [] };
    rows.forEach((row, i) => {
      const body = bodies[i];
      if (!body) listing.damagedIds.push(row.id);
      else listing.connections.push({ ...body, id: row.id, kind: row.kind, createdAt: row.createdAt });
    });
    return listing;
  }

  /** Adds or replaces the connection with this id. */
  async save(connection: SavedConnection): Promise<void> {
    const { id, kind, createdAt, ...rest } = connection;
    const body: Body = {
      name: rest.name,
      url: rest.url,
      username: rest.username,
      secret: rest.secret,
      sensitive: rest.sensitive,
    };
    await this.db.put('connections', { id, kind, createdAt, body: await this.vault.encryptJson(body) });
  }

  /** Removes the connection and its sealed secret with it. */
  async remove(id: string): Promise<void> {
    await this.db.delete('connections', id);
  }

  /** Seals records under an older vault secret again under the current one (after a passphrase change). */
  async reseal(): Promise<number> {
    let moved = 0;
    for (const row of await this.db.getAll('connections')) {
      if (this.vault.isCurrent(row.body)) continue;
      const body = await this.vault.decryptJson<Body>(row.body).catch(() => null);
      if (!body) continue;
      await this.db.put('connections', { ...row, body: await this.vault.encryptJson(body) });
      moved++;
    }
    return moved;
  }
}
