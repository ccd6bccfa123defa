import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import OpenAPIBackend from 'openapi-backend';
import { loadPatchedFrontSpec, type JsonObject } from './spec-defects';

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** x-required-scopes; empty for GET /me. */
  scopes: string[];
  requestBodySchema?: JsonObject;
}

/**
 * Front's Core API contract (with SPEC_DEFECTS applied) as validators:
 * request bodies through ajv, responses through openapi-backend.
 */
export class FrontSpec {
  private readonly bodyValidators = new Map<string, ValidateFunction>();
  /** openapi-backend's getOperation() flattens the whole spec on every call: once per operation is enough. */
  private readonly operations = new Map<string, SpecOperation>();
  private readonly ajv: Ajv;

  private constructor(private readonly api: OpenAPIBackend) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
  }

  static async load(): Promise<FrontSpec> {
    const api = new OpenAPIBackend({ definition: loadPatchedFrontSpec() as never, quick: true, strict: false });
    await api.init();
    return new FrontSpec(api);
  }

  operation(operationId: string): SpecOperation {
    const known = this.operations.get(operationId);
    if (known) return known;
    const found = this.readOperation(operationId);
    this.operations.set(operationId, found);
    return found;
  }

  private readOperation(operationId: string): SpecOperation {
    const op = this.api.router.getOperation(operationId);
    if (!op) throw new Error(`Operation ${operationId} is not in Front's spec`);
    const content = (op.requestBody as { content?: Record<string, { schema?: JsonObject }> } | undefined)?.content;
    return {
      operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      scopes: ((op as unknown as JsonObject)['x-required-scopes'] as string[] | undefined) ?? [],
      requestBodySchema: content?.['application/json']?.schema,
    };
  }

  /** Problems with a JSON request body, as "<path> <message>" strings; empty when valid. */
  validateRequestBody(operationId: string, body: unknown): string[] {
    const schema = this.operation(operationId).requestBodySchema;
    if (!schema) return [];
    let validate = this.bodyValidators.get(operationId);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.bodyValidators.set(operationId, validate);
    }
    return validate(body) ? [] : describe(validate.errors ?? []);
  }

  /** Body fields the spec does not define for this operation (dotted paths). */
  unknownBodyFields(operationId: string, body: unknown): string[] {
    const schema = this.operation(operationId).requestBodySchema;
    return schema ? unknownFields(schema, body, '') : [];
  }

  /** Problems with a response body against the spec's schema for that status; empty when valid or undocumented. */
  validateResponse(operationId: string, status: number, body: unknown): string[] {
    const result = this.api.validator.validateResponse(body, operationId, status);
    return result.valid ? [] : describe((result.errors ?? []) as ErrorObject[]);
  }
}

function describe(errors: ErrorObject[]): string[] {
  return errors.map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`.trim());
}

function declaredProperties(schema: JsonObject): Record<string, JsonObject> | undefined {
  let found: Record<string, JsonObject> | undefined;
  const parts = [schema, ...((schema.allOf as JsonObject[] | undefined) ?? [])];
  for (const part of parts) {
    const nested = part === schema ? (part.properties as Record<string, JsonObject> | undefined) : declaredProperties(part);
    if (nested) found = { ...(found ?? {}), ...nested };
  }
  return found;
}

function unknownFields(schema: JsonObject, value: unknown, prefix: string): string[] {
  if (Array.isArray(value)) {
    const items = schema.items as JsonObject | undefined;
    return items ? value.flatMap((item, index) => unknownFields(items, item, `${prefix}[${index}]`)) : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const properties = declaredProperties(schema);
  // Free-form objects (custom fields, metadata.headers) declare no properties: anything goes.
  if (!properties) return [];
  return Object.entries(value as JsonObject).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const childSchema = properties[key];
    return childSchema ? unknownFields(childSchema, child, path) : [path];
  });
}
