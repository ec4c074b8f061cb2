import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { loadConfig } from './config/env.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { http } = await createApp(config);
  if (http) {
    await http.listen(config.PORT);
    Logger.log(`Rapport is serving on http://localhost:${config.PORT} (role ${config.ROLE})`, 'Rapport');
  } else {
    Logger.log('Rapport worker is running', 'Rapport');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
