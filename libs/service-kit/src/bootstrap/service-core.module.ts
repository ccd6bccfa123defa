import { DynamicModule, Module, Type } from '@nestjs/common';
import { HealthModule, ReadinessCheck } from '../health/health.module';
import { loggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';

export interface ServiceCoreOptions {
  service: string;
  logLevel: string;
  /** Providers implementing ReadinessCheck (database, broker, …) that /health/ready asks. */
  readiness: Array<Type<ReadinessCheck> | string | symbol>;
}

/** What every service has: pino logs, /metrics, /health/live and /health/ready. */
@Module({})
export class ServiceCoreModule {
  static forRoot(options: ServiceCoreOptions): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        loggingModule(options.service, options.logLevel),
        MetricsModule.forRoot(options.service),
        HealthModule.forRoot({
          inject: options.readiness,
          useFactory: (...checks: ReadinessCheck[]) => checks,
        }),
      ],
    };
  }
}
