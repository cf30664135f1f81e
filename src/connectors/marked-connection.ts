// A connection seen through the person's own choices: entities they marked as asking before acting
// are sensitive wherever the page looks (the Devices view, the assistant's device tools), whatever
// kind of connection brings them. Built-in sensitive kinds stay sensitive; a mark only adds.
import type { HomeConnection, HomeEntity, HomeSendResult } from './home-connection';
import type { DeviceCommand } from '../core/devices/device-command';

type ChangeListener = Parameters<HomeConnection['onChange']>[0];

export class MarkedConnection implements HomeConnection {
  private marks: Set<string>;
  private readonly listeners = new Set<ChangeListener>();
  private readonly stopInner: () => void;

  constructor(
    readonly inner: HomeConnection,
    marks: readonly string[],
  ) {
    this.marks = new Set(marks);
    this.stopInner = inner.onChange((change) => this.emit(change));
  }

  get kind() {
    return this.inner.kind;
  }

  get status() {
    return this.inner.status;
  }

  entities(): readonly HomeEntity[] {
    return this.inner.entities().map((e) => (!e.sensitive && this.marks.has(e.id) ? { ...e, sensitive: true } : e));
  }

  /** Replaces the marks; the entities whose sensitivity changed are announced as changed. */
  setMarks(marks: readonly string[]): void {
    const next = new Set(marks);
    const changed = [...new Set([...this.marks, ...next])].filter((id) => this.marks.has(id) !== next.has(id));
    this.marks = next;
    if (changed.length > 0) this.emit({ changed, removed: [] });
  }

  log() {
    return this.inner.log();
  }

  onStatus(listener: Parameters<HomeConnection['onStatus']>[0]) {
    return this.inner.onStatus(listener);
  }

  onLog(listener: Parameters<HomeConnection['onLog']>[0]) {
    return this.inner.onLog(listener);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connect(): void {
    this.inner.connect();
  }

  send(entityId: string, command: DeviceCommand): Promise<HomeSendResult> {
    return this.inner.send(entityId, command);
  }

  async close(): Promise<void> {
    this.stopInner();
    this.listeners.clear();
    await this.inner.close();
  }

  private emit(change: { changed: string[]; removed: string[] }): void {
    for (const listener of this.listeners) listener(change);
  }
}
