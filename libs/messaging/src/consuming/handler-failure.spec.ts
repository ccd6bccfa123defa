import { InvalidMessageError } from '@front-agent/contracts';
import { RpcException } from '@nestjs/microservices';
import { describeFailure, failureText } from './handler-failure';

class FrontRateLimitedError extends Error {
  readonly code = 'front_rate_limited';
}

describe('describeFailure', () => {
  it("keeps an error's own code and message", () => {
    expect(describeFailure(new FrontRateLimitedError('slow down'))).toEqual({
      code: 'front_rate_limited',
      message: 'slow down',
    });
  });

  it('reads the code and message of an RpcException object', () => {
    expect(describeFailure(new RpcException({ code: 'forbidden', message: 'not yours' }))).toEqual({
      code: 'forbidden',
      message: 'not yours',
    });
  });

  it("calls Nest's generic RPC error an internal error", () => {
    expect(describeFailure({ status: 'error', message: 'Internal server error' })).toEqual({
      code: 'internal_error',
      message: 'Internal server error',
    });
  });

  it('names the invalid fields of an invalid message', () => {
    expect(describeFailure(new InvalidMessageError(['orgId should not be empty']))).toEqual({
      code: 'invalid_message',
      message: 'invalid message: orgId should not be empty',
    });
  });
});

describe('failureText', () => {
  it('prefixes the error class, even when the class did not set a name', () => {
    expect(failureText(new FrontRateLimitedError('slow down'))).toBe('FrontRateLimitedError: slow down');
    expect(failureText(new TypeError('x is undefined'))).toBe('TypeError: x is undefined');
  });
});
