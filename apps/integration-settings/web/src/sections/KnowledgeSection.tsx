import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeError, type KnowledgeView, type SyncInfo } from '../api';
import { useSession } from '../session';
import { Badge, Section, Spinner, StatusLine, Time, useNotice } from '../ui';
import { Summary } from './Summary';

type Load =
  | { state: 'loading' }
  | { state: 'unavailable' }
  | { state: 'error'; message: string }
  | { state: 'ready'; view: KnowledgeView };

const RUNNING = new Set(['queued', 'pending', 'running', 'syncing', 'in_progress', 'started']);
const POLL_MS = 3000;

/** A route this server does not have yet answers 404 with a code other than not_connected. */
function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 501) && !error.isNotConnected;
}

export function KnowledgeSection() {
  const { api, readOnly, handle } = useSession();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice();
  const poll = useRef<number | undefined>(undefined);

  const refresh = useCallback(
    async (quiet = false) => {
      if (!quiet) setLoad({ state: 'loading' });
      try {
        const view = await api.knowledge();
        setLoad({ state: 'ready', view: view ?? {} });
        return view;
      } catch (error) {
        if (isMissingRoute(error)) setLoad({ state: 'unavailable' });
        else if (!handle(error)) setLoad({ state: 'error', message: describeError(error) });
        return undefined;
      }
    },
    [api, handle],
  );

  useEffect(() => {
    void refresh();
    return () => window.clearTimeout(poll.current);
  }, [refresh]);

  // While a sync runs, look again every few seconds.
  const syncState = load.state === 'ready' ? load.view.sync?.state : undefined;
  useEffect(() => {
    window.clearTimeout(poll.current);
    if (syncState && RUNNING.has(syncState)) poll.current = window.setTimeout(() => void refresh(true), POLL_MS);
  }, [syncState, load, refresh]);

  const sync = async () => {
    setBusy(true);
    setNotice({ kind: 'info', text: 'Starting a sync…' });
    try {
      await api.syncKnowledge();
      setNotice({ kind: 'success', text: 'Sync started. Articles appear below as they are imported from Front.' });
      window.setTimeout(() => void refresh(true), 800);
    } catch (error) {
      if (isMissingRoute(error)) setNotice({ kind: 'info', text: 'Knowledge sync is not available yet on this server.' });
      else if (!handle(error)) setNotice({ kind: 'error', text: `Could not start a sync. ${describeError(error)}` });
      else setNotice(null);
    } finally {
      setBusy(false);
    }
  };

  const running = Boolean(syncState && RUNNING.has(syncState));

  return (
    <Section
      id="knowledge"
      title="Knowledge"
      description="The AI answers only from your Front knowledge bases. They sync on their own; sync now after a big change."
      actions={
        <button
          type="button"
          className="button"
          onClick={() => void sync()}
          disabled={readOnly || busy || running || load.state === 'unavailable'}
          data-testid="knowledge-sync"
        >
          {busy || running ? 'Syncing…' : 'Sync knowledge now'}
        </button>
      }
    >
      <StatusLine notice={notice} testId="knowledge-status" />
      {load.state === 'loading' ? <Spinner label="Loading knowledge bases…" /> : null}
      {load.state === 'unavailable' ? (
        <p className="muted" data-testid="knowledge-unavailable">
          Knowledge sync is not available yet on this server.
        </p>
      ) : null}
      {load.state === 'error' ? (
        <div className="error-box" role="alert">
          <strong>Could not load the knowledge bases.</strong>
          <p>{load.message}</p>
          <button type="button" className="button" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      ) : null}
      {load.state === 'ready' ? <KnowledgeList view={load.view} /> : null}
    </Section>
  );
}

function KnowledgeList({ view }: { view: KnowledgeView }) {
  const bases = view.knowledgeBases ?? [];
  return (
    <>
      {view.sync ? <SyncLine sync={view.sync} /> : null}
      {bases.length === 0 ? (
        <p className="muted" data-testid="knowledge-empty">
          No knowledge bases yet. Create one in Front (Knowledge Base), then sync.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="knowledge-table">
            <caption className="visually-hidden">Knowledge bases</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Language</th>
                <th scope="col" className="num">
                  Articles
                </th>
                <th scope="col">Used by the AI</th>
              </tr>
            </thead>
            <tbody>
              {bases.map((base) => (
                <tr key={base.id}>
                  <th scope="row">{base.name}</th>
                  <td>{base.type ?? '—'}</td>
                  <td>{base.locale ?? '—'}</td>
                  <td className="num">{base.articleCount ?? '—'}</td>
                  <td>{base.selected === false ? <Badge tone="neutral">No</Badge> : <Badge tone="ok">Yes</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function SyncLine({ sync }: { sync: SyncInfo }) {
  const progress = progressOf(sync.progress);
  return (
    <div className="sync-line" data-testid="knowledge-sync-state">
      <span>
        Sync: <SyncState state={sync.state} />
      </span>
      <span>
        Last run <Time value={sync.lastRunAt} />
      </span>
      {sync.lastResult !== undefined && sync.lastResult !== null ? (
        <span>
          Result: <Summary value={sync.lastResult} />
        </span>
      ) : null}
      {progress ? (
        <span className="progress-wrap">
          <progress max={progress.total} value={progress.done} aria-label="Sync progress" /> {progress.done}/{progress.total}
        </span>
      ) : null}
    </div>
  );
}

export function SyncState({ state }: { state: string | undefined }) {
  if (!state) return <span className="muted">unknown</span>;
  const tone = RUNNING.has(state) ? 'neutral' : /fail|error/i.test(state) ? 'error' : /ok|idle|done|success|complete/i.test(state) ? 'ok' : 'neutral';
  return <Badge tone={tone}>{state.replace(/_/g, ' ')}</Badge>;
}

function progressOf(progress: unknown): { done: number; total: number } | null {
  if (!progress || typeof progress !== 'object') return null;
  const p = progress as Record<string, unknown>;
  const done = [p.done, p.processed, p.completed].find((v) => typeof v === 'number') as number | undefined;
  const total = p.total;
  return typeof done === 'number' && typeof total === 'number' && total > 0 ? { done, total } : null;
}
