import { SILENCE_REASONS } from '../sessions/session-rules';
import { decideOutcome, type OutcomeFacts } from './outcome-rules';

const HOUR = 3_600_000;
const NOW = new Date('2026-06-01T12:00:00Z');
const WINDOWS = { reopenMs: 72 * HOUR, abandonMs: 72 * HOUR };
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const NONE: OutcomeFacts = { aiResolvedAt: null, handedOffAt: null, handoffReason: null, silentReason: null, lastInboundAt: null, lastAiReplyAt: null, lastHumanReplyAt: null, resolvedAt: null };

describe('decideOutcome', () => {
  it.each([
    ['nothing happened yet', {}, 'in_progress', null],
    ['silent: disconnected', { lastInboundAt: ago(1), silentReason: SILENCE_REASONS.disconnected }, 'ai_silent', SILENCE_REASONS.disconnected],
    ['silent: no AI teammate chosen', { lastInboundAt: ago(1), silentReason: SILENCE_REASONS.noAiTeammate }, 'ai_silent', SILENCE_REASONS.noAiTeammate],
    ['a human replied and the AI never did', { lastInboundAt: ago(2), lastHumanReplyAt: ago(1), silentReason: SILENCE_REASONS.humanActive }, 'human_took_over', null],
    ['archived exactly at the end of the window', { lastInboundAt: ago(80), lastAiReplyAt: ago(73), resolvedAt: ago(72) }, 'ai_resolved', null],
    ['archived one minute before the window ends', { lastInboundAt: ago(80), lastAiReplyAt: ago(73), resolvedAt: new Date(ago(72).getTime() + 60_000) }, 'ai_resolved_pending', null],
    ['a human replied before the AI answered again, then archived long ago', { lastHumanReplyAt: ago(200), lastAiReplyAt: ago(199), resolvedAt: ago(198) }, 'ai_resolved', null],
    ['handed off after the AI answered, never answered again', { lastAiReplyAt: ago(5), handedOffAt: ago(4), handoffReason: 'no_knowledge', resolvedAt: ago(100) }, 'handed_off', 'no_knowledge'],
    ['answered again after a handoff, then archived long ago', { handedOffAt: ago(200), lastAiReplyAt: ago(150), resolvedAt: ago(100) }, 'ai_resolved', null],
    ['a settled resolution stands whatever follows', { aiResolvedAt: ago(10), lastHumanReplyAt: ago(1), lastAiReplyAt: ago(100) }, 'ai_resolved', null],
  ])('%s', (_name, facts, outcome, reason) => {
    expect(decideOutcome({ ...NONE, ...facts }, NOW, WINDOWS)).toMatchObject({ outcome, reason });
  });

  it('tells when time alone may change the verdict', () => {
    expect(decideOutcome({ ...NONE, lastAiReplyAt: ago(2), resolvedAt: ago(1) }, NOW, WINDOWS).reviewAt).toEqual(new Date(ago(1).getTime() + 72 * HOUR));
    expect(decideOutcome({ ...NONE, lastInboundAt: ago(3), lastAiReplyAt: ago(2) }, NOW, WINDOWS).reviewAt).toEqual(new Date(ago(2).getTime() + 72 * HOUR));
    expect(decideOutcome({ ...NONE, lastAiReplyAt: ago(2), lastHumanReplyAt: ago(1) }, NOW, WINDOWS).reviewAt).toBeNull();
  });
});
