import { describe, expect, it } from '@jest/globals';
import { makeAssignment, makeMessage, minutesAfter } from '../../testing/fixtures';
import { localMessageId } from './messages-cache';
import { buildTimeline, type TimelineEntry } from './thread-timeline';

const msg = (id: string, minutes: number) => makeMessage({ id, sentAt: minutesAfter(minutes), createdAt: minutesAfter(minutes) });
const asg = (id: string, minutes: number) => makeAssignment({ id, createdAt: minutesAfter(minutes) });

function keys(entries: TimelineEntry[]): string[] {
  return entries.map((e) => (e.kind === 'message' ? e.message.id : `[${e.assignment.id}]`));
}

describe('buildTimeline', () => {
  it('dates a message by when the customer wrote it, not when it reached us', () => {
    const late = makeMessage({ id: 'late', sentAt: minutesAfter(-25 * 60), createdAt: minutesAfter(0) });
    expect(buildTimeline([late], [], false)[0]!.at).toBe(minutesAfter(-25 * 60));
  });

  it('places each assignment between the messages around its time', () => {
    const entries = buildTimeline([msg('m1', 0), msg('m2', 10), msg('m3', 20)], [asg('late', 25), asg('mid', 15), asg('early', 5)], false);
    expect(keys(entries)).toEqual(['m1', '[early]', 'm2', '[mid]', 'm3', '[late]']);
  });

  it('puts a change at the same moment after the message that caused it', () => {
    expect(keys(buildTimeline([msg('m1', 0), msg('m2', 10)], [asg('a', 0)], false))).toEqual(['m1', '[a]', 'm2']);
  });

  it('shows changes before the first message only when the start of the thread is loaded', () => {
    const messages = [msg('m5', 50), msg('m6', 60)];
    expect(keys(buildTimeline(messages, [asg('old', 10), asg('new', 55)], false))).toEqual(['[old]', 'm5', '[new]', 'm6']);
    expect(keys(buildTimeline(messages, [asg('old', 10), asg('new', 55)], true))).toEqual(['m5', '[new]', 'm6']);
  });

  it('keeps optimistic messages last', () => {
    const local = makeMessage({ id: localMessageId('x'), clientId: 'x', createdAt: minutesAfter(1) });
    const entries = buildTimeline([msg('m1', 0), local], [asg('a', 30)], false);
    expect(keys(entries)).toEqual(['m1', '[a]', local.id]);
    expect(entries[2]?.key).toBe('c:x');
  });

  it('works without messages or without assignments', () => {
    expect(keys(buildTimeline([], [asg('a', 1), asg('b', 0)], false))).toEqual(['[b]', '[a]']);
    expect(keys(buildTimeline([msg('m1', 0)], [], false))).toEqual(['m1']);
  });
});
