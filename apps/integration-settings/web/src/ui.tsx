import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

export type Notice = { kind: 'success' | 'error' | 'info'; text: string } | null;

/**
 * A status line read out by screen readers: always rendered (live regions must exist
 * before their text changes), polite for progress and success, assertive for errors.
 */
export function StatusLine({ notice, testId }: { notice: Notice; testId: string }) {
  return (
    <p
      className={`status-line${notice ? ` status-${notice.kind}` : ''}`}
      role={notice?.kind === 'error' ? 'alert' : 'status'}
      aria-live={notice?.kind === 'error' ? 'assertive' : 'polite'}
      data-testid={testId}
    >
      {notice?.text ?? ''}
    </p>
  );
}

/** A notice that clears itself after a while (success messages only). */
export function useNotice(): [Notice, (notice: Notice) => void] {
  const [notice, setNotice] = useState<Notice>(null);
  const timer = useRef<number | undefined>(undefined);
  const set = useCallback((next: Notice) => {
    window.clearTimeout(timer.current);
    setNotice(next);
    if (next?.kind === 'success') timer.current = window.setTimeout(() => setNotice(null), 6000);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return [notice, set];
}

export function Section(props: { id: string; title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const headingId = `${props.id}-title`;
  return (
    <section className="card" id={props.id} aria-labelledby={headingId} data-testid={`section-${props.id}`}>
      <header className="card-header">
        <div>
          <h2 id={headingId}>{props.title}</h2>
          {props.description ? <p className="muted">{props.description}</p> : null}
        </div>
        {props.actions ? <div className="card-actions">{props.actions}</div> : null}
      </header>
      {props.children}
    </section>
  );
}

/** An on/off switch: a native checkbox with role="switch", so Space toggles it. */
export function Switch(props: {
  id: string;
  label: string;
  description: ReactNode;
  checked: boolean;
  disabled?: boolean;
  busy?: boolean;
  testId: string;
  onChange: (checked: boolean) => void;
}) {
  const descriptionId = `${props.id}-description`;
  return (
    <div className="switch-row">
      <div className="switch-text">
        <label htmlFor={props.id} className="switch-label">
          {props.label}
        </label>
        <p id={descriptionId} className="muted">
          {props.description}
        </p>
      </div>
      <span className="switch">
        <input
          id={props.id}
          type="checkbox"
          role="switch"
          checked={props.checked}
          disabled={props.disabled}
          aria-busy={props.busy || undefined}
          aria-describedby={descriptionId}
          data-testid={props.testId}
          onChange={(event) => props.onChange(event.target.checked)}
        />
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-state" aria-hidden="true">
          {props.checked ? 'On' : 'Off'}
        </span>
      </span>
    </div>
  );
}

export function Badge({ tone, children, testId }: { tone: 'ok' | 'warn' | 'error' | 'neutral'; children: ReactNode; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp shown as "5 minutes ago", with the exact time on hover and for machines. */
export function Time({ value, never = 'never' }: { value: string | null | undefined; never?: string }) {
  if (!value) return <span className="muted">{never}</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{value}</span>;
  return (
    <time dateTime={date.toISOString()} title={absolute.format(date)}>
      {fromNow(date)}
    </time>
  );
}

function fromNow(date: Date): string {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 30) return relative.format(Math.round(seconds / 86400), 'day');
  return absolute.format(date);
}

export function Spinner({ label }: { label: string }) {
  return (
    <span className="spinner-wrap">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}
