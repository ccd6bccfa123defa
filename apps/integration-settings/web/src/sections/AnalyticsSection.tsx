import { useEffect, useState } from 'react';
import { describeError, type Analytics } from '../api';
import { useSession } from '../session';
import { Section, Spinner, StatusLine, useNotice } from '../ui';

const DAY_MS = 86_400_000;

/** Outcome analytics of the last 30 days, with hand-drawn bar charts (definitions: docs/outcomes.md). */
export function AnalyticsSection() {
  const { api, handle } = useSession();
  const [analytics, setAnalytics] = useState<Analytics | null>(null);
  const [notice, setNotice] = useNotice();

  useEffect(() => {
    const to = new Date();
    const from = new Date(to.getTime() - 30 * DAY_MS);
    api.analytics(from.toISOString(), to.toISOString()).then(setAnalytics, (error: unknown) => {
      if (!handle(error)) setNotice({ kind: 'error', text: describeError(error) });
    });
  }, [api, handle, setNotice]);

  return (
    <Section id="analytics" title="Outcomes (last 30 days)" description="A resolution counts only when the AI answered last and the conversation stayed archived for the reopen window.">
      <StatusLine notice={notice} testId="analytics-notice" />
      {!analytics ? (
        <Spinner label="Loading analytics" />
      ) : (
        <div data-testid="analytics">
          <dl className="figures">
            <Figure label="Conversations seen" value={String(analytics.conversationsSeen)} />
            <Figure label="AI involvement" value={percent(analytics.involvementRate)} />
            <Figure label="AI resolution rate" value={percent(analytics.aiResolutionRate)} testId="resolution-rate" />
            <Figure label="Human takeovers" value={String(analytics.humanTakeovers)} />
            <Figure label="First AI reply (median / p90)" value={`${seconds(analytics.timeToFirstAiReplySeconds.median)} / ${seconds(analytics.timeToFirstAiReplySeconds.p90)}`} />
          </dl>
          <BarChart title="Outcomes" data={analytics.outcomes} />
          <BarChart title="Handoffs by reason" data={analytics.handoffsByReason} />
          <BarChart title="Silent, by rule" data={analytics.silentByRule} />
          <BarChart title="AI replies by channel" data={analytics.repliesByChannel} />
          <BarChart title="AI replies by language" data={analytics.repliesByLanguage} />
          {analytics.copilotDrafts ? <CopilotDraftsChart drafts={analytics.copilotDrafts} /> : null}
          <p>
            <a href="#analytics" onClick={(event) => (event.preventDefault(), void downloadCsv(api))}>
              Export sessions as CSV
            </a>
          </p>
        </div>
      )}
    </Section>
  );
}

async function downloadCsv(api: ReturnType<typeof useSession>['api']): Promise<void> {
  const to = new Date();
  const csv = await api.sessionsCsv(new Date(to.getTime() - 30 * DAY_MS).toISOString(), to.toISOString());
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  link.download = 'sessions.csv';
  link.click();
  URL.revokeObjectURL(link.href);
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** What teammates did with the AI's copilot drafts; shown once there are any. */
function CopilotDraftsChart({ drafts }: { drafts: NonNullable<Analytics['copilotDrafts']> }) {
  if (drafts.sentUnchanged + drafts.sentEdited + drafts.discarded === 0) return null;
  return (
    <>
      <BarChart title="Copilot drafts" data={{ 'sent unchanged': drafts.sentUnchanged, 'sent edited': drafts.sentEdited, discarded: drafts.discarded }} />
      {drafts.medianEditRatio !== null ? (
        <p className="muted" data-testid="copilot-median-edit">
          Edited drafts: a median of {percent(drafts.medianEditRatio)} of the characters changed.
        </p>
      ) : null}
    </>
  );
}

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 220;
const CHART_WIDTH = 560;

/** A horizontal bar chart in plain SVG: one bar per key, labelled with its count. */
function BarChart({ title, data }: { title: string; data: Record<string, number> }) {
  const rows = Object.entries(data).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...rows.map(([, count]) => count));
  const height = Math.max(1, rows.length) * BAR_HEIGHT + 4;
  return (
    <figure className="chart" data-testid="chart">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <svg role="img" aria-label={`${title}: ${rows.map(([key, count]) => `${key} ${count}`).join(', ')}`} width={CHART_WIDTH} height={height} viewBox={`0 0 ${CHART_WIDTH} ${height}`}>
          {rows.map(([key, count], i) => {
            const width = ((CHART_WIDTH - LABEL_WIDTH - 50) * count) / max;
            const y = i * BAR_HEIGHT + 2;
            return (
              <g key={key}>
                <text x={LABEL_WIDTH - 6} y={y + 15} textAnchor="end" fontSize="12">
                  {key.length > 32 ? `${key.slice(0, 31)}…` : key}
                </text>
                <rect x={LABEL_WIDTH} y={y} width={Math.max(1, width)} height={BAR_HEIGHT - 6} fill="#3b6fd8" rx="2" />
                <text x={LABEL_WIDTH + width + 6} y={y + 15} fontSize="12">
                  {count}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

function percent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 1000) / 10}%`;
}

function seconds(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 10) / 10} s`;
}
