import { SpecRequestValidator } from '../test-support/spec-request-validator';
import { companyRequests, conversationRequests } from './conversation-requests';
import type { FrontRequest } from './front-http';
import { eventRequests, knowledgeBaseRequests } from './knowledge-event-requests';

const validator = new SpecRequestValidator();

const built: Array<[string, FrontRequest]> = [
  ['getMe', companyRequests.getMe()],
  ['listTeammates', companyRequests.listTeammates()],
  ['getMessage', companyRequests.getMessage('msg_1')],
  ['getMessageByUid', companyRequests.getMessageByUid('1eab543f')],
  ['listCompanyTags', companyRequests.listCompanyTags()],
  ['createCompanyTag', companyRequests.createCompanyTag('vip')],
  ['listChannels', companyRequests.listChannels()],
  ['listConversations', conversationRequests.listConversations({ statuses: ['unassigned', 'assigned'], limit: 1 })],
  ['getConversation', conversationRequests.getConversation('cnv_1')],
  ['listConversationMessages', conversationRequests.listConversationMessages('cnv_1', 'desc')],
  ['listConversationInboxes', conversationRequests.listConversationInboxes('cnv_1')],
  ['reply', conversationRequests.reply('cnv_1', { body: 'b', authorId: 'tea_1', archive: false })],
  ['addComment', conversationRequests.addComment('cnv_1', { body: 'b' })],
  ['createDraft', conversationRequests.createDraft('cnv_1', { body: 'b', channelId: 'cha_1', authorId: 'tea_1' })],
  ['updateDraft', conversationRequests.updateDraft('msg_1', { body: 'b', channelId: 'cha_1', version: 'v' })],
  ['deleteDraft', conversationRequests.deleteDraft('msg_1', 'v')],
  ['setAssignee', conversationRequests.setAssignee('cnv_1', null)],
  ['addTags', conversationRequests.addTags('cnv_1', ['tag_1'])],
  ['removeTags', conversationRequests.removeTags('cnv_1', ['tag_1'])],
  ['updateConversationStatus', conversationRequests.updateConversationStatus('cnv_1', 'archived')],
  ['listKnowledgeBases', knowledgeBaseRequests.listKnowledgeBases()],
  ['getKnowledgeBaseContent', knowledgeBaseRequests.getKnowledgeBaseContent('knb_1')],
  ['getKnowledgeBaseContent(fr)', knowledgeBaseRequests.getKnowledgeBaseContent('knb_1', 'fr')],
  ['listKnowledgeBaseCategories', knowledgeBaseRequests.listKnowledgeBaseCategories('knb_1')],
  ['getCategoryContent(fr)', knowledgeBaseRequests.getCategoryContent('kbc_1', 'fr')],
  ['listCategoryArticles', knowledgeBaseRequests.listCategoryArticles('kbc_1')],
  ['listKnowledgeBaseArticles', knowledgeBaseRequests.listKnowledgeBaseArticles('knb_1')],
  ['getArticleContent(fr)', knowledgeBaseRequests.getArticleContent('kba_1', 'fr')],
  ['listEvents', eventRequests.listEvents({ after: 1, types: ['inbound'] })],
  ['getEvent', eventRequests.getEvent('evt_1')],
  ['listConversationEvents', eventRequests.listConversationEvents('cnv_1')],
];

describe('request builders', () => {
  it.each(built)('%s names the spec route and scope, and builds a valid request', (_name, request) => {
    const result = validator.validate({ method: request.method, path: request.url, query: request.query ?? [], body: request.body });
    expect(result.errors).toEqual([]);
    expect(result.template).toBe(request.route);
    expect(request.scope).toBe(result.scopes?.[0]);
  });

  it('marks the POSTs that could double-apply as not repeatable, and only those', () => {
    const notRepeatable = built.filter(([, r]) => r.repeat === 'not-repeatable').map(([name]) => name);
    expect(notRepeatable).toEqual(['createCompanyTag', 'reply', 'addComment', 'createDraft']);
  });

  it('marks every conversation route that can answer 301 with its conversation id', () => {
    const marked = built.filter(([, r]) => r.route.startsWith('/conversations/{conversation_id}')).every(([, r]) => r.conversationId === 'cnv_1');
    expect(marked).toBe(true);
  });

  it('caps the events page size at 15', () => {
    expect(eventRequests.listEvents({ limit: 100 }).query).toContainEqual(['limit', '15']);
  });
});

describe('the spec request validator itself', () => {
  it('rejects a missing required body field, unknown keys, wrong types and undeclared query parameters', () => {
    const reply = validator.validate({ method: 'POST', path: '/conversations/cnv_1/messages', query: [], body: { authorId: 'x', options: { archiv: true } } });
    expect(reply.errors.join('\n')).toMatch(/must have required property 'body'/);
    expect(reply.errors).toContain('body.authorId is not in the spec');
    expect(reply.errors).toContain('body.options.archiv is not in the spec');
    const status = validator.validate({ method: 'PATCH', path: '/conversations/cnv_1', query: [['foo', '1']], body: { status: 'closed' } });
    expect(status.errors.join('\n')).toMatch(/must be equal to one of the allowed values/);
    expect(status.errors).toContain('query parameter foo is not declared');
    expect(validator.validate({ method: 'GET', path: '/conversations/cnv_1/messages', query: [['limit', '500']], body: undefined }).errors).toHaveLength(1);
  });

  it('rejects unknown paths and methods', () => {
    expect(validator.validate({ method: 'GET', path: '/nowhere', query: [], body: undefined }).errors).toHaveLength(1);
    expect(validator.validate({ method: 'PUT', path: '/me', query: [], body: undefined }).errors).toHaveLength(1);
  });
});
