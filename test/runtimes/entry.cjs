// Entry for Node's CommonJS: require("basiq") must work as import does.
const sdk = require("basiq");

import("./smoke.mjs").then(async ({ smoke }) => {
  const env = process.env;
  const result = await smoke(sdk, { baseUrl: env.BASIQ_SMOKE_URL, userId: env.BASIQ_SMOKE_USER, transactions: Number(env.BASIQ_SMOKE_COUNT) });
  console.log(JSON.stringify(result));
});
