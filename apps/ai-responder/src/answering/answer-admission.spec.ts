import { DeferDeliveryError } from '@front-agent/messaging';
import { AnswerAdmission, FRONT_CALLS_PER_ANSWER } from './answer-admission';

type Headroom = { remaining: number; endsInMs: number } | undefined;

const accessWith = (company: string, headroom: () => Headroom) => ({ frontCompanyId: company, budget: { headroom } as never });

describe('answer admission against the company Front budget', () => {
  it('starts only the answers the window can carry, and defers the next one until the window ends', () => {
    const admission = new AnswerAdmission();
    const access = accessWith('cmp_a', () => ({ remaining: 2 * FRONT_CALLS_PER_ANSWER + 1, endsInMs: 30_000 }));
    const first = admission.admit(access);
    admission.admit(access);
    let deferred: unknown;
    try {
      admission.admit(access);
    } catch (error) {
      deferred = error;
    }
    expect(deferred).toBeInstanceOf(DeferDeliveryError);
    expect(deferred).toMatchObject({ reason: 'front_budget', delayMs: 30_000 });
    first();
    first(); // releasing twice counts once
    expect(() => admission.admit(access)).not.toThrow();
    expect(() => admission.admit(access)).toThrow(DeferDeliveryError);
  });

  it('counts each company on its own, admits freely when the window is unknown, and waits at least a second', () => {
    const admission = new AnswerAdmission();
    const spent = accessWith('cmp_spent', () => ({ remaining: 0, endsInMs: 10 }));
    expect(() => admission.admit(spent)).toThrow(expect.objectContaining({ delayMs: 1_000 }));
    const unknown = accessWith('cmp_new', () => undefined);
    for (let i = 0; i < 50; i += 1) admission.admit(unknown);
    const other = accessWith('cmp_other', () => ({ remaining: FRONT_CALLS_PER_ANSWER, endsInMs: 5_000 }));
    expect(() => admission.admit(other)).not.toThrow();
  });
});
