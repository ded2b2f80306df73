// Every route of the sandbox, one file per spec area.
import { router } from "../router.js";
import type { SandboxState } from "../state.js";
import { affordabilityRoutes } from "./affordability.js";
import { coreRoutes } from "./core.js";
import { dataRoutes } from "./data.js";
import { insightRoutes } from "./insights.js";
import { reportingRoutes } from "./reporting.js";
import { webhookRoutes } from "./webhooks.js";

/** Every route the sandbox answers, by method and path template. */
const allRoutes = (s: SandboxState) =>
  [coreRoutes, dataRoutes, reportingRoutes, affordabilityRoutes, webhookRoutes, insightRoutes].flatMap((make) => make(s));

/** The sandbox's router: method and pathname to a route and its parameters. */
export const routes = (s: SandboxState) => router(allRoutes(s));
