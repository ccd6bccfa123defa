import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command, InvalidArgumentError } from 'commander';
import { ensureDatabaseExists, loadConfig, runService } from '@front-agent/service-kit';
import { ROLES, Role } from '../auth/api-key.entity';
import { OrganizationService } from '../orgs/organization.service';
import { SettingsConfig } from '../config';
import { CliModule } from './cli.module';
import { registerKeyRotation } from './rotate-keys.command';

/** `npm run cli -- <command>`: administration from the shell. */
async function main(): Promise<void> {
  const config = loadConfig(SettingsConfig);
  const program = new Command('front-agent').description('front-agent administration');
  const context = async () => {
    await ensureDatabaseExists(config.DATABASE_URL);
    return NestFactory.createApplicationContext(CliModule.forRoot(config.DATABASE_URL), { logger: ['error'] });
  };

  program
    .command('org:create')
    .description('create an organisation and print its id and first admin key')
    .requiredOption('--name <name>', 'organisation name')
    .action(async ({ name }: { name: string }) => {
      const app = await context();
      const { orgId, adminKey } = await app.get(OrganizationService).createOrganization(name);
      await app.close();
      console.log(`org id:    ${orgId}\nadmin key: ${adminKey}\n(the key is shown only now; keep it safe)`);
      console.log(JSON.stringify({ orgId, adminKey }));
    });

  program
    .command('key:create')
    .description('add an API key to an organisation')
    .requiredOption('--org <orgId>', 'organisation id')
    .option('--role <role>', 'admin or member', parseRole, 'member' as Role)
    .action(async ({ org, role }: { org: string; role: Role }) => {
      const app = await context();
      const { id, key } = await app.get(OrganizationService).createKey(org, role);
      await app.close();
      console.log(`key id: ${id}\n${role} key: ${key}\n(the key is shown only now; keep it safe)`);
      console.log(JSON.stringify({ keyId: id, key, role }));
    });

  registerKeyRotation(program, context, config);
  await program.parseAsync(process.argv);
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

void runService('cli', main);
