import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Schema = Record<string, unknown>;
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const DOCUMENT_PATH = resolve(__dirname, '../../openapi.json');

/**
 * Checks answers against an OpenAPI 3.1 document: the status must be one the operation documents,
 * and a JSON body must match that status's schema. Answers for paths or methods the document does
 * not describe (the docs UI, a route that does not exist) are not judged.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<Schema, ValidateFunction>();
  private readonly routes: Array<{ pattern: RegExp; template: string }>;

  constructor(private readonly document: OpenApiDocument) {
    // The two formats the document uses; ajv-formats would be one more dependency for them.
    this.ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    this.ajv.addFormat('date-time', { validate: (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)) });
    this.ajv.addSchema({ $id: 'openapi', components: document.components ?? {} });
    this.routes = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`),
    }));
  }

  static fromFile(path = DOCUMENT_PATH): OpenApiContract {
    return new OpenApiContract(JSON.parse(readFileSync(path, 'utf8')));
  }

  /** What is wrong with this answer by the document, or undefined when nothing is (or it is not described). */
  violation(method: string, url: string, status: number, contentType: string | undefined, body: unknown): string | undefined {
    const pathname = decodePath(new URL(url, 'http://localhost').pathname);
    const route = this.routes.find((r) => r.pattern.test(pathname));
    const operation = route && this.document.paths[route.template][method.toLowerCase()];
    if (!route || !operation) return undefined;
    const what = `${method.toUpperCase()} ${route.template} answered ${status}`;
    const response = operation.responses?.[String(status)] ?? operation.responses?.default;
    if (!response) return `${what}, which the OpenAPI document does not list (it lists ${Object.keys(operation.responses ?? {}).join(', ')})`;
    const schema = response.content?.['application/json']?.schema;
    if (!schema || !contentType?.includes('application/json')) return undefined;
    const validate = this.validatorFor(schema);
    if (validate(body)) return undefined;
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`).join('; ');
    return `${what} with a body the OpenAPI document does not allow: ${problems}\nbody: ${JSON.stringify(body)?.slice(0, 500)}`;
  }

  private validatorFor(schema: Schema): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      // References point into the document: #/components/schemas/X resolves against it.
      const rebased = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'));
      validate = this.ajv.compile(rebased);
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
