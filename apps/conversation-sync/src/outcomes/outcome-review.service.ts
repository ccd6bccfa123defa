import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SyncConfig } from '../config';
import { SessionRepository } from '../sessions/session.repository';
import { SessionOutcomeService } from './session-outcome.service';

const BATCH = 200;

/** Outcomes that only time changes (a pending resolution settles, an unanswered AI reply is abandoned), decided again when their window ends. */
@Injectable()
export class OutcomeReviewService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutcomeReviewService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly outcomes: SessionOutcomeService,
    @Inject(SyncConfig) private readonly config: SyncConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OUTCOME_REVIEW_INTERVAL_SECONDS <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.reviewDue().catch((error: Error) => {
        this.logger.warn({ msg: 'outcome review failed', reason: error.message });
        return 0;
      }).finally(() => (this.running = undefined));
    }, this.config.OUTCOME_REVIEW_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Decides again every session whose review time has come; returns how many outcomes changed. */
  async reviewDue(now = new Date()): Promise<number> {
    let changed = 0;
    for (;;) {
      const due = await this.sessions.sessionsDueForOutcomeReview(now, BATCH);
      for (const { orgId, id } of due) {
        changed += await this.dataSource.transaction(async (manager) => {
          const session = await this.sessions.lockSessionById(manager, orgId, id);
          if (!session || !session.outcomeReviewAt || session.outcomeReviewAt > now) return 0;
          const change = this.outcomes.refresh(session, now, 'window ended');
          await this.sessions.saveSession(manager, session, change ? [{ ...change, orgId, sessionId: id }] : []);
          return change ? 1 : 0;
        });
      }
      if (due.length < BATCH) return changed;
    }
  }
}
