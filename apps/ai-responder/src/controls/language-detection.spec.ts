import { detectLanguage, languageName } from './language-detection';
import { matchRestrictedTopic } from './restricted-topics';

describe('detectLanguage', () => {
  it.each([
    ['en', 'How do I reset my password?'],
    ['es', '¿Cómo puedo restablecer mi contraseña?'],
    ['fr', 'Comment est-ce que je peux changer mon mot de passe ?'],
    ['de', 'Wie kann ich mein Passwort ändern?'],
    ['pt', 'Como eu posso mudar a minha senha?'],
    ['nl', 'Hoe kan ik mijn wachtwoord wijzigen?'],
  ])('tells %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('does not guess on a bare word', () => {
    expect(detectLanguage('password')).toBeNull();
  });

  it('names a language in the team language', () => {
    expect(languageName('es', 'en')).toBe('Spanish');
    expect(languageName('es', 'fr')).toBe('espagnol');
  });
});

describe('matchRestrictedTopic', () => {
  const topics = [{ name: 'legal', description: 'Lawsuits and legal threats', examples: ['I will sue you', 'talk to my lawyer'] }];

  it('matches the name, an example, or most of an example’s words', () => {
    expect(matchRestrictedTopic('This is a legal matter.', topics)?.matched).toBe('legal');
    expect(matchRestrictedTopic('If this is not fixed I will sue you!', topics)?.matched).toBe('I will sue you');
    expect(matchRestrictedTopic('You will be talking to my lawyers soon', topics)?.matched).toBe('talk to my lawyer');
  });

  it('leaves unrelated questions alone', () => {
    expect(matchRestrictedTopic('How do I reset my password?', topics)).toBeNull();
  });
});
