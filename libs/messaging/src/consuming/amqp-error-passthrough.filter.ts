import { ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';
import { AmqpContext } from './amqp-context';

/**
 * Lets a handler's own error reach the AMQP transport. Nest's default RPC
 * filter replaces unknown errors with "Internal server error"; the transport
 * needs the real message and code for retry logs, dead-letter headers and RPC
 * error replies. Other transports keep the default behaviour.
 */
@Catch()
export class AmqpErrorPassthroughFilter extends BaseRpcExceptionFilter implements RpcExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<unknown> {
    if (host.getType() === 'rpc' && host.switchToRpc().getContext() instanceof AmqpContext) {
      return throwError(() => exception);
    }
    return super.catch(exception, host);
  }
}
