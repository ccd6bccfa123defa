import { useCallback } from 'react';
import type { FrontIntegration, IntegrationPatch } from './api';
import { AnalyticsSection } from './sections/AnalyticsSection';
import { BehaviourSection } from './sections/BehaviourSection';
import { ConnectionSection } from './sections/ConnectionSection';
import { ControlsSection } from './sections/ControlsSection';
import { KnowledgeSection } from './sections/KnowledgeSection';
import { TeammateSection } from './sections/TeammateSection';
import { TestMessageSection } from './sections/TestMessageSection';
import { TroubleshootingSection } from './sections/TroubleshootingSection';
import { TryItSection } from './sections/TryItSection';
import { WebhookSection } from './sections/WebhookSection';
import { WhySection } from './sections/WhySection';
import { useSession } from './session';

export type SaveResult = { ok: true; integration: FrontIntegration } | { ok: false; error: unknown; handled: boolean };
export type Save = (patch: IntegrationPatch) => Promise<SaveResult>;

const NAV = [
  ['connection', 'Connection'],
  ['teammate', 'AI teammate'],
  ['behaviour', 'Behaviour'],
  ['controls', 'Controls'],
  ['try-it', 'Try it'],
  ['webhooks', 'Webhooks'],
  ['test-message', 'Send a test message'],
  ['knowledge', 'Knowledge'],
  ['troubleshooting', 'Troubleshooting'],
  ['why', 'Why?'],
  ['analytics', 'Outcomes'],
] as const;

export function Dashboard(props: {
  integration: FrontIntegration;
  onChange: (integration: FrontIntegration) => void;
  onDisconnected: () => void;
}) {
  const { api, handle } = useSession();
  const { onChange } = props;

  const save: Save = useCallback(
    async (patch) => {
      try {
        const integration = await api.update(patch);
        onChange(integration);
        return { ok: true, integration };
      } catch (error) {
        return { ok: false, error, handled: handle(error) };
      }
    },
    [api, handle, onChange],
  );

  return (
    <div className="dashboard">
      <nav className="side-nav" aria-label="On this page">
        <ul>
          {NAV.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sections">
        <ConnectionSection integration={props.integration} onDisconnected={props.onDisconnected} />
        <TeammateSection integration={props.integration} save={save} />
        <BehaviourSection integration={props.integration} save={save} />
        <ControlsSection integration={props.integration} save={save} />
        <TryItSection />
        <WebhookSection integration={props.integration} save={save} />
        <TestMessageSection integration={props.integration} />
        <KnowledgeSection />
        <TroubleshootingSection />
        <WhySection />
        <AnalyticsSection />
      </div>
    </div>
  );
}
