import { useState, type FormEvent } from 'react';
import { describeError, type SessionDetail, type SessionSummary, type TimelineEntry } from '../api';
import { useSession } from '../session';
import { Badge, Section, StatusLine, useNotice } from '../ui';

/** "Why did the AI say that, or stay silent?": find a conversation, read its whole timeline. */
export function WhySection() {
  const { api, handle } = useSession();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SessionSummary[] | null>(null);
  const [detail, setDetail] = useState<SessionDetail | null>(null);
  const [notice, setNotice] = useNotice();

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (!query.trim()) return;
    setDetail(null);
    try {
      const { sessions } = await api.findSessions(query.trim());
      setResults(sessions);
      setNotice(sessions.length ? null : { kind: 'info', text: 'No conversation matches.' });
      if (sessions.length === 1) await open(sessions[0].id);
    } catch (error) {
      if (!handle(error)) setNotice({ kind: 'error', text: describeError(error) });
    }
  };

  const open = async (id: string) => {
    try {
      setDetail(await api.session(id));
    } catch (error) {
      if (!handle(error)) setNotice({ kind: 'error', text: describeError(error) });
    }
  };

  return (
    <Section id="why" title="Why?" description="Find a conversation by its Front id (cnv_…), the customer's handle or words of a message, and see every event, decision and AI step.">
      <form className="inline-form" onSubmit={search} role="search">
        <label htmlFor="why-query">Find a conversation</label>
        <input id="why-query" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="cnv_…, customer@example.com or words" />
        <button type="submit">Find</button>
      </form>
      <StatusLine notice={notice} testId="why-notice" />
      {results && results.length > 1 && (
        <ul className="plain-list" data-testid="why-results">
          {results.map((session) => (
            <li key={session.id}>
              <button type="button" className="link" onClick={() => void open(session.id)}>
                {session.conversationId}
              </button>{' '}
              {session.channel} · {session.outcome ?? session.status}
            </li>
          ))}
        </ul>
      )}
      {detail && <SessionTimeline detail={detail} />}
    </Section>
  );
}

function SessionTimeline({ detail }: { detail: SessionDetail }) {
  const { session } = detail;
  return (
    <div data-testid="why-timeline">
      <p>
        <strong>{session.conversationId}</strong> · {session.channel ?? 'unknown channel'} · status {session.status} · outcome{' '}
        <Badge tone={session.outcome === 'ai_resolved' ? 'ok' : 'neutral'} testId="why-outcome">
          {session.outcome ?? 'in_progress'}
          {session.outcomeReason ? `: ${session.outcomeReason}` : ''}
        </Badge>
      </p>
      <ol className="timeline">
        {detail.timeline.map((entry, index) => (
          <li key={index} className={`timeline-${entry.kind}`}>
            <time dateTime={entry.at}>{new Date(entry.at).toLocaleTimeString()}</time> <Badge tone="neutral">{entry.kind}</Badge> {entry.summary}
            {entry.kind === 'decision' && typeof entry.details.rule === 'string' && <span className="muted"> (rule: {entry.details.rule})</span>}
            {entry.kind === 'ai' && <AiSteps entry={entry} />}
          </li>
        ))}
      </ol>
    </div>
  );
}

type Trail = {
  responder?: string;
  model?: string;
  guidanceVersion?: unknown;
  retrieved?: Array<{ title?: string; score?: number }>;
  checks?: Array<{ name?: string; passed?: boolean }>;
  steps?: Array<{ name?: string; ms?: number }>;
  frontCalls?: Array<{ call?: string; status?: unknown }>;
};

function AiSteps({ entry }: { entry: TimelineEntry }) {
  const trail = (entry.details.trail ?? {}) as Trail;
  return (
    <ul className="ai-steps" data-testid="why-ai-steps">
      <li>
        responder {trail.responder ?? 'unknown'}
        {trail.model ? ` (${trail.model})` : ''}
        {trail.guidanceVersion !== undefined ? ` · guidance v${String(trail.guidanceVersion)}` : ''}
        {typeof entry.details.latencyMs === 'number' ? ` · ${entry.details.latencyMs} ms` : ''}
      </li>
      {trail.retrieved?.map((article, i) => (
        <li key={`a${i}`}>
          article “{article.title}” score {article.score?.toFixed(2)}
        </li>
      ))}
      {trail.checks?.map((check, i) => (
        <li key={`c${i}`}>
          check {check.name}: {check.passed ? 'passed' : 'failed'}
        </li>
      ))}
      {trail.steps?.map((step, i) => (
        <li key={`s${i}`}>
          step {step.name}: {step.ms} ms
        </li>
      ))}
      {trail.frontCalls?.map((call, i) => (
        <li key={`f${i}`}>
          Front {call.call} → {String(call.status)}
        </li>
      ))}
    </ul>
  );
}
