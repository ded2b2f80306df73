// Type-level tests for basiq.ops and basiq.api (checked by tsc in test/typecheck.test.ts).
import { Basiq, type core, type data } from "basiq";

const basiq = new Basiq({ apiKey: "k" });

export async function opsTypes(userId: string) {
  // Right: required params, typed results.
  const user: core.components["schemas"]["UserGetResponse"] | undefined = undefined;
  const got = await basiq.ops.getUser({ params: { path: { userId } } });
  const id: string = got.id;
  const transactions = await basiq.ops.getTransactions({ params: { path: { userId }, query: { limit: 500 } } });
  const first: data.components["schemas"]["TransactionData"] | undefined = transactions.data[0];
  await basiq.ops.createUser({ body: { email: "a@b.co" }, retryNonIdempotent: true });
  await basiq.ops.createStatement({ params: { path: { userId } }, body: { institutionId: "AU00000", statement: new Blob([]) } });
  await basiq.ops.listEventTypes(); // no required input: init is optional
  const deleted: undefined = await basiq.ops.deleteUser({ params: { path: { userId } } });

  // @ts-expect-error getUser needs params.path.userId
  await basiq.ops.getUser();
  // @ts-expect-error userID is not getUser's path parameter
  await basiq.ops.getUser({ params: { path: { userID: userId } } });
  // @ts-expect-error limit is a number
  await basiq.ops.getTransactions({ params: { path: { userId }, query: { limit: "500" } } });
  // @ts-expect-error email is a string
  await basiq.ops.createUser({ body: { email: 1 } });
  // @ts-expect-error there is no such operation
  await basiq.ops.getUsers();
  // @ts-expect-error the result is typed: users have no `balance`
  got.balance;

  return { user, id, first, deleted };
}
