// What each list of the specs filters on, as its `filter` parameter documents it, and the
// predicate a request's filter makes (a 400 naming `filter` when it cannot be read or applied).
import type { SandboxAccount, SandboxConnection } from "./accounts.js";
import type { INSTITUTIONS } from "./catalog.js";
import { badRequest } from "./http.js";
import { filterBy } from "./query.js";

/** GET /users/{userId}/accounts: "account.id, connection.id, institution.id, Only equals (eq) and not equals (ne)". */
export const ACCOUNT_FIELDS: Record<string, (a: SandboxAccount) => string> = {
  "account.id": (a) => a.id,
  "connection.id": (a) => a.connection,
  "institution.id": (a) => a.institution,
};

/** GET /users/{userId}/connections: "id, status, institution.id" (also written connection.id, connection.status). */
export const CONNECTION_FIELDS: Record<string, (c: SandboxConnection) => string> = {
  id: (c) => c.id,
  status: (c) => c.status ?? "",
  "connection.id": (c) => c.id,
  "connection.status": (c) => c.status ?? "",
  "institution.id": (c) => c.institution.id,
};

/** GET /users/{userId}/jobs: "Connection identification filter. e.g. connection.id.eq('ab63cd')". */
export const JOB_FIELDS: Record<string, (j: { connectionId?: string; created: string }) => string> = {
  "connection.id": (j) => j.connectionId ?? "",
  "job.created": (j) => j.created,
};

type Institution = (typeof INSTITUTIONS)[number];

/** GET /connectors: the connector statements of its filter parameter the sandbox's catalogue can answer. */
export const CONNECTOR_FIELDS: Record<string, (i: Institution) => string> = {
  "connector.id": (i) => i.id,
  "connector.method": (i) => i.method,
  "connector.status": () => "operational",
  "connector.stage": () => "live",
  "connector.institution.country": () => "Australia",
  "connector.institution.tier": (i) => i.tier,
  "connector.institution.type": (i) => i.type,
  "connector.authorization.type": (i) => (i.method === "web" ? "user" : "other"),
};

/** The predicate of a request's `filter` over `fields`, or a 400 naming `filter`. */
export function keep<T>(url: URL, fields: Record<string, (item: T) => string>, what: string, correlationId: () => string, operators?: string[]): (item: T) => boolean {
  try {
    return filterBy(url.searchParams.get("filter"), fields, what, operators);
  } catch (error) {
    throw badRequest((error as Error).message, "filter", correlationId());
  }
}
