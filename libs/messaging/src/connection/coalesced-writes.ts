import type { Writable } from 'node:stream';
import type { Logger } from '@nestjs/common';

/** The parts of amqplib's connection this relies on (not its public API: checked before use). */
interface AmqplibConnectionInternals {
  stream?: Writable;
  muxer?: { _readIncoming?: () => void; coalesced?: boolean };
}

/**
 * amqplib writes every frame to the socket on its own (a syscall per publish
 * or ack). Corking the socket around each pass of its frame writer turns the
 * frames queued in one event-loop turn into a single writev. When amqplib's
 * internals are not what this expects, the connection is left as it is.
 */
export function coalesceSocketWrites(connection: unknown, logger: Logger): void {
  const internals = connection as AmqplibConnectionInternals;
  const muxer = internals.muxer;
  const stream = internals.stream;
  const readIncoming = muxer?._readIncoming;
  if (!muxer || !stream || typeof readIncoming !== 'function' || typeof stream.cork !== 'function') {
    logger.warn({ msg: 'amqplib internals changed: socket writes are not coalesced' });
    return;
  }
  if (muxer.coalesced) return;
  muxer.coalesced = true;
  muxer._readIncoming = () => {
    stream.cork();
    try {
      readIncoming.call(muxer);
    } finally {
      stream.uncork();
    }
  };
}
