import 'reflect-metadata';
import { connectAmqpTransport } from '@front-agent/messaging';
import { createServiceApp, listenServiceApp, loadConfig, runService } from '@front-agent/service-kit';
import { IngressAppModule } from './app.module';
import { INGRESS_PORT, IngressConfig, WEBHOOK_BODY_LIMIT_BYTES } from './config';
import { registerWebhookRoute } from './webhooks/webhook.route';

void runService('webhook-ingress', async () => {
  const config = loadConfig(IngressConfig);
  const app = await createServiceApp(IngressAppModule.forRoot(config), {
    bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
    configure: (nest) => {
      connectAmqpTransport(nest);
      registerWebhookRoute(nest, WEBHOOK_BODY_LIMIT_BYTES);
    },
  });
  await listenServiceApp(app, config.PORT ?? INGRESS_PORT);
});
