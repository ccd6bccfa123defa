import { useState, type FormEvent } from 'react';
import { StatusLine } from './ui';

export function SignIn(props: { message?: string; onSignIn: (key: string) => Promise<string | null> }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(props.message ?? null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError('Paste an API key first.');
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await props.onSignIn(trimmed);
    setBusy(false);
    if (failure) setError(failure);
  };

  return (
    <section className="card card-narrow" aria-labelledby="sign-in-title" data-testid="sign-in">
      <h2 id="sign-in-title">Sign in</h2>
      <p className="muted">
        Paste a front-agent API key. An admin key can change these settings; a member key can only read them. The key is kept
        in this browser tab only, until you sign out or close it.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            name="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={key}
            onChange={(event) => setKey(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby="api-key-help sign-in-status"
            data-testid="api-key-input"
            required
          />
          <p id="api-key-help" className="help">
            Admins create keys with <code>npm run cli -- key:create --org &lt;org id&gt;</code>.
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="sign-in-submit">
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
        <div id="sign-in-status">
          <StatusLine notice={error ? { kind: 'error', text: error } : null} testId="sign-in-error" />
        </div>
      </form>
    </section>
  );
}
