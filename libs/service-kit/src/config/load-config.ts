import { config as loadDotenv } from 'dotenv';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** A bad or missing environment variable; the message names it, never its value. */
export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Constructor<T> = new () => T;

const TYPE_RULES_FIRST = ['isDefined', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isIn', 'matches', 'isUrl', 'isBase64'];

/**
 * Reads the environment once (with .env filling only what the environment
 * leaves unset), validates it against `schema`, and returns it typed.
 */
export function loadConfig<T extends object>(schema: Constructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  if (env === process.env) loadDotenv({ quiet: true, override: false });
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const instance = plainToInstance(schema, defined, { exposeDefaultValues: true, enableImplicitConversion: true });
  const [first] = validateSync(instance as object, { whitelist: true, forbidUnknownValues: false });
  if (first) {
    const constraints = first.constraints ?? {};
    // A value of the wrong type fails every rule; name the type rule, it says the most.
    const typeRule = TYPE_RULES_FIRST.find((rule) => rule in constraints);
    const reason = (typeRule ? constraints[typeRule] : Object.values(constraints)[0]) ?? 'is invalid';
    throw new ConfigError(first.property, reason.startsWith(first.property) ? reason.slice(first.property.length).trim() : reason);
  }
  return instance;
}
