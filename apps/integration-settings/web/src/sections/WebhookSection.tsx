import { useRef, useState, type FormEvent } from 'react';
import { describeError, type FrontIntegration } from '../api';
import type { Save } from '../Dashboard';
import { useSession } from '../session';
import { Badge, Section, StatusLine, useNotice } from '../ui';

const EVENTS = [
  { label: 'Inbound message', types: ['inbound_received'] },
  { label: 'Outbound message', types: ['outbound_sent'] },
  { label: 'Conversation archived / reopened / assigned', types: ['conversation_archived', 'conversation_reopened', 'assignee_changed'] },
];

export function WebhookSection(props: { integration: FrontIntegration; save: Save }) {
  const { integration } = props;
  return (
    <Section
      id="webhooks"
      title="Webhooks"
      description="Front tells front-agent about new messages through a webhook. Add this URL in Front, then paste the signing secrets so every event can be verified."
    >
      <WebhookUrl url={integration.webhookUrl} />

      <h3>Events Front must send</h3>
      <ul className="event-list" data-testid="webhook-events">
        {EVENTS.map((event) => (
          <li key={event.label}>
            <span>{event.label}</span>{' '}
            {event.types.map((type) => (
              <code key={type}>{type}</code>
            ))}
          </li>
        ))}
      </ul>

      <h3>Signing secrets</h3>
      <p className="muted">
        Write-only: front-agent stores them encrypted and never shows them again. Set the one matching how Front sends events to
        you, or both.
      </p>
      <div className="secrets">
        <SecretForm
          id="webhook-secret"
          field="webhookSecret"
          label="Front app signing secret (application webhooks)"
          help="The signing key of your Front app, on its page under Settings → Developers. Front signs application webhooks with it."
          isSet={integration.hasWebhookSecret}
          save={props.save}
        />
        <SecretForm
          id="rule-webhook-secret"
          field="ruleWebhookSecret"
          label="Company API secret (rule webhooks)"
          help="Your company's API secret, in Front's developer settings. Front signs rule webhooks with it."
          isSet={integration.hasRuleWebhookSecret}
          save={props.save}
        />
      </div>
    </Section>
  );
}

function WebhookUrl({ url }: { url: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useNotice();

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setNotice({ kind: 'success', text: 'Copied' });
    } catch {
      // No clipboard access (insecure origin, permission refused): select the text for a manual copy.
      inputRef.current?.focus();
      inputRef.current?.select();
      setNotice({ kind: 'info', text: 'Selected: press Ctrl+C (⌘C on a Mac) to copy.' });
    }
  };

  return (
    <div className="field">
      <label htmlFor="webhook-url">Webhook URL</label>
      <div className="input-row">
        <input
          ref={inputRef}
          id="webhook-url"
          type="text"
          readOnly
          value={url}
          className="mono"
          onFocus={(event) => event.currentTarget.select()}
          aria-describedby="webhook-url-status"
          data-testid="webhook-url"
        />
        <button type="button" className="button" onClick={() => void copy()} data-testid="webhook-url-copy">
          Copy
        </button>
      </div>
      <div id="webhook-url-status">
        <StatusLine notice={notice} testId="copy-status" />
      </div>
    </div>
  );
}

function SecretForm(props: {
  id: string;
  field: 'webhookSecret' | 'ruleWebhookSecret';
  label: string;
  help: string;
  isSet: boolean;
  save: Save;
}) {
  const { readOnly } = useSession();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) {
      setNotice({ kind: 'error', text: 'Paste the secret first.' });
      return;
    }
    setBusy(true);
    setNotice({ kind: 'info', text: 'Saving…' });
    const result = await props.save({ [props.field]: value.trim() });
    setBusy(false);
    if (result.ok) {
      setValue('');
      setNotice({ kind: 'success', text: 'Saved. Events are now verified with this secret.' });
    } else if (!result.handled) {
      setNotice({ kind: 'error', text: `Could not save the secret. ${describeError(result.error)}` });
    } else setNotice(null);
  };

  return (
    <form className="secret" onSubmit={submit} noValidate>
      <div className="secret-head">
        <label htmlFor={props.id}>{props.label}</label>
        <Badge tone={props.isSet ? 'ok' : 'warn'} testId={`${props.id}-state`}>
          {props.isSet ? 'set' : 'not set'}
        </Badge>
      </div>
      <div className="input-row">
        <input
          id={props.id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={props.isSet ? 'Paste a new secret to replace it' : 'Paste the secret'}
          disabled={readOnly}
          onChange={(event) => setValue(event.target.value)}
          aria-describedby={`${props.id}-help ${props.id}-status`}
          data-testid={`${props.id}-input`}
        />
        <button type="submit" className="button" disabled={readOnly || busy} data-testid={`${props.id}-save`}>
          {busy ? 'Saving…' : props.isSet ? 'Replace' : 'Save'}
        </button>
      </div>
      <p id={`${props.id}-help`} className="help">
        {props.help}
      </p>
      <div id={`${props.id}-status`}>
        <StatusLine notice={notice} testId={`${props.id}-status`} />
      </div>
    </form>
  );
}
