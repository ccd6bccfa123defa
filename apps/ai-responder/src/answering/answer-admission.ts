import { Injectable } from '@nestjs/common';
import { DeferDeliveryError } from '@front-agent/messaging';
import type { FrontAccess } from '../front/front-access.service';

/** Front requests one answer spends: read the messages, read the conversation and its messages again, post. */
export const FRONT_CALLS_PER_ANSWER = 4;
/** The shortest wait before a deferred answer tries again. */
const MIN_BUDGET_WAIT_MS = 1_000;

/**
 * Starts an answer only when the company's Front budget can carry it. Many
 * answers in flight for one company would otherwise share out the last
 * requests of a window: each spends its first reads, then waits past its
 * deadline for the rest and starts over later, and the budget goes to reads
 * that lead to no reply. An answer the window cannot carry (with those
 * already in flight in this process) waits for the next window instead,
 * before spending anything.
 */
@Injectable()
export class AnswerAdmission {
  private readonly inFlight = new Map<string, number>();

  /** Counts the answer in; DeferDeliveryError when the window is too short of requests. Call the result when it is done. */
  admit(access: Pick<FrontAccess, 'budget' | 'frontCompanyId'>): () => void {
    const company = access.frontCompanyId;
    const running = this.inFlight.get(company) ?? 0;
    const headroom = access.budget.headroom();
    if (headroom && (running + 1) * FRONT_CALLS_PER_ANSWER > headroom.remaining) {
      throw new DeferDeliveryError('front_budget', Math.max(headroom.endsInMs, MIN_BUDGET_WAIT_MS));
    }
    this.inFlight.set(company, running + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(company) ?? 1) - 1;
      if (left > 0) this.inFlight.set(company, left);
      else this.inFlight.delete(company);
    };
  }
}
