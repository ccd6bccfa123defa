import 'reflect-metadata';
import { connectAmqpTransport } from '@front-agent/messaging';
import { createServiceApp, ensureDatabaseExists, listenServiceApp, loadConfig, runService } from '@front-agent/service-kit';
import { ResponderAppModule } from './app.module';
import { ResponderConfig, RESPONDER_PORT } from './config';

void runService('ai-responder', async () => {
  const config = loadConfig(ResponderConfig);
  await ensureDatabaseExists(config.DATABASE_URL);
  const app = await createServiceApp(ResponderAppModule.forRoot(config), { configure: (nest) => void connectAmqpTransport(nest) });
  await listenServiceApp(app, config.PORT ?? RESPONDER_PORT);
});
