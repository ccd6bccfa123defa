/** What an inbox did with one delivery. */
export interface InboxOutcome<T> {
  /** True when this consumer had already processed the message: the work was skipped. */
  duplicate: boolean;
  result?: T;
}

/** Runs a handler at most once per (consumer, messageId), with its effects in the same transaction. */
export interface InboxStore {
  runOnce<T>(consumer: string, messageId: string, work: () => Promise<T>): Promise<InboxOutcome<T>>;
}

/**
 * The inbox key of a message: its id within its organisation. Message ids come
 * from outside (a Front event id is the messageId of its `front.*` event), and
 * two organisations connected to the same Front company receive the same ids:
 * each must be processed once per organisation, not once in all.
 */
export function inboxKeyOf(orgId: string | undefined, messageId: string): string {
  return orgId ? `${orgId}:${messageId}` : messageId;
}

/** The inbox's consumer: one handler (its pattern) of one service. */
export function inboxConsumerOf(serviceName: string, pattern: string): string {
  return `${serviceName}:${pattern}`;
}

/** For services without a database (webhook-ingress): every delivery runs; handlers must be idempotent themselves. */
export class NoInbox implements InboxStore {
  async runOnce<T>(_consumer: string, _messageId: string, work: () => Promise<T>): Promise<InboxOutcome<T>> {
    return { duplicate: false, result: await work() };
  }
}
