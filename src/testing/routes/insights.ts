// The enrich and identity specs: a statement line looked up in the merchant table, and the
// identities a connection's institution reported.
import type { enrich, identity } from "../../../generated/index.js";
import { anzsicBody } from "../accounts.js";
import { PRODUCTION } from "../fixtures.js";
import { badRequest, json, notFound } from "../http.js";
import { ANZSIC, findMerchant } from "../merchants.js";
import { route, type Route } from "../router.js";
import type { SandboxState } from "../state.js";

export function insightRoutes(s: SandboxState): Route[] {
  return [
    route("GET", "/enrich", ({ request, url }) => {
      s.authorize(request);
      const q = url.searchParams.get("q");
      for (const name of ["q", "institution", "country"]) {
        if (!url.searchParams.get(name)) throw badRequest(`${name} is required`, name, s.correlation());
      }
      const amount = Number(url.searchParams.get("amount") ?? "-1");
      const merchant = findMerchant(q!);
      const anzsic = merchant ? ANZSIC[merchant.anzsic] : undefined;
      return json({
        type: "enrich", direction: amount < 0 ? "debit" : "credit", class: merchant ? "payment" : "transfer",
        data: merchant && anzsic
          ? {
            merchant: { id: merchant.id, businessName: merchant.name, website: `https://www.${merchant.website}` },
            category: { matchType: "merchantFull", matchScore: "0.98", anzsic: anzsicBody(anzsic) },
            location: { suburb: merchant.suburb, state: merchant.state, postalCode: merchant.postcode, country: "Australia", formattedAddress: `${merchant.suburb} ${merchant.state} ${merchant.postcode}, Australia` },
            tags: [anzsic.group[1]],
          }
          : { tags: [] },
        links: { self: `${PRODUCTION}/enrich?${url.searchParams}` },
      } satisfies enrich.components["schemas"]["Enrich"]);
    }),
    route("GET", "/users/{userId}/identities", ({ request, params: { userId } }) => {
      s.authorize(request);
      const identities = s.userOf(userId!).identities;
      return json({ type: "list", count: identities.length, data: identities } satisfies identity.components["schemas"]["IdentitiesGetResponseResource"]);
    }),
    route("GET", "/users/{userId}/identities/{identityId}", ({ request, params: { userId, identityId } }) => {
      s.authorize(request);
      const identity = s.userOf(userId!).identities.find((i) => i.id === identityId);
      if (!identity) throw notFound(`Identity ${identityId} not found`, s.correlation());
      return json(identity);
    }),
  ];
}
