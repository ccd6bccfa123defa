import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variables every service reads. Defaults run against the local servers. */
export class CommonEnv {
  @Matches(/^amqps?:\/\//, { message: 'AMQP_URL must be an amqp:// or amqps:// URL' })
  AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Overrides the service's fixed port; tests use 0 for a free one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT?: number;
}

/** Variables of services that own a Postgres schema. */
export class DatabaseEnv extends CommonEnv {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/front_agent';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EnvClass = new (...args: any[]) => object;

/** Adds the ENCRYPTION_* variables (services that seal or open secrets) to an env class. */
export function withEncryption<TBase extends EnvClass>(Base: TBase) {
  class WithEncryption extends Base {
    @IsString({ message: 'ENCRYPTION_KEY is required (base64 of 32 random bytes); npm start writes a dev key to .env' })
    @IsBase64({}, { message: 'ENCRYPTION_KEY must be base64 of 32 bytes' })
    ENCRYPTION_KEY!: string;

    @Type(() => Number)
    @IsInt({ message: 'ENCRYPTION_KEY_VERSION must be a whole number' })
    @Min(1)
    ENCRYPTION_KEY_VERSION = 1;

    /** Earlier keys kept for reading during rotation: `1:<base64>,2:<base64>`. */
    @IsOptional()
    @Matches(/^(\d+:[A-Za-z0-9+/=]+)(,\d+:[A-Za-z0-9+/=]+)*$/, {
      message: 'ENCRYPTION_OLD_KEYS must look like 1:<base64>,2:<base64>',
    })
    ENCRYPTION_OLD_KEYS?: string;
  }
  return WithEncryption;
}
