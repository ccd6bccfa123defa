import type { SandboxStore } from './store';
import type { KnowledgeArticle, KnowledgeCategory } from './types';

/** Fixed creation time of seeded records (2023-11-14), independent of the sandbox clock. */
export const SEED_TIME = 1_700_000_000;

/** Well-known ids of the seeded knowledge, for tests. */
export const SEED_KNOWLEDGE = {
  helpCenter: 'knb_help',
  internal: 'knb_internal',
  resetPasswordArticle: 'kba_reset_password',
  draftArticle: 'kba_new_pricing',
  internalArticle: 'kba_refund_escalation',
} as const;

export function seedKnowledge(store: SandboxStore): void {
  store.knowledgeBases.set('knb_help', {
    id: 'knb_help',
    type: 'external',
    status: 'published',
    names: { en: 'Sandbox Co Help Center', fr: "Centre d'aide Sandbox Co" },
    locales: ['en', 'fr'],
    createdAt: SEED_TIME,
    updatedAt: SEED_TIME + 3600,
  });
  store.knowledgeBases.set('knb_internal', {
    id: 'knb_internal',
    type: 'internal',
    status: 'published',
    names: { en: 'Sandbox Co Support Playbook' },
    locales: ['en'],
    createdAt: SEED_TIME,
    updatedAt: SEED_TIME + 3600,
  });
  for (const category of CATEGORIES) store.categories.set(category.id, category);
  for (const article of ARTICLES) store.articles.set(article.id, article);
}

function category(
  id: string,
  knowledgeBaseId: string,
  content: KnowledgeCategory['content'],
  isHidden = false,
): KnowledgeCategory {
  const slug = `/categories/${id.slice(4).replace(/_/g, '-')}`;
  return { id, knowledgeBaseId, parentId: null, slug, isHidden, content, createdAt: SEED_TIME, updatedAt: SEED_TIME };
}

const CATEGORIES: KnowledgeCategory[] = [
  category('kbc_account', 'knb_help', {
    en: { name: 'Account & security', description: 'Signing in, passwords and your account' },
    fr: { name: 'Compte et sécurité', description: 'Connexion, mots de passe et compte' },
  }),
  category('kbc_billing', 'knb_help', {
    en: { name: 'Billing & refunds', description: 'Invoices, payments and refunds' },
    fr: { name: 'Facturation et remboursements', description: 'Factures, paiements et remboursements' },
  }),
  category('kbc_orders', 'knb_help', {
    en: { name: 'Orders & shipping', description: 'Delivery times and tracking' },
  }),
  category('kbc_procedures', 'knb_internal', {
    en: { name: 'Procedures', description: 'How the support team handles special cases' },
  }),
];

type ArticleSeed = Omit<KnowledgeArticle, 'slug' | 'lastEditorId' | 'createdAt' | 'updatedAt'> & { age: number };

function article(seed: ArticleSeed): KnowledgeArticle {
  const { age, ...rest } = seed;
  const name = rest.content.en?.name ?? rest.id;
  const slug = `/articles/${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '')}`;
  return { ...rest, slug, lastEditorId: 'tea_alice', createdAt: SEED_TIME + age, updatedAt: SEED_TIME + age + 60 };
}

