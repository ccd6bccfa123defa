import { notFound } from '../domain/errors';
import { plainList } from '../http/pagination';
import { renderIdentity, renderTeammate } from '../render/people';
import { param, type RouteDeps, type SandboxRoute } from './route';

/** GET /me and the teammates. */
export function identityRoutes(deps: RouteDeps): SandboxRoute[] {
  const { core } = deps;
  return [
    { method: 'GET', url: '/me', operationId: 'api-token-details', handler: () => renderIdentity(core.render) },
    {
      method: 'GET',
      url: '/teammates',
      operationId: 'list-teammates',
      handler: (request) =>
        plainList(
          request,
          core.baseUrl,
          [...core.store.teammates.values()].filter((t) => t.listed).map((t) => renderTeammate(core.render, t)),
        ),
    },
    {
      method: 'GET',
      url: '/teammates/:teammate_id',
      operationId: 'get-teammate',
      handler: (request) => {
        const id = param(request, 'teammate_id');
        const teammate = core.store.findTeammate(id);
        if (!teammate) throw notFound(`Unknown teammate ID ${id}`);
        return renderTeammate(core.render, teammate);
      },
    },
  ];
}
