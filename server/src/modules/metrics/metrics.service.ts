import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'rapport_' });
  }
}
