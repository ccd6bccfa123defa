import { useEffect, useRef, useState } from 'react';
import { ApiError, describeError, type FrontIntegration } from '../api';
import { useSession } from '../session';
import { Section, StatusLine, Time, useNotice } from '../ui';

export function ConnectionSection(props: { integration: FrontIntegration; onDisconnected: () => void }) {
  const { api, readOnly, handle } = useSession();
  const { integration } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice();

  const open = () => {
    setNotice(null);
    dialogRef.current?.showModal();
  };
  const close = () => {
    dialogRef.current?.close();
  };

  // Give focus back to the button that opened the dialog (the browser does it too; this covers older ones).
  useEffect(() => {
    const dialog = dialogRef.current;
    const restore = () => openerRef.current?.focus();
    dialog?.addEventListener('close', restore);
    return () => dialog?.removeEventListener('close', restore);
  }, []);

  const disconnect = async () => {
    setBusy(true);
    try {
      await api.disconnect();
      dialogRef.current?.close();
      props.onDisconnected();
    } catch (error) {
      dialogRef.current?.close();
      if (error instanceof ApiError && error.isNotConnected) {
        props.onDisconnected();
        return;
      }
      if (!handle(error)) setNotice({ kind: 'error', text: `Could not disconnect: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const companyName = integration.frontCompany?.name ?? 'your Front company';

  return (
    <Section
      id="connection"
      title="Connection"
      actions={
        <button
          ref={openerRef}
          type="button"
          className="button button-danger-outline"
          onClick={open}
          disabled={readOnly}
          data-testid="disconnect-open"
        >
          Disconnect…
        </button>
      }
    >
      <dl className="facts">
        <div>
          <dt>Front company</dt>
          <dd data-testid="company-name" className="strong">
            {companyName}
          </dd>
        </div>
        {integration.frontCompany?.id ? (
          <div>
            <dt>Company id</dt>
            <dd>
              <code>{integration.frontCompany.id}</code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Token last checked</dt>
          <dd>
            <Time value={integration.lastValidatedAt} />
            {integration.lastValidationResult ? <span className="muted"> · {integration.lastValidationResult}</span> : null}
          </dd>
        </div>
        {integration.createdAt ? (
          <div>
            <dt>Connected</dt>
            <dd>
              <Time value={integration.createdAt} />
            </dd>
          </div>
        ) : null}
      </dl>
      <StatusLine notice={notice} testId="connection-status" />

      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby="disconnect-title"
        aria-describedby="disconnect-description"
        data-testid="disconnect-dialog"
      >
        <h2 id="disconnect-title">Disconnect Front?</h2>
        <p id="disconnect-description">The AI stops at once; sessions and transcripts stay readable.</p>
        <p className="muted">To use front-agent again later, connect with a Front API token.</p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close} autoFocus data-testid="disconnect-cancel">
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            onClick={() => void disconnect()}
            disabled={busy}
            data-testid="disconnect-confirm"
          >
            {busy ? 'Disconnecting…' : 'Disconnect'}
          </button>
        </div>
      </dialog>
    </Section>
  );
}
