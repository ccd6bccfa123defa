import { asksForHuman, confirmsResolved, detectSentiment } from './customer-intent';

describe('customer intent', () => {
  it.each([
    'I want to talk to a human',
    'agent please',
    'Can I speak to a real person?',
    'Please let me talk to someone',
    'Quiero hablar con una persona',
    'Je veux parler à un humain',
    'Ich möchte mit einem Menschen sprechen',
    'Quero falar com um atendente',
    'Kan ik met een medewerker spreken?',
  ])('hears a request for a human in "%s"', (text) => {
    expect(asksForHuman(text)).toBe(true);
  });

  it.each(['How do I reset my password?', 'My agent code does not work', 'Is a person allowed to hold two accounts?', '¿Cómo cambio mi contraseña?'])(
    'does not hear a request for a human in "%s"',
    (text) => expect(asksForHuman(text)).toBe(false),
  );

  it.each(['Thanks, that worked!', 'solved', 'Merci, ça marche', 'Danke, hat funktioniert', 'Het werkt, bedankt'])('hears "%s" as resolved', (text) =>
    expect(confirmsResolved(text)).toBe(true),
  );

  it.each(['That did not work', 'Still not fixed', 'Thanks, but how do I change my email?'])('does not hear "%s" as resolved', (text) =>
    expect(confirmsResolved(text)).toBe(false),
  );

  it('reads frustration, neutrality and thanks', () => {
    expect(detectSentiment(['This is ridiculous, third time I ask!!'])).toBe('frustrated');
    expect(detectSentiment(['How do I reset my password?'])).toBe('neutral');
    expect(detectSentiment(['Thank you, great help'])).toBe('positive');
  });
});
