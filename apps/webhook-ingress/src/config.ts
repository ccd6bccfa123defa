import { CommonEnv, withEncryption } from '@front-agent/service-kit';

/** webhook-ingress' environment: no database, the broker and the key to open webhook secrets. */
export class IngressConfig extends withEncryption(CommonEnv) {}

export const INGRESS_PORT = 3001;
/** Front bodies larger than this are refused with 413. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;
