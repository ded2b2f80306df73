// Reads an environment variable on any runtime: Node and Bun (`process.env`), Deno (`Deno.env`),
// and none at all on Workers or in a browser. Never imports a Node module.

interface EnvHosts {
  process?: { env?: Record<string, string | undefined> };
  Deno?: { env?: { get(name: string): string | undefined } };
}

/** The variable's value, or undefined where there is no environment (or no permission to read it). */
export function readEnv(name: string): string | undefined {
  const host = globalThis as EnvHosts;
  try {
    return host.process?.env?.[name] ?? host.Deno?.env?.get(name) ?? undefined;
  } catch {
    // Deno without --allow-env throws; that is "no environment" for us.
    return undefined;
  }
}
