import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export const FRONT_EVENTS_EXCHANGE = 'front.events';
export const AGENT_EVENTS_EXCHANGE = 'agent.events';

type Constructor<T> = new () => T;

/** A message type: its class, the routing key pattern it travels on and its schema version. */
export interface Contract<T extends object> {
  /** Routing key, or a topic pattern for a family (`front.*`). */
  routingKey: string;
  version: number;
  schema: Constructor<T>;
}

/** Thrown when a message does not satisfy its contract; `reasons` names each field. */
export class InvalidMessageError extends Error {
  readonly code = 'invalid_message';
  constructor(readonly reasons: string[]) {
    super(`invalid message: ${reasons.join('; ')}`);
    this.name = 'InvalidMessageError';
  }
}

export function defineContract<T extends object>(contract: Contract<T>): Contract<T> {
  return contract;
}

/** The exchange a routing key is published to. */
export function exchangeFor(routingKey: string): string {
  return routingKey.startsWith('front.') ? FRONT_EVENTS_EXCHANGE : AGENT_EVENTS_EXCHANGE;
}

/** Builds and validates a message instance; throws InvalidMessageError naming each bad field. */
export function parseContract<T extends object>(contract: Contract<T>, raw: unknown): T {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidMessageError(['message must be a JSON object']);
  }
  const instance = plainToInstance(contract.schema, raw, { enableImplicitConversion: false });
  const errors = validateSync(instance as object, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new InvalidMessageError(flattenErrors(errors));
  return instance;
}

export function flattenErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) ? `${path}${text.slice(error.property.length)}` : `${path}: ${text}`,
    );
    return [...own, ...flattenErrors(error.children ?? [], path)];
  });
}

/** Topic match as RabbitMQ does it: `*` one word, `#` zero or more words. */
export function routingKeyMatches(pattern: string, routingKey: string): boolean {
  return patternRegExp(pattern).test(routingKey);
}

/** Patterns are the code's own (contracts, handlers): a few dozen, each compiled once. */
const compiledPatterns = new Map<string, RegExp>();
const MAX_COMPILED_PATTERNS = 1_000;

function patternRegExp(pattern: string): RegExp {
  const known = compiledPatterns.get(pattern);
  if (known) return known;
  const source = pattern
    .split('.')
    .map((word) => (word === '*' ? '[^.]+' : word === '#' ? '.*' : word.replace(/[-/\\^$+?()|[\]{}]/g, '\\$&')))
    .join('\\.');
  const compiled = new RegExp(`^${source.replace(/\\\.\.\*/g, '(\\..*)?')}$`);
  if (compiledPatterns.size < MAX_COMPILED_PATTERNS) compiledPatterns.set(pattern, compiled);
  return compiled;
}
