// The runtime smoke suite: the same checks in every runtime, against a loopback sandbox.
// It imports nothing itself: each runtime's entry hands it the SDK it loaded.

const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  headers: { "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" },
  body: '{"test": 2432232314}',
  now: 1614265330 * 1000,
};

/**
 * Runs every check; resolves `{ ok, checks: [{ name, ok, detail }] }` and never throws.
 * @param {{ Basiq: any, verifyWebhook: any, signWebhook: any }} sdk
 * @param {{ baseUrl: string, userId: string, transactions: number }} target
 */
export async function smoke(sdk, { baseUrl, userId, transactions }) {
  const checks = [];
  const check = async (name, run) => {
    try {
      checks.push({ name, ok: true, detail: String(await run()) });
    } catch (error) {
      checks.push({ name, ok: false, detail: `${error?.name}: ${error?.message}` });
    }
  };
  let basiq;
  await check("construct", () => {
    basiq = new sdk.Basiq({ apiKey: "runtime-smoke-key", baseUrl, maxRetries: 2 });
    return JSON.stringify(basiq);
  });
  await check("token exchange", async () => {
    const token = await basiq.clientToken(userId);
    if (typeof token !== "string" || token.length === 0) throw new Error("no client token");
    return "CLIENT_ACCESS token minted";
  });
  await check("retried GET", async () => {
    const user = await basiq.ops.getUser({ params: { path: { userId } } });
    if (user.id !== userId) throw new Error(`got user ${user.id}`);
    return "getUser answered after a scripted 503";
  });
  await check("paginated list", async () => {
    let count = 0;
    let pages = 0;
    for await (const page of basiq.pages("/users/{userId}/transactions", { params: { path: { userId } } })) {
      pages++;
      count += page.data.length;
    }
    if (count !== transactions) throw new Error(`${count} transactions, expected ${transactions}`);
    return `${count} transactions in ${pages} pages`;
  });
  await check("webhook verification", async () => {
    const payload = await sdk.verifyWebhook({ ...VECTOR });
    if (payload.test !== 2432232314) throw new Error("wrong payload");
    const body = '{"eventTypeId":"transactions.updated"}';
    const headers = await sdk.signWebhook({ id: "msg_smoke", body, secret: VECTOR.secret });
    await sdk.verifyWebhook({ body, headers, secret: VECTOR.secret });
    const refused = await sdk.verifyWebhook({ ...VECTOR, body: VECTOR.body.replace("2", "3") }).then(() => false, () => true);
    if (!refused) throw new Error("a tampered body verified");
    return "reference vector, sign/verify round trip, tampering refused";
  });
  return { ok: checks.every((c) => c.ok), checks };
}
