import { formatReply, SMS_MAX_CHARS } from './reply-format';

const answer = {
  paragraphs: [
    'You can reset your password at any time from your account settings. Sign in and open Settings → Security → Reset password. ' +
      'Enter your current password, then choose a new one of at least 12 characters. Click Save. You are signed out of other devices. ' +
      'If you cannot sign in, use the Forgot password link on the sign-in page: we email you a reset link that is valid for 30 minutes.',
  ],
  sources: [{ title: 'How to reset your password', url: 'https://knb_help.help.frontapp.com/en/articles/how-to-reset-your-password' }],
};

describe('reply formatting', () => {
  it('writes email as HTML with a greeting, paragraphs and the linked article', () => {
    const reply = formatReply('email', answer, 'Jane');
    expect(reply.body).toMatch(/^<p>Hi Jane,<\/p><p>You can reset/);
    expect(reply.body).toContain('<a href="https://knb_help.help.frontapp.com/en/articles/how-to-reset-your-password">');
  });

  it('keeps an SMS within 320 characters, whole sentences plus the link', () => {
    const reply = formatReply('sms', answer);
    expect(reply.body.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(reply.body).not.toContain('<');
    expect(reply.body.endsWith(answer.sources[0].url)).toBe(true);
    expect(reply.body).toMatch(/\.\n/);
  });
});
