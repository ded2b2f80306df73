// Type-level tests for basiq.follow and link pagination (checked by tsc in test/typecheck.test.ts).
import { Basiq, type FollowResult } from "basiq";

const basiq = new Basiq({ apiKey: "k" });

export async function followTypes(link: string) {
  const r: FollowResult = await basiq.follow(link);
  if (r.operationId === "getConnection") {
    const status: "active" | "pending" | "invalid" | "pre-init" | undefined = r.data.status;
    const institution: string = r.data.institution.id;
    // @ts-expect-error a connection has no `balance`
    r.data.balance;
    void status, institution;
  }
  if (r.operationId === "getAccounts") {
    const first = r.data.data[0];
    const balance: string | null | undefined = first?.balance;
    void balance;
  }
  // @ts-expect-error not narrowed: not every operation's data has `status`
  r.data.status;
  // @ts-expect-error follow names GET operations only
  if (r.operationId === "createUser") void r;
  // @ts-expect-error init takes no params: the link carries them
  await basiq.follow(link, { params: { path: { userId: "u1" } } });

  // A link for a list: `expect` types the items.
  for await (const t of basiq.paginate(link, { expect: "/users/{userId}/transactions" })) {
    const amount: string = t.amount;
    void amount;
  }
  // @ts-expect-error expect must be a paged list path
  basiq.paginate(link, { expect: "/users/{userId}" });
}
