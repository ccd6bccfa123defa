import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The places where Front's official OpenAPI document (vendored here as
 * core-api.json, identical to frontapp/front-api-specs core-api/core-api.json)
 * contradicts Front's documented or recorded behaviour. The sandbox and the
 * conformance test both validate against the spec with exactly these patches,
 * and nothing else is relaxed anywhere.
 */
export interface SpecDefect {
  where: string;
  reason: string;
  patch(spec: OpenApiDocument): void;
}

export type JsonObject = Record<string, unknown>;
export interface OpenApiDocument {
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonObject> } & JsonObject;
}

export const SPEC_DEFECTS: readonly SpecDefect[] = [
  {
    where: 'TeammateResponse.required includes license_type',
    reason:
      'license_type is listed as required but never defined as a property; Front webhook payloads (webhookdb fixtures) omit it, so the sandbox omits it too.',
    patch: (spec) => {
      const schema = spec.components.schemas.TeammateResponse;
      schema.required = (schema.required as string[]).filter((name) => name !== 'license_type');
    },
  },
  {
    where: 'MessageResponse.author is not nullable',
    reason: 'An inbound customer message has author null (webhookdb recorded inbound payload; FACTS.md).',
    patch: (spec) => nullable(spec.components.schemas.MessageResponse, 'author'),
  },
  {
    where: 'MessageResponse.error_type, version and signature are not nullable',
    reason:
      'Recorded payloads carry null for all three (the spec itself gives error_type the example null); error_type is only set when sending failed.',
    patch: (spec) => {
      for (const field of ['error_type', 'version', 'signature']) nullable(spec.components.schemas.MessageResponse, field);
    },
  },
  {
    where: 'MessageResponse.draft_mode is nullable but its enum lacks null',
    reason:
      'Sent and received messages carry draft_mode null (webhookdb payloads); under OpenAPI 3.0.3 an enum must list null for nullable to allow it.',
    patch: (spec) => {
      const properties = spec.components.schemas.MessageResponse.properties as Record<string, JsonObject>;
      properties.draft_mode = { ...properties.draft_mode, enum: [...(properties.draft_mode.enum as string[]), null] };
    },
  },
  {
    where: 'EventResponse.source.data and target.data use oneOf',
    reason:
      'The alternatives overlap (InboxResponse and MessageResponse require nothing, so any object matches several of them), which makes every real payload fail oneOf; anyOf keeps the intent.',
    patch: (spec) => {
      const properties = spec.components.schemas.EventResponse.properties as Record<string, JsonObject>;
      for (const key of ['source', 'target']) {
        const data = (properties[key].properties as Record<string, JsonObject>).data;
        data.anyOf = data.oneOf;
        delete data.oneOf;
      }
    },
  },
  {
    where: 'UpdateConversationAssignee.assignee_id and UpdateConversation.assignee_id are typed string only',
    reason: 'Both descriptions say "Set it to null to unassign", and { "assignee_id": null } is how Front unassigns.',
    patch: (spec) => {
      nullable(spec.components.schemas.UpdateConversationAssignee, 'assignee_id');
      nullable(spec.components.schemas.UpdateConversation, 'assignee_id');
    },
  },
];

function nullable(schema: JsonObject, property: string): void {
  const properties = schema.properties as Record<string, JsonObject>;
  properties[property] = { ...properties[property], nullable: true };
}

let cachedRaw: string | undefined;

/** Front's Core API OpenAPI document with SPEC_DEFECTS applied (a fresh copy each call). */
export function loadPatchedFrontSpec(): OpenApiDocument {
  cachedRaw ??= readFileSync(join(__dirname, 'core-api.json'), 'utf8');
  const spec = JSON.parse(cachedRaw) as OpenApiDocument;
  for (const defect of SPEC_DEFECTS) defect.patch(spec);
  return normaliseRefSiblings(spec) as OpenApiDocument;
}

/**
 * OpenAPI 3.0 ignores keywords beside a $ref, but the spec's authors put
 * meaning there (nullable assignee and recipient, required fields of request
 * bodies). Keep that meaning: nullable becomes anyOf [ref, null], other
 * siblings wrap the ref in allOf.
 */
function normaliseRefSiblings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normaliseRefSiblings);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as JsonObject).map(([key, value]) => [key, normaliseRefSiblings(value)] as const);
  const object = Object.fromEntries(entries) as JsonObject;
  if (typeof object.$ref !== 'string' || Object.keys(object).length === 1) return object;
  const { $ref, nullable: isNullable, ...siblings } = object;
  if (isNullable === true) return { ...siblings, anyOf: [{ $ref }, { type: 'null' }] };
  return { ...siblings, allOf: [{ $ref }] };
}
