import { useState, type FormEvent } from 'react';
import { describeError, type FrontIntegration, type IntegrationPatch, type ReplyMode, type RestrictedTopic } from '../api';
import type { Save } from '../Dashboard';
import { useSession } from '../session';
import { Section, StatusLine, useNotice } from '../ui';

const CHANNEL_LABELS: Array<[string, string]> = [['email', 'Email'], ['web', 'Chat'], ['sms', 'SMS'], ['whatsapp', 'WhatsApp']];

/** Reply mode, guidance, restricted topics and languages: what the AI may say and how (docs/controls.md). */
export function ControlsSection(props: { integration: FrontIntegration; save: Save }) {
  const { readOnly } = useSession();
  const [notice, setNotice] = useNotice();
  const integration = props.integration;
  const [guidance, setGuidance] = useState((integration.guidance ?? []).join('\n'));
  const [topic, setTopic] = useState({ name: '', description: '', examples: '' });
  const [allowed, setAllowed] = useState((integration.languages?.allowed ?? []).join(', '));

  const apply = async (patch: IntegrationPatch, done: string) => {
    setNotice({ kind: 'info', text: 'Saving…' });
    const result = await props.save(patch);
    if (result.ok) setNotice({ kind: 'success', text: `Saved. ${done}` });
    else if (!result.handled) setNotice({ kind: 'error', text: `Could not save. ${describeError(result.error)}` });
    else setNotice(null);
  };

  const saveGuidance = (event: FormEvent) => {
    event.preventDefault();
    const entries = guidance.split('\n').map((line) => line.trim()).filter(Boolean);
    void apply({ guidance: entries }, `${entries.length} guidance entr${entries.length === 1 ? 'y' : 'ies'} apply to the next answer.`);
  };

  const addTopic = (event: FormEvent) => {
    event.preventDefault();
    const added: RestrictedTopic = {
      name: topic.name.trim(), description: topic.description.trim(),
      examples: topic.examples.split(',').map((example) => example.trim()).filter(Boolean),
    };
    void apply({ restrictedTopics: [...(integration.restrictedTopics ?? []), added] }, `The AI hands off “${added.name}” questions.`).then(() =>
      setTopic({ name: '', description: '', examples: '' }),
    );
  };

  const removeTopic = (name: string) =>
    void apply({ restrictedTopics: (integration.restrictedTopics ?? []).filter((t) => t.name !== name) }, `“${name}” is no longer restricted.`);

  const saveLanguages = (event: FormEvent) => {
    event.preventDefault();
    const codes = allowed.split(',').map((code) => code.trim().toLowerCase()).filter(Boolean);
    void apply({ languages: { allowed: codes.length > 0 ? codes : null } }, codes.length ? `Allowed: ${codes.join(', ')}.` : 'The languages of your public articles are allowed.');
  };

  const modeFor = (channel: string): ReplyMode => integration.replyModeByChannel?.[channel] ?? integration.replyMode ?? 'autopilot';

  return (
    <Section id="controls" title="Controls" description="How the AI answers: reply mode, guidance, restricted topics and languages.">
      <fieldset className="control-group" disabled={readOnly}>
        <legend>Reply mode</legend>
        <label>
          All channels{' '}
          <select data-testid="reply-mode" value={integration.replyMode ?? 'autopilot'} onChange={(e) => void apply({ replyMode: e.target.value as ReplyMode }, `Reply mode: ${e.target.value}.`)}>
            <option value="autopilot">Autopilot: the AI replies</option>
            <option value="copilot">Copilot: the AI writes drafts for teammates</option>
          </select>
        </label>
        <p className="muted">
          {CHANNEL_LABELS.map(([channel, label]) => `${label}: ${modeFor(channel)}`).join(' · ')}
        </p>
      </fieldset>

      <form className="control-group" onSubmit={saveGuidance}>
        <label htmlFor="guidance">
          Guidance <span className="muted">(one instruction per line; version {integration.guidanceVersion ?? 0})</span>
        </label>
        <textarea id="guidance" data-testid="guidance" rows={4} value={guidance} disabled={readOnly} onChange={(e) => setGuidance(e.target.value)}
          placeholder={'Greeting: "Hello from Acme!"\nNever say "unfortunately"'} />
        <button type="submit" data-testid="save-guidance" disabled={readOnly}>Save guidance</button>
      </form>

      <div className="control-group">
        <h3>Restricted topics</h3>
        <ul data-testid="restricted-topics">
          {(integration.restrictedTopics ?? []).map((t) => (
            <li key={t.name}>
              <strong>{t.name}</strong> {t.description} {t.examples.length > 0 ? <span className="muted">({t.examples.join(', ')})</span> : null}{' '}
              <button type="button" disabled={readOnly} onClick={() => removeTopic(t.name)} aria-label={`Remove ${t.name}`}>Remove</button>
            </li>
          ))}
        </ul>
        <form onSubmit={addTopic} className="inline-form">
          <input data-testid="topic-name" required placeholder="Name (e.g. legal)" value={topic.name} disabled={readOnly} onChange={(e) => setTopic({ ...topic, name: e.target.value })} />
          <input data-testid="topic-description" required placeholder="Description" value={topic.description} disabled={readOnly} onChange={(e) => setTopic({ ...topic, description: e.target.value })} />
          <input data-testid="topic-examples" placeholder="Examples, comma-separated" value={topic.examples} disabled={readOnly} onChange={(e) => setTopic({ ...topic, examples: e.target.value })} />
          <button type="submit" data-testid="add-topic" disabled={readOnly}>Add topic</button>
        </form>
      </div>

      <form className="control-group" onSubmit={saveLanguages}>
        <label htmlFor="languages-allowed">Allowed languages <span className="muted">(ISO codes; empty: the languages of your public articles)</span></label>
        <input id="languages-allowed" data-testid="languages-allowed" value={allowed} disabled={readOnly} placeholder="en, es" onChange={(e) => setAllowed(e.target.value)} />
        <label>
          Otherwise{' '}
          <select data-testid="language-fallback" disabled={readOnly} value={integration.languages?.fallback ?? 'handoff'}
            onChange={(e) => void apply({ languages: { fallback: e.target.value as 'handoff' | 'team_language' } }, 'Language fallback saved.')}>
            <option value="handoff">hand off to the team</option>
            <option value="team_language">answer in the team language ({integration.languages?.teamLanguage ?? 'en'})</option>
          </select>
        </label>
        <button type="submit" data-testid="save-languages" disabled={readOnly}>Save languages</button>
      </form>
      <StatusLine notice={notice} testId="controls-status" />
    </Section>
  );
}
