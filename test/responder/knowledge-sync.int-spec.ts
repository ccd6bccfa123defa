import type { KnowledgeOverviewV1 } from '@front-agent/contracts';
import { RetrievalRepository } from '../../apps/ai-responder/src/retrieval/retrieval.repository';
import { RetrievalService } from '../../apps/ai-responder/src/retrieval/retrieval.service';
import { ResponderWorld, sandboxArticles } from './responder-fixtures';

describe('knowledge sync against the Front sandbox', () => {
  let world: ResponderWorld;

  beforeAll(async () => {
    world = await ResponderWorld.start('resp_knowledge');
  }, 60_000);

  afterAll(() => world?.stop());

  const articles = async () =>
    (await world.db.query(
      `SELECT article_id, locale, visibility, status, title, url, kb_id FROM responder.knowledge_articles WHERE org_id = $1 ORDER BY article_id, locale`,
      [world.orgId],
    )) as Array<{ article_id: string; locale: string; visibility: string; status: string; title: string; url: string; kb_id: string }>;

  const retrieve = (question: string, audience: 'customer' | 'team' = 'customer') =>
    world.get(RetrievalService).retrieve(world.orgId, world.integrationId, question, { audience });

  it('indexes every article in every locale on connect, published external articles as public and the rest as internal', async () => {
    const rows = await articles();
    const find = (id: string, locale = 'en') => rows.find((row) => row.article_id === id && row.locale === locale);
    expect(find('kba_reset_password')).toMatchObject({ visibility: 'public', title: 'How to reset your password' });
    expect(find('kba_reset_password', 'fr')).toMatchObject({ visibility: 'public', title: 'Comment réinitialiser votre mot de passe' });
    expect(find('kba_new_pricing')).toMatchObject({ visibility: 'internal', status: 'draft' });
    expect(find('kba_refund_escalation')).toMatchObject({ visibility: 'internal', kb_id: 'knb_internal' });
    expect(find('kba_reset_password')?.url).toBe('https://knb_help.help.frontapp.com/en/articles/how-to-reset-your-password');
    expect(rows).toHaveLength(10);
  });

  it('ranks the password article first in English and in French', async () => {
    const english = await retrieve('How do I reset my password?');
    expect(english.hits[0]).toMatchObject({ articleId: 'kba_reset_password', locale: 'en' });
    expect(english.covered).toBe(true);
    const french = await retrieve('réinitialiser mot de passe');
    expect(french.hits[0]).toMatchObject({ articleId: 'kba_reset_password', locale: 'fr' });
    expect(french.covered).toBe(true);
  });

  it('searches every language and every tier a question needs in one statement after its terms', async () => {
    const statements: string[] = [];
    const counted = new Proxy(world.db, {
      get: (db, key) =>
        key === 'query'
          ? (query: string | { text: string }, parameters?: unknown[]) => {
              statements.push(typeof query === 'string' ? query : query.text);
              return db.query(query as string, parameters);
            }
          : Reflect.get(db, key),
    });
    const search = (question: string) =>
      new RetrievalRepository(counted).searchChunks(world.orgId, world.integrationId, question, { configs: ['english', 'french'], visibilities: ['public'], limit: 12 });

    // No chunk holds both terms: the first tier (all terms) finds nothing, so the next (any term) runs.
    const relaxed = await search('password shipping');
    expect(relaxed.map((hit) => hit.articleId)).toEqual(expect.arrayContaining(['kba_reset_password', 'kba_shipping']));
    expect(statements).toHaveLength(2);

    statements.length = 0;
    const french = await search('réinitialiser mot de passe');
    expect(french[0]).toMatchObject({ articleId: 'kba_reset_password', locale: 'fr' });
    expect(statements).toHaveLength(2);
  });

  it('keeps internal and draft knowledge out of customer retrieval but gives it to the team', async () => {
    const customer = await retrieve('refund over $500 escalation team lead approval');
    expect(customer.hits.map((hit) => hit.articleId)).not.toContain('kba_refund_escalation');
    const team = await retrieve('refund over $500 escalation team lead approval', 'team');
    expect(team.hits[0].articleId).toBe('kba_refund_escalation');
    const pricing = await retrieve('new pricing Starter plan per seat');
    expect(pricing.hits.map((hit) => hit.articleId)).not.toContain('kba_new_pricing');
  });

  it("finds the internal chunks closest to an answer for the output checks, the closest first when more match than asked for", async () => {
    const closest = (text: string, limit: number) => world.get(RetrievalService).closestInternalTexts(world.orgId, world.integrationId, text, limit);
    // Both internal articles hold "plan"/"seat" or "refund"/"team"; the answer shares far more terms with the refund one.
    const answer = "Sure! Refunds above $500 need a team lead's approval: we tag the conversation billing, assign it to Alice, and the plan's seat price isn't affected.";
    const both = await closest(answer, 6);
    expect(both).toHaveLength(2);
    expect(await closest(answer, 1)).toEqual([expect.stringContaining('refunds above $500 need approval from a team lead')]);
    // Quotes and backslashes in the answer's terms stay terms, not tsquery syntax.
    expect(await closest(String.raw`it's o'neil's C:\path\ 'x' & | ! (`, 6)).toEqual([]);
    expect(await closest('the and of to', 6)).toEqual([]);
  });

  it('does not cover a question the knowledge does not answer', async () => {
    expect((await retrieve('Do you sell gift cards for birthdays?')).covered).toBe(false);
  });

  it('re-syncs only what changed and removes deleted articles', async () => {
    const store = sandboxArticles(world.sandbox);
    const shipping = store.get('kba_shipping')!;
    shipping.updatedAt += 1000;
    shipping.content.en = { ...shipping.content.en!, html: '<h1>Shipping times</h1><p>Orders ship within 1 business day by carrier pigeon.</p>' };
    store.delete('kba_two_factor');
    const before = await world.latestRunId();
    await world.requestSync();
    const run = await world.waitForIdleSync(before);
    expect(run).toMatchObject({ state: 'succeeded', result: expect.objectContaining({ updated: 1, added: 0, removed: 1, unchanged: 8 }) });
    const published = () => world.capture.withKey('knowledge.sync-status').map((m) => m.body);
    await world.capture.waitFor(() => published().some((body) => body.correlationId === `knowledge-sync:${run.id}` && body.state === 'succeeded'));
    expect(published()).toContainEqual(expect.objectContaining({ state: 'succeeded', result: run.result, integrationId: world.integrationId }));
    expect(published()).toContainEqual(expect.objectContaining({ state: 'running', progress: { done: 0, total: 7 } }));
    expect((await retrieve('carrier pigeon shipping')).hits[0].articleId).toBe('kba_shipping');
    expect((await articles()).map((row) => row.article_id)).not.toContain('kba_two_factor');
  });

  it('removes the articles of a knowledge base the admin deselects, and reports it in the overview', async () => {
    const before = await world.latestRunId();
    const patch = await world.harness.api(world.adminKey, 'PATCH', '/v1/integrations/front', { knowledgeBaseIds: ['knb_internal'] });
    expect(patch.status).toBe(200);
    expect((await world.waitForIdleSync(before)).state).toBe('succeeded');
    expect(new Set((await articles()).map((row) => row.kb_id))).toEqual(new Set(['knb_internal']));
    expect((await retrieve('How do I reset my password?')).hits).toEqual([]);

    const overview = await world.rpc().request<KnowledgeOverviewV1>('rpc.responder.knowledge-overview', {
      ...world.envelope(), integrationId: world.integrationId,
    });
    expect(overview.sync.state).toBe('succeeded');
    expect(overview.responder).toEqual({ kind: 'embedded' });
    expect(overview.knowledgeBases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'knb_internal', selected: true, articleCount: 1, type: 'internal' }),
        expect.objectContaining({ id: 'knb_help', selected: false, articleCount: 0, name: 'Sandbox Co Help Center' }),
      ]),
    );
  });
});
