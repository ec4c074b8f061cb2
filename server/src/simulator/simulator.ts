/**
 * The platform simulator: one local HTTP server that stands in for the Graph API (Messenger, Instagram,
 * WhatsApp), X API v2, the Telegram Bot API and Mastodon, speaking the wire formats documented in
 * shared/fixtures/channels/README.md, plus a callback endpoint for the generic API channel. It plays the
 * customers too: signed webhooks to Rapport, updates queued for Rapport's pollers, scenario traffic, and
 * follow-ups when an agent's reply reaches it.
 *
 * This file wires the parts; each stand-in lives in its own module.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelKind } from '@rapport/shared';
import { isSimulatedKind } from './accounts.js';
import { ApiChannel } from './api-channel.js';
import type { SimContext } from './context.js';
import { handleControl, type ControlTarget } from './control-api.js';
import { CustomerRegistry, type CustomerMessage, type CustomerSaid, type ThreadHint } from './customers.js';
import { FaultQueue, type FaultTarget } from './faults.js';
import { GraphApi } from './graph-api.js';
import { sendJson } from './http-util.js';
import { IdClock } from './ids.js';
import { MastodonApi } from './mastodon-api.js';
import type { Fault } from './platform-errors.js';
import { route, type StandIns } from './routes.js';
import { Scheduler } from './scheduler.js';
import { SentLog, type SentReply } from './sent-replies.js';
import { TelegramApi } from './telegram-api.js';
import { Traffic } from './traffic.js';
import { WebhookSender, type SimulatorSecrets } from './webhook-sender.js';
import { WhatsAppApi } from './whatsapp-api.js';
import { XApi } from './x-api.js';

export { SIMULATED_KINDS } from './accounts.js';
export type { CustomerMessage, CustomerSaid } from './customers.js';
export type { FaultTarget } from './faults.js';
export type { Fault } from './platform-errors.js';
export type { SentReply } from './sent-replies.js';

export interface SimulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where Rapport listens: webhooks go to `${rapportUrl}/webhooks/...`. */
  rapportUrl: string;
  secrets: SimulatorSecrets;
  /** Scenario traffic; absent or false = none until `setTrafficRate`. */
  traffic?: { messagesPerMinute: number } | false;
  /** Seedable randomness for the scenarios and the customers' behaviour (default Math.random). */
  random?: () => number;
  log?: (line: string) => void;
  /** Called as a stand-in accepts each reply, just before it answers Rapport. */
  onReply?: (reply: SentReply) => void;
  /** Chance that a customer answers an agent's reply while traffic runs (default 0.5). */
  followUpProbability?: number;
  /** Delays, shortened by tests. */
  timing?: {
    /** Between the WhatsApp sent → delivered → read statuses (default 1000–2000 ms). */
    statusStepMs?: readonly [number, number];
    /** Before a customer's follow-up (default 3000–8000 ms). */
    followUpMs?: readonly [number, number];
    /** Waits between webhook delivery attempts (default 0.5, 1, 2, 4, 8, 15 s). */
    webhookRetryMs?: readonly number[];
  };
}

export interface Simulator {
  url: string;
  close(): Promise<void>;
  customerSays(kind: ChannelKind, message: CustomerMessage): Promise<CustomerSaid>;
  /** Every reply the stand-in APIs accepted, oldest first (the last 1000). */
  sent: SentReply[];
  /** The next `times` (default 1) sends — or polls, with target 'poll' — of `kind` answer with `fault`. */
  failNext(kind: ChannelKind, fault: Fault, times?: number, target?: FaultTarget): void;
  setTrafficRate(messagesPerMinute: number): void;
}

class PlatformSimulator implements Simulator, ControlTarget {
  url = '';
  readonly sent: SentReply[];

  private readonly server: Server;
  private readonly rapportUrl: string;
  private readonly log: (line: string) => void;
  private readonly scheduler = new Scheduler();
  private readonly ctx: SimContext;
  private readonly traffic: Traffic;
  private readonly graph: GraphApi;
  private readonly whatsapp: WhatsAppApi;
  private readonly x: XApi;
  private readonly telegram: TelegramApi;
  private readonly mastodon: MastodonApi;
  private readonly api: ApiChannel;
  private customerMessages = 0;

