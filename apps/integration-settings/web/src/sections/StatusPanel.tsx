import type { ReactNode } from 'react';

/** One box of the troubleshooting grid: a title over label/value rows, and anything wider below them. */
export function Panel({ title, testId, children, below }: { title: string; testId: string; children: ReactNode; below?: ReactNode }) {
  return (
    <div className="panel" data-testid={testId}>
      <h3>{title}</h3>
      <dl>{children}</dl>
      {below}
    </div>
  );
}

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
