import type { SyncAck, SyncedEvent } from '@rapport/shared';

export interface EventSequencerOptions {
  /** Applies one durable event to the client state. Called in seq order, never twice for the same seq. */
  apply: (event: SyncedEvent) => void;
  /** Called when the server could not replay everything that was missed: refetch instead of patching. */
  resync: () => void;
}

/**
 * Orders durable realtime events around (re)connects.
 *
 * After every connect the client asks for what it missed (`sync { sinceSeq }`). Live events that arrive
 * before the answer are held back, so the replay and the live stream are applied in seq order and
 * nothing is applied twice.
 */
export class EventSequencer {
  private lastSeqValue = 0;
  private pendingSync: number | null = null;
  private nextSyncId = 1;
  private buffer: SyncedEvent[] = [];

  constructor(private readonly options: EventSequencerOptions) {}

  /** The highest seq applied so far. */
  get lastSeq(): number {
    return this.lastSeqValue;
  }

  get syncing(): boolean {
    return this.pendingSync !== null;
  }

  /** Starts a sync; returns its id (to match the ack) and the seq to ask from. A newer sync supersedes an older one. */
  beginSync(): { syncId: number; sinceSeq: number } {
    const syncId = this.nextSyncId++;
    this.pendingSync = syncId;
    return { syncId, sinceSeq: this.lastSeqValue };
  }

  receiveLive(event: SyncedEvent): void {
    if (this.pendingSync !== null) {
      this.buffer.push(event);
      return;
    }
    this.applyIfNew(event);
  }

  completeSync(syncId: number, ack: SyncAck): void {
    if (syncId !== this.pendingSync) return;
    // A latestSeq below ours means the server's log was reset: our seq means nothing there any more.
    if (ack.truncated || ack.latestSeq < this.lastSeqValue) {
      this.options.resync();
      // The refetch reflects at least everything up to latestSeq.
      this.lastSeqValue = ack.latestSeq;
    } else {
      // lastSeq stays the newest seq actually applied, not ack.latestSeq: an event committed while the
      // server answered can be newer than the replay yet not newer than latestSeq, and must not be skipped.
      for (const event of [...ack.events].sort(bySeq)) this.applyIfNew(event);
    }
    this.finishSync();
  }

  /** The sync got no answer: refetch everything and go on with live events. */
  failSync(syncId: number): void {
    if (syncId !== this.pendingSync) return;
    this.options.resync();
    this.finishSync();
  }

  private finishSync(): void {
    this.pendingSync = null;
    const buffered = this.buffer.sort(bySeq);
    this.buffer = [];
    for (const event of buffered) this.applyIfNew(event);
  }

  private applyIfNew(event: SyncedEvent): void {
    if (event.seq <= this.lastSeqValue) return;
    this.lastSeqValue = event.seq;
    this.options.apply(event);
  }
}

function bySeq(a: SyncedEvent, b: SyncedEvent): number {
  return a.seq - b.seq;
}

/** The server answers a malformed sync with `{ error }` instead of an ack. */
export function isSyncAck(value: unknown): value is SyncAck {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.events) && typeof v.latestSeq === 'number' && typeof v.truncated === 'boolean';
}
