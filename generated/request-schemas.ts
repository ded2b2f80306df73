// generated from openapi/sources.json, do not edit

/** A JSON Schema (OpenAPI 3.0 flavour: `nullable`), as the specs write it, $refs inlined. */
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

/** Every operation's request, keyed by "METHOD /path/template" (the sandbox's route keys). */
export const requestSchemas: Record<string, OperationRequest> = {
  "POST /token": {"parameters":[{"in":"header","name":"basiq-version","required":true,"schema":{"type":"string"}}],"body":{"type":"application/x-www-form-urlencoded","required":false,"schema":{"properties":{"scope":{"type":"string"},"userId":{"type":"string"}}}}},
  "POST /users": {"parameters":[],"body":{"type":"application/json","required":true,"schema":{"type":"object","properties":{"email":{"type":"string"},"mobile":{"type":"string"},"firstName":{"type":"string"},"middleName":{"type":"string"},"lastName":{"type":"string"},"businessName":{"type":"string"},"businessIdNo":{"type":"string"},"businessIdNoType":{"type":"string","enum":["ABN","ACN"]},"businessAddress":{"type":"object","properties":{"addressLine1":{"type":"string"},"addressLine2":{"type":"string"},"suburb":{"type":"string"},"state":{"type":"string"},"postcode":{"type":"string"},"countryCode":{"type":"string"}}},"verificationStatus":{"type":"boolean"},"verificationDate":{"type":"string"}}}}},
  "GET /users/{userId}": {"parameters":[]},
  "POST /users/{userId}": {"parameters":[],"body":{"type":"application/json","required":true,"schema":{"type":"object","properties":{"email":{"type":"string"},"mobile":{"type":"string"},"firstName":{"type":"string"},"middleName":{"type":"string"},"lastName":{"type":"string"}}}}},
  "DELETE /users/{userId}": {"parameters":[]},
  "GET /users/{userId}/consents": {"parameters":[]},
  "DELETE /users/{userId}/consents/{consentId}": {"parameters":[]},
  "GET /users/{userId}/auth_link": {"parameters":[]},
  "POST /users/{userId}/auth_link": {"parameters":[],"body":{"type":"application/json","required":false,"schema":{"type":"object","properties":{"mobile":{"type":"string"}}}}},
  "DELETE /users/{userId}/auth_link": {"parameters":[]},
  "GET /events": {"parameters":[{"in":"query","name":"filter","required":false,"schema":{"type":"string"}}]},
  "GET /events/{id}": {"parameters":[]},
  "GET /events/types": {"parameters":[]},
  "GET /events/types/{id}": {"parameters":[]},
  "GET /users/{userId}/jobs": {"parameters":[{"in":"query","name":"filter","required":false,"schema":{"type":"string"}}]},
  "GET /jobs/{jobId}": {"parameters":[]},
  "POST /jobs/{jobId}/mfa": {"parameters":[],"body":{"type":"application/json","required":true,"schema":{"required":["mfa-response"],"type":"object","properties":{"mfa-response":{"type":"array","items":{"type":"string"}}}}}},
  "GET /users/{userId}/accounts": {"parameters":[{"in":"query","name":"filter","required":false,"schema":{"type":"string"}}]},
  "GET /users/{userId}/accounts/{accountId}": {"parameters":[{"in":"query","name":"filter","required":false,"schema":{"type":"string"}}]},
  "GET /users/{userId}/transactions": {"parameters":[{"in":"query","name":"limit","required":false,"schema":{"type":"integer","format":"int64"}},{"in":"query","name":"filter","required":false,"schema":{"type":"string"}}]},
  "GET /users/{userId}/transactions/{transactionId}": {"parameters":[]},
  "GET /users/{userId}/connections": {"parameters":[{"in":"query","name":"filter","required":false,"schema":{"type":"string"}}]},
  "POST /users/{userId}/connections/refresh": {"parameters":[]},
  "GET /users/{userId}/connections/{connectionId}": {"parameters":[]},
  "DELETE /users/{userId}/connections/{connectionId}": {"parameters":[]},
  "POST /users/{userId}/connections/{connectionId}/refresh": {"parameters":[]},
  "POST /users/{userId}/connections/{connectionId}/purge": {"parameters":[]},
  "POST /users/{userId}/statements": {"parameters":[],"body":{"type":"multipart/form-data","required":false,"schema":{"type":"object","required":["institutionId","statement"],"properties":{"institutionId":{"type":"string"},"statement":{"type":"string","format":"binary"}}}}},
  "GET /connectors": {"parameters":[{"in":"query","name":"filter","required":false,"schema":{"type":"string"}}]},
  "GET /connectors/{connectorId}/{method}": {"parameters":[]},
  "GET /reports": {"parameters":[]},
  "POST /reports": {"parameters":[],"body":{"type":"application/json","required":true,"schema":{"required":["reportType","title","filters"],"properties":{"reportType":{"type":"string"},"title":{"type":"string"},"filters":{"type":"array","items":{"type":"object","required":["name","value"],"properties":{"name":{"type":"string"},"value":{"oneOf":[{"type":"string","format":"date"},{"type":"array","items":{"type":"string","format":"date"}},{"type":"array","items":{"type":"string"}},{"type":"string"}]}}}}}}}},
  "GET /reports/{id}": {"parameters":[]},
  "DELETE /reports/{id}": {"parameters":[]},
  "GET /reports/{reportId}/transactions": {"parameters":[{"in":"query","name":"filter","required":false,"schema":{"type":"string"}}]},
  "GET /reports/types": {"parameters":[]},
  "GET /reports/types/{reportTypeId}": {"parameters":[]},
  "GET /enrich": {"parameters":[{"in":"query","name":"q","required":true,"schema":{"type":"string"}},{"in":"query","name":"institution","required":true,"schema":{"type":"string"}},{"in":"query","name":"country","required":true,"schema":{"type":"string"}},{"in":"query","name":"mcc","required":false,"schema":{"type":"string"}},{"in":"query","name":"accountType","required":false,"schema":{"type":"string"}},{"in":"query","name":"amount","required":false,"schema":{"type":"string"}}]},
  "GET /users/{userId}/affordability": {"parameters":[]},
  "POST /users/{userId}/affordability": {"parameters":[],"body":{"type":"application/json","required":false,"schema":{"type":"object","properties":{"accounts":{"type":"array","items":{"type":"string"}},"fromMonth":{"type":"string"},"toMonth":{"type":"string"}}}}},
  "GET /users/{userId}/affordability/{snapshotId}": {"parameters":[]},
  "GET /users/{userId}/affordability/{snapshotId}/transactions": {"parameters":[{"in":"query","name":"limit","required":false,"schema":{"type":"integer"}}]},
  "POST /users/{userId}/expenses": {"parameters":[],"body":{"type":"application/json","required":false,"schema":{"type":"object","properties":{"accounts":{"type":"array","items":{"type":"string"}},"fromMonth":{"type":"string"},"toMonth":{"type":"string"}}}}},
  "GET /users/{userId}/expenses/{snapshotId}": {"parameters":[]},
  "POST /users/{userId}/income": {"parameters":[],"body":{"type":"application/json","required":false,"schema":{"type":"object","properties":{"accounts":{"type":"array","items":{"type":"string"}},"fromMonth":{"type":"string"},"toMonth":{"type":"string"}}}}},
  "GET /users/{userId}/income/{snapshotId}": {"parameters":[]},
  "GET /notifications/webhooks": {"parameters":[]},
  "POST /notifications/webhooks": {"parameters":[],"body":{"type":"application/json","required":false,"schema":{"type":"object","required":["url"],"properties":{"name":{"type":"string"},"description":{"type":"string"},"url":{"type":"string"},"subscribedEvents":{"type":"array","items":{"type":"string","enum":["account.updated","connection.activated","connection.created","connection.deleted","connection.invalidated","consent.created","consent.expired","consent.reminder","consent.revoked","consent.updated","consent.warning","transactions.updated","user.created","user.deleted","user.updated"]}}}}}},
  "GET /notifications/webhooks/{webhookId}": {"parameters":[]},
  "POST /notifications/webhooks/{webhookId}": {"parameters":[],"body":{"type":"application/json","required":false,"schema":{"type":"object","required":["url"],"properties":{"name":{"type":"string"},"description":{"type":"string"},"url":{"type":"string"},"subscribedEvents":{"type":"array","items":{"type":"string","enum":["account.updated","connection.activated","connection.created","connection.deleted","connection.invalidated","consent.created","consent.expired","consent.reminder","consent.revoked","consent.updated","consent.warning","transactions.updated","user.created","user.deleted","user.updated"]}}}}}},
  "DELETE /notifications/webhooks/{webhookId}": {"parameters":[]},
  "GET /notifications/webhooks/{webhookId}/messages": {"parameters":[{"in":"query","name":"limit","required":false,"schema":{"type":"integer"}},{"in":"query","name":"filter","required":false,"schema":{"type":"string"}}]},
  "GET /notifications/webhooks/{webhookId}/messages/{messageId}": {"parameters":[]},
  "POST /notifications/messages/test": {"parameters":[],"body":{"type":"application/json","required":false,"schema":{"type":"object","required":["eventTypeId"],"properties":{"Text":{"type":"string"},"eventTypeId":{"type":"string","enum":["account.updated","connection.activated","connection.created","connection.deleted","connection.invalidated","consent.created","consent.expired","consent.reminder","consent.revoked","consent.updated","consent.warning","transactions.updated","user.created","user.deleted","user.updated"]}}}}},
  "GET /users/{userId}/identities": {"parameters":[]},
  "GET /users/{userId}/identities/{identityId}": {"parameters":[]},
};
