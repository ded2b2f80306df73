/**
 * basiq: a typed SDK for the Basiq open-banking API.
 * @packageDocumentation
 */

/**
 * Each spec's generated `paths`, `components` and `operations`, as openapi-typescript writes them.
 * @example `type Job = core.components["schemas"]["JobsData"]`
 */
export type { affordability, core, data, enrich, identity, reporting, webhooks } from "../generated/index.js";
/** The `paths` and `operations` of all seven specs merged (they share no path). */
export type { operations, paths } from "../generated/index.js";
