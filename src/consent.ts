// The Basiq Consent UI round trip: the URL that opens it, and the redirect that comes back.
// Rules from Basiq's docs, "Consent actions" and "Consent parameters"
// (https://api.basiq.io/docs/consent-actions, https://api.basiq.io/docs/consent-parameters).
import { BasiqError } from "./errors.js";

/** Where the Basiq Consent UI is hosted. */
const CONSENT_UI_URL = "https://consent.basiq.io/home";

/** The flows the Consent UI opens with (no action: the default "create consent" flow). */
const ACTIONS = {
  connect: "add institutions under a consent the user already gave",
  manage: "view consents, delete connections, revoke consent",
  extend: "extend a consent nearing expiry (needs an active consent)",
  update: "re-consent after the consent policy changed (revokes existing connections)",
  reauthorise: "renew open-banking connections (one, with connectionId, or every one expiring soon)",
} as const;

/** A Consent UI flow: `connect`, `manage`, `extend`, `update` or `reauthorise`. */
export type ConsentAction = keyof typeof ACTIONS;

/** What the Consent UI opens on, besides the token. */
export interface ConsentUrlOptions {
  /** The flow to open. @default undefined (the default flow: consent, then connect institutions) */
  action?: ConsentAction;
  /** Your own value, handed back on the redirect (e.g. where to return the user). @default undefined */
  state?: string;
  /** Skip the institution list: connect this institution. Not with `manage`, `extend` or `connectionId`. @default undefined */
  institutionId?: string;
  /** Update the credentials of (web) or reauthorise (open banking) this connection; alone or with `reauthorise`. @default undefined */
  connectionId?: string;
}

/** Input of {@link consentUrl}: a CLIENT_ACCESS token bound to the user, and the options. */
export interface ConsentUrlInput extends ConsentUrlOptions {
  /** A CLIENT_ACCESS token bound to the user (`basiq.clientToken(userId)`); never a SERVER_ACCESS token. */
  token: string;
}

/** Actions that pick an institution (docs: consent parameters, `institutionId`). */
const TAKES_INSTITUTION = new Set<ConsentAction | undefined>([undefined, "connect", "update", "reauthorise"]);
/** Actions a connectionId goes with (docs: "connectionId ... or by using action=reauthorise"). */
const TAKES_CONNECTION = new Set<ConsentAction | undefined>([undefined, "reauthorise"]);

/** A UTF-16 code unit with no partner: no URL can carry it (encodeURIComponent throws a URIError). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function text(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw new BasiqError(`consentUrl: \`${name}\` must be a non-empty string when given`);
  const lone = value.search(LONE_SURROGATE);
  if (lone !== -1) {
    throw new BasiqError(`consentUrl: \`${name}\` has a lone UTF-16 surrogate at position ${lone}, which no URL can carry; check how the string was cut or decoded`);
  }
  return value;
}

/** Checks the options against the documented flows; throws a BasiqError saying what to change. */
export function checkConsentOptions(options: ConsentUrlOptions): void {
  const { action } = options;
  if (action !== undefined && !Object.hasOwn(ACTIONS, action)) {
    const known = Object.keys(ACTIONS).map((name) => `"${name}"`).join(", ");
    throw new BasiqError(`consentUrl: unknown action ${JSON.stringify(String(action)).slice(0, 40)}: use one of ${known}, or none for the default consent flow`);
  }
  text("state", options.state);
  const institutionId = text("institutionId", options.institutionId);
  const connectionId = text("connectionId", options.connectionId);
  if (connectionId !== undefined && !TAKES_CONNECTION.has(action)) {
    throw new BasiqError(`consentUrl: connectionId opens the reauthorise / credential-update flow; it does not go with action "${action}" (${ACTIONS[action!]}). Pass no action, or "reauthorise".`);
  }
  if (institutionId !== undefined && connectionId !== undefined) {
    throw new BasiqError("consentUrl: pass institutionId or connectionId, not both (a connection already names its institution)");
  }
  if (institutionId !== undefined && !TAKES_INSTITUTION.has(action)) {
    throw new BasiqError(`consentUrl: institutionId picks an institution to connect; action "${action}" (${ACTIONS[action!]}) connects none`);
  }
}

/**
 * The Basiq Consent UI URL for a CLIENT_ACCESS token, every value percent-encoded.
 * @example
 * consentUrl({ token, action: "connect", state: "/onboarding/step-3" })
 * // https://consent.basiq.io/home?token=...&action=connect&state=%2Fonboarding%2Fstep-3
 */