  constructor(options: SimulatorOptions) {
    const logLine = options.log ?? (() => undefined);
    this.log = (line) => {
      try {
        logLine(line);
      } catch {
        // A broken logger must not take the simulator down.
      }
    };
    this.rapportUrl = options.rapportUrl.replace(/\/+$/, '');
    const random = options.random ?? Math.random;
    const replies = new SentLog(this.log, options.onReply);
    this.sent = replies.entries;
    this.traffic = new Traffic({
      rate: options.traffic ? Math.max(0, options.traffic.messagesPerMinute) : 0,
      random,
      scheduler: this.scheduler,
      log: this.log,
      say: (kind, message, thread) => this.say(kind, message, thread),
      followUpProbability: options.followUpProbability ?? 0.5,
      followUpMs: options.timing?.followUpMs ?? [3000, 8000],
    });
    this.ctx = {
      random,
      ids: new IdClock(),
      scheduler: this.scheduler,
      customers: new CustomerRegistry(),
      faults: new FaultQueue(this.log),
      replies,
      webhooks: new WebhookSender({
        rapportUrl: this.rapportUrl,
        secrets: options.secrets,
        retryMs: options.timing?.webhookRetryMs ?? [500, 1000, 2000, 4000, 8000, 15000],
        scheduler: this.scheduler,
        log: this.log,
      }),
      log: this.log,
      url: () => this.url,
      followUp: (customer, thread) => this.traffic.maybeFollowUp(customer, thread),
    };
    this.whatsapp = new WhatsAppApi(this.ctx, options.timing?.statusStepMs ?? [1000, 2000]);
    this.graph = new GraphApi(this.ctx, this.whatsapp);
    this.x = new XApi(this.ctx);
    this.telegram = new TelegramApi(this.ctx);
    this.mastodon = new MastodonApi(this.ctx);
    this.api = new ApiChannel(this.ctx, options.secrets.apiChannelSecret);

    const standIns: StandIns = {
      control: (request) => handleControl(this, request),
      telegram: this.telegram,
      x: this.x,
      mastodon: this.mastodon,
      api: this.api,
      graph: this.graph,
    };
    this.server = createServer((req, res) => {
      route(standIns, req, res).catch((err: unknown) => {
        this.log(`! ${req.method ?? '?'} ${req.url ?? ''} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'simulator error' });
        else res.end();
      });
    });
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${shownHost === '0.0.0.0' || shownHost === '[::]' ? '127.0.0.1' : shownHost}:${address.port}`;
    this.log(`platform simulator listening on ${this.url}, webhooks to ${this.rapportUrl}`);
    this.traffic.start();
  }

  async close(): Promise<void> {
    if (this.scheduler.closed) return;
    this.scheduler.close();
    this.traffic.stop();
    this.telegram.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.log('platform simulator stopped');
  }

  async customerSays(kind: ChannelKind, message: CustomerMessage): Promise<CustomerSaid> {
    if (!isSimulatedKind(kind)) throw new Error(`unknown channel kind ${String(kind)}`);
    if (typeof message.text !== 'string') throw new Error('text is required');
    return this.say(kind, message);
  }

  failNext(kind: ChannelKind, fault: Fault, times = 1, target: FaultTarget = 'send'): void {
    this.ctx.faults.arm(kind, fault, times, target);
  }

  setTrafficRate(messagesPerMinute: number): void {
    this.traffic.setRate(messagesPerMinute);
  }

  trafficRate(): number {
    return this.traffic.rate;
  }

  health(): Record<string, unknown> {
    return {
      status: 'ok',
      url: this.url,
      rapportUrl: this.rapportUrl,
      traffic: { messagesPerMinute: this.traffic.rate },
      queued: { x: this.x.queued, telegram: this.telegram.queued, mastodon: this.mastodon.queued },
      sent: this.sent.length,
      customers: this.ctx.customers.size,
      ...this.ctx.webhooks.stats,
      customerMessages: this.customerMessages,
      followUps: this.traffic.followUps,
      faults: this.ctx.faults.list(),
    };
  }

  /** A customer writes on `kind`: a webhook to Rapport, or an update queued for its poller. */
  private async say(kind: ChannelKind, message: CustomerMessage, thread?: ThreadHint): Promise<CustomerSaid> {
    const customer = this.ctx.customers.resolve(kind, message);
    this.customerMessages += 1;
    const isPublic = message.public === true;
    switch (kind) {
      case 'facebook':
        return isPublic ? this.graph.sayFacebookComment(customer, message.text, thread) : this.graph.sayMessage(customer, message.text);
      case 'instagram':
        return isPublic ? this.graph.sayInstagramComment(customer, message.text, thread) : this.graph.sayMessage(customer, message.text);
      case 'whatsapp':
        return this.whatsapp.say(customer, message.text);
      case 'x':
        return isPublic ? this.x.sayMention(customer, message.text, thread) : this.x.sayDm(customer, message.text);
      case 'telegram':
        return this.telegram.say(customer, message.text, isPublic, thread);
      case 'mastodon':
        return this.mastodon.say(customer, message.text, isPublic, thread);
      case 'api':
        return this.api.say(customer, message.text);
    }
  }
}

/** Starts the simulator; `close()` stops the server, the traffic and every pending timer. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const simulator = new PlatformSimulator(options);
  await simulator.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return simulator;
}
