import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { loadConfig, type AppConfig } from './config/env.js';
import { DEMO_API_CHANNEL_KEY } from './demo/demo-workspace.js';
import { startSimulator } from './simulator/simulator.js';
import { MetricsService } from './modules/metrics/metrics.service.js';
import { answerMetricsRequests, exitWithParent, startWorkerProcesses } from './workers/worker-processes.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // With worker processes beside it, the server keeps to HTTP and sockets: webhooks are answered at once.
  const withWorkers = config.ROLE === 'all' && config.WORKER_PROCESSES > 0;
  const { http, context } = await createApp(withWorkers ? { ...config, ROLE: 'api' } : config);
  if (!http) {
    exitWithParent(() => context.close());
    answerMetricsRequests(() => context.get(MetricsService).registry.getMetricsAsJSON());
    Logger.log('Rapport worker is running', 'Rapport');
    return;
  }
  await http.listen(config.PORT);
  Logger.log(`Rapport is serving on http://localhost:${config.PORT} (role ${config.ROLE}${withWorkers ? `, ${config.WORKER_PROCESSES} worker process(es)` : ''})`, 'Rapport');
  const workers = withWorkers ? startWorkerProcesses(config.WORKER_PROCESSES) : null;
  if (workers) {
    http.get(MetricsService).addPeers(workers.metrics);
    process.once('SIGTERM', workers.stop);
    process.once('SIGINT', workers.stop);
  }
  // Started by `npm start`: the launcher gone (even by SIGKILL) means nobody is left to stop us.
  exitWithParent(async () => {
    workers?.stop();
    await http.close();
  });

  if (config.SIMULATOR) await runSimulator(config);
}

/** Stand-ins for the platforms plus customer traffic, so a fresh install shows a living inbox. */
async function runSimulator(config: AppConfig): Promise<void> {
  try {
    const simulator = await startSimulator({
      port: config.SIMULATOR_PORT,
      rapportUrl: `http://127.0.0.1:${config.PORT}`,
      secrets: { metaAppSecret: config.META_APP_SECRET, xConsumerSecret: config.X_CONSUMER_SECRET, apiChannelSecret: config.API_CHANNEL_SECRET, apiChannelKey: DEMO_API_CHANNEL_KEY },
      traffic: { messagesPerMinute: config.SIMULATOR_RATE },
      // Its chatter quotes what the simulated customers and agents write: kept below info.
      log: (line) => Logger.debug(line, 'Simulator'),
    });
    Logger.log(`Platform simulator on ${simulator.url} (${config.SIMULATOR_RATE} messages/minute; SIMULATOR=off to disable)`, 'Rapport');
    const stop = () => void simulator.close();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (err) {
    // The inbox works without it; only the demo traffic is missing.
    Logger.warn(`Platform simulator did not start: ${err instanceof Error ? err.message : String(err)}`, 'Rapport');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
