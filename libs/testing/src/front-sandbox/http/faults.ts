/** A fault to inject on matching API requests (POST /_sandbox/faults or control.addFault()). */
export interface FaultSpec {
  /** HTTP method; any when omitted. */
  method?: string;
  /**
   * Path pattern: `{name}` or `*` match one segment, `**` matches the rest,
   * e.g. `/conversations/{id}/messages`, `/knowledge_bases/**`. Query strings are ignored.
   */
  path: string;
  /** Delay before answering (or before the other fault), in ms. */
  latencyMs?: number;
  /** Answer this status (5xx, or 429 for a burst of rate limiting) with Front's error body. */
  status?: number;
  /** For status 429: retry-after in seconds (fractional allowed). Default 1. */
  retryAfterSeconds?: number;
  /** For status 429: x-front-tier header (e.g. 2). */
  tier?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Apply only this many times, then stop matching. */
  times?: number;
  /** Apply to this fraction of matching requests (seeded, so runs repeat). */
  ratio?: number;
}

export interface FaultRule extends FaultSpec {
  id: string;
  /** How many requests it was applied to. */
  hits: number;
}

export type FaultAction =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'drop'; latencyMs: number; rule: FaultRule }
  | { kind: 'status'; latencyMs: number; rule: FaultRule };

/** Chooses, per request, which configured faults apply. */
export class FaultInjector {
  private rules: (FaultRule & { pattern: RegExp })[] = [];
  private counter = 0;

  constructor(private readonly random: () => number) {}

  add(spec: FaultSpec): FaultRule {
    if (!spec.path) throw new Error('A fault needs a path pattern');
    this.counter += 1;
    const rule = { ...spec, method: spec.method?.toUpperCase(), id: `flt_${this.counter}`, hits: 0, pattern: compile(spec.path) };
    this.rules.push(rule);
    return publicRule(rule);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(publicRule);
  }

  /** Decide for one request; counts the rules applied. */
  decide(method: string, path: string): FaultAction {
    let latencyMs = 0;
    for (const rule of this.rules) {
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (!rule.pattern.test(path)) continue;
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      if (rule.ratio !== undefined && this.random() >= rule.ratio) continue;
      rule.hits += 1;
      latencyMs += rule.latencyMs ?? 0;
      if (rule.drop) return { kind: 'drop', latencyMs, rule: publicRule(rule) };
      if (rule.status) return { kind: 'status', latencyMs, rule: publicRule(rule) };
    }
    return { kind: 'none', latencyMs };
  }
}

function compile(pattern: string): RegExp {
  const path = pattern.split('?')[0].replace(/\/+$/, '');
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '**') return '.*';
      if (segment === '*' || /^\{[^}]+\}$/.test(segment) || /^:\w+$/.test(segment)) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

function publicRule(rule: FaultRule & { pattern?: RegExp }): FaultRule {
  const { pattern: _pattern, ...rest } = rule;
  return { ...rest };
}
