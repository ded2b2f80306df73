// The shape of generated/request-schemas.ts, a types-only leaf: the generator
// (scripts/lib/request-schemas.mjs) writes only data typed by these, and validate.ts reads it.

/**
 * A JSON Schema (OpenAPI 3.0 flavour: `nullable`), as the specs write it, $refs inlined: the
 * keywords the generator keeps (its KEYWORDS), everything else (prose, samples, x-*) left out.
 */
export interface RequestSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, RequestSchema>;
  items?: RequestSchema;
  additionalProperties?: boolean | RequestSchema;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  oneOf?: RequestSchema[];
  anyOf?: RequestSchema[];
  allOf?: RequestSchema[];
}

/** What one operation accepts: its query and header parameters, and its request body. */
export interface OperationRequest {
  parameters: Array<{ in: "query" | "header"; name: string; required: boolean; schema: RequestSchema }>;
  body?: { type: string; required: boolean; schema: RequestSchema };
}