export function consentUrl(input: ConsentUrlInput): string {
  if (typeof input !== "object" || input === null) throw new BasiqError("consentUrl needs an object: { token, action?, state?, institutionId?, connectionId? }");
  if (typeof input.token !== "string" || input.token === "") {
    throw new BasiqError("consentUrl needs `token`: a CLIENT_ACCESS token bound to the user (basiq.clientToken(userId), or basiq.consentUrl(userId))");
  }
  text("token", input.token);
  checkConsentOptions(input);
  const { token, action, state, institutionId, connectionId } = input;
  // encodeURIComponent rather than URLSearchParams: a space is %20, never "+", so the value
  // reads back the same whichever way the page decodes it.
  const query = Object.entries({ token, action, state, institutionId, connectionId })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  return `${CONSENT_UI_URL}?${query}`;
}

/** What the Consent UI handed back on the redirect to your application. */
export interface ConsentRedirect {
  /** The jobs the user's connections started (from `jobIds`, comma-separated, and `jobId`), in order, without repeats; empty when none started (e.g. `manage`, or the user closed the UI). */
  jobIds: string[];
  /** The `state` given to consentUrl, when there was one. */
  state: string | undefined;
}

/** Most job ids one redirect may carry: more is not a redirect the Consent UI wrote. */
const MAX_JOB_IDS = 100;
/** A job id as Basiq writes them (UUIDs, hex or numeric ids): nothing that could change a path. */
const JOB_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Longest error text kept from a redirect (it is untrusted input). */
const MAX_ERROR_TEXT = 200;

function queryOf(redirect: string | URL | URLSearchParams): URLSearchParams {
  if (redirect instanceof URLSearchParams) return redirect;
  if (redirect instanceof URL) return redirect.searchParams;
  if (typeof redirect !== "string") throw new BasiqError("parseConsentRedirect needs the redirect URL (a string or URL) or its query (URLSearchParams)");
  // A full URL, a path with a query ("/callback?jobIds=..."), or a bare query ("?jobIds=..." or "jobIds=...").
  if (/^[a-z][a-z0-9+.-]*:/i.test(redirect) || redirect.startsWith("/")) {
    try {
      return new URL(redirect, "http://redirect.invalid").searchParams;
    } catch {
      throw new BasiqError("parseConsentRedirect: the redirect is not a URL");
    }
  }
  return new URLSearchParams(redirect);
}

/**
 * Untrusted redirect text made safe to show and log: tags dropped (and any stray angle bracket),
 * control characters and line breaks (CR, LF, U+2028/9: log and header injection) made spaces,
 * then clipped to MAX_ERROR_TEXT.
 */
function clip(value: string): string {
  const plain = value
    .replace(/<[^>]*>?/g, " ")
    .replace(/[<>]/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > MAX_ERROR_TEXT ? `${plain.slice(0, MAX_ERROR_TEXT)}…` : plain;
}

/**
 * Reads the redirect the Consent UI sends the user back with: `jobIds` (comma-separated, as with
 * "allow multiple connections") and/or `jobId`, and `state`. An `error` parameter (with
 * `error_description`) becomes a BasiqError: Basiq does not document an error redirect, so this
 * follows the OAuth convention integrations check for.
 * @example
 * const { jobIds, state } = parseConsentRedirect(request.url);
 * for (const jobId of jobIds) await basiq.waitForJob(jobId);
 */
export function parseConsentRedirect(redirect: string | URL | URLSearchParams): ConsentRedirect {
  const query = queryOf(redirect);
  const state = query.get("state") ?? undefined;
  const error = query.get("error");
  if (error !== null) {
    const raw = query.get("error_description") ?? query.get("errorDescription") ?? undefined;
    const code = clip(error) || "error";
    const description = raw === undefined ? undefined : clip(raw);
    throw new BasiqError(`The Consent UI redirected with an error: ${[code, description].filter(Boolean).join(": ")}`, {
      errors: [{ code, ...(description ? { detail: description } : {}) }],
    });
  }
  const listed = query.getAll("jobIds").flatMap((value) => value.split(","));
  const single = query.getAll("jobId");
  const jobIds: string[] = [];
  for (const raw of [...listed, ...single]) {
    const id = raw.trim();
    if (id === "" || jobIds.includes(id)) continue;
    if (!JOB_ID.test(id)) throw new BasiqError("parseConsentRedirect: the redirect carries a job id that is not one Basiq writes (letters, digits, - and _ only)");
    if (jobIds.length === MAX_JOB_IDS) throw new BasiqError(`parseConsentRedirect: the redirect carries more than ${MAX_JOB_IDS} job ids`);
    jobIds.push(id);
  }
  return { jobIds, state };
}
