import type { IntegrationChangedV1 } from '@front-agent/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { transactionScope } from '../inbox/transaction-scope';

/** Table the EffectWriter writes to, one row per handled message. */
export function effectsTableSql(schema: string): string {
  return `CREATE TABLE ${schema}.effects (message_id text NOT NULL, org_id text NOT NULL)`;
}

/** How many times this process ran the handler. */
export const effectWriterCalls: string[] = [];

/** A handler whose only effect is one row, written in the inbox's transaction. */
@Controller()
export class EffectWriter {
  static schema = 'crash_svc';

  @EventPattern('integration.updated')
  async writeEffect(@Payload() message: IntegrationChangedV1): Promise<void> {
    const manager = transactionScope.manager();
    if (!manager) throw new Error('handler ran outside the inbox transaction');
    await manager.query(`INSERT INTO ${EffectWriter.schema}.effects (message_id, org_id) VALUES ($1, $2)`, [
      message.messageId,
      message.orgId,
    ]);
    effectWriterCalls.push(message.messageId);
  }
}
