import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError, describeError, type IntegrationStatus } from '../api';
import { useSession } from '../session';
import { Badge, Section, Spinner, StatusLine, Time, useNotice } from '../ui';
import { SyncState } from './KnowledgeSection';
import { DeadLettersPanel, ReplyLatencyPanel } from './ReliabilityPanels';
import { Panel, Row } from './StatusPanel';
import { humanize, summarize } from './Summary';

type Load = { state: 'loading' } | { state: 'unavailable' } | { state: 'error'; message: string } | { state: 'ready'; status: IntegrationStatus };

const REFRESH_MS = 30_000;

export function TroubleshootingSection() {
  const { api, handle } = useSession();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [checking, setChecking] = useState(false);
  const [notice, setNotice] = useNotice();

  const refresh = useCallback(
    async (check = false) => {
      try {
        const status = await api.status(check);
        setLoad({ state: 'ready', status: status ?? {} });
        return status;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && !error.isNotConnected) setLoad({ state: 'unavailable' });
        else if (!handle(error)) setLoad({ state: 'error', message: describeError(error) });
        throw error;
      }
    },
    [api, handle],
  );

  // Load now, then every 30 s while the tab is visible, so a test message shows up without reloading.
  useEffect(() => {
    void refresh().catch(() => undefined);
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void refresh().catch(() => undefined);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const recheck = async () => {
    setChecking(true);
    setNotice({ kind: 'info', text: 'Checking the token with Front…' });
    try {
      const status = await refresh(true);
      const credentials = status?.credentials;
      if (credentials?.ok === false) {
        setNotice({
          kind: 'error',
          text: `Front refused the token${credentials.lastValidationResult ? ` (${credentials.lastValidationResult})` : ''}. Disconnect and connect again with a new token.`,
        });
      } else setNotice({ kind: 'success', text: 'Credentials checked: Front accepted the token.' });
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated) setNotice(null);
      else if (error instanceof ApiError && error.status === 404 && !error.isNotConnected)
        setNotice({ kind: 'info', text: 'Re-checking is not available yet on this server.' });
      else setNotice({ kind: 'error', text: `Could not check. ${describeError(error)}` });
    } finally {
      setChecking(false);
    }
  };

  return (
    <Section
      id="troubleshooting"
      title="Troubleshooting"
      description="What front-agent has seen lately. Refreshes on its own every 30 seconds."
      actions={
        <>
          <button type="button" className="button button-ghost" onClick={() => void refresh().catch(() => undefined)} data-testid="status-refresh">
            Refresh
          </button>
          <button type="button" className="button" onClick={() => void recheck()} disabled={checking} data-testid="recheck-credentials">
            {checking ? 'Checking…' : 'Re-check credentials'}
          </button>
        </>
      }
    >
      <StatusLine notice={notice} testId="troubleshooting-status" />
      {load.state === 'loading' ? <Spinner label="Loading the status…" /> : null}
      {load.state === 'unavailable' ? <p className="muted">The status is not available yet on this server.</p> : null}
      {load.state === 'error' ? (
        <div className="error-box" role="alert">
          <strong>Could not load the status.</strong>
          <p>{load.message}</p>
        </div>
      ) : null}
      {load.state === 'ready' ? <StatusPanels status={load.status} /> : null}
    </Section>
  );
}

