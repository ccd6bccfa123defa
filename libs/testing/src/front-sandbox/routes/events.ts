import { badRequest, notFound } from '../domain/errors';
import { listParams, queryList, queryValue } from '../http/list-query';
import { paginate } from '../http/pagination';
import type { SandboxEvent } from '../state/types';
import { param, type RouteDeps, type SandboxRoute } from './route';

/** The spec's EventResponse.type enum: q[types] accepts these names only. */
const EVENT_TYPES = new Set(
  (
    'assign unassign archive reopen trash restore reminder comment mention inbound outbound out_reply move forward tag untag ' +
    'sending_error message_bounce_error conversations_merged link_added link_removed custom_field_updated macro_triggered ' +
    'topic_identified ticket_status_update call_started call_abandoned call_queued call_on_hold call_parked call_resumed ' +
    'call_connected call_missed call_hangup call_transferred call_transcript_added call_voicemail_transcript_added'
  ).split(' '),
);

/** GET /events (the Events API: newest first, at most 15 a page, filtered by the q object) and GET /events/{id}. */
export function eventRoutes(deps: RouteDeps): SandboxRoute[] {
  const { core } = deps;
  return [
    {
      method: 'GET',
      url: '/events',
      operationId: 'list-events',
      handler: (request) => {
        const params = listParams(request, { defaultLimit: 15, maxLimit: 15, sortBy: ['created_at'] });
        const after = timestamp(queryValue(request, 'q[after]'), 'q[after]');
        const before = timestamp(queryValue(request, 'q[before]'), 'q[before]');
        const types = queryList(request, 'q[types]');
        const unknown = types.filter((type) => !EVENT_TYPES.has(type));
        if (unknown.length > 0) throw badRequest(`Query did not satisfy requirements: unknown event type ${unknown.join(', ')}`);
        const inboxes = queryList(request, 'q[inboxes]');
        const items = core.store.events.filter(
          (event) =>
            (after === undefined || event.emittedAt > after) &&
            (before === undefined || event.emittedAt < before) &&
            (types.length === 0 || types.includes(event.type)) &&
            (inboxes.length === 0 || event.inboxIds.some((id) => inboxes.includes(id))),
        );
        if (params.sortOrder === 'desc') items.reverse();
        return paginate(request, core.baseUrl, items, (e: SandboxEvent) => e.id, (e) => e.payload, params);
      },
    },
    {
      method: 'GET',
      url: '/events/:event_id',
      operationId: 'get-event',
      handler: (request) => {
        const id = param(request, 'event_id');
        const event = core.store.events.find((e) => e.id === id);
        if (!event) throw notFound(`Unknown event ID ${id}`);
        return event.payload;
      },
    },
  ];
}

/** Seconds with up to 3 decimals, as the q object takes them. */
function timestamp(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d{1,3})?$/.test(raw)) {
    throw badRequest(`Query did not satisfy requirements: ${name} must be a timestamp in seconds with up to 3 decimals`);
  }
  return Number(raw);
}
