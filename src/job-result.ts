// jobResult: the ids a job produced, read from the links it carries (links.source and each step's
// result url), so nobody cuts ids out of URLs with split("/").pop().
import { BASE_URL } from "./internal/base-url.js";
import { type LinkOperationId, matchPath, queryOf } from "./internal/links.js";

/** The ids a job's links name, and the links themselves (each ready for `basiq.follow`). */
export interface JobResult {
  /** The user the job ran for. */
  userId?: string;
  /** The connection a connection, refresh or statement job created or refreshed. */
  connectionId?: string;
  /** The account a step's link names (e.g. `filter=account.id.eq(...)`). */
  accountId?: string;
  /** The institution a step's link names (e.g. `filter=institution.id.eq(...)`). */
  institutionId?: string;
  /** The report a report job generated. */
  reportId?: string;
  /** The affordability, income or expenses snapshot a job generated. */
  snapshotId?: string;
  /** Every link of the job that names a GET operation: `links.source` first, then each step's result url, in step order. */
  links: JobLink[];
}

/** One link a job carries, matched to the GET operation it names. */
export interface JobLink {
  /** `"source"` (the job's links.source) or the title of the step whose result it is. */
  from: string;
  /** The link as the API wrote it. */
  url: string;
  /** The GET operation it names (what `basiq.follow(url)` resolves). */
  operationId: LinkOperationId;
}

/** The shape jobResult reads: any job (connection, report, statement) as GET /jobs/{jobId} returns it. */
export interface JobLike {
  links?: { source?: string | null } | null;
  steps?: ReadonlyArray<{ title?: string; result?: unknown }> | null;
}

type IdName = Exclude<keyof JobResult, "links">;
const ID_NAMES = new Set<string>(["userId", "connectionId", "accountId", "institutionId", "reportId", "snapshotId"]);
/** `<entity>.id.eq('<value>')` in a link's filter (how step results point at a connection's accounts and transactions). */
const FILTER_ID = /\b([a-z]+)\.id\.eq\('([^']+)'\)/g;
/** Most links read from one job (its source and one per step result): a bound against a hostile body. */
const MAX_LINKS = 50;

function urlsOf(result: unknown): string[] {
  const results = Array.isArray(result) ? result : [result];
  return results.flatMap((r) => (typeof r === "object" && r !== null && typeof (r as { url?: unknown }).url === "string" ? [(r as { url: string }).url] : []));
}

/** The name an `{id}` parameter stands for: the singular of the segment before it (`/reports/{id}` -> reportId). */
function idName(template: string, param: string): string {
  if (param !== "id") return param;
  const before = template.split("/{id}")[0]!.split("/").pop() ?? "";
  return `${before.replace(/s$/, "")}Id`;
}

/**
 * The ids a job produced, from `links.source` and its steps' result urls (the first link naming
 * an id wins), and those links matched to their GET operations.
 * @example
 * const job = await basiq.waitForJob(jobId);
 * const { connectionId, reportId } = jobResult(job);
 */
export function jobResult(job: JobLike): JobResult {
  const found: JobResult = { links: [] };
  const candidates: Array<{ from: string; url: string }> = [];
  if (typeof job?.links?.source === "string") candidates.push({ from: "source", url: job.links.source });
  for (const step of job?.steps ?? []) {
    for (const url of urlsOf(step?.result)) candidates.push({ from: step.title ?? "", url });
  }
  for (const { from, url } of candidates.slice(0, MAX_LINKS)) {
    let parsed: URL;
    try {
      parsed = new URL(url, BASE_URL);
    } catch {
      continue;
    }
    const match = matchPath(parsed.pathname);
    if (!match) continue;
    found.links.push({ from, url, operationId: match.operationId });
    const ids: Array<[string, string]> = Object.entries(match.path).map(([param, value]) => [idName(match.template, param), value]);
    const filterValue = queryOf(parsed).filter;
    for (const text of Array.isArray(filterValue) ? filterValue : filterValue === undefined ? [] : [filterValue]) {
      for (const [, entity, value] of text.matchAll(FILTER_ID)) ids.push([`${entity}Id`, value!]);
    }
    for (const [name, value] of ids) {
      if (ID_NAMES.has(name)) found[name as IdName] ??= value;
    }
  }
  return found;
}
