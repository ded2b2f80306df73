/**
 * basiq/testing: an embedded, stateful Basiq sandbox for your tests and demos.
 * @example
 * const sandbox = createSandbox();
 * const basiq = new Basiq({ apiKey: "any", fetch: sandbox.fetch });
 * @packageDocumentation
 */
export {
  createSandbox, REDELIVERY_MS, type AdvanceOptions, type DeliverTo, type AdvanceResult, type Listening, type ListenOptions, type PendingRates, type Sandbox, type SandboxDelivery,
  type SandboxFault, type SandboxOptions, type SandboxRateLimit, type SandboxRequest,
} from "./sandbox.js";
