import 'reflect-metadata';
import { connectAmqpTransport } from '@front-agent/messaging';
import { createServiceApp, ensureDatabaseExists, listenServiceApp, loadConfig, runService } from '@front-agent/service-kit';
import { SettingsAppModule } from './app.module';
import { SETTINGS_PORT, SettingsConfig } from './config';
import { serveDashboardAndDocs } from './dashboard/serve-dashboard';

void runService('integration-settings', async () => {
  const config = loadConfig(SettingsConfig);
  await ensureDatabaseExists(config.DATABASE_URL);
  const app = await createServiceApp(SettingsAppModule.forRoot(config), {
    configure: async (nest) => {
      connectAmqpTransport(nest);
      await serveDashboardAndDocs(nest);
    },
  });
  await listenServiceApp(app, config.PORT ?? SETTINGS_PORT);
});
