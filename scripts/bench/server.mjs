// The benchmarks' loopback server, in its own process so the client's CPU is measured alone.
// Prints its port on stdout, then serves:
//   POST /token                          a token
//   GET  /users/{id}/accounts            a ~2 KB account list
//   GET  /users/{id}/transactions?next=N page N of PAGES pages x 500 transactions of ~1 KB
import { createServer } from "node:http";

const PAGES = Number(process.env.BENCH_PAGES ?? 200);
const PER_PAGE = 500;

const account = (i) => ({
  type: "account", id: `acc-${i}`, accountNo: `083-170 12345${i}`, name: `Everyday Account ${i}`, currency: "AUD",
  balance: "2480.55", availableFunds: "2480.55", creditLimit: null, accountHolder: "Gavin Belson", accountOwnership: "ONE_PARTY",
  isOwned: true, class: { type: "transaction", product: "Everyday" }, connection: "conn-1", institution: "AU00000",
  lastUpdated: "2026-11-22T00:00:00Z", status: "available", transactionIntervals: [{ from: "2026-05-26", to: "2026-11-22" }],
});
const ACCOUNTS = JSON.stringify({ type: "list", data: [0, 1, 2, 3].map(account), links: { self: "https://au-api.basiq.io/users/u1/accounts" } });

// A ~1 KB transaction; only the id changes between items.
const TRANSACTION = JSON.stringify({
  type: "transaction", id: "ID", status: "posted", description: "WOOLWORTHS 1234 SYDNEY AU CARD XX1234 VALUE DATE 21/11/2026", reference: "REF-0001",
  amount: "-42.15", currency: "AUD", account: "acc-0", direction: "debit", class: "payment", institution: "AU00000", connection: "conn-1",
  transactionDate: "2026-11-21", postDate: "2026-11-21T00:00:00Z", subClass: { code: "411", title: "Supermarket and Grocery Stores" },
  enrich: { location: null, cleanDescription: "Woolworths", tags: ["groceries", "food"], merchant: { id: "m-woolworths", businessName: "Woolworths", ABN: "88000014675", logoMaster: "https://logo.example/woolworths-master.png", logoThumb: "https://logo.example/woolworths-thumb.png", website: "https://www.woolworths.com.au" }, category: null },
  links: { self: "https://au-api.basiq.io/users/u1/transactions/ID", account: "https://au-api.basiq.io/users/u1/accounts/acc-0", institution: "https://au-api.basiq.io/institutions/AU00000" },
});

function page(n) {
  const items = [];
  for (let i = 0; i < PER_PAGE; i++) items.push(TRANSACTION.replaceAll("ID", `t-${n}-${i}`));
  const next = n + 1 < PAGES ? `,"next":"https://au-api.basiq.io/users/u1/transactions?next=${n + 1}"` : "";
  return `{"type":"list","count":${PAGES * PER_PAGE},"size":${PER_PAGE},"data":[${items.join(",")}],"links":{"self":"https://au-api.basiq.io/users/u1/transactions"${next}}}`;
}

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://bench");
  if (url.pathname === "/token") {
    req.resume();
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"access_token":"bench-token","token_type":"Bearer","expires_in":3600}');
  } else if (url.pathname.endsWith("/accounts")) {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(ACCOUNTS) });
    res.end(ACCOUNTS);
  } else if (url.pathname.endsWith("/transactions")) {
    const body = page(Number(url.searchParams.get("next") ?? 0));
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  } else {
    res.writeHead(404);
    res.end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
