// `basiq sandbox`: the embedded sandbox served over HTTP on 127.0.0.1 for any language's client
// (stripe-mock's role), until SIGINT or SIGTERM.
import { randomUUID } from "node:crypto";
import { createSandbox } from "../testing/index.js";
import { type Command, integer, parseFlags, UsageError } from "./command.js";

/** The port it listens on unless told otherwise. */
const DEFAULT_PORT = 4010;

const USAGE = `Usage: basiq sandbox [--port N] [--seed N] [--api-key K]

Serves the Basiq sandbox (basiq/testing) on http://127.0.0.1:<port> until Ctrl-C.

Options:
  --port N       TCP port on 127.0.0.1; 0 picks a free one (default ${DEFAULT_PORT})
  --seed N       seed of the generated data and ids (default 1)
  --api-key K    the only API key it accepts (default: BASIQ_API_KEY, else a generated one, printed)
  -h, --help     this help`;

export const sandboxCommand: Command = {
  name: "sandbox",
  summary: "serve the Basiq sandbox on 127.0.0.1 for any HTTP client",
  usage: USAGE,
  async run(argv, io) {
    const values = parseFlags(argv, { port: { type: "string" }, seed: { type: "string" }, "api-key": { type: "string" }, help: { type: "boolean", short: "h" } });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const port = integer("port", values.port, DEFAULT_PORT, 0, 65_535);
    const seed = integer("seed", values.seed, 1, 0, 2 ** 32 - 1);
    const flag = values["api-key"];
    const fromEnv = flag === undefined ? io.env.BASIQ_API_KEY : undefined;
    if ((flag ?? fromEnv)?.trim() === "") throw new UsageError(`${flag === undefined ? "BASIQ_API_KEY" : "--api-key"} is empty`);
    const apiKey = flag ?? fromEnv ?? `sandbox-${randomUUID()}`;
    const stopped = io.untilStopped(); // from here on, Ctrl-C stops the server cleanly
    const sandbox = createSandbox({ apiKey, seed });
    const { url } = await sandbox.listen({ port });
    io.out(`Basiq sandbox on ${url} (seed ${seed})`);
    // BASIQ_API_KEY may be a real Basiq key: it is named, never printed.
    io.out(fromEnv === undefined ? `API key${flag === undefined ? " (generated)" : ""}: ${apiKey}` : "API key: the value of BASIQ_API_KEY");
    io.out("Try it:");
    io.out(`  curl -s -X POST ${url}/token -H "Authorization: Basic ${fromEnv === undefined ? apiKey : "$BASIQ_API_KEY"}" -H "basiq-version: 3.0" -d scope=SERVER_ACCESS`);
    io.out("Stop with Ctrl-C.");
    const signal = await stopped;
    await sandbox.close();
    io.out(`stopped (${signal})`);
    return 0;
  },
};
