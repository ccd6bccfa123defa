/**
 * npm run bench:knowledge — retrieval latency over a large knowledge base:
 * 10,000 generated articles (English, 1–3 chunks each) indexed in a fresh
 * database with ai-responder's real migrations and repositories, then 1,000
 * customer-style questions through RetrievalService. Prints indexing time and
 * retrieval p50 / p95 / p99 / max (target p99 ≤ 15 ms).
 */
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { migrateServiceSchema, serviceDataSourceOptions } from '@front-agent/service-kit';
import { createTestDatabase } from '@front-agent/testing';
import { RESPONDER_SCHEMA } from '../../apps/ai-responder/src/config';
import { chunkArticleText } from '../../apps/ai-responder/src/knowledge/article-text';
import { KnowledgeRepository } from '../../apps/ai-responder/src/knowledge/knowledge.repository';
import { RESPONDER_ENTITIES, RESPONDER_MIGRATIONS } from '../../apps/ai-responder/src/persistence';
import { RetrievalRepository } from '../../apps/ai-responder/src/retrieval/retrieval.repository';
import { RetrievalService } from '../../apps/ai-responder/src/retrieval/retrieval.service';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1_000);
const ORG = 'org_bench';
const INTEGRATION = 'int_bench';

// A seeded generator, so every run indexes the same corpus.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];

const VERBS = ['reset', 'change', 'cancel', 'update', 'export', 'import', 'delete', 'restore', 'connect', 'configure', 'share', 'invite', 'upgrade', 'downgrade', 'refund', 'track', 'verify', 'archive', 'download', 'schedule'];
const NOUNS = ['password', 'invoice', 'subscription', 'order', 'account', 'team', 'workspace', 'integration', 'calendar', 'report', 'payment method', 'shipping address', 'profile', 'notification', 'api key', 'webhook', 'mobile app', 'two-factor authentication', 'billing plan', 'contact list', 'template', 'dashboard', 'email signature', 'data export', 'single sign-on'];
const PRODUCTS = ['Acme Cloud', 'Acme Mobile', 'Acme Desktop', 'Acme Pay', 'Acme Ship', 'Acme Analytics', 'Acme Mail', 'Acme Chat'];
const FILLER = ['Open the settings page from the menu in the top right corner.', 'Only administrators can see this option.', 'Changes take effect immediately for every member of the workspace.', 'If the option is greyed out, ask the account owner for access.', 'You receive a confirmation email once the change is saved.', 'This works the same on the web and in the mobile app.', 'Contact support if the page shows an error.', 'The previous version is kept for 30 days.', 'Billing is adjusted on your next invoice.', 'You can undo this from the activity log.'];

function generateArticle(index: number): { title: string; text: string } {
  const verb = pick(VERBS);
  const noun = pick(NOUNS);
  const product = pick(PRODUCTS);
  const title = `How to ${verb} your ${noun} in ${product}`;
  const paragraphs = Array.from({ length: 2 + Math.floor(random() * 6) }, () =>
    Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(FILLER)).join(' ') + ` Step ${index % 7 + 1}: ${verb} the ${pick(NOUNS)}.`,
  );
  return { title, text: paragraphs.join('\n\n') };
}

function question(): string {
  const forms = [
    () => `How do I ${pick(VERBS)} my ${pick(NOUNS)}?`,
    () => `I can't ${pick(VERBS)} the ${pick(NOUNS)} in ${pick(PRODUCTS)}, can you help?`,
    () => `Hi, where can I ${pick(VERBS)} ${pick(NOUNS)} settings? Thanks`,
    () => `${pick(NOUNS)} ${pick(VERBS)}`,
  ];
  return pick(forms)();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_knowledge');
  const db = new DataSource(
    serviceDataSourceOptions({ url: database.url, schema: RESPONDER_SCHEMA, entities: RESPONDER_ENTITIES, migrations: RESPONDER_MIGRATIONS, poolSize: 8 }),
  );
  try {
    await db.initialize();
    await migrateServiceSchema(db, RESPONDER_SCHEMA);
    const knowledge = new KnowledgeRepository(db);
    await knowledge.saveKnowledgeBase(ORG, INTEGRATION, { id: 'knb_bench', name: 'Bench', type: 'external', locales: ['en'], selected: true, frontUpdatedAt: 0 });

    const indexStarted = performance.now();
    let chunks = 0;
    const workers = 8;
    // Generated in order before the parallel indexing: the seeded corpus is the same in every run.
    const articles = Array.from({ length: ARTICLES }, (_, index) => generateArticle(index));
    await Promise.all(
      Array.from({ length: workers }, async (_, worker) => {
        for (let i = worker; i < ARTICLES; i += workers) {
          const { title, text } = articles[i];
          const pieces = chunkArticleText(title, text);
          chunks += pieces.length;
          await knowledge.saveArticle(ORG, INTEGRATION, {
            kbId: 'knb_bench', articleId: `kba_${i}`, locale: 'en', title, url: `https://help.acme.test/en/articles/${i}`, status: 'published',
            visibility: 'public', category: null, keywords: [], frontUpdatedAt: 0, contentHash: String(i), textSearchConfig: 'english', chunks: pieces,
          });
        }
      }),
    );
    await knowledge.refreshTermStatistics(ORG, INTEGRATION);
    const indexMs = performance.now() - indexStarted;
    await db.query('ANALYZE responder.knowledge_chunks');
    console.log(`indexed ${ARTICLES} articles (${chunks} chunks) in ${(indexMs / 1000).toFixed(1)} s`);

    const retrieval = new RetrievalService(new RetrievalRepository(db));
    for (let i = 0; i < 50; i += 1) await retrieval.retrieve(ORG, INTEGRATION, question(), { audience: 'customer' }); // warm-up
    const latencies: number[] = [];
    const hitsSeen: string[] = [];
    let covered = 0;
    for (let i = 0; i < QUERIES; i += 1) {
      const started = performance.now();
      const q = question();
      const result = await retrieval.retrieve(ORG, INTEGRATION, q, { audience: 'customer' });
      latencies.push(performance.now() - started);
      if (process.env.BENCH_DEBUG && performance.now() - started > 12) console.log(Math.round(performance.now() - started), q);
      if (result.covered) covered += 1;
      hitsSeen.push(`${q}\t${result.hits.map((hit) => `${hit.articleId}:${hit.score}`).join(' ')}`);
    }
    // Compare two versions' answers: the same corpus and questions (seeded), one line per question.
    if (process.env.BENCH_HITS_FILE) writeFileSync(process.env.BENCH_HITS_FILE, `${hitsSeen.join('\n')}\n`);
    latencies.sort((a, b) => a - b);
    const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
    console.log(`retrieval over ${QUERIES} queries: p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, ` +
      `p99 ${fmt(percentile(latencies, 99))}, max ${fmt(latencies[latencies.length - 1])}; ${covered} covered`);
    const p99 = percentile(latencies, 99);
    console.log(p99 <= 15 ? 'p99 within the 15 ms target' : `p99 ABOVE the 15 ms target`);
  } finally {
    await db.destroy().catch(() => undefined);
    if (process.env.BENCH_KEEP_DB) console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
