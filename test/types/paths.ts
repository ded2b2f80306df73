// Type-level tests, checked by `tsc` (test/typecheck.test.ts): each @ts-expect-error must sit on
// the exact line that is wrong, or the compile fails.
import createClient from "openapi-fetch";
import type { core, paths } from "basiq";

const client = createClient<paths>({ baseUrl: "https://au-api.basiq.io" });

export async function typedCalls(userId: string) {
  // Right: path parameters and bodies from every spec, through one client.
  const accounts = await client.GET("/users/{userId}/accounts", { params: { path: { userId } } });
  const job = await client.GET("/jobs/{jobId}", { params: { path: { jobId: "j" } } });
  await client.POST("/users", { body: { email: "a@b.co" } });
  await client.GET("/reports/{id}", { params: { path: { id: "r" } } });

  // Wrong path parameter name.
  // @ts-expect-error userID is not a parameter of this path
  await client.GET("/users/{userId}/accounts", { params: { path: { userID: userId } } });
  // Missing path parameter.
  // @ts-expect-error path.userId is required
  await client.GET("/users/{userId}/accounts", { params: { path: {} } });
  // Wrong body field type.
  // @ts-expect-error email must be a string
  await client.POST("/users", { body: { email: 42 } });
  // A path no spec declares.
  // @ts-expect-error there is no such path
  await client.GET("/users/{userId}/nothing", { params: { path: { userId } } });
  // A method the path does not have.
  // @ts-expect-error /token has no GET
  await client.GET("/token", {});

  const step: core.components["schemas"]["JobsStep"] | undefined = undefined;
  return { accounts: accounts.data?.data.length, job: job.data, step };
}
