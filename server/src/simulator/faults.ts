import type { ServerResponse } from 'node:http';
import type { ChannelKind } from '@rapport/shared';
import { isSimulatedKind } from './accounts.js';
import { faultAnswer, isFault, sendAnswer, type Fault } from './platform-errors.js';

export type FaultTarget = 'send' | 'poll';

/** Faults armed by `failNext`, per kind and target, consumed by the next matching requests. */
export class FaultQueue {
  private readonly armed = new Map<string, Array<{ fault: Fault; remaining: number }>>();

  constructor(private readonly log: (line: string) => void) {}

  arm(kind: ChannelKind, fault: Fault, times = 1, target: FaultTarget = 'send'): void {
    if (!isSimulatedKind(kind)) throw new Error(`unknown channel kind ${String(kind)}`);
    if (!isFault(fault)) throw new Error(`unknown fault ${String(fault)}`);
    const key = `${kind}:${target}`;
    const queue = this.armed.get(key) ?? [];
    queue.push({ fault, remaining: Math.max(1, Math.floor(times)) });
    this.armed.set(key, queue);
    this.log(`fault armed: next ${times} ${target}(s) on ${kind} → ${fault}`);
  }

  /** Consumes an armed fault for this request, if any, and answers with it (true: answered, stop here). */
  take(kind: ChannelKind, target: FaultTarget, res: ServerResponse): boolean {
    const queue = this.armed.get(`${kind}:${target}`);
    const head = queue?.[0];
    if (!queue || !head) return false;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    if (head.fault === 'lost-answer') {
      // The platform does the work (the reply is posted) but its answer never arrives: the connection drops.
      this.log(`fault: ${kind} ${target} → lost-answer (accepted, connection dropped before the answer)`);
      res.end = ((..._args: unknown[]) => {
        res.socket?.destroy();
        return res;
      }) as ServerResponse['end'];
      return false;
    }
    const answer = faultAnswer(kind, head.fault);
    this.log(`fault: ${kind} ${target} → ${head.fault} (HTTP ${answer.status})`);
    sendAnswer(res, answer);
    return true;
  }

  /** What is still armed, for `/_sim/health`. */
  list(): Array<{ on: string; fault: Fault; remaining: number }> {
    return [...this.armed.entries()].flatMap(([key, queue]) => queue.map((f) => ({ on: key, fault: f.fault, remaining: f.remaining })));
  }
}
