/**
 * Worker 2 of bench:e2e-floor (ai-responder's part), bare amqplib + pg + a
 * node:http Front client. Consumes the reply-requests queue with manual ack.
 * Per request: reads the conversation from Front (the stale guard: reply
 * only if it is still assigned to the AI teammate and not archived), posts
 * the canned reply on the route ai-responder uses (POST
 * /conversations/:id/messages, as the AI teammate, not archiving, tagged
 * ai-handled), marks the claim done (or skipped), acks. No LLM, no
 * knowledge search, no reading of the messages: 0 ms of "thinking".
 *
 * Exactly once: the claim was committed by the session worker before the
 * request was published, so a first delivery replies straight away. A
 * redelivered or recovered request (its reply may be out already) takes
 * the claim's row lock, waits for a reply in flight to land, and looks in
 * the conversation for the AI's reply to the message before posting, as
 * ai-responder does with an unconfirmed intent.
 */
import type * as amqp from 'amqplib';
import type { Pool, PoolClient } from 'pg';
import { companyTagId, frontApi } from './floor-front-api';
import { answerReady, assertFloorTopology, connectWorker, exitOnError, RECOVERED_HEADER, REPLY_REQUESTS_QUEUE, type ReplyRequest } from './floor-topology';

const AI_TEAMMATE_ID = process.env.AI_TEAMMATE_ID ?? 'tea_ai';
const PREFETCH = Number(process.env.FLOOR_PREFETCH ?? 32);
const REPLY_IN_FLIGHT_GRACE_MS = 1_500;
const CANNED_REPLY = 'To reset your password, go to Settings → Security → Reset password.';

const MARK = `UPDATE floor_effects SET state = $2, front_ref = $3, updated_at = now() WHERE trigger_message_id = $1 AND kind = 'reply'`;
const LOCK_CLAIM = `SELECT state FROM floor_effects WHERE trigger_message_id = $1 AND kind = 'reply' FOR UPDATE`;

interface FrontConversation {
  status?: string;
  assignee?: { id?: string } | null;
}

interface FrontMessages {
  _results: { id: string; is_inbound: boolean; author?: { id?: string } | null }[];
}

async function main(): Promise<void> {
  const front = frontApi(process.env.FRONT_API_URL!, process.env.FRONT_TOKEN!);
  const tagId = await companyTagId(front, 'ai-handled');
  const { pool, connection } = await connectWorker();
  const channel = await connection.createChannel();
  await assertFloorTopology(channel);
  await channel.prefetch(PREFETCH);

  /** The stale guard, the reply, the mark: the whole fast path. */
  const answer = async ({ triggerMessageId, conversationId }: ReplyRequest, db: Pool | PoolClient): Promise<void> => {
    const path = `/conversations/${encodeURIComponent(conversationId)}`;
    const conversation = await front<FrontConversation>('GET', path);
    if (conversation.assignee?.id !== AI_TEAMMATE_ID || conversation.status === 'archived') {
      await db.query(MARK, [triggerMessageId, 'skipped', null]);
      return;
    }
    const accepted = await front<{ message_uid?: string }>('POST', `${path}/messages`, {
      body: `<p>${CANNED_REPLY}</p>`,
      text: CANNED_REPLY,
      author_id: AI_TEAMMATE_ID,
      options: { archive: false, tag_ids: [tagId] },
    });
    await db.query(MARK, [triggerMessageId, 'done', accepted.message_uid ?? null]);
  };

  /** A request that may have been answered already: one at a time per claim, and Front is asked first. */
  const answerOnce = async (request: ReplyRequest): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const claim = await client.query<{ state: string }>(LOCK_CLAIM, [request.triggerMessageId]);
      if (claim.rows[0]?.state === 'claimed') {
        await new Promise((resolve) => setTimeout(resolve, REPLY_IN_FLIGHT_GRACE_MS));
        const messages = await front<FrontMessages>('GET', `/conversations/${encodeURIComponent(request.conversationId)}/messages?limit=100&sort_order=desc`);
        const newer = messages._results.slice(0, Math.max(0, messages._results.findIndex((message) => message.id === request.triggerMessageId)));
        const ours = newer.find((message) => !message.is_inbound && message.author?.id === AI_TEAMMATE_ID);
        if (ours) await client.query(MARK, [request.triggerMessageId, 'done', ours.id]);
        else await answer(request, client);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  const handle = async (message: amqp.ConsumeMessage): Promise<void> => {
    const request = JSON.parse(message.content.toString('utf8')) as ReplyRequest;
    try {
      const mayBeAnswered = message.fields.redelivered || message.properties.headers?.[RECOVERED_HEADER] === true;
      await (mayBeAnswered ? answerOnce(request) : answer(request, pool));
      channel.ack(message);
    } catch (error) {
      // Redelivered later: the claim is still open, so the next attempt checks Front before replying.
      console.error(`reply to ${request.triggerMessageId}: ${(error as Error).message}`);
      setTimeout(() => channel.nack(message, false, true), 1_000);
    }
  };
  await channel.consume(REPLY_REQUESTS_QUEUE, (message) => void (message && handle(message)), { noAck: false });
  answerReady();
}

void main().catch(exitOnError('reply worker'));
