import { DynamicModule, Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module';
import { settingsDatabase } from '../persistence';

/** What the CLI needs: the settings schema and the org services, no HTTP, no broker. */
@Module({})
export class CliModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return { module: CliModule, imports: [settingsDatabase(databaseUrl), OrgsModule] };
  }
}
