import { AppError } from '../errors/app-errors';

/** The dead letter cannot be put back: its body was too large to keep, or it is not a valid message (replaying would fail the same way). */
export class DeadLetterNotReplayableError extends AppError {
  readonly code = 'dead_letter_not_replayable';
  readonly status = 422;
}
