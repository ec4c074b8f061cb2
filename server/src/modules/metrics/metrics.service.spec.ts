import { describe, expect, it } from '@jest/globals';
import { MetricsService } from './metrics.service.js';

const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('MetricsService.scrape with worker processes', () => {
  it('sums counters, histograms and connections, and takes the largest relay backlog', async () => {
    const server = new MetricsService();
    const worker = new MetricsService();
    server.addPeers(async () => [await worker.registry.getMetricsAsJSON()]);

    server.socketConnections.set(3);
    worker.socketConnections.set(1);
    server.watchRelayBacklog(async () => 7);
    worker.watchRelayBacklog(async () => 2);
    server.recordOutboundFailure('telegram', 'rate_limited');
    worker.recordOutboundFailure('telegram', 'rate_limited');
    worker.assignmentLatency.observe(4);
    server.assignmentLatency.observe(1);

    const text = await server.scrape();
    expect(sample(text, 'rapport_socket_connections')).toBe(4);
    expect(sample(text, 'rapport_event_relay_behind_seqs')).toBe(7);
    expect(sample(text, 'rapport_outbound_failures_total{channel_kind="telegram",reason="rate_limited"}')).toBe(2);
    expect(sample(text, 'rapport_assignment_latency_seconds_count')).toBe(2);
    expect(sample(text, 'rapport_assignment_latency_seconds_sum')).toBe(5);
  });

  it('keeps the last relay backlog when reading it fails, rather than failing the scrape', async () => {
    const metrics = new MetricsService();
    let fail = false;
    metrics.watchRelayBacklog(async () => {
      if (fail) throw new Error('database gone');
      return 4;
    });
    expect(sample(await metrics.scrape(), 'rapport_event_relay_behind_seqs')).toBe(4);
    fail = true;
    expect(sample(await metrics.scrape(), 'rapport_event_relay_behind_seqs')).toBe(4);
  });
});
