import type { FrontIntegration } from '../api';
import { Section } from '../ui';

export function TestMessageSection({ integration }: { integration: FrontIntegration }) {
  const checks = [
    { ok: integration.enabled, text: 'Enabled is on', fix: 'Turn on “Enabled” under Behaviour.' },
    { ok: Boolean(integration.aiTeammateId), text: 'An AI teammate is chosen', fix: 'Pick the AI teammate above.' },
    {
      ok: integration.hasWebhookSecret || integration.hasRuleWebhookSecret,
      text: 'A webhook signing secret is set',
      fix: 'Paste a signing secret under Webhooks so events can be verified.',
    },
  ];
  return (
    <Section id="test-message" title="Send a test message" description="Check the whole path, from Front to the AI and back.">
      <ul className="checklist" data-testid="test-checklist">
        {checks.map((check) => (
          <li key={check.text} className={check.ok ? 'is-ok' : 'is-todo'}>
            <span className="check-icon" aria-hidden="true">
              {check.ok ? '✓' : '!'}
            </span>
            <span>
              <span className="visually-hidden">{check.ok ? 'Done: ' : 'To do: '}</span>
              {check.text}
              {check.ok ? null : <span className="muted"> — {check.fix}</span>}
            </span>
          </li>
        ))}
      </ul>
      <ol className="steps">
        <li>
          From a customer address (not a teammate’s), write to your Front inbox, with a question your knowledge base answers.
        </li>
        <li>
          The AI answers conversations assigned to its teammate. If nothing assigns the new conversation to it, turn on{' '}
          <strong>Handle unassigned conversations</strong>.
        </li>
        <li>
          Within seconds the AI replies in the conversation as the chosen teammate, or hands it to a human when it should not
          answer.
        </li>
        <li>
          Nothing happened? Look at <a href="#troubleshooting">Troubleshooting</a> below: it shows whether the webhook arrived,
          whether its signature matched and what the AI did.
        </li>
      </ol>
    </Section>
  );
}
