import { useState, type FormEvent } from 'react';
import { ApiError, describeError, type FrontIntegration } from './api';
import { useSession } from './session';
import { StatusLine } from './ui';

/** What each connect failure means and what the admin can do about it. */
const CONNECT_ERRORS: Record<string, { title: string; advice: string }> = {
  token_invalid: {
    title: 'Front rejected this token',
    advice:
      'The token is wrong or was revoked. Create a new API token in Front (Settings → Developers → API tokens) and paste it here.',
  },
  api_access_missing: {
    title: 'This Front company has no API access',
    advice: "Front's API is not available on the company's plan, or for this token. Check the plan in Front, then try again.",
  },
  token_scope_missing: {
    title: 'The token is missing a permission',
    advice:
      'front-agent needs a token that can read and write shared resources (conversations, messages, teammates, knowledge bases). Create a token with those scopes and try again.',
  },
  front_unreachable: {
    title: 'Front did not answer',
    advice: 'Try again in a minute. If it keeps happening, check that this server can reach the Front API.',
  },
};

type Failure = { code: string; title: string; advice: string; detail?: string };

export function ConnectForm(props: { message?: string; onConnected: (integration: FrontIntegration) => void }) {
  const { api, readOnly, handle } = useSession();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const apiToken = token.trim();
    if (!apiToken) {
      setFailure({ code: 'empty', title: 'Paste a Front API token first', advice: '' });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const integration = await api.connect(apiToken);
      setToken('');
      props.onConnected(integration);
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated) {
        handle(error); // signs out with the reason
        return;
      }
      if (error instanceof ApiError && error.isAdminRequired) handle(error); // the page turns read-only
      if (error instanceof ApiError && CONNECT_ERRORS[error.code]) {
        setFailure({ code: error.code, ...CONNECT_ERRORS[error.code], detail: error.message });
      } else if (error instanceof ApiError && error.isAdminRequired) {
        setFailure({ code: error.code, title: 'Only an admin can connect Front', advice: 'Sign in with an admin API key.' });
      } else {
        setFailure({
          code: error instanceof ApiError ? error.code : 'unknown',
          title: 'Could not connect',
          advice: describeError(error),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card card-narrow" aria-labelledby="connect-title" data-testid="connect-form">
      <h2 id="connect-title">Connect Front</h2>
      {props.message ? (
        <p className="note" role="status">
          {props.message}
        </p>
      ) : null}
      <ol className="steps">
        <li>
          In Front, open <strong>Settings → Developers → API tokens</strong> and create a token for front-agent.
        </li>
        <li>Paste it below. front-agent checks it with Front straight away and keeps it encrypted.</li>
        <li>Then pick the teammate the AI replies as, and point Front's webhooks at the URL shown next.</li>
      </ol>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="front-api-token">Front API token</label>
          <input
            id="front-api-token"
            name="front-api-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            disabled={readOnly}
            onChange={(event) => setToken(event.target.value)}
            aria-invalid={failure ? true : undefined}
            aria-describedby="connect-status"
            data-testid="front-token-input"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || readOnly} data-testid="connect-submit">
            {busy ? 'Checking the token with Front…' : 'Connect'}
          </button>
        </div>
        {readOnly ? (
          <p className="help" data-testid="connect-read-only">
            Only an admin can connect Front.
          </p>
        ) : null}
        <div id="connect-status" role="alert" aria-live="assertive">
          {failure ? (
            <div className="error-box" data-testid="connect-error" data-code={failure.code}>
              <strong>{failure.title}</strong>
              {failure.advice ? <p>{failure.advice}</p> : null}
              {failure.detail && failure.detail !== failure.advice ? <p className="detail">Details: {failure.detail}</p> : null}
            </div>
          ) : null}
        </div>
        <StatusLine notice={busy ? { kind: 'info', text: 'Checking the token with Front…' } : null} testId="connect-progress" />
      </form>
    </section>
  );
}
