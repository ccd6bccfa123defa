import type { Channel } from '@front-agent/contracts';

/**
 * The product's channel for a Front message type: email → email; custom
 * (Front Chat), smooch, intercom and anything unknown → web; sms → sms;
 * whatsapp → whatsapp; call → voice.
 */
export function channelOfMessageType(messageType: string | undefined): Channel | undefined {
  if (!messageType) return undefined;
  switch (messageType) {
    case 'email':
      return 'email';
    case 'sms':
      return 'sms';
    case 'whatsapp':
    case 'yalo_wha':
      return 'whatsapp';
    case 'call':
    case 'phone-call':
      return 'voice';
    default:
      return 'web';
  }
}
