import { Module } from '@nestjs/common';
import { CopilotDraftRepository } from '../copilot/copilot-draft.repository';
import { DraftFateHandler } from '../copilot/draft-fate.handler';
import { DraftFateService } from '../copilot/draft-fate.service';
import { DraftEffectsService } from '../front/draft-effects.service';
import { FrontEffectsService } from '../front/front-effects.service';
import { TagDirectoryService } from '../front/tag-directory.service';
import { HandoffService } from '../handoff/handoff.service';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { LlmResponder } from '../llm/llm-responder';
import { AnswerAdmission } from './answer-admission';
import { AnswerComposer } from './answer-composer';
import { AnswerJournalRepository } from './answer-journal.repository';
import { AnswerService } from './answer.service';
import { ConversationLeases } from './conversation-leases';
import { OutcomePublisher } from './outcome-publisher';
import { OutputGuard } from './output-guard.service';
import { ReplyRequestHandler } from './reply-request.handler';
import { TryItHandler } from './try-it.handler';
import { TryItService } from './try-it.service';

/** Reply requests: decide, reply or hand off in Front, report. */
@Module({
  imports: [KnowledgeModule],
  controllers: [ReplyRequestHandler, DraftFateHandler, TryItHandler],
  providers: [
    AnswerService,
    AnswerComposer,
    AnswerAdmission,
    AnswerJournalRepository,
    ConversationLeases,
    OutcomePublisher,
    OutputGuard,
    FrontEffectsService,
    DraftEffectsService,
    CopilotDraftRepository,
    DraftFateService,
    TryItService,
    TagDirectoryService,
    HandoffService,
    LlmResponder,
  ],
})
export class AnsweringModule {}
