import { Injectable } from '@nestjs/common';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { OutboundFailureReason } from './domain/outbound-failure.js';

type ProcessMetrics = Array<MetricObjectWithValues<MetricValue<string>>>;

/** Prometheus counters of what flows through Rapport; one registry per app instance. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly inboundMessages = new Counter({
    name: 'rapport_inbound_messages_total',
    help: 'Customer messages received, by channel kind and outcome (stored or duplicate)',
    labelNames: ['channel_kind', 'outcome'],
    registers: [this.registry],
  });

  readonly ignoredEvents = new Counter({
    name: 'rapport_ignored_events_total',
    help: 'Platform events that are not customer messages (echoes, reactions, unknown kinds)',
    labelNames: ['channel_kind', 'reason'],
    registers: [this.registry],
  });

  readonly webhookRejected = new Counter({
    name: 'rapport_webhook_rejected_total',
    help: 'Webhook requests refused, by reason (signature or malformed)',
    labelNames: ['channel_kind', 'reason'],
    registers: [this.registry],
  });

  readonly outboundMessages = new Counter({
    name: 'rapport_outbound_messages_total',
    help: 'Replies handed to platforms, by outcome (sent or failed)',
    labelNames: ['channel_kind', 'outcome'],
    registers: [this.registry],
  });

  readonly outboundFailures = new Counter<'channel_kind' | 'reason'>({
    name: 'rapport_outbound_failures_total',
    help: 'Replies that failed for good, by channel kind and a fixed set of reasons (rate_limited, auth, invalid, ...)',
    labelNames: ['channel_kind', 'reason'],
    registers: [this.registry],
  });

  readonly assignmentLatency = new Histogram({
    name: 'rapport_assignment_latency_seconds',
    help: 'From an unowned conversation starting to wait (or being created) to its assignment by routing',
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 14400],
    registers: [this.registry],
  });

  /** Processes are summed: each counts only the sockets it holds. */
  readonly socketConnections = new Gauge({
    name: 'rapport_socket_connections',
    help: 'socket.io connections open on this server',
    aggregator: 'sum',
    registers: [this.registry],
  });

  readonly eventRelayLag = new Histogram({
    name: 'rapport_event_relay_lag_seconds',
    help: 'From the announcement of a commit to this server having emitted its events to sockets (one observation per commit)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Only a process that relays events has a reading; the others report 0, so the aggregate is the max. */
  private relayBacklog: (() => Promise<number>) | null = null;

  readonly eventRelayBehind = new Gauge({
    name: 'rapport_event_relay_behind_seqs',
    help: 'Seqs drawn in the event log (committed or still committing) that this server has not relayed yet',
    aggregator: 'max',
    registers: [this.registry],
    collect: async () => {
      // A database hiccup keeps the last reading rather than failing the whole scrape.
      const behind = this.relayBacklog ? await this.relayBacklog().catch(() => null) : null;
      if (behind !== null) this.eventRelayBehind.set(Math.max(0, behind));
    },
  });

  readonly deadLetters = new Counter({
    name: 'rapport_dead_letters_total',
    help: 'Platform events acknowledged but unreadable, kept as dead letters, by channel kind and source (webhook:meta, poll:x, ...)',
    labelNames: ['channel_kind', 'source'],
    registers: [this.registry],
  });

  /** Only processes that serve HTTP read the table; the others report 0, so the aggregate is the max. */
  private deadLetterBacklog: (() => Promise<number>) | null = null;

  readonly deadLettersPending = new Gauge({
    name: 'rapport_dead_letters_pending',
    help: 'Dead letters waiting for a retry (status pending)',
    aggregator: 'max',
    registers: [this.registry],
    collect: async () => {
      const pending = this.deadLetterBacklog ? await this.deadLetterBacklog().catch(() => null) : null;
      if (pending !== null) this.deadLettersPending.set(pending);
    },
  });

  /** Figures of this server's worker processes (counters of the work they do), added to every scrape. */
  private peers: (() => Promise<ProcessMetrics[]>) | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'rapport_' });
  }

  /** Read at each scrape by the process whose sockets the event log is relayed to. */
  watchRelayBacklog(read: () => Promise<number>): void {
    this.relayBacklog = read;
  }

  /** Read at each scrape by a process that serves HTTP. */
  watchDeadLetters(read: () => Promise<number>): void {
    this.deadLetterBacklog = read;
  }

  recordOutboundFailure(channelKind: string, reason: OutboundFailureReason): void {
    this.outboundFailures.inc({ channel_kind: channelKind, reason });
  }

  addPeers(collect: () => Promise<ProcessMetrics[]>): void {
    this.peers = collect;
  }

  /** The Prometheus text of this process and its worker processes, summed. */
  async scrape(): Promise<string> {
    const peers = this.peers ? await this.peers() : [];
    if (peers.length === 0) return this.registry.metrics();
    return AggregatorRegistry.aggregate([await this.registry.getMetricsAsJSON(), ...peers]).metrics();
  }
}
