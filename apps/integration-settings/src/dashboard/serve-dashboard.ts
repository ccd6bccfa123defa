import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * Where the built dashboard is: DASHBOARD_DIR, else beside the code (images
 * copy it there), else where `npm run build:web` writes it in the source tree.
 */
export function dashboardDirectory(): string {
  if (process.env.DASHBOARD_DIR) return process.env.DASHBOARD_DIR;
  const candidates = [resolve(__dirname, '../../web/dist'), resolve(process.cwd(), 'apps/integration-settings/web/dist')];
  return candidates.find((candidate) => existsSync(join(candidate, 'index.html'))) ?? candidates[0];
}

/** Serves the dashboard page at `/` and the OpenAPI document at `/docs`. */
export async function serveDashboardAndDocs(app: NestFastifyApplication): Promise<void> {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('front-agent integration-settings')
      .setDescription('Connect Front, pick the AI teammate, controls, status, sessions and audit.')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  const root = dashboardDirectory();
  if (existsSync(join(root, 'index.html'))) {
    await app.register(fastifyStatic as never, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  } else {
    app.getHttpAdapter().get('/', (_request, reply) => {
      void (reply as { type(t: string): { send(b: string): void } })
        .type('text/html')
        .send('<!doctype html><title>front-agent</title><p>The dashboard is not built yet: run <code>npm run build:web</code>.</p>');
    });
  }
}
