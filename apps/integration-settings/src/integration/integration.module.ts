import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgsModule } from '../orgs/orgs.module';
import { SettingsRpcHandler } from '../rpc/settings-rpc.handler';
import { SettingsRpcService } from '../rpc/settings-rpc.service';
import { FrontConnectionService } from './front-connection.service';
import { FrontIntegrationController } from './front-integration.controller';
import { FrontIntegrationEntity } from './front-integration.entity';
import { FrontIntegrationRepository } from './front-integration.repository';
import { IntegrationEvents } from './integration-events';
import { IntegrationUpdateService } from './integration-update.service';
import { IntegrationService } from './integration.service';
import { TeammateDirectory } from './teammate-directory.service';

/** The Front connection: connect, settings, disconnect, teammates, and the RPCs about it. */
@Module({
  imports: [TypeOrmModule.forFeature([FrontIntegrationEntity]), OrgsModule],
  controllers: [FrontIntegrationController, SettingsRpcHandler],
  providers: [
    FrontIntegrationRepository,
    FrontConnectionService,
    IntegrationEvents,
    IntegrationService,
    IntegrationUpdateService,
    TeammateDirectory,
    SettingsRpcService,
  ],
  exports: [IntegrationService, FrontIntegrationRepository],
})
export class IntegrationModule {}
