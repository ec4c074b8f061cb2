import { Injectable } from '@nestjs/common';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';

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

  /** Figures of this server's worker processes (counters of the work they do), added to every scrape. */
  private peers: (() => Promise<ProcessMetrics[]>) | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'rapport_' });
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
