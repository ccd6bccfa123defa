import { useEffect, useState } from 'react';
import { describeError, type DeadLetter, type IntegrationStatus } from '../api';
import { useSession } from '../session';
import { Badge, Spinner, Time } from '../ui';
import { Panel, Row } from './StatusPanel';

/** Webhook received → reply accepted by Front, p50 and p95 of the AI's replies in the last 24 hours. */
export function ReplyLatencyPanel({ sessions }: { sessions: IntegrationStatus['sessions'] }) {
  const latency = sessions?.replyLatencyLast24h;
  const p50 = latency?.p50Ms ?? null;
  const p95 = latency?.p95Ms ?? null;
  const measured = latency !== undefined && latency.replies > 0 && p50 !== null && p95 !== null;
  return (
    <Panel title="Latency" testId="status-latency">
      <Row label="Reply latency (24 h)">
        <span data-testid="reply-latency">
          {measured ? (
            `p50 ${milliseconds(p50)} · p95 ${milliseconds(p95)}`
          ) : (
            <span className="muted">{!latency ? 'Not available right now' : 'No AI replies in the last 24 hours'}</span>
          )}
        </span>
      </Row>
      {measured ? <Row label="Replies measured">{latency.replies}</Row> : null}
      <Row label="Measured">
        <span className="muted">from the webhook reaching front-agent to Front accepting the reply</span>
      </Row>
    </Panel>
  );
}

/** Messages a service gave up on after its retries, by queue; each queue's latest can be listed. */
export function DeadLettersPanel({ byQueue }: { byQueue: Record<string, number> }) {
  const [open, setOpen] = useState<string | null>(null);
  const queues = Object.entries(byQueue).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <Panel title="Dead letters" testId="status-dead-letters" below={open ? <DeadLetterList queue={open} /> : null}>
      {queues.length === 0 ? (
        <Row label="Queues">
          <span className="muted" data-testid="dead-letters-none">
            None: every event was processed
          </span>
        </Row>
      ) : (
        queues.map(([queue, count]) => (
          <Row key={queue} label={queue}>
            <span className="dead-letter-count" data-testid="dead-letter-queue" data-queue={queue}>
              <Badge tone="error">{count}</Badge>
              <button
                type="button"
                className="button button-ghost button-small"
                aria-expanded={open === queue}
                aria-label={`${open === queue ? 'Hide' : 'Show'} dead letters of ${queue}`}
                onClick={() => setOpen(open === queue ? null : queue)}
              >
                {open === queue ? 'Hide' : 'Show'}
              </button>
            </span>
          </Row>
        ))
      )}
    </Panel>
  );
}

type ListLoad = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; deadLetters: DeadLetter[] };

/** The queue's latest dead letters (GET /v1/dead-letters), newest first; the message bodies stay on the server. */
function DeadLetterList({ queue }: { queue: string }) {
  const { api, handle } = useSession();
  const [load, setLoad] = useState<ListLoad>({ state: 'loading' });

  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    api.deadLetters(queue).then(
      ({ deadLetters }) => current && setLoad({ state: 'ready', deadLetters }),
      (error: unknown) => {
        if (current && !handle(error)) setLoad({ state: 'error', message: describeError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [api, handle, queue]);

  if (load.state === 'loading') return <Spinner label="Loading dead letters…" />;
  if (load.state === 'error') return <p className="error-text">{load.message}</p>;
  return (
    <ul className="plain errors dead-letter-list" data-testid="dead-letter-list" aria-label={`Dead letters of ${queue}`}>
      {load.deadLetters.map((letter) => (
        <li key={letter.id}>
          <Time value={letter.recordedAt} /> <code>{letter.routingKey}</code> {letter.error}{' '}
          <span className="muted">
            ({letter.attempts} attempt{letter.attempts === 1 ? '' : 's'}
            {letter.replayedAt ? ', replayed' : ''})
          </span>
        </li>
      ))}
    </ul>
  );
}

function milliseconds(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}