const ARTICLES: KnowledgeArticle[] = [
  article({
    id: 'kba_reset_password',
    knowledgeBaseId: 'knb_help',
    categoryId: 'kbc_account',
    keywords: ['password', 'reset', 'login', 'sign in', 'forgot'],
    age: 10,
    content: {
      en: {
        name: 'How to reset your password',
        status: 'published',
        html:
          '<h1>How to reset your password</h1><p>You can reset your password at any time from your account settings.</p>' +
          '<ol><li>Sign in and open <strong>Settings → Security → Reset password</strong>.</li>' +
          '<li>Enter your current password, then choose a new one of at least 12 characters.</li>' +
          '<li>Click <em>Save</em>. You are signed out of other devices.</li></ol>' +
          '<p>If you cannot sign in, use the <a href="https://sandbox-co.test/forgot">Forgot password</a> link on the sign-in page: we email you a reset link that is valid for 30 minutes.</p>',
      },
      fr: {
        name: 'Comment réinitialiser votre mot de passe',
        status: 'published',
        html:
          '<h1>Comment réinitialiser votre mot de passe</h1><p>Vous pouvez réinitialiser votre mot de passe depuis les paramètres de votre compte.</p>' +
          '<ol><li>Connectez-vous et ouvrez <strong>Paramètres → Sécurité → Réinitialiser le mot de passe</strong>.</li>' +
          '<li>Saisissez votre mot de passe actuel, puis un nouveau mot de passe d’au moins 12 caractères.</li>' +
          '<li>Cliquez sur <em>Enregistrer</em>.</li></ol>',
      },
    },
  }),
  article({
    id: 'kba_two_factor',
    knowledgeBaseId: 'knb_help',
    categoryId: 'kbc_account',
    keywords: ['2fa', 'two-factor', 'security'],
    age: 20,
    content: {
      en: {
        name: 'Turning on two-factor authentication',
        status: 'published',
        html: '<h1>Turning on two-factor authentication</h1><p>Open <strong>Settings → Security → Two-factor authentication</strong>, scan the QR code with an authenticator app and enter the six-digit code to confirm.</p>',
      },
    },
  }),
  article({
    id: 'kba_delete_account',
    knowledgeBaseId: 'knb_help',
    categoryId: 'kbc_account',
    keywords: ['delete', 'close account', 'gdpr'],
    age: 30,
    content: {
      en: {
        name: 'Deleting your account',
        status: 'published',
        html: '<h1>Deleting your account</h1><p>Account owners can delete the account from <strong>Settings → Account → Delete account</strong>. Deletion is permanent after 14 days; until then you can restore the account by signing in.</p>',
      },
    },
  }),
  article({
    id: 'kba_billing_cycle',
    knowledgeBaseId: 'knb_help',
    categoryId: 'kbc_billing',
    keywords: ['invoice', 'billing', 'charge', 'payment'],
    age: 40,
    content: {
      en: {
        name: 'Understanding your invoice',
        status: 'published',
        html: '<h1>Understanding your invoice</h1><p>We bill on the first day of each month for the month ahead. Invoices are emailed to the billing contact and are available under <strong>Settings → Billing → Invoices</strong>. We accept Visa, Mastercard and American Express.</p>',
      },
    },
  }),
  article({
    id: 'kba_refunds',
    knowledgeBaseId: 'knb_help',
    categoryId: 'kbc_billing',
    keywords: ['refund', 'money back', 'cancel'],
    age: 50,
    content: {
      en: {
        name: 'Refund policy',
        status: 'published',
        html: '<h1>Refund policy</h1><p>You can ask for a full refund within 30 days of purchase. Refunds go back to the original payment method and take 5 to 10 business days to appear.</p>',
      },
      fr: {
        name: 'Politique de remboursement',
        status: 'published',
        html: '<h1>Politique de remboursement</h1><p>Vous pouvez demander un remboursement complet dans les 30 jours suivant l’achat. Le remboursement apparaît sous 5 à 10 jours ouvrés.</p>',
      },
    },
  }),
  article({
    id: 'kba_shipping',
    knowledgeBaseId: 'knb_help',
    categoryId: 'kbc_orders',
    keywords: ['shipping', 'delivery', 'tracking'],
    age: 60,
    content: {
      en: {
        name: 'Shipping times',
        status: 'published',
        html: '<h1>Shipping times</h1><p>Orders ship within 2 business days. Standard delivery takes 3 to 5 business days in the US and 7 to 14 days internationally. A tracking link is emailed when the order ships.</p>',
      },
    },
  }),
  article({
    id: 'kba_new_pricing',
    knowledgeBaseId: 'knb_help',
    categoryId: 'kbc_billing',
    keywords: ['pricing', 'plans'],
    age: 70,
    content: {
      en: {
        name: 'New pricing (coming soon)',
        status: 'draft',
        html: '<h1>New pricing</h1><p>DRAFT: from next quarter the Starter plan costs $9 per seat. Not announced yet; do not share.</p>',
      },
    },
  }),
  article({
    id: 'kba_refund_escalation',
    knowledgeBaseId: 'knb_internal',
    categoryId: 'kbc_procedures',
    keywords: ['refund', 'escalation', 'internal'],
    age: 80,
    content: {
      en: {
        name: 'Escalating refunds over $500',
        status: 'published',
        html: '<h1>Escalating refunds over $500</h1><p>Internal only: refunds above $500 need approval from a team lead. Tag the conversation <code>billing</code> and assign it to Alice Martin.</p>',
      },
    },
  }),
];
