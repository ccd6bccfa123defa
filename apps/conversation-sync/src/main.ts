import 'reflect-metadata';
import { connectAmqpTransport } from '@front-agent/messaging';
import { createServiceApp, ensureDatabaseExists, listenServiceApp, loadConfig, runService } from '@front-agent/service-kit';
import { SyncAppModule } from './app.module';
import { SyncConfig, SYNC_PORT } from './config';

void runService('conversation-sync', async () => {
  const config = loadConfig(SyncConfig);
  await ensureDatabaseExists(config.DATABASE_URL);
  const app = await createServiceApp(SyncAppModule.forRoot(config), { configure: (nest) => void connectAmqpTransport(nest) });
  await listenServiceApp(app, config.PORT ?? SYNC_PORT);
});
