// The core spec: tokens, users, consents, auth links, events and event types, jobs.
import type { core } from "../../../generated/index.js";
import { authLinkBody } from "../catalog.js";
import { EVENT_TYPES, eventBody, eventListItem, eventTypeBody, isEventType, type EventTypeId } from "../events.js";
import * as body from "../fixtures.js";
import type { SandboxUser } from "../fixtures.js";
import { badRequest, empty, HttpError, json, notFound, readJson } from "../http.js";
import { JOB_FIELDS, keep } from "../filters.js";
import { route, type Route } from "../router.js";
import { answerMfa, pollJob } from "../jobs.js";
import type { SandboxState } from "../state.js";

type Schemas = core.components["schemas"];

/** The fields GET /events filters on (its `filter` parameter's documented options). */
const EVENT_FIELDS: Record<string, (e: Schemas["EventsData"]) => string> = {
  "user.id": (e) => e.userId,
  "event.entity": (e) => e.entity,
  "event.type": (e) => e.eventType,
};

export function coreRoutes(s: SandboxState): Route[] {
  const bad = (detail: string, parameter: string) => badRequest(detail, parameter, s.correlation());
  const missing = (detail: string) => notFound(detail, s.correlation());
  return [
    route("POST", "/token", async ({ request }) => {
      const basic = /^Basic (\S(?:.*\S)?)$/.exec(request.headers.get("authorization") ?? "");
      if (!basic) throw new HttpError(401, body.unauthorizedBody("POST /token needs Authorization: Basic <API key>", s.correlation()));
      if (s.options.apiKey !== undefined && basic[1] !== s.options.apiKey) throw new HttpError(401, body.unauthorizedBody("Invalid API key", s.correlation()));
      if (request.headers.get("basiq-version") !== "3.0") throw bad("basiq-version must be 3.0", "basiq-version");
      const form = new URLSearchParams(await request.text());
      const scope = form.get("scope") ?? "SERVER_ACCESS";
      const userId = form.get("userId") ?? undefined;
      if (scope !== "SERVER_ACCESS" && scope !== "CLIENT_ACCESS") throw bad(`Unknown scope ${scope}`, "scope");
      if (scope === "CLIENT_ACCESS" && !userId) throw bad("CLIENT_ACCESS needs a userId", "userId");
      const token = s.id(scope === "CLIENT_ACCESS" ? "client-token" : "server-token");
      s.tokens.set(token, { scope, userId, expiresAt: s.clock.ms() + s.options.tokenExpiresIn * 1000 });
      return json(body.tokenBody(token, s.options.tokenExpiresIn));
    }),
    route("POST", "/users", async ({ request }) => {
      s.authorize(request);
      const input = await readJson<Schemas["createUser"]>(request, {});
      if (!input.email && !input.mobile) throw bad("A user needs an email or a mobile", "email");
      const user: SandboxUser = { id: s.uuid(), email: input.email ?? "", mobile: input.mobile ?? "", firstName: input.firstName ?? "", middleName: input.middleName ?? "", lastName: input.lastName ?? "" };
      s.addUser(user);
      await s.notify.emit("user.created", user.id, `${body.PRODUCTION}/users/${user.id}`);
      return json(body.createdUser(user), 201);
    }),
    route("GET", "/users/{userId}", ({ request, params: { userId } }) => {
      s.authorize(request);
      const state = s.userOf(userId!);
      return json(body.userBody(state.user, [...state.connections.keys()], state.accounts.map((a) => a.id)));
    }),
    route("POST", "/users/{userId}", async ({ request, params: { userId } }) => {
      s.authorize(request);
      const state = s.userOf(userId!);
      const input = await readJson<Schemas["updateUser"]>(request, {});
      for (const key of ["email", "mobile", "firstName", "middleName", "lastName"] as const) if (typeof input[key] === "string") state.user[key] = input[key];
      await s.notify.emit("user.updated", userId!, `${body.PRODUCTION}/users/${userId}`);
      return json(body.createdUser(state.user));
    }),
    route("DELETE", "/users/{userId}", async ({ request, params: { userId } }) => {
      s.authorize(request);
      s.userOf(userId!);
      s.users.delete(userId!);
      await s.notify.emit("user.deleted", userId!, `${body.PRODUCTION}/users/${userId}`);
      return empty();
    }),
    route("GET", "/users/{userId}/consents", ({ request, params: { userId } }) => {
      s.authorize(request);
      const consents = [...s.userOf(userId!).consents.values()];
      return json({ type: "list", size: consents.length, data: consents } satisfies core.operations["getConsents"]["responses"][200]["content"]["application/json"]);
    }),
    route("DELETE", "/users/{userId}/consents/{consentId}", async ({ request, params: { userId, consentId } }) => {
      s.authorize(request);
      const state = s.userOf(userId!);
      const consent = state.consents.get(consentId!);
      if (!consent) throw missing(`Consent ${consentId} not found`);
      state.consents.delete(consentId!);
      await s.notify.emit("consent.revoked", userId!, consent.links?.self ?? `${body.PRODUCTION}/users/${userId}/consents`);
      return empty();
    }),
    route("POST", "/users/{userId}/auth_link", async ({ request, params: { userId } }) => {
      s.authorize(request);
      const state = s.userOf(userId!);
      const input = await readJson<{ mobile?: string }>(request, {});
      const mobile = input.mobile ?? state.user.mobile;
      if (!mobile) throw bad("An auth link needs the user's mobile", "mobile");
      const link = authLinkBody(s.uuid(), userId!, mobile, new Date(s.clock.ms() + 7 * 86_400_000).toISOString());
      state.authLink = link;
      const { id: _, ...created } = link; // the 201 body has no id (AuthLinksPostResponseResource)
      return json(created satisfies Schemas["AuthLinksPostResponseResource"], 201);
    }),
    route("GET", "/users/{userId}/auth_link", ({ request, params: { userId } }) => {
      s.authorize(request);
      const link = s.userOf(userId!).authLink;
      if (!link || Date.parse(link.expiresAt) <= s.clock.ms()) throw new HttpError(410, { type: "list", correlationId: s.correlation(), data: [{ type: "error", code: "resource-no-longer-available", title: "Auth link expired or deleted", detail: `User ${userId} has no active auth link` }] } satisfies Schemas["GoneError"]);
      return json(link);
    }),
    route("DELETE", "/users/{userId}/auth_link", ({ request, params: { userId } }) => {
      s.authorize(request);
      s.userOf(userId!).authLink = undefined;
      return empty();
    }),
    route("GET", "/events", ({ request, url }) => {
      s.authorize(request);
      const events = [...s.notify.events.values()].reverse().flatMap((e) => eventListItem(e) ?? []).filter(keep(url, EVENT_FIELDS, "events", () => s.correlation()));
      return json({ type: "list", data: events, links: { self: `${body.PRODUCTION}/events` } } satisfies Schemas["EventsGetResponseResource"]);
    }),
    route("GET", "/events/{id}", ({ request, params: { id } }) => {
      s.authorize(request);
      const event = s.notify.events.get(id!);
      if (!event) throw missing(`Event ${id} not found`);
      return json(eventBody(event));
    }),
    route("GET", "/events/types", ({ request }) => {
      s.authorize(request);
      const types = (Object.keys(EVENT_TYPES) as EventTypeId[]).map((id) => eventTypeBody(id));
      return json({ type: "list", count: types.length, size: types.length, data: types, links: { self: `${body.PRODUCTION}/events/types` } } satisfies Schemas["EventTypes"]);
    }),
    route("GET", "/events/types/{id}", ({ request, params: { id } }) => {
      s.authorize(request);
      if (!isEventType(id)) throw missing(`Event type ${id} not found`);
      return json(eventTypeBody(id));
    }),
    route("GET", "/users/{userId}/jobs", ({ request, params: { userId }, url }) => {
      s.authorize(request);
      s.userOf(userId!);
      const wanted = keep(url, JOB_FIELDS, "jobs", () => s.correlation());
      const jobs = [...s.jobs.values()].filter((j) => j.userId === userId && j.kind !== "report" && wanted(j)).reverse().map(body.connectionJobBody);
      return json({ type: "list", data: jobs, size: jobs.length, links: { self: `${body.PRODUCTION}/users/${userId}/jobs` } } satisfies Schemas["JobsResponseResource"]);
    }),
    route("GET", "/jobs/{jobId}", async ({ request, params: { jobId } }) => {
      const job = s.jobs.get(jobId!);
      // Checking a job is what a CLIENT_ACCESS token of the job's user may do (browser-side polling).
      s.authorize(request, job?.userId, "either");
      if (!job) throw missing(`Job ${jobId} not found`);
      const payload = body.jobBody(job, s.owner); // the state as it was, then one step of progress for the next poll
      await pollJob(s, job);
      return json(payload);
    }),
    route("POST", "/jobs/{jobId}/mfa", async ({ request, params: { jobId } }) => {
      const job = s.jobs.get(jobId!);
      // The answer comes from the user's side: a CLIENT_ACCESS token bound to the job's user.
      s.authorize(request, job?.userId, "client");
      if (!job) throw missing(`Job ${jobId} not found`);
      const input = await readJson<Partial<Schemas["JobPostRequest"]>>(request, {});
      const answers = input["mfa-response"];
      if (!Array.isArray(answers) || answers.length === 0 || answers.some((a) => typeof a !== "string")) throw bad("mfa-response needs the answers, one string per prompt", "mfa-response");
      const outcome = await answerMfa(s, job, answers);
      if (outcome === "none") throw bad(`Job ${jobId} is not waiting for an MFA answer`, "jobId");
      if (outcome === "refused") throw bad("The MFA answer was not accepted; the challenge is still open", "mfa-response");
      return json(body.jobStarted(jobId!), 202);
    }),
  ];
}
