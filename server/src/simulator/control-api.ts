import type { ChannelKind } from '@rapport/shared';
import { SIMULATED_KINDS, isSimulatedKind } from './accounts.js';
import type { CustomerMessage, CustomerSaid } from './customers.js';
import type { FaultTarget } from './faults.js';
import { int, isRecord, sendJson, type SimRequest } from './http-util.js';
import { FAULTS, isFault, type Fault } from './platform-errors.js';
import type { SentReply } from './sent-replies.js';

/** What the control endpoints drive: the simulator's public methods, plus its health and traffic rate. */
export interface ControlTarget {
  readonly sent: readonly SentReply[];
  health(): Record<string, unknown>;
  customerSays(kind: ChannelKind, message: CustomerMessage): Promise<CustomerSaid>;
  failNext(kind: ChannelKind, fault: Fault, times: number, target: FaultTarget): void;
  setTrafficRate(messagesPerMinute: number): void;
  /** The rate in force, as `setTrafficRate` settled it. */
  trafficRate(): number;
}

/** `/_sim/*`: the same controls as the `Simulator` API, over HTTP, for people and scripts. */
export async function handleControl(target: ControlTarget, { method, path, parsed, res }: SimRequest): Promise<void> {
  if (!parsed.ok) return sendJson(res, 400, { error: 'body is not valid JSON' });
  const body = isRecord(parsed.value) ? parsed.value : {};
  if (method === 'GET' && path === '/_sim/health') return sendJson(res, 200, target.health());
  if (method === 'GET' && path === '/_sim/sent') return sendJson(res, 200, target.sent);
  if (method === 'POST' && path === '/_sim/say') {
    if (!isSimulatedKind(body.kind)) return sendJson(res, 400, { error: `kind must be one of ${SIMULATED_KINDS.join(', ')}` });
    if (typeof body.text !== 'string' || body.text.trim() === '') return sendJson(res, 400, { error: 'text is required' });
    const said = await target.customerSays(body.kind, {
      text: body.text,
      ...(typeof body.customerId === 'string' ? { customerId: body.customerId } : {}),
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
      ...(typeof body.language === 'string' ? { language: body.language } : {}),
      ...(typeof body.handle === 'string' ? { handle: body.handle } : {}),
      public: body.public === true,
    });
    return sendJson(res, said.delivered ? 200 : 502, said);
  }
  if (method === 'POST' && path === '/_sim/fail') {
    if (!isSimulatedKind(body.kind)) return sendJson(res, 400, { error: `kind must be one of ${SIMULATED_KINDS.join(', ')}` });
    if (!isFault(body.fault)) return sendJson(res, 400, { error: `fault must be one of ${FAULTS.join(', ')}` });
    const times = int(body.times) ?? 1;
    const on: FaultTarget = body.on === 'poll' ? 'poll' : 'send';
    target.failNext(body.kind, body.fault, times, on);
    return sendJson(res, 200, { kind: body.kind, fault: body.fault, times, on });
  }
  if (method === 'POST' && path === '/_sim/traffic') {
    const rate = body.messagesPerMinute === undefined ? 6 : Number(body.messagesPerMinute);
    if (!Number.isFinite(rate) || rate < 0) return sendJson(res, 400, { error: 'messagesPerMinute must be a number >= 0' });
    target.setTrafficRate(rate);
    return sendJson(res, 200, { messagesPerMinute: target.trafficRate() });
  }
  sendJson(res, 404, { error: `no control endpoint ${method} ${path}` });
}
