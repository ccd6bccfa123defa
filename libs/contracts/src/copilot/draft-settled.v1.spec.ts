import { parseMessage } from '../index';

const settled = {
  messageId: 'draft-settled:msg_1',
  orgId: 'org_1',
  correlationId: 'corr_1',
  occurredAt: '2026-11-25T10:00:00.000Z',
  version: 1,
  integrationId: 'int_1',
  conversationId: 'cnv_1',
  draftId: 'msg_1',
  settledAt: '2026-11-25T10:00:00.000Z',
};

describe('copilot.draft-settled', () => {
  it('accepts each fate a teammate can give a draft', () => {
    expect(parseMessage('copilot.draft-settled', { ...settled, fate: 'sent_unchanged', editRatio: 0, sentBy: 'tea_1' })).toMatchObject({ fate: 'sent_unchanged' });
    expect(parseMessage('copilot.draft-settled', { ...settled, fate: 'sent_edited', editRatio: 0.4, sentBy: 'tea_1' })).toMatchObject({ editRatio: 0.4 });
    expect(parseMessage('copilot.draft-settled', { ...settled, fate: 'discarded' })).toMatchObject({ fate: 'discarded' });
  });

  it('refuses an edited draft without its edit ratio, a ratio outside 0..1 and a replaced draft', () => {
    expect(() => parseMessage('copilot.draft-settled', { ...settled, fate: 'sent_edited' })).toThrow(/editRatio/);
    expect(() => parseMessage('copilot.draft-settled', { ...settled, fate: 'sent_edited', editRatio: 1.5 })).toThrow(/editRatio/);
    expect(() => parseMessage('copilot.draft-settled', { ...settled, fate: 'replaced' })).toThrow(/fate/);
  });
});