function StatusPanels({ status }: { status: IntegrationStatus }) {
  const { credentials, webhook, ai, knowledge } = status;
  const warnings: ReactNode[] = [];
  if (credentials?.ok === false)
    warnings.push(
      <>
        <strong>Front refuses the token.</strong> The AI cannot read or reply. Disconnect, then connect with a new API token.
      </>,
    );
  if (webhook?.noWebhookYet)
    warnings.push(
      <>
        <strong>No webhook received yet.</strong> Add the webhook URL above in Front, with the events listed, then send a test
        message.
      </>,
    );
  if (webhook?.unsignedWarning)
    warnings.push(
      <>
        <strong>Webhooks arrive without a signing secret set.</strong> Paste the matching signing secret above so front-agent can
        check that events come from Front.
      </>,
    );
  if (webhook?.signatureFailuresLast24h)
    warnings.push(
      <>
        <strong>
          {webhook.signatureFailuresLast24h} webhook{webhook.signatureFailuresLast24h === 1 ? '' : 's'} failed the signature check
          in the last 24 hours.
        </strong>{' '}
        The secret saved here does not match Front’s: paste it again.
      </>,
    );
  if (ai?.deadLetters)
    warnings.push(
      <>
        <strong>
          {ai.deadLetters} event{ai.deadLetters === 1 ? '' : 's'} could not be processed
        </strong>{' '}
        after retries and wait for a replay.
      </>,
    );

  return (
    <div className="status" data-testid="status-panel">
      {warnings.length > 0 ? (
        <ul className="warnings" data-testid="status-warnings">
          {warnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      ) : null}
      <div className="status-grid">
        {credentials ? (
          <Panel title="Credentials" testId="status-credentials">
            <Row label="Token">
              {credentials.ok === undefined ? (
                <span className="muted">unknown</span>
              ) : (
                <Badge tone={credentials.ok ? 'ok' : 'error'}>{credentials.ok ? 'Accepted by Front' : 'Refused by Front'}</Badge>
              )}
            </Row>
            <Row label="Last checked">
              <Time value={credentials.lastValidatedAt} />
            </Row>
            {credentials.lastValidationResult ? <Row label="Result">{credentials.lastValidationResult}</Row> : null}
          </Panel>
        ) : null}
        {webhook ? (
          <Panel title="Webhook" testId="status-webhook">
            <Row label="Last event">
              <Time value={webhook.lastEventAt} never={webhook.noWebhookYet ? 'none yet' : 'never'} />
            </Row>
            {webhook.countLast24h !== undefined ? <Row label="Events (24 h)">{webhook.countLast24h}</Row> : null}
            {webhook.signatureFailuresLast24h !== undefined ? (
              <Row label="Signature failures (24 h)">
                <span className={webhook.signatureFailuresLast24h ? 'error-text' : undefined}>{webhook.signatureFailuresLast24h}</span>
              </Row>
            ) : null}
            {webhook.lastSignatureFailureAt ? (
              <Row label="Last signature failure">
                <Time value={webhook.lastSignatureFailureAt} />
              </Row>
            ) : null}
            {webhook.lastEventByType && Object.keys(webhook.lastEventByType).length > 0 ? (
              <Row label="By type">
                <ul className="plain">
                  {Object.entries(webhook.lastEventByType).map(([type, at]) => (
                    <li key={type}>
                      <code>{type}</code> <Time value={at} />
                    </li>
                  ))}
                </ul>
              </Row>
            ) : null}
          </Panel>
        ) : null}
        {ai ? (
          <Panel title="AI" testId="status-ai">
            {ai.responder ? (
              <Row label="Responder">
                {ai.responder === 'llm' ? 'Language model' : ai.responder === 'embedded' ? 'Built-in (knowledge only)' : ai.responder}
                {ai.model ? (
                  <>
                    {' '}
                    · <code>{ai.model}</code>
                  </>
                ) : null}
              </Row>
            ) : null}
            {notAppliedGuidance(ai).length > 0 ? (
              <Row label="Guidance not applied">
                <span className="muted">Without a language model the AI cannot follow:</span>
                <ul data-testid="guidance-not-applied">
                  {notAppliedGuidance(ai).map((entry) => (
                    <li key={entry}>{entry}</li>
                  ))}
                </ul>
              </Row>
            ) : null}
            {ai.repliesLast24h !== undefined ? <Row label="Replies (24 h)">{ai.repliesLast24h}</Row> : null}
            {ai.handoffsLast24h !== undefined ? <Row label="Handoffs (24 h)">{ai.handoffsLast24h}</Row> : null}
            {ai.deadLetters !== undefined ? <Row label="Dead letters">{ai.deadLetters}</Row> : null}
            {ai.lastErrors && ai.lastErrors.length > 0 ? (
              <Row label="Last errors">
                <ul className="plain errors">
                  {ai.lastErrors.slice(0, 5).map((error, index) => (
                    <li key={index}>
                      <ErrorItem error={error} />
                    </li>
                  ))}
                </ul>
              </Row>
            ) : null}
          </Panel>
        ) : null}
        <ReplyLatencyPanel sessions={status.sessions} />
        {ai ? <DeadLettersPanel byQueue={ai.deadLettersByQueue ?? {}} /> : null}
        {knowledge ? (
          <Panel title="Knowledge" testId="status-knowledge">
            <Row label="Sync">
              <SyncState state={knowledge.state} />
            </Row>
            <Row label="Last run">
              <Time value={knowledge.lastRunAt} />
            </Row>
            {knowledge.lastResult !== undefined && knowledge.lastResult !== null ? (
              <Row label="Result">{summarize(knowledge.lastResult)}</Row>
            ) : null}
          </Panel>
        ) : null}
      </div>
      {!credentials && !webhook && !ai && !knowledge ? <p className="muted">Nothing to report yet.</p> : null}
    </div>
  );
}

function ErrorItem({ error }: { error: unknown }) {
  if (error && typeof error === 'object') {
    const { at, occurredAt, code, message, ...rest } = error as Record<string, unknown>;
    const when = typeof at === 'string' ? at : typeof occurredAt === 'string' ? occurredAt : undefined;
    const extra = Object.entries(rest)
      .map(([k, v]) => `${humanize(k)}: ${summarize(v, 1)}`)
      .join(' · ');
    return (
      <>
        {when ? <Time value={when} /> : null} {typeof code === 'string' ? <code>{code}</code> : null}{' '}
        {typeof message === 'string' ? message : null}
        {extra ? <span className="muted"> {extra}</span> : null}
      </>
    );
  }
  return <>{summarize(error)}</>;
}

/** Guidance entries the built-in responder cannot apply (greeting, sign-off and forbidden phrases it can). */
function notAppliedGuidance(ai: object): string[] {
  const entries = (ai as { guidanceNotApplied?: unknown }).guidanceNotApplied;
  return Array.isArray(entries) ? entries.filter((entry): entry is string => typeof entry === 'string') : [];
}
