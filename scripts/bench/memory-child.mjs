// One pagination run in a fresh process: basiq.paginate, or a plain async generator over fetch,
// over every page the bench server serves. Prints peak RSS, peak heap and the item count.
import { Basiq } from "basiq";

const [contender, baseUrl] = process.argv.slice(2);
let peakHeap = 0;
const sample = () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); };
const sampler = setInterval(sample, 5);

/** The baseline: what a careful hand-written loop over links.next looks like. */
async function* plain() {
  let next;
  for (;;) {
    const url = new URL(`${baseUrl}/users/u1/transactions`);
    if (next) url.searchParams.set("next", next);
    const response = await fetch(url, { headers: { Authorization: "Bearer bench-token", Accept: "application/json" } });
    const page = await response.json();
    yield* page.data;
    next = page.links?.next ? new URL(page.links.next).searchParams.get("next") : undefined;
    if (!next) return;
  }
}

const items = contender === "basiq"
  ? new Basiq({ apiKey: "bench", baseUrl }).paginate("/users/{userId}/transactions", { params: { path: { userId: "u1" } } })
  : plain();
const started = performance.now();
let count = 0;
for await (const item of items) {
  if (item.id) count++;
  if (count % 500 === 0) sample();
}
clearInterval(sampler);
sample();
console.log(JSON.stringify({ count, ms: performance.now() - started, peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: peakHeap / 2 ** 20 }));
