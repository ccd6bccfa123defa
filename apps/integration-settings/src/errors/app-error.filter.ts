import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError } from './app-errors';

/** The one place errors become HTTP answers: `{ error: { code, message } }`. */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(AppErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.describe(exception);
    if (status >= 500) this.logger.error({ err: exception }, 'request failed');
    void reply.status(status).send(body);
  }

  private describe(exception: unknown): { status: number; body: unknown } {
    if (exception instanceof AppError) {
      return { status: exception.status, body: { error: { code: exception.code, message: exception.message } } };
    }
    if (exception instanceof BadRequestException) {
      const response = exception.getResponse() as { message?: string | string[] };
      const message = Array.isArray(response.message) ? response.message.join('; ') : (response.message ?? 'bad request');
      return { status: 400, body: { error: { code: 'validation_failed', message } } };
    }
    if (isUnansweredRpc(exception)) {
      return { status: 503, body: { error: { code: 'service_unavailable', message: 'a backing service did not answer; try again shortly' } } };
    }
    if (exception instanceof HttpException) {
      const code = exception.getStatus() === 404 ? 'not_found' : 'http_error';
      return { status: exception.getStatus(), body: { error: { code, message: exception.message } } };
    }
    return { status: 500, body: { error: { code: 'internal_error', message: 'something went wrong on our side' } } };
  }
}

/** Another service did not answer over the broker (down, or no replica running). */
function isUnansweredRpc(exception: unknown): boolean {
  const error = exception as { name?: string; code?: string };
  return error?.name === 'RpcTimeoutError' || (error?.name === 'RpcError' && error.code === 'no_responder');
}
