import * as amqp from 'amqplib';
import { Client } from 'pg';
import { createTestBroker, createTestDatabase } from '../index';

describe('test infrastructure', () => {
  it('hands each test file its own empty database', async () => {
    const database = await createTestDatabase('infra');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('select current_database() as name');
    await client.end();
    await database.drop();
    expect(rows[0].name).toBe(database.name);
  });

  it('hands each test file its own broker vhost', async () => {
    const broker = await createTestBroker('infra');
    const connection = await amqp.connect(broker.url);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await connection.close();
    await broker.drop();
    expect(queue).toMatch(/^amq\.gen-/);
  });
});
