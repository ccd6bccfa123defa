export * from './messaging-errors';
export {
  DEFAULT_CONFIRM_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_PREFETCH,
  DEFAULT_RETRY_DELAYS_MS,
  type BrokerOptions,
} from './messaging-options';
export { BrokerConnection, type BrokerConnectionOptions } from './connection/broker-connection';
export { RPC_EXCHANGE, REDELIVERY_LIMIT, serviceQueues, type ServiceQueues } from './topology/topology';
export { HEADER } from './publishing/message-headers';
export { MessagePublisher, type MessagePublisherOptions } from './publishing/message-publisher';
export { AmqpTransport, type AmqpTransportOptions, type AmqpTransportStatus } from './consuming/amqp-transport';
export { AmqpContext } from './consuming/amqp-context';
export { AmqpErrorPassthroughFilter } from './consuming/amqp-error-passthrough.filter';
export type { DeadLetter, EventHandlerExtras } from './consuming/event-delivery-processor';
export { type InboxOutcome, type InboxStore, inboxConsumerOf, inboxKeyOf, NoInbox } from './inbox/inbox-store';
export { InboxRecorder } from './inbox/inbox-recorder';
export { TypeOrmInbox } from './inbox/typeorm-inbox';
export { TransactionScope, transactionScope } from './inbox/transaction-scope';
export { type OutboxInsert, type OutboxMessage, OutboxWriter } from './outbox/outbox-writer';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
export { RpcClient, type RpcRequestOptions } from './rpc/rpc-client';
export type { RpcReply } from './rpc/rpc-reply';
export { createMessagingTablesMigration, messagingTablesDown, messagingTablesUp } from './schema/messaging-tables';
export {
  INBOX_STORE,
  MESSAGING_OPTIONS,
  MessagingModule,
  type ConsumerOptions,
  type MessagingAsyncOptions,
  type MessagingOptions,
} from './nest/messaging.module';
export { BrokerHealth, brokerReadiness, type BrokerConnected } from './nest/broker-health';
export { connectAmqpTransport } from './nest/connect-amqp-transport';
export { reportDeadLetters } from './nest/dead-letter-reporter';
export { DeferDeliveryError, MAX_DEFERRALS } from './consuming/defer-delivery';
