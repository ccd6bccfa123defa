import { Controller, Get, Inject, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';

/** A named readiness check: resolves true when the dependency answers. */
export interface ReadinessCheck {
  name: string;
  isUp(): Promise<boolean>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.checks.map((check) => async () => {
        const session = this.indicator.check(check.name);
        const up = await check.isUp().catch(() => false);
        return up ? session.up() : session.down({ message: `${check.name} is not reachable` });
      }),
    );
  }
}

/** `/health/live` and `/health/ready`; ready only when every check passes. */
@Module({})
export class HealthModule {
  static forRoot(options: {
    inject: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
    useFactory: (...dependencies: never[]) => ReadinessCheck[];
  }) {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECKS, inject: options.inject, useFactory: options.useFactory }],
    };
  }
}
