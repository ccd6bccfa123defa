import type { INestApplication, INestMicroservice } from '@nestjs/common';
import type { NestMicroservice } from '@nestjs/microservices';
import { AmqpErrorPassthroughFilter } from '../consuming/amqp-error-passthrough.filter';
import { AmqpTransport, type AmqpTransportOptions } from '../consuming/amqp-transport';
import type { InboxStore } from '../inbox/inbox-store';
import { BrokerHealth } from './broker-health';
import { INBOX_STORE, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.module';
import { MessagePublisher } from '../publishing/message-publisher';
import { reportDeadLetters } from './dead-letter-reporter';

/**
 * Attaches the AMQP consumer to a Nest application, configured from
 * MessagingModule (inbox included) plus `overrides`. Call before
 * `app.startAllMicroservices()`. Dead letters are announced as
 * `deadletter.recorded` unless `overrides.onDeadLetter` says otherwise.
 */
export function connectAmqpTransport(
  app: INestApplication,
  overrides: Partial<AmqpTransportOptions> = {},
): { transport: AmqpTransport; microservice: INestMicroservice } {
  const { consumer, outboxRelay: _relay, ...broker } = app.get<MessagingOptions>(MESSAGING_OPTIONS);
  const inbox = app.get<InboxStore>(INBOX_STORE);
  const onDeadLetter = reportDeadLetters(app.get(MessagePublisher));
  const transport = new AmqpTransport({ ...broker, onDeadLetter, ...consumer, inbox, ...overrides });
  app.get(BrokerHealth).watch(transport);
  // Deferred, so the filter is in place before the handlers are wrapped.
  const microservice = app.connectMicroservice({ strategy: transport }, { deferInitialization: true });
  microservice.useGlobalFilters(new AmqpErrorPassthroughFilter());
  // The application runs the lifecycle hooks; the deferred microservice must not run them again.
  (microservice as unknown as NestMicroservice).setIsInitHookCalled(true);
  return { transport, microservice };
}
