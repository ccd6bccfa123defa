import { type DynamicModule, type FactoryProvider, type ModuleMetadata, Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BrokerConnection } from '../connection/broker-connection';
import type { AmqpTransportOptions } from '../consuming/amqp-transport';
import { NoInbox } from '../inbox/inbox-store';
import { TypeOrmInbox } from '../inbox/typeorm-inbox';
import { TransactionScope, transactionScope } from '../inbox/transaction-scope';
import { assertServiceName, type BrokerOptions } from '../messaging-options';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { InboxRecorder } from '../inbox/inbox-recorder';
import { MessagePublisher } from '../publishing/message-publisher';
import { RpcClient } from '../rpc/rpc-client';
import { assertSchemaName } from '../schema/messaging-tables';
import { BrokerHealth } from './broker-health';

/** Injection token of the resolved MessagingOptions. */
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** Injection token of the service's InboxStore: TypeOrmInbox with a schema, else NoInbox. */
export const INBOX_STORE = Symbol('INBOX_STORE');

/** Consumer settings connectAmqpTransport() hands to the AmqpTransport. */
export type ConsumerOptions = Omit<AmqpTransportOptions, keyof BrokerOptions | 'inbox'>;

export interface MessagingOptions extends BrokerOptions {
  consumer?: ConsumerOptions;
  outboxRelay?: OutboxRelayOptions;
}

export interface MessagingAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /**
   * The service's own database schema (a constant of the service, not
   * configuration). With it come the inbox, OutboxWriter and OutboxRelay,
   * on the application's default TypeORM DataSource.
   */
  schema?: string;
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => MessagingOptions | Promise<MessagingOptions>;
}

/**
 * Global module: MessagePublisher, RpcClient, BrokerHealth, TransactionScope,
 * and with a schema the inbox and the outbox. Consumers are attached in
 * main.ts with connectAmqpTransport(app).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions & { schema?: string }): DynamicModule {
    const { schema, ...rest } = options;
    return this.forRootAsync({ schema, useFactory: () => rest });
  }

  static forRootAsync(options: MessagingAsyncOptions): DynamicModule {
    const { schema } = options;
    if (schema) assertSchemaName(schema);
    const providers: Provider[] = [
      {
        provide: MESSAGING_OPTIONS,
        inject: options.inject ?? [],
        useFactory: async (...args: never[]) => {
          const resolved = await options.useFactory(...args);
          assertServiceName(resolved.serviceName);
          return resolved;
        },
      },
      {
        provide: BrokerConnection,
        inject: [MESSAGING_OPTIONS],
        useFactory: (messaging: MessagingOptions) =>
          new BrokerConnection({
            url: messaging.url,
            connectionName: `${messaging.serviceName}:publisher`,
            reconnectDelayMs: messaging.reconnectDelayMs,
            heartbeatSeconds: messaging.heartbeatSeconds,
          }),
      },
      {
        provide: MessagePublisher,
        inject: [BrokerConnection, MESSAGING_OPTIONS],
        useFactory: (connection: BrokerConnection, messaging: MessagingOptions) =>
          new MessagePublisher(connection, { confirmTimeoutMs: messaging.confirmTimeoutMs }),
      },
      { provide: RpcClient, inject: [BrokerConnection], useFactory: (c: BrokerConnection) => new RpcClient(c) },
      { provide: BrokerHealth, inject: [BrokerConnection], useFactory: (c: BrokerConnection) => new BrokerHealth(c) },
      { provide: TransactionScope, useValue: transactionScope },
      ...(schema ? databaseProviders(schema) : [{ provide: INBOX_STORE, useValue: new NoInbox() }]),
    ];
    return {
      module: MessagingModule,
      global: true,
      imports: options.imports ?? [],
      providers,
      exports: providers.map((provider) => ('provide' in provider ? provider.provide : provider)),
    };
  }
}

function databaseProviders(schema: string): Provider[] {
  return [
    { provide: INBOX_STORE, inject: [DataSource], useFactory: (db: DataSource) => new TypeOrmInbox(db, schema) },
    {
      provide: InboxRecorder,
      inject: [MESSAGING_OPTIONS],
      useFactory: (messaging: MessagingOptions) => new InboxRecorder(schema, messaging.serviceName),
    },
    {
      provide: OutboxRelay,
      inject: [DataSource, MessagePublisher, MESSAGING_OPTIONS],
      useFactory: (db: DataSource, publisher: MessagePublisher, messaging: MessagingOptions) =>
        new OutboxRelay(db, schema, publisher, messaging.outboxRelay),
    },
    {
      provide: OutboxWriter,
      inject: [OutboxRelay],
      useFactory: (relay: OutboxRelay) => new OutboxWriter(schema, (messages) => relay.publishCommitted(messages)),
    },
  ];
}
