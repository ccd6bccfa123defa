import type { DecisionTrail } from '@front-agent/contracts';

/** Collects, for one request, what the AI did and why: steps with their latency, checks, Front calls. */
export class TrailRecorder {
  private readonly started = performance.now();
  private readonly steps: Array<{ name: string; ms: number }> = [];
  private readonly checks: Array<{ name: string; passed: boolean; detail?: string }> = [];
  private readonly frontCalls: Array<{ call: string; status: string }> = [];
  private readonly facts: Record<string, unknown> = {};

  /** Runs `work` and records its duration under `name`. */
  async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.steps.push({ name, ms: Math.round(performance.now() - start) });
    }
  }

  check(name: string, passed: boolean, detail?: string): void {
    this.checks.push(detail ? { name, passed, detail } : { name, passed });
  }

  frontCall(call: string, status: string): void {
    this.frontCalls.push({ call, status });
  }

  /** Runs a Front call and records it with its answer (`ok`, or the error's code). */
  async recordFrontCall<T>(call: string, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.frontCall(call, 'ok');
      return result;
    } catch (error) {
      this.frontCall(call, (error as { code?: string }).code ?? 'error');
      throw error;
    }
  }

  set(key: string, value: unknown): void {
    this.facts[key] = value;
  }

  elapsedMs(): number {
    return Math.round(performance.now() - this.started);
  }

  toTrail(): DecisionTrail {
    return { ...this.facts, checks: this.checks, steps: this.steps, frontCalls: this.frontCalls, totalMs: this.elapsedMs() };
  }
}
