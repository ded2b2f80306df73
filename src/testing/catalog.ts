// Reference data and user-level bodies of the core, data and identity specs: connectors
// (institutions), CDR consents, auth links and identities.
import type { core, data, identity } from "../../generated/index.js";
import { ADDRESS } from "./accounts.js";
import { PRODUCTION, type SandboxUser } from "./fixtures.js";

/** The institutions the sandbox connects to (GET /connectors). */
export const INSTITUTIONS = [
  { id: "AU00000", name: "Hooli Bank", shortName: "Hooli", type: "Test Bank", tier: "4", method: "openbanking" },
  { id: "AU00001", name: "Hooli Credit Union", shortName: "Hooli CU", type: "Credit Union", tier: "3", method: "web" },
  { id: "AU00002", name: "Pied Piper Building Society", shortName: "Pied Piper", type: "Building Society", tier: "3", method: "pdf" },
] as const;

export const connectorBody = (institution: (typeof INSTITUTIONS)[number]) =>
  ({
    type: "connector", id: institution.id, method: institution.method, stage: "live", status: "operational",
    institution: {
      type: institution.type, name: institution.name, shortName: institution.shortName, tier: institution.tier, country: "Australia",
      logo: { type: "image", links: { full: `${PRODUCTION}/institutions/${institution.id}/logo`, square: `${PRODUCTION}/institutions/${institution.id}/logo?square` } },
    },
    scopes: ["account.basic", "account.detail", "transaction.detail"], authorization: { type: institution.method === "web" ? "user" : "other" },
    stats: { averageDurationMs: { verifyCredentials: 2_000, retrieveAccounts: 3_000, retrieveTransactions: 8_000, total: 13_000 } },
    links: { self: `${PRODUCTION}/connectors/${institution.id}/${institution.method}` },
  }) satisfies data.components["schemas"]["Connector"];

/**
 * GET /institutions/{institutionId}, the target of every `links.institution` the sandbox writes
 * (Basiq's institution resource; its operation is in none of the seven specs, so basiq.follow does
 * not follow it, but a plain GET with the token does).
 */
export const institutionBody = (institution: (typeof INSTITUTIONS)[number]) => ({
  type: "institution", id: institution.id, name: institution.name, shortName: institution.shortName, institutionType: institution.type,
  country: "Australia", tier: institution.tier, authorization: institution.method === "web" ? "user" : "other", stage: "live", status: "operational",
  logo: { type: "image", links: { full: `${PRODUCTION}/institutions/${institution.id}/logo`, square: `${PRODUCTION}/institutions/${institution.id}/logo?square` } },
  links: { self: `${PRODUCTION}/institutions/${institution.id}`, connector: `${PRODUCTION}/connectors/${institution.id}/${institution.method}` },
});

const permission = (scope: string, name: string, attributes: string[]) => ({
  scope, required: true, consented: true, entity: "account", information: { name, description: `Your ${name.toLowerCase()}.`, attributeList: attributes },
  purpose: { title: "Affordability", description: "To check what you can afford." },
});

/** A CDR consent as GET /users/{userId}/consents lists it. */
export const consentBody = (id: string, created: string, status: string) =>
  ({
    type: "consent", id, created, updated: created, expiryDate: new Date(Date.parse(created) + 365 * 86_400_000).toISOString(), origin: "user", status,
    purpose: { primary: { title: "Affordability", description: "To check what you can afford." }, other: false },
    data: {
      retainData: false, initialRetrievalDays: 365, organisation: false,
      permissions: [
        permission("account.basic", "Account name, type and balance", ["Name of account", "Type of account", "Account balance"]),
        permission("transaction.detail", "Transaction details", ["Incoming and outgoing transactions", "Amounts", "Dates", "Descriptions of transactions"]),
      ],
    },
    links: { self: `${PRODUCTION}/consents/${id}`, consentPolicy: `${PRODUCTION}/policies/consent` },
  }) satisfies core.components["schemas"]["UserConsentGetResponses"];

/** An auth link (POST and GET /users/{userId}/auth_link). */
export const authLinkBody = (id: string, userId: string, mobile: string, expiresAt: string) =>
  ({ id, type: "auth_link", userId, mobile, expiresAt, links: { self: `${PRODUCTION}/users/${userId}/auth_link`, public: `https://connect.basiq.io/${id}` } }) satisfies core.components["schemas"]["AuthLinksResponseResource"];

/** The account holder's identity, as a connection's institution reported it. */
export const identityBody = (id: string, user: SandboxUser, connectionId: string, institutionId: string, jobId: string, created: string) =>
  ({
    type: "identity", id, created, updated: created, connectionID: connectionId, institutionID: institutionId, source: "cdr",
    fullName: [user.firstName, user.middleName, user.lastName].filter(Boolean).join(" "), firstName: user.firstName, middleName: user.middleName, lastName: user.lastName,
    title: "", DOB: "1980-02-14", occupationCode: "", occupationCodeVersion: "",
    phoneNumbers: user.mobile ? [user.mobile] : [], emailAddresses: user.email ? [user.email] : [],
    physicalAddresses: [{ type: "residential", addressLine1: ADDRESS.addressLine1, postcode: ADDRESS.postcode, city: ADDRESS.city, state: ADDRESS.state, country: ADDRESS.country, countryCode: ADDRESS.countryCode, formattedAddress: ADDRESS.formattedAddress }],
    links: { self: `${PRODUCTION}/users/${user.id}/identities/${id}`, job: `${PRODUCTION}/jobs/${jobId}` },
  }) satisfies identity.components["schemas"]["IdentityData"];
