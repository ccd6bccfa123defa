import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, describeError, type FrontIntegration, type Teammate } from '../api';
import type { Save } from '../Dashboard';
import { useSession } from '../session';
import { Badge, Section, Spinner, StatusLine, useNotice } from '../ui';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; teammates: Teammate[] };

export function TeammateSection(props: { integration: FrontIntegration; save: Save }) {
  const { api, readOnly, handle } = useSession();
  const current = props.integration.aiTeammateId ?? '';
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [draft, setDraft] = useState(current);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice();

  const fetchTeammates = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      const { teammates } = await api.teammates();
      setLoad({ state: 'ready', teammates: sortTeammates(teammates ?? []) });
    } catch (error) {
      if (!handle(error)) setLoad({ state: 'error', message: describeError(error) });
    }
  }, [api, handle]);

  useEffect(() => {
    void fetchTeammates();
  }, [fetchTeammates]);

  useEffect(() => setDraft(current), [current]);

  const teammates = load.state === 'ready' ? load.teammates : [];
  const selected = teammates.find((teammate) => teammate.id === current);
  const draftTeammate = teammates.find((teammate) => teammate.id === draft);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || draft === current) return;
    setBusy(true);
    setNotice({ kind: 'info', text: 'Saving…' });
    const result = await props.save({ aiTeammateId: draft });
    setBusy(false);
    if (result.ok) {
      setNotice({ kind: 'success', text: `Saved. The AI now replies as ${draftTeammate?.name ?? draft}.` });
    } else if (!result.handled) {
      const error = result.error;
      const text =
        error instanceof ApiError && error.code === 'teammate_invalid'
          ? `Front does not accept this teammate: ${error.message}`
          : `Could not save the teammate. ${describeError(error)}`;
      setNotice({ kind: 'error', text });
      setDraft(current);
    } else {
      setNotice(null);
    }
  };

  return (
    <Section
      id="teammate"
      title="AI teammate"
      description="The Front teammate the AI replies as. Conversations assigned to this teammate are the ones it answers."
    >
      {load.state === 'loading' ? <Spinner label="Loading teammates from Front…" /> : null}
      {load.state === 'error' ? (
        <div className="error-box" role="alert">
          <strong>Could not load the teammates.</strong>
          <p>{load.message}</p>
          <button type="button" className="button" onClick={() => void fetchTeammates()}>
            Try again
          </button>
        </div>
      ) : null}
      {load.state === 'ready' ? (
        <form onSubmit={submit} className="inline-form">
          <div className="field grow">
            <label htmlFor="ai-teammate">Teammate the AI replies as</label>
            <select
              id="ai-teammate"
              value={draft}
              disabled={readOnly || busy}
              onChange={(event) => setDraft(event.target.value)}
              aria-describedby="ai-teammate-help"
              data-testid="teammate-select"
            >
              <option value="" disabled>
                Choose a teammate…
              </option>
              {teammates.map((teammate) => (
                <option
                  key={teammate.id}
                  value={teammate.id}
                  disabled={teammate.isBlocked}
                  data-blocked={teammate.isBlocked || undefined}
                >
                  {teammate.name} ({teammate.email})
                  {teammate.isBlocked ? ' — blocked' : teammate.isAvailable ? '' : ' — away'}
                </option>
              ))}
            </select>
            <p id="ai-teammate-help" className="help">
              Blocked teammates cannot be chosen. Tip: create a dedicated teammate such as “Ava AI” so customers and your team
              can tell its replies apart.
            </p>
          </div>
          <button
            type="submit"
            className="button button-primary"
            disabled={readOnly || busy || !draft || draft === current}
            data-testid="teammate-save"
          >
            {busy ? 'Saving…' : 'Save teammate'}
          </button>
        </form>
      ) : null}
      {load.state === 'ready' && current ? (
        <p className="current" data-testid="teammate-current">
          Replies as <strong>{selected?.name ?? current}</strong>
          {selected ? <span className="muted"> · {selected.email}</span> : null}{' '}
          {selected?.isBlocked ? <Badge tone="error">Blocked in Front: pick another teammate</Badge> : null}
          {!selected ? <Badge tone="warn">Not found in Front</Badge> : null}
        </p>
      ) : null}
      {load.state === 'ready' && !current ? (
        <p className="warn-text" data-testid="teammate-missing">
          No teammate chosen yet: the AI does not reply until you pick one.
        </p>
      ) : null}
      {load.state === 'ready' && teammates.length > 0 ? (
        <details className="teammate-list">
          <summary>All teammates ({teammates.length})</summary>
          <ul>
            {teammates.map((teammate) => (
              <li key={teammate.id} className={teammate.isBlocked ? 'is-blocked' : undefined} data-testid={`teammate-${teammate.id}`}>
                <span>{teammate.name}</span> <span className="muted">{teammate.email}</span>{' '}
                {teammate.isBlocked ? <Badge tone="error">Blocked</Badge> : null}
                {!teammate.isBlocked && !teammate.isAvailable ? <Badge tone="neutral">Away</Badge> : null}
                {teammate.id === current ? <Badge tone="ok">AI teammate</Badge> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <StatusLine notice={notice} testId="teammate-status" />
    </Section>
  );
}

/** Teammates who can be chosen first, each group by name. */
function sortTeammates(teammates: Teammate[]): Teammate[] {
  return [...teammates].sort(
    (a, b) => Number(a.isBlocked) - Number(b.isBlocked) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
  );
}
