// The data spec: accounts, transactions, connections (refresh, purge, delete), statements, connectors.
import type { data } from "../../../generated/index.js";
import * as bodies from "../accounts.js";
import { connectorBody, institutionBody, INSTITUTIONS } from "../catalog.js";
import { jobStarted, PRODUCTION } from "../fixtures.js";
import { badRequest, empty, json, notFound } from "../http.js";
import { ACCOUNT_FIELDS, CONNECTION_FIELDS, CONNECTOR_FIELDS, keep } from "../filters.js";
import { page, TRANSACTION_FIELDS } from "../query.js";
import { route, type Route } from "../router.js";
import { CONNECTION_STEPS, startJob } from "../jobs.js";
import type { SandboxState } from "../state.js";

type Schemas = data.components["schemas"];

export function dataRoutes(s: SandboxState): Route[] {
  const bad = (detail: string, parameter: string) => badRequest(detail, parameter, s.correlation());
  const correlation = () => s.correlation();
  const missing = (detail: string) => notFound(detail, s.correlation());
  const connectionOf = (userId: string, connectionId: string) => {
    const connection = s.userOf(userId).connections.get(connectionId);
    if (!connection) throw missing(`Connection ${connectionId} not found`);
    return connection;
  };
  /** Forgets what a connection brought: its accounts and their transactions. */
  const purge = (userId: string, connectionId: string) => {
    const state = s.userOf(userId);
    state.accounts = state.accounts.filter((a) => a.connection !== connectionId);
    state.transactions = state.transactions.filter((t) => t.connection !== connectionId);
    state.pending = state.pending.filter((t) => t.connection !== connectionId);
  };
  return [
    route("GET", "/users/{userId}/accounts", ({ request, params: { userId }, url }) => {
      s.authorize(request);
      const accounts = s.userOf(userId!).accounts.filter(keep(url, ACCOUNT_FIELDS, "accounts", correlation, ["eq", "ne"]));
      return json({ type: "list", data: accounts, links: { self: `${PRODUCTION}/users/${userId}/accounts` } } satisfies Schemas["AccountsResponseResource"]);
    }),
    route("GET", "/users/{userId}/accounts/{accountId}", ({ request, params: { userId, accountId } }) => {
      s.authorize(request);
      const account = s.userOf(userId!).accounts.find((a) => a.id === accountId);
      if (!account) throw missing(`Account ${accountId} not found`);
      return json(account);
    }),
    route("GET", "/users/{userId}/transactions", ({ request, params: { userId }, url }) => {
      s.authorize(request);
      const state = s.userOf(userId!);
      const matching = s.transactionsOf(state).filter(keep(url, TRANSACTION_FIELDS, "transactions", correlation));
      const self = `${PRODUCTION}/users/${userId}/transactions`;
      const { items, offset, next } = page(matching, url, s.options.pageSize, self);
      if (Number.isNaN(offset)) throw bad("Invalid next cursor", "next");
      return json(bodies.transactionsPage(self, items, matching.length, next));
    }),
    route("GET", "/users/{userId}/transactions/{transactionId}", ({ request, params: { userId, transactionId } }) => {
      s.authorize(request);
      const transaction = s.transactionsOf(s.userOf(userId!)).find((t) => t.id === transactionId);
      if (!transaction) throw missing(`Transaction ${transactionId} not found`);
      return json(transaction);
    }),
    route("GET", "/users/{userId}/connections", ({ request, params: { userId }, url }) => {
      s.authorize(request);
      const connections = [...s.userOf(userId!).connections.values()].filter(keep(url, CONNECTION_FIELDS, "connections", correlation));
      return json({ type: "list", data: connections, links: { self: `${PRODUCTION}/users/${userId}/connections` } } satisfies Schemas["ConnectionsGetResponseResource"]);
    }),
    route("POST", "/users/{userId}/connections/refresh", ({ request, params: { userId } }) => {
      s.authorize(request);
      const started = [...s.userOf(userId!).connections.values()].map((c) => {
        const job = startJob(s, userId!, "connection", c.institution.id, CONNECTION_STEPS, { connectionId: c.id });
        job.source = c.links.self;
        return job;
      });
      return json({ type: "list", data: started.map((j) => jobStarted(j.id)) } satisfies Schemas["ConnectionsRefreshResource"], 202);
    }),
    route("GET", "/users/{userId}/connections/{connectionId}", ({ request, params: { userId, connectionId } }) => {
      s.authorize(request);
      const connection = connectionOf(userId!, connectionId!);
      const state = s.userOf(userId!);
      return json(bodies.connectionDetail(userId!, connection, state.accounts.filter((a) => a.connection === connection.id), state.user));
    }),
    route("DELETE", "/users/{userId}/connections/{connectionId}", async ({ request, params: { userId, connectionId } }) => {
      s.authorize(request);
      const connection = connectionOf(userId!, connectionId!);
      purge(userId!, connectionId!);
      s.userOf(userId!).connections.delete(connectionId!);
      await s.notify.emit("connection.deleted", userId!, connection.links.self);
      return empty();
    }),
    route("POST", "/users/{userId}/connections/{connectionId}/refresh", ({ request, params: { userId, connectionId } }) => {
      s.authorize(request);
      const connection = connectionOf(userId!, connectionId!);
      const job = startJob(s, userId!, "connection", connection.institution.id, CONNECTION_STEPS, { connectionId: connection.id });
      job.source = connection.links.self;
      return json(jobStarted(job.id) satisfies Schemas["ConnectionResponseResource"], 202);
    }),
    route("POST", "/users/{userId}/connections/{connectionId}/purge", ({ request, params: { userId, connectionId } }) => {
      s.authorize(request);
      connectionOf(userId!, connectionId!);
      purge(userId!, connectionId!);
      return empty();
    }),
    route("POST", "/users/{userId}/statements", async ({ request, params: { userId } }) => {
      s.authorize(request);
      s.userOf(userId!);
      const form = await request.formData().catch(() => undefined);
      const institutionId = form?.get("institutionId");
      const statement = form?.get("statement");
      if (typeof institutionId !== "string" || !institutionId) throw bad("A statement upload needs an institutionId", "institutionId");
      if (statement === null || statement === undefined || typeof statement === "string" || statement.size === 0) throw bad("A statement upload needs the statement file", "statement");
      const { jobId, notified } = s.connect(userId!, institutionId, "statement");
      await notified;
      return json(jobStarted(jobId) satisfies Schemas["StatementUploadResource"], 202);
    }),
    route("GET", "/connectors", ({ request, url }) => {
      s.authorize(request);
      const list = INSTITUTIONS.filter(keep(url, CONNECTOR_FIELDS, "connectors", correlation)).map(connectorBody);
      return json({ type: "list", totalCount: list.length, data: list, links: { self: `${PRODUCTION}/connectors` } } satisfies Schemas["ConnectorsList"]);
    }),
    route("GET", "/institutions/{institutionId}", ({ request, params: { institutionId } }) => {
      s.authorize(request);
      const institution = INSTITUTIONS.find((i) => i.id === institutionId);
      if (!institution) throw missing(`Institution ${institutionId} not found`);
      return json(institutionBody(institution));
    }),
    route("GET", "/connectors/{connectorId}/{method}", ({ request, params: { connectorId, method } }) => {
      s.authorize(request);
      const institution = INSTITUTIONS.find((i) => i.id === connectorId && i.method === method);
      if (!institution) throw missing(`Connector ${connectorId} (${method}) not found`);
      return json(connectorBody(institution));
    }),
  ];
}
