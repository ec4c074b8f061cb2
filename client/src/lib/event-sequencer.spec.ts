import { describe, expect, it } from '@jest/globals';
import type { SyncedEvent } from '@rapport/shared';
import { makeConversation } from '../testing/fixtures';
import { EventSequencer, isSyncAck } from './event-sequencer';

function event(seq: number): SyncedEvent {
  return { seq, type: 'conversation.updated', payload: { seq, conversation: makeConversation({ id: `c${seq}` }) } };
}

function setup() {
  const applied: number[] = [];
  let resyncs = 0;
  const sequencer = new EventSequencer({ apply: (e) => applied.push(e.seq), resync: () => resyncs++ });
  return { sequencer, applied, resyncs: () => resyncs };
}

describe('EventSequencer', () => {
  it('applies live events in arrival order and ignores repeats', () => {
    const { sequencer, applied } = setup();
    sequencer.receiveLive(event(1));
    sequencer.receiveLive(event(2));
    sequencer.receiveLive(event(2));
    sequencer.receiveLive(event(1));
    expect(applied).toEqual([1, 2]);
    expect(sequencer.lastSeq).toBe(2);
  });

  it('asks for events after the last applied seq', () => {
    const { sequencer } = setup();
    sequencer.receiveLive(event(7));
    expect(sequencer.beginSync().sinceSeq).toBe(7);
  });

  it('holds live events back until the sync answer, then applies replay and buffer in seq order without duplicates', () => {
    const { sequencer, applied } = setup();
    sequencer.receiveLive(event(1));
    const { syncId } = sequencer.beginSync();
    sequencer.receiveLive(event(5));
    sequencer.receiveLive(event(3));
    expect(applied).toEqual([1]);

    sequencer.completeSync(syncId, { events: [event(2), event(3), event(4)], latestSeq: 4, truncated: false });
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(sequencer.syncing).toBe(false);
    expect(sequencer.lastSeq).toBe(5);
  });

  it('does not skip a live event committed while the sync was answered (seq <= latestSeq but not replayed)', () => {
    const { sequencer, applied } = setup();
    const { syncId } = sequencer.beginSync();
    sequencer.receiveLive(event(4));
    sequencer.completeSync(syncId, { events: [event(2), event(3)], latestSeq: 4, truncated: false });
    expect(applied).toEqual([2, 3, 4]);
  });

  it('resyncs instead of patching when the replay was truncated, and skips buffered events the refetch covers', () => {
    const { sequencer, applied, resyncs } = setup();
    const { syncId } = sequencer.beginSync();
    sequencer.receiveLive(event(90));
    sequencer.receiveLive(event(120));
    sequencer.completeSync(syncId, { events: [event(1)], latestSeq: 100, truncated: true });
    expect(resyncs()).toBe(1);
    expect(applied).toEqual([120]);
    expect(sequencer.lastSeq).toBe(120);
  });

  it('ignores the answer to a sync superseded by a newer connect', () => {
    const { sequencer, applied } = setup();
    const first = sequencer.beginSync();
    const second = sequencer.beginSync();
    sequencer.completeSync(first.syncId, { events: [event(1)], latestSeq: 1, truncated: false });
    expect(applied).toEqual([]);
    expect(sequencer.syncing).toBe(true);
    sequencer.completeSync(second.syncId, { events: [event(1), event(2)], latestSeq: 2, truncated: false });
    expect(applied).toEqual([1, 2]);
  });

  it('resyncs and flushes the buffer when the sync gets no answer', () => {
    const { sequencer, applied, resyncs } = setup();
    const { syncId } = sequencer.beginSync();
    sequencer.receiveLive(event(4));
    sequencer.failSync(syncId);
    expect(resyncs()).toBe(1);
    expect(applied).toEqual([4]);
    expect(sequencer.syncing).toBe(false);
  });

  it('recognises a real ack and rejects an error answer', () => {
    expect(isSyncAck({ events: [], latestSeq: 0, truncated: false })).toBe(true);
    expect(isSyncAck({ error: 'sinceSeq must be a whole number' })).toBe(false);
    expect(isSyncAck(undefined)).toBe(false);
  });

  it('starts over when the server reports a lower latest seq than ours (its log was reset)', () => {
    const { sequencer, applied, resyncs } = setup();
    sequencer.receiveLive(event(50));
    const { syncId } = sequencer.beginSync();
    sequencer.completeSync(syncId, { events: [], latestSeq: 3, truncated: false });
    expect(resyncs()).toBe(1);
    expect(sequencer.lastSeq).toBe(3);
    sequencer.receiveLive(event(4));
    expect(applied).toEqual([50, 4]);
  });
});
