import { InvalidMessageError } from '@front-agent/contracts';
import { RpcException } from '@nestjs/microservices';

/** A handler error reduced to what travels in headers and RPC replies. */
export interface HandlerFailure {
  code: string;
  message: string;
}

/** `Name: message` for logs and dead-letter headers. */
export function failureText(error: unknown): string {
  const { message } = describeFailure(error);
  if (!(error instanceof Error)) return message;
  // Error subclasses that do not set `name` still say which class they are.
  const name = error.name === 'Error' ? error.constructor.name : error.name;
  return message.startsWith(name) ? message : `${name}: ${message}`;
}

/**
 * Reads a handler's error: an Error (with an optional string `code`), an
 * RpcException, or the `{ status, message }` object Nest's default RPC
 * filter turns unknown errors into (when AmqpErrorPassthroughFilter is missing).
 */
export function describeFailure(error: unknown): HandlerFailure {
  if (error instanceof InvalidMessageError) return { code: error.code, message: error.message };
  if (error instanceof RpcException) return fromObject(error.getError()) ?? { code: 'rpc_error', message: error.message };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'internal_error', message: error.message };
  }
  return fromObject(error) ?? { code: 'internal_error', message: String(error) };
}

function fromObject(value: unknown): HandlerFailure | undefined {
  if (typeof value === 'string') return { code: 'rpc_error', message: value };
  if (value === null || typeof value !== 'object') return undefined;
  const { code, message } = value as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  return { code: typeof code === 'string' ? code : 'internal_error', message };
}
