import { firstFailedOutputCheck, type OutputCheckInput } from './output-checks';

const ARTICLE = 'https://help.example.com/en/articles/reset';

function input(written: string, overrides: Partial<OutputCheckInput> = {}): OutputCheckInput {
  return {
    channel: 'web', written, reply: { body: written, text: written }, citedUrls: [ARTICLE], allowedDomains: ['status.example.com'],
    internalTexts: ['Internal only: refunds above $500 need approval from a team lead before anything is promised.'],
    publicTexts: ['You can reset your password from Settings.'], ...overrides,
  };
}

describe('firstFailedOutputCheck', () => {
  it('passes a plain answer citing its article and an allowed domain', () => {
    expect(firstFailedOutputCheck(input(`Open Settings to reset it. ${ARTICLE} See https://status.example.com/now`))).toBeNull();
  });

  it.each([
    ['empty', `  ${ARTICLE} `],
    ['template_syntax', 'Hello {{name}}, open Settings.'],
    ['template_syntax', 'Sure. handoff({"reason": "x"})'],
    ['link', 'Go to https://evil.example.org/reset to reset it.'],
    ['format', 'Open <b>Settings</b> to reset it.'],
    ['format', 'Open **Settings** to reset it.'],
    ['internal_text', 'Refunds above $500 need approval from a team lead first.'],
  ])('fails %s', (check, written) => {
    expect(firstFailedOutputCheck(input(written))?.check).toBe(check);
  });

  it('fails an SMS longer than 320 characters but allows a long email', () => {
    const long = 'Open Settings and follow the steps to reset your password. '.repeat(7);
    expect(firstFailedOutputCheck(input(long, { channel: 'sms' }))?.check).toBe('length');
    expect(firstFailedOutputCheck(input(long, { channel: 'email' }))).toBeNull();
  });
});
