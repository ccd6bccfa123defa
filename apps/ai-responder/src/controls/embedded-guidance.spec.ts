import { readEmbeddedGuidance, withoutForbiddenPhrases } from './embedded-guidance';

describe('readEmbeddedGuidance', () => {
  it('takes the greeting, sign-off and forbidden phrases, and lists what it cannot apply', () => {
    const guidance = readEmbeddedGuidance([
      'Greeting: "Hello from Acme!"',
      'Sign off with "The Acme support team"',
      'Never say "unfortunately" or "as an AI"',
      'Be warm and concise.',
    ]);
    expect(guidance).toEqual({
      greeting: 'Hello from Acme!',
      signOff: 'The Acme support team',
      forbiddenPhrases: ['unfortunately', 'as an AI'],
      notApplied: ['Be warm and concise.'],
    });
  });

  it('drops the sentences that use a forbidden phrase', () => {
    expect(withoutForbiddenPhrases(['Unfortunately we bill monthly. Invoices are emailed.'], ['unfortunately'])).toEqual(['Invoices are emailed.']);
  });
});
