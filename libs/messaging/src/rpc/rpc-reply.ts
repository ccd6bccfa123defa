/** What an RPC handler's answer looks like on the wire. */
export type RpcReply<T = unknown> = { response: T } | { error: { code: string; message: string } };

export const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';
