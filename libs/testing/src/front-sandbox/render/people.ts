import type { Teammate } from '../state/types';
import type { Json, RenderContext } from './render-context';

/** TeammateResponse (without license_type: see SPEC_DEFECTS). */
export function renderTeammate(ctx: RenderContext, teammate: Teammate): Json {
  return {
    _links: {
      self: ctx.url(`/teammates/${teammate.id}`),
      related: {
        inboxes: ctx.url(`/teammates/${teammate.id}/inboxes`),
        conversations: ctx.url(`/teammates/${teammate.id}/conversations`),
      },
    },
    id: teammate.id,
    email: teammate.email,
    username: teammate.username,
    first_name: teammate.firstName,
    last_name: teammate.lastName,
    is_admin: teammate.isAdmin,
    is_available: teammate.isAvailable,
    is_blocked: teammate.isBlocked,
    type: teammate.type,
    custom_fields: {},
  };
}

export function renderTeammateById(ctx: RenderContext, id: string | null): Json | null {
  const teammate = id ? ctx.store.teammates.get(id) : undefined;
  return teammate ? renderTeammate(ctx, teammate) : null;
}

/** IdentityResponse of GET /me. */
export function renderIdentity(ctx: RenderContext): Json {
  return { _links: { self: ctx.url('/me') }, id: ctx.store.company.id, name: ctx.store.company.name };
}
