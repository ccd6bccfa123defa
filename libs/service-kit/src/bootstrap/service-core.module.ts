import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, ReadinessCheck } from '../health/health.module';
import { loggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';

type Token = string | symbol | (abstract new (...args: never[]) => unknown);

/** One dependency /health/ready asks about: a provider and how to ask it. */
export interface ReadinessProbe<T = never> {
  name: string;
  inject: Token;
  isUp: (dependency: T) => boolean | Promise<boolean>;
}

export interface ServiceCoreOptions {
  service: string;
  logLevel: string;
  /** Log every HTTP request (default true). */
  httpRequestLogs?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readiness: Array<ReadinessProbe<any>>;
}

/** What every service has: pino logs, /metrics, /health/live and /health/ready. */
@Module({})
export class ServiceCoreModule {
  static forRoot(options: ServiceCoreOptions): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        loggingModule(options.service, options.logLevel, options.httpRequestLogs ?? true),
        MetricsModule.forRoot(options.service),
        HealthModule.forRoot({
          inject: options.readiness.map((probe) => probe.inject),
          useFactory: (...dependencies: unknown[]): ReadinessCheck[] =>
            options.readiness.map((probe, index) => ({
              name: probe.name,
              isUp: async () => probe.isUp(dependencies[index] as never),
            })),
        }),
      ],
    };
  }
}
