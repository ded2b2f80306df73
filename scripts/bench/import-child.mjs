// One cold import, timed inside the process: `basiq` (dist) or the baseline openapi-fetch + p-retry.
const target = process.argv[2];
const started = performance.now();
if (target === "basiq") await import("basiq");
else await Promise.all([import("openapi-fetch"), import("p-retry")]);
console.log(JSON.stringify({ ms: performance.now() - started }));
