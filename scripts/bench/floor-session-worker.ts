/**
 * Worker 1 of bench:e2e-floor (conversation-sync's part), bare amqplib + pg.
 * Consumes the events queue with manual ack. An inbound customer message in
 * a conversation assigned to the AI teammate gets, in one statement (one
 * transaction, one round trip), its inbox row and the claim "reply to this
 * message"; then a reply request is published to the reply-requests queue
 * and confirmed, and only then the event is acked. Anything else is acked
 * and dropped, and so is a duplicate webhook (its inbox row exists).
 *
 * After a crash between the commit and the confirm, the event comes back
 * redelivered: if its claim is still open the request is published again,
 * marked recovered, so the reply worker checks Front before replying.
 */
import type * as amqp from 'amqplib';
import {
  answerReady,
  assertFloorTopology,
  connectWorker,
  EVENTS_QUEUE,
  exitOnError,
  RECOVERED_HEADER,
  REPLY_REQUESTS_QUEUE,
  type ReplyRequest,
} from './floor-topology';

const AI_TEAMMATE_ID = process.env.AI_TEAMMATE_ID ?? 'tea_ai';
const PREFETCH = Number(process.env.FLOOR_PREFETCH ?? 32);

const INBOX_AND_CLAIM = `
  WITH inbox AS (
    INSERT INTO floor_inbox (message_id, conversation_id) VALUES ($1, $2)
    ON CONFLICT DO NOTHING RETURNING message_id
  )
  INSERT INTO floor_effects (trigger_message_id, kind, conversation_id)
  SELECT message_id, 'reply', $2 FROM inbox
  ON CONFLICT DO NOTHING RETURNING trigger_message_id`;

const CLAIM_STILL_OPEN = `SELECT 1 FROM floor_effects WHERE trigger_message_id = $1 AND kind = 'reply' AND state = 'claimed'`;

/** What confirm-floor-server.ts publishes: the event's payload as Front sent it. */
interface PublishedEvent {
  raw?: {
    type?: string;
    conversation?: { id?: string; assignee?: { id?: string } | null };
    target?: { _meta?: { type?: string }; data?: { id?: string; is_inbound?: boolean } };
  };
}

/** The reply to request, or undefined when the event asks for none. */
function replyRequestFor(event: PublishedEvent): ReplyRequest | undefined {
  const payload = event.raw;
  const message = payload?.target?._meta?.type === 'message' ? payload.target.data : undefined;
  if (payload?.type !== 'inbound' || !message?.is_inbound || !message.id || !payload.conversation?.id) return undefined;
  if (payload.conversation.assignee?.id !== AI_TEAMMATE_ID) return undefined;
  return { triggerMessageId: message.id, conversationId: payload.conversation.id };
}

async function main(): Promise<void> {
  const { pool, connection } = await connectWorker();
  const channel = await connection.createConfirmChannel();
  await assertFloorTopology(channel);
  await channel.prefetch(PREFETCH);

  const requestReply = (request: ReplyRequest, recovered: boolean) =>
    new Promise<void>((resolve, reject) => {
      const headers = recovered ? { [RECOVERED_HEADER]: true } : undefined;
      channel.publish('', REPLY_REQUESTS_QUEUE, Buffer.from(JSON.stringify(request)), { persistent: true, headers }, (error) =>
        error ? reject(error as Error) : resolve(),
      );
    });

  const handle = async (message: amqp.ConsumeMessage): Promise<void> => {
    try {
      const request = replyRequestFor(JSON.parse(message.content.toString('utf8')) as PublishedEvent);
      if (request) {
        const claimed = await pool.query(INBOX_AND_CLAIM, [request.triggerMessageId, request.conversationId]);
        if (claimed.rowCount === 1) await requestReply(request, false);
        else if (message.fields.redelivered && (await pool.query(CLAIM_STILL_OPEN, [request.triggerMessageId])).rowCount === 1) {
          await requestReply(request, true);
        }
      }
      channel.ack(message);
    } catch (error) {
      console.error(`event ${message.properties.messageId}: ${(error as Error).message}`);
      setTimeout(() => channel.nack(message, false, true), 1_000);
    }
  };
  await channel.consume(EVENTS_QUEUE, (message) => void (message && handle(message)), { noAck: false });
  answerReady();
}

void main().catch(exitOnError('session worker'));
