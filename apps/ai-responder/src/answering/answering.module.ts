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
import { AnswerComposer } from './answer-composer';
import { AnswerJournalRepository } from './answer-journal.repository';
import { AnswerService } from './answer.service';
import { OutcomePublisher } from './outcome-publisher';
import { OutputGuard } from './output-guard.service';
import { ReplyRequestHandler } from './reply-request.handler';

/** Reply requests: decide, reply or hand off in Front, report. */
@Module({
  imports: [KnowledgeModule],
  controllers: [ReplyRequestHandler, DraftFateHandler],
  providers: [
    AnswerService,
    AnswerComposer,
    AnswerJournalRepository,
    OutcomePublisher,
    OutputGuard,
    FrontEffectsService,
    DraftEffectsService,
    CopilotDraftRepository,
    DraftFateService,
    TagDirectoryService,
    HandoffService,
    LlmResponder,
  ],
})
export class AnsweringModule {}
