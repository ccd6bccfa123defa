import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Api, ApiError, describeError, type FrontIntegration } from './api';
import { ConnectForm } from './ConnectForm';
import { Dashboard } from './Dashboard';
import { SessionContext, storedKey, type Session } from './session';
import { SignIn } from './SignIn';
import { Badge, Spinner } from './ui';

type View =
  | { kind: 'signed-out'; message?: string }
  | { kind: 'loading' }
  | { kind: 'not-connected'; message?: string }
  | { kind: 'connected'; integration: FrontIntegration }
  | { kind: 'error'; message: string };

const KEY_REJECTED = 'That API key was not accepted: it is unknown, mistyped or revoked. Check it and sign in again.';

export function App() {
  const [apiKey, setApiKey] = useState<string | null>(() => storedKey.get());
  const [readOnly, setReadOnly] = useState<boolean>(() => storedKey.getReadOnly());
  const [view, setView] = useState<View>(() => (apiKey ? { kind: 'loading' } : { kind: 'signed-out' }));
  const api = useMemo(() => (apiKey ? new Api(apiKey) : null), [apiKey]);
  const mainRef = useRef<HTMLElement>(null);

  const signOut = useCallback((message?: string) => {
    storedKey.clear();
    setApiKey(null);
    setReadOnly(false);
    setView({ kind: 'signed-out', message });
  }, []);

  const handle = useCallback(
    (error: unknown): boolean => {
      if (!(error instanceof ApiError)) return false;
      if (error.isUnauthenticated) {
        signOut(KEY_REJECTED);
        return true;
      }
      if (error.isNotConnected) {
        setView({ kind: 'not-connected', message: 'Front is no longer connected for this organisation.' });
        return true;
      }
      if (error.isAdminRequired) {
        storedKey.setReadOnly();
        setReadOnly(true);
      }
      return false;
    },
    [signOut],
  );

  const load = useCallback(async (client: Api) => {
    setView({ kind: 'loading' });
    try {
      setView({ kind: 'connected', integration: await client.getIntegration() });
    } catch (error) {
      if (error instanceof ApiError && error.isNotConnected) setView({ kind: 'not-connected' });
      else if (error instanceof ApiError && error.isUnauthenticated) signOut(KEY_REJECTED);
      else setView({ kind: 'error', message: describeError(error) });
    }
  }, [signOut]);

  // A key kept from earlier in this browser session: load straight away.
  useEffect(() => {
    const key = storedKey.get();
    if (key) void load(new Api(key));
  }, [load]);

  // Move focus to the new content when the page changes state, for keyboard and screen reader users.
  const previousKind = useRef(view.kind);
  useEffect(() => {
    if (previousKind.current !== view.kind && view.kind !== 'loading') mainRef.current?.focus();
    previousKind.current = view.kind;
  }, [view.kind]);

  const signIn = async (key: string): Promise<string | null> => {
    const client = new Api(key);
    try {
      const integration = await client.getIntegration();
      storedKey.set(key);
      setApiKey(key);
      setView({ kind: 'connected', integration });
      return null;
    } catch (error) {
      if (error instanceof ApiError && error.isNotConnected) {
        storedKey.set(key);
        setApiKey(key);
        setView({ kind: 'not-connected' });
        return null;
      }
      if (error instanceof ApiError && error.isUnauthenticated) return KEY_REJECTED;
      return describeError(error);
    }
  };

  const session: Session | null = useMemo(() => (api ? { api, readOnly, handle } : null), [api, readOnly, handle]);
  const connected = view.kind === 'connected';

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand" aria-label="front-agent">
            <span className="brand-mark" aria-hidden="true">
              F
            </span>
            front-agent
          </span>
          {apiKey ? (
            <div className="topbar-session">
              {readOnly ? (
                <Badge tone="neutral" testId="role-badge">
                  Member · read-only
                </Badge>
              ) : null}
              <button type="button" className="button button-ghost" data-testid="sign-out" onClick={() => signOut()}>
                Sign out
              </button>
            </div>
          ) : null}
        </div>
      </header>

      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>Settings</li>
            <li>Ticketing System</li>
            <li aria-current="page">Front</li>
          </ol>
        </nav>
        <div className="page-title">
          <div>
            <h1>Front</h1>
            <p className="muted">
              An AI teammate in your Front inbox: it answers customers from your knowledge base and hands off to a human when it
              should.
            </p>
          </div>
          {view.kind === 'connected' || view.kind === 'not-connected' ? (
            <Badge tone={connected ? 'ok' : 'neutral'} testId="connection-badge">
              {connected ? 'Connected' : 'Not connected'}
            </Badge>
          ) : null}
        </div>

        {readOnly && session ? (
          <div className="note" role="note" data-testid="read-only-note">
            <strong>Read-only.</strong> You are signed in with a member key: you can see these settings, but only an admin key
            can change them.
          </div>
        ) : null}

        {view.kind === 'signed-out' ? <SignIn message={view.message} onSignIn={signIn} /> : null}
        {view.kind === 'loading' ? (
          <div className="card" aria-busy="true">
            <Spinner label="Loading the Front integration…" />
          </div>
        ) : null}
        {view.kind === 'error' ? (
          <div className="card" role="alert" data-testid="load-error">
            <h2>Could not load the integration</h2>
            <p>{view.message}</p>
            <button type="button" className="button" onClick={() => api && void load(api)}>
              Try again
            </button>
          </div>
        ) : null}
        {session ? (
          <SessionContext.Provider value={session}>
            {view.kind === 'not-connected' ? (
              <ConnectForm
                message={view.message}
                onConnected={(integration) => setView({ kind: 'connected', integration })}
              />
            ) : null}
            {view.kind === 'connected' ? (
              <Dashboard
                integration={view.integration}
                onChange={(integration) => setView({ kind: 'connected', integration })}
                onDisconnected={() =>
                  setView({ kind: 'not-connected', message: 'Front was disconnected. The AI has stopped replying.' })
                }
              />
            ) : null}
          </SessionContext.Provider>
        ) : null}
      </main>
    </div>
  );
}
