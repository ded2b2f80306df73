// generated from openapi/sources.json, do not edit

import type * as core from "./core.js";
import type * as data from "./data.js";
import type * as reporting from "./reporting.js";
import type * as enrich from "./enrich.js";
import type * as affordability from "./affordability.js";
import type * as webhooks from "./webhooks.js";
import type * as identity from "./identity.js";

export type { core, data, reporting, enrich, affordability, webhooks, identity };

/** The `paths` of every spec in one type (the specs share no path, so the intersection is exact). */
export type paths = core.paths &
  data.paths &
  reporting.paths &
  enrich.paths &
  affordability.paths &
  webhooks.paths &
  identity.paths;

/** The `operations` of every spec in one type, keyed by operationId. */
export type operations = core.operations &
  data.operations &
  reporting.operations &
  enrich.operations &
  affordability.operations &
  webhooks.operations &
  identity.operations;
