import { useState } from 'react';
import { describeError, type FrontIntegration } from '../api';
import type { Save } from '../Dashboard';
import { useSession } from '../session';
import { Section, StatusLine, Switch, useNotice } from '../ui';

type Flag = 'enabled' | 'handleUnassigned';

const SAVED: Record<Flag, (on: boolean) => string> = {
  enabled: (on) => (on ? 'The AI is on: it answers again.' : 'The AI is off: every Front event is ignored until you turn it back on.'),
  handleUnassigned: (on) =>
    on ? 'The AI now also answers conversations nobody is assigned to.' : 'The AI now answers only conversations assigned to it.',
};

export function BehaviourSection(props: { integration: FrontIntegration; save: Save }) {
  const { readOnly } = useSession();
  const [pending, setPending] = useState<Partial<Record<Flag, boolean>>>({});
  const [notice, setNotice] = useNotice();

  const toggle = async (flag: Flag, value: boolean) => {
    if (pending[flag] !== undefined) return; // one save at a time; the switch keeps focus meanwhile
    setPending((p) => ({ ...p, [flag]: value })); // shown at once, reverted if the save fails
    setNotice({ kind: 'info', text: 'Saving…' });
    const result = await props.save({ [flag]: value });
    setPending((p) => {
      const next = { ...p };
      delete next[flag];
      return next;
    });
    if (result.ok) setNotice({ kind: 'success', text: `Saved. ${SAVED[flag](value)}` });
    else if (!result.handled) setNotice({ kind: 'error', text: `Could not save. ${describeError(result.error)}` });
    else setNotice(null);
  };

  const value = (flag: Flag) => pending[flag] ?? props.integration[flag];

  return (
    <Section id="behaviour" title="Behaviour" description="Changes apply at once, to the next Front event.">
      <div className="switches">
        <Switch
          id="switch-enabled"
          label="Enabled"
          description="The master switch. When off, front-agent ignores every webhook event from Front and the AI sends nothing."
          checked={value('enabled')}
          busy={pending.enabled !== undefined}
          disabled={readOnly}
          testId="toggle-enabled"
          onChange={(on) => void toggle('enabled', on)}
        />
        <Switch
          id="switch-handle-unassigned"
          label="Handle unassigned conversations"
          description="Off by default. When on, the AI also answers conversations nobody is assigned to, not only those assigned to its teammate."
          checked={value('handleUnassigned')}
          busy={pending.handleUnassigned !== undefined}
          disabled={readOnly}
          testId="toggle-handle-unassigned"
          onChange={(on) => void toggle('handleUnassigned', on)}
        />
      </div>
      <StatusLine notice={notice} testId="behaviour-status" />
    </Section>
  );
}
