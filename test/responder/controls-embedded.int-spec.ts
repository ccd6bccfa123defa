import { ResponderWorld, sandboxArticles } from './responder-fixtures';

const SPANISH_PASSWORD = {
  name: 'Cómo restablecer tu contraseña',
  status: 'published',
  html:
    '<h1>Cómo restablecer tu contraseña</h1><p>Puedes restablecer tu contraseña en cualquier momento desde la configuración de tu cuenta.</p>' +
    '<p>Inicia sesión y abre <strong>Configuración → Seguridad → Restablecer contraseña</strong>.</p>',
};

/** Adds a Spanish locale to the help center and a Spanish version of the password article (the sandbox seeds en and fr only). */
function addSpanishKnowledge(world: ResponderWorld): void {
  const store = (world.sandbox.control as unknown as { deps: { core: { store: { knowledgeBases: Map<string, { locales: string[]; updatedAt: number }> } } } })
    .deps.core.store;
  const helpCenter = store.knowledgeBases.get('knb_help')!;
  helpCenter.locales.push('es');
  helpCenter.updatedAt += 1;
  const article = sandboxArticles(world.sandbox).get('kba_reset_password')!;
  article.content.es = SPANISH_PASSWORD;
  article.updatedAt += 1;
}

describe('the team controls with the embedded responder', () => {
  let world: ResponderWorld;

  beforeAll(async () => {
    world = await ResponderWorld.start('resp_ctl_embedded');
    addSpanishKnowledge(world);
    const before = await world.latestRunId();
    await world.requestSync();
    await world.waitForIdleSync(before);
  }, 60_000);

  afterAll(() => world?.stop());

  const ask = async (text: string) => {
    const { conversationId, messageId } = world.customerWrites(text);
    const outcome = await world.outcomeOf(await world.requestReply(conversationId, messageId));
    return { conversationId, outcome, trail: outcome.body.trail as Record<string, unknown> };
  };

  it('hands a restricted topic off without an LLM, with no reply', async () => {
    await world.updateControls({ restrictedTopics: [{ name: 'refunds', description: 'Refund requests', examples: ['I want my money back'] }] });
    const { conversationId, outcome, trail } = await ask('The product broke. I want my money back now.');
    expect(outcome.body).toMatchObject({ outcome: 'handed-off', reason: 'restricted_topic:refunds' });
    expect(trail.checks).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'restricted_topics', passed: false })]));
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    expect(world.commentsIn(conversationId)).toHaveLength(1);
    await world.updateControls({ restrictedTopics: [] });
  });

  it('answers a Spanish question in Spanish from the Spanish article when Spanish is allowed', async () => {
    await world.updateControls({ languages: { allowed: ['en', 'es'], teamLanguage: 'en', fallback: 'handoff' } });
    const { conversationId, outcome, trail } = await ask('¿Cómo puedo restablecer mi contraseña?');
    expect(outcome.routingKey).toBe('ai.replied');
    expect(trail.language).toMatchObject({ customer: 'es', answer: 'es' });
    const [reply] = world.repliesIn(conversationId);
    expect(reply.body).toContain('Configuración → Seguridad → Restablecer contraseña');
    expect(reply.body).toContain('Esto es lo que dice nuestro centro de ayuda');
    expect(reply.body).toMatch(/^<p>Hola,<\/p>/);
  });

  it('hands off unsupported_language when only English is allowed, with the note in the team language naming the customer language', async () => {
    await world.updateControls({ languages: { allowed: ['en'], teamLanguage: 'fr', fallback: 'handoff' } });
    const { conversationId, outcome } = await ask('¿Cómo puedo restablecer mi contraseña?');
    expect(outcome.body).toMatchObject({ outcome: 'handed-off', reason: 'unsupported_language' });
    expect(world.repliesIn(conversationId)).toHaveLength(0);
    const [comment] = world.commentsIn(conversationId);
    expect(comment.body).toContain("**Transfert par l'IA**");
    expect(comment.body).toContain('**Langue du client:** espagnol (es)');
    expect(comment.body).toContain("Le client écrit dans une langue dans laquelle l'IA ne répond pas.");
  });

  it('with the team-language fallback, answers only from knowledge in the team language (none covers this Spanish question here)', async () => {
    await world.updateControls({ languages: { allowed: ['en'], teamLanguage: 'en', fallback: 'team_language' } });
    const { conversationId, outcome, trail } = await ask('¿Cómo puedo restablecer mi contraseña?');
    expect(trail.language).toMatchObject({ customer: 'es', answer: 'en', fallback: true });
    expect(outcome.body).toMatchObject({ outcome: 'handed-off', reason: 'no_knowledge' });
    expect(world.repliesIn(conversationId)).toHaveLength(0);
  });

  it('applies the greeting, sign-off and forbidden phrases it can, and lists the guidance it cannot apply', async () => {
    await world.updateControls({
      languages: { allowed: null, teamLanguage: 'en', fallback: 'handoff' },
      guidance: ['Greeting: "Hello from Sandbox Co!"', 'Sign off with "The Sandbox Co team"', 'Never say "signed out of other devices"', 'Be warm.'],
    });
    const { conversationId, trail } = await ask('How do I reset my password?');
    const [reply] = world.repliesIn(conversationId);
    expect(reply.body).toMatch(/^<p>Hello from Sandbox Co!<\/p>/);
    expect(reply.body).toMatch(/<p>The Sandbox Co team<\/p>$/);
    expect(reply.body).not.toContain('signed out of other devices');
    expect(trail).toMatchObject({ guidance: { version: 1, entries: 4 }, guidanceNotApplied: ['Be warm.'] });
    const status = await world.harness.api(world.adminKey, 'GET', '/v1/integrations/front/status');
    expect(status.body.ai).toMatchObject({ responder: 'embedded', guidanceNotApplied: ['Be warm.'] });
  });

  it('"try it" runs a question through the pipeline with the current controls and writes nothing to Front', async () => {
    await world.updateControls({ restrictedTopics: [{ name: 'legal', description: 'Legal threats', examples: ['I will sue you'] }] });
    const before = world.sandbox.control.record();
    const answered = await world.harness.api(world.adminKey, 'POST', '/v1/integrations/front/try', { question: 'How do I reset my password?', channel: 'chat' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      decision: 'reply',
      answer: expect.stringContaining('Settings → Security → Reset password'),
      sources: [{ title: 'How to reset your password', url: expect.stringContaining('how-to-reset-your-password') }],
    });
    const refused = await world.harness.api(world.adminKey, 'POST', '/v1/integrations/front/try', { question: 'Reset it now or I will sue you' });
    expect(refused.body).toMatchObject({ decision: 'handoff', reason: 'restricted_topic:legal', sources: [] });
    const after = world.sandbox.control.record();
    expect([after.replies.length, after.comments.length, after.drafts.length]).toEqual([before.replies.length, before.comments.length, before.drafts.length]);
    const invalid = await world.harness.api(world.adminKey, 'POST', '/v1/integrations/front/try', { question: '', channel: 'fax' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('channel must be one of');
    expect(JSON.stringify(invalid.body)).toContain('question must not be empty');
  });
});
