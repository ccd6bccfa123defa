// eslint-disable-next-line @nx/enforce-module-boundaries -- integration specs use the shared test infrastructure
import { createTestDatabase, type TestDatabase } from '@front-agent/testing';
import { migrate, queryDatabase } from '../testing/messaging-test-kit';
import { InboxRecorder } from './inbox-recorder';
import { inboxConsumerOf, inboxKeyOf } from './inbox-store';

const SCHEMA = 'recorder_svc';

describe('InboxRecorder: the inbox row in the handler\'s own statement', () => {
  let database: TestDatabase;
  const recorder = new InboxRecorder(SCHEMA, 'recorder-svc');

  beforeAll(async () => {
    database = await createTestDatabase('inbox_recorder');
    await migrate(database.url, SCHEMA, [`CREATE TABLE ${SCHEMA}.counter (name text PRIMARY KEY, n int NOT NULL)`]);
  });

  afterAll(async () => {
    await database?.drop();
  });

  const countOnce = (message: { orgId?: string; messageId: string }) => {
    const processed = recorder.processedFor('ai.*', message, 1);
    return queryDatabase(
      database.url,
      `WITH ${processed.cte} INSERT INTO ${SCHEMA}.counter (name, n) SELECT 'answers', 1 WHERE EXISTS (SELECT 1 FROM processed)
       ON CONFLICT (name) DO UPDATE SET n = ${SCHEMA}.counter.n + 1`,
      processed.values,
    );
  };

  it('applies the effect once per message and organisation, keyed as the transport\'s inbox keys it', async () => {
    await countOnce({ orgId: 'org_1', messageId: 'msg_1' });
    await countOnce({ orgId: 'org_1', messageId: 'msg_1' });
    await Promise.all([countOnce({ orgId: 'org_2', messageId: 'msg_1' }), countOnce({ orgId: 'org_2', messageId: 'msg_1' })]);

    expect(await queryDatabase(database.url, `SELECT n FROM ${SCHEMA}.counter`)).toEqual([{ n: 2 }]);
    const rows = await queryDatabase<{ consumer: string; message_id: string }>(database.url, `SELECT consumer, message_id FROM ${SCHEMA}.processed_messages ORDER BY message_id`);
    expect(rows).toEqual([
      { consumer: inboxConsumerOf('recorder-svc', 'ai.*'), message_id: inboxKeyOf('org_1', 'msg_1') },
      { consumer: inboxConsumerOf('recorder-svc', 'ai.*'), message_id: inboxKeyOf('org_2', 'msg_1') },
    ]);
  });
});
