import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Validates requests the client sends against Front's official OpenAPI spec (libs/front-client/openapi).

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: object;
}
interface Operation {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: object }> };
  'x-required-scopes'?: string[];
}
interface Spec {
  paths: Record<string, Record<string, Operation | Parameter[]>>;
  components: { parameters: Record<string, Parameter>; schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
}

/** A request to check: method, path below the base URL, query pairs, JSON body. */
export interface RequestToValidate {
  method: string;
  path: string;
  query: Array<[string, string]>;
  body: unknown;
}

/** The operation a request matched, and what was wrong with it (empty when valid). */
export interface RequestValidation {
  template?: string;
  scopes?: string[];
  errors: string[];
}

export const SPEC_PATH = join(__dirname, '..', '..', 'openapi', 'core-api.json');

/** Front's `q` query object (`q[after]=…`, `q[types]=a&q[types]=b`) is one string parameter `q` in the spec. */
const Q_KEY = /^q\[(after|before|types|inboxes|statuses)\](\[\])?$/;

/**
 * Spec defects we knowingly deviate from, each documented by the spec's own text:
 * UpdateConversationAssignee.assignee_id is typed string, but its description says "Set it to null to unassign".
 */
function patchKnownDefects(spec: Spec): void {
  const assignee = spec.components.schemas.UpdateConversationAssignee.properties?.assignee_id;
  if (assignee) assignee.nullable = true;
}

export class SpecRequestValidator {
  private readonly spec: Spec;
  private readonly ajv: Ajv;
  private readonly coercing: Ajv;
  private readonly routes: Array<{ template: string; regex: RegExp; literals: number }>;
  private readonly cache = new Map<object, ValidateFunction>();

  constructor(specPath = SPEC_PATH) {
    this.spec = JSON.parse(readFileSync(specPath, 'utf8')) as Spec;
    patchKnownDefects(this.spec);
    this.ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ components: this.spec.components }, 'front');
    this.coercing = addFormats(new Ajv({ strict: false, allErrors: true, coerceTypes: true }));
    this.routes = Object.keys(this.spec.paths).map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      literals: template.split('/').filter((part) => part && !part.startsWith('{')).length,
    }));
  }

  validate(request: RequestToValidate): RequestValidation {
    const match = this.routes.filter((route) => route.regex.test(request.path)).sort((a, b) => b.literals - a.literals)[0];
    if (!match) return { errors: [`no spec path matches ${request.path}`] };
    const operation = this.spec.paths[match.template][request.method.toLowerCase()] as Operation | undefined;
    if (!operation) return { template: match.template, errors: [`${request.method} is not defined on ${match.template}`] };
    const errors = [...this.checkQuery(operation, request.query), ...this.checkBody(operation, request.body)];
    return { template: match.template, scopes: operation['x-required-scopes'], errors };
  }

  private parameters(operation: Operation): Parameter[] {
    return (operation.parameters ?? []).map((p) => ('$ref' in p ? this.spec.components.parameters[p.$ref.split('/').pop() as string] : p));
  }

  private checkQuery(operation: Operation, query: Array<[string, string]>): string[] {
    const declared = this.parameters(operation).filter((p) => p.in === 'query');
    const errors: string[] = [];
    for (const [key, value] of query) {
      const name = Q_KEY.test(key) ? 'q' : key;
      const parameter = declared.find((p) => p.name === name);
      if (!parameter) {
        errors.push(`query parameter ${key} is not declared`);
        continue;
      }
      const schema = name === 'q' ? { type: 'string' } : (parameter.schema ?? {});
      const check = this.coercing.compile(schema);
      if (!check(value)) errors.push(`query ${key}=${value}: ${this.coercing.errorsText(check.errors)}`);
    }
    for (const parameter of declared.filter((p) => p.required)) {
      if (!query.some(([key]) => key === parameter.name)) errors.push(`required query parameter ${parameter.name} is missing`);
    }
    return errors;
  }

  private checkBody(operation: Operation, body: unknown): string[] {
    if (!operation.requestBody) return body === undefined ? [] : ['the spec defines no request body here'];
    if (body === undefined) return operation.requestBody.required ? ['the request body is required'] : [];
    const content = operation.requestBody.content['application/json'];
    if (!content) return ['the spec accepts no JSON body here'];
    let check = this.cache.get(content.schema);
    if (!check) {
      check = this.ajv.compile(rebase(content.schema));
      this.cache.set(content.schema, check);
    }
    const errors = check(body) ? [] : [`body: ${this.ajv.errorsText(check.errors)}`];
    // The spec's schemas allow extra keys; a key the spec does not know is still a bug on our side.
    return [...errors, ...this.undeclaredKeys(body, content.schema, 'body')];
  }

  private undeclaredKeys(value: unknown, schema: object, path: string): string[] {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    const properties = this.declaredProperties(schema);
    if (properties.size === 0) return [];
    return Object.entries(value).flatMap(([key, child]) => {
      const childSchema = properties.get(key);
      if (!childSchema) return [`${path}.${key} is not in the spec`];
      return this.undeclaredKeys(child, childSchema, `${path}.${key}`);
    });
  }

  private declaredProperties(schema: object): Map<string, object> {
    const s = schema as { $ref?: string; properties?: Record<string, object>; allOf?: object[] };
    if (s.$ref) return this.declaredProperties(this.spec.components.schemas[s.$ref.split('/').pop() as string]);
    const found = new Map<string, object>(Object.entries(s.properties ?? {}));
    for (const part of s.allOf ?? []) for (const [key, value] of this.declaredProperties(part)) found.set(key, value);
    return found;
  }
}

/** Points the spec's document-relative `#/components/...` refs at the schema registered as `front`. */
function rebase(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"front#/components/')) as object;
}
