import { businessSecondsBetween, type BusinessCalendar } from './business-hours.js';

/** What happened in a conversation, as far as response times care; `at` is when it happened. */
export type ClockFact =
  /** A customer message, at the customer's own time (the platform's timestamp, never after receipt). */
  | { kind: 'customer'; at: Date }
  /** A public reply by a human agent: the only thing that stops a response clock. */
  | { kind: 'reply'; at: Date; agentId: string }
  /** Private notes and automated or system messages: recorded to say why they did not count. */
  | { kind: 'ignored'; at: Date; what: 'note' | 'automated' }
  /** `agentId`: who changed it (the resolver is credited with the resolution). */
  | { kind: 'status'; at: Date; status: 'open' | 'pending' | 'snoozed' | 'resolved'; agentId?: string | null };

export interface ClockValue {
  startedAt: Date;
  stoppedAt: Date;
  wallSeconds: number;
  businessSeconds: number;
  /** Who stopped it: the replying agent, or who resolved. */
  agentId: string | null;
}

export interface ClockEvent {
  at: Date;
  kind: string;
  why: string;
}

export interface Cycle {
  startedAt: Date;
  firstResponse: ClockValue | null;
  nextReplies: ClockValue[];
  resolution: ClockValue | null;
  events: ClockEvent[];
  /** The clocks still running in the cycle that is not resolved yet (null for a resolved cycle). */
  running: RunningClocks | null;
}

/** A running clock: the stretches it ran; the last is open while it runs (none open while paused). */
export interface RunningClock {
  startedAt: Date;
  stretches: Array<{ from: Date; to: Date | null }>;
}
type Running = RunningClock;

export interface RunningClocks {
  firstResponse: RunningClock | null;
  nextReply: RunningClock | null;
  resolution: RunningClock | null;
}

const start = (at: Date, paused: boolean): Running => ({ startedAt: at, stretches: paused ? [] : [{ from: at, to: null }] });

function pause(clock: Running | null, at: Date): void {
  const last = clock?.stretches.at(-1);
  if (last && last.to === null) last.to = at;
}

function resume(clock: Running | null, at: Date): void {
  const last = clock?.stretches.at(-1);
  if (clock && (!last || last.to !== null)) clock.stretches.push({ from: at, to: null });
}

function stop(clock: Running, at: Date, calendar: BusinessCalendar, agentId: string | null): ClockValue {
  pause(clock, at);
  const stretches = clock.stretches as Array<{ from: Date; to: Date }>;
  return {
    startedAt: clock.startedAt,
    stoppedAt: at,
    wallSeconds: stretches.reduce((sum, s) => sum + Math.max(0, s.to.getTime() - s.from.getTime()) / 1000, 0),
    businessSeconds: stretches.reduce((sum, s) => sum + businessSecondsBetween(calendar, s.from, s.to), 0),
    agentId,
  };
}

const waitingStatuses = new Set(['pending', 'snoozed']);

/**
 * The response-time clocks of one conversation from its facts, oldest first. A cycle starts with the
 * customer's first message (again after a resolve); first response runs from it to the first public
 * agent reply; each later wait runs from the first unanswered customer message to the next reply;
 * resolution runs from the cycle's start to resolved. Pending (waiting on the customer) and snoozed pause
 * the next-reply and resolution clocks; a resolve stops every clock. Each value is counted on the wall
 * clock and within the calendar's business hours; `events` say why each clock started, paused and stopped.
 */
export function computeCycles(facts: ClockFact[], calendar: BusinessCalendar): Cycle[] {
  const cycles: Cycle[] = [];
  let cycle: Cycle | null = null;
  let firstResponse: Running | null = null;
  let nextReply: Running | null = null;
  let resolution: Running | null = null;
  let answered = false;
  let paused = false;
  const note = (at: Date, kind: string, why: string) => cycle?.events.push({ at, kind, why });

  for (const fact of [...facts].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (fact.kind === 'customer') {
      if (!cycle) {
        cycle = { startedAt: fact.at, firstResponse: null, nextReplies: [], resolution: null, events: [], running: null };
        cycles.push(cycle);
        firstResponse = start(fact.at, false);
        resolution = start(fact.at, paused);
        answered = false;
        note(fact.at, 'cycle.started', 'the customer wrote');
        note(fact.at, 'firstResponse.started', 'the customer’s first message of the cycle');
      } else if (answered && !nextReply) {
        nextReply = start(fact.at, paused);
        note(fact.at, 'nextReply.started', 'the customer wrote after our last reply');
      }
    } else if (fact.kind === 'reply') {
      if (!cycle) continue;
      if (firstResponse) {
        cycle.firstResponse = stop(firstResponse, fact.at, calendar, fact.agentId);
        firstResponse = null;
        answered = true;
        note(fact.at, 'firstResponse.stopped', 'an agent replied in public');
      } else if (nextReply) {
        cycle.nextReplies.push(stop(nextReply, fact.at, calendar, fact.agentId));
        nextReply = null;
        note(fact.at, 'nextReply.stopped', 'an agent replied in public');
      }
    } else if (fact.kind === 'ignored') {
      if (cycle && (firstResponse || nextReply)) note(fact.at, 'ignored', fact.what === 'note' ? 'a private note does not answer the customer' : 'an automated message does not count as a reply');
    } else if (fact.status === 'resolved') {
      if (!cycle) continue;
      cycle.resolution = stop(resolution!, fact.at, calendar, fact.agentId ?? null);
      note(fact.at, 'resolution.stopped', 'resolved');
      if (firstResponse) note(fact.at, 'firstResponse.stopped', 'resolved without a reply: no first response is counted');
      if (nextReply) note(fact.at, 'nextReply.stopped', 'resolved without a reply: this wait is not counted');
      cycle = null;
      firstResponse = nextReply = resolution = null;
      paused = false;
    } else if (waitingStatuses.has(fact.status) && !paused) {
      paused = true;
      pause(nextReply, fact.at);
      pause(resolution, fact.at);
      note(fact.at, 'paused', `${fact.status}: waiting on the customer pauses the next-reply and resolution clocks`);
    } else if (fact.status === 'open' && paused) {
      paused = false;
      resume(nextReply, fact.at);
      resume(resolution, fact.at);
      note(fact.at, 'resumed', 'open again');
    }
  }
  if (cycle) cycle.running = { firstResponse, nextReply, resolution };
  return cycles;
}
