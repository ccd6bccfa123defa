import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CustomStrategy } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ConfigError } from '../config/load-config';

export interface ServiceAppOptions {
  /** Body limit in bytes for the HTTP server (default 1 MiB). */
  bodyLimit?: number;
  /** Broker transports to attach (consumers, RPC servers). */
  transports?: CustomStrategy[];
  /** Last chance to register routes on the raw Fastify instance before listening. */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/** Builds a Nest app on Fastify with pino logs, shutdown hooks and its broker transports. */
export async function createServiceApp(module: Type<unknown> | DynamicModule, options: ServiceAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: true,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) =>
      firstHeader(request.headers['x-correlation-id']) ?? randomUUID(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  for (const transport of options.transports ?? []) app.connectMicroservice(transport, { inheritAppConfig: true });
  await options.configure?.(app);
  return app;
}

/** Starts the transports, then listens; returns the bound port. */
export async function listenServiceApp(app: INestApplication, port: number): Promise<number> {
  await app.startAllMicroservices();
  await app.listen(port, '0.0.0.0');
  const address = app.getHttpServer().address();
  return typeof address === 'object' && address ? address.port : port;
}

/**
 * Entry point of a service process: a bad config stops it with one line
 * naming the variable (never its value) and exit code 1.
 */
export async function runService(name: string, start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: configuration error: ${error.message}\n`);
    } else if (typeof (error as { code?: unknown }).code === 'string' && error instanceof Error) {
      process.stderr.write(`${name}: ${error.message}\n`);
    } else {
      process.stderr.write(`${name}: failed to start: ${(error as Error).stack ?? String(error)}\n`);
    }
    process.exit(1);
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.length <= 200 ? first : undefined;
}
