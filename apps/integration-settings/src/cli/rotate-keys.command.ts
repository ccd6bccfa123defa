import { INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { SecretBox } from '@front-agent/service-kit';
import type { SealedSecret } from '@front-agent/contracts';
import { SettingsConfig } from '../config';
import { FrontIntegrationEntity } from '../integration/front-integration.entity';

const SEALED_COLUMNS = ['apiToken', 'webhookSecret', 'ruleWebhookSecret'] as const;

/**
 * `keys:rotate`: re-encrypts every stored secret under the current
 * ENCRYPTION_KEY (older keys stay readable through ENCRYPTION_OLD_KEYS).
 */
export function registerKeyRotation(
  program: Command,
  context: () => Promise<INestApplicationContext>,
  config: SettingsConfig,
): void {
  program
    .command('keys:rotate')
    .description('re-encrypt every stored secret under the current ENCRYPTION_KEY / ENCRYPTION_KEY_VERSION')
    .action(async () => {
      const app = await context();
      const box = SecretBox.fromEnv(config);
      const resealed = await app.get(DataSource).transaction(async (manager) => {
        const integrations = await manager.find(FrontIntegrationEntity, { lock: { mode: 'pessimistic_write' } });
        let count = 0;
        for (const integration of integrations) {
          const changes: Partial<Record<(typeof SEALED_COLUMNS)[number], SealedSecret>> = {};
          for (const column of SEALED_COLUMNS) {
            const sealed = integration[column];
            const fresh = sealed ? box.reseal(sealed) : undefined;
            if (fresh) changes[column] = fresh;
          }
          if (Object.keys(changes).length > 0) {
            await manager.update(FrontIntegrationEntity, { id: integration.id }, changes);
            count += Object.keys(changes).length;
          }
        }
        return count;
      });
      await app.close();
      console.log(`re-encrypted ${resealed} secret(s) under key version ${box.currentVersion}`);
    });
}
