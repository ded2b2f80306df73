// The data spec's bodies: connections, accounts, transactions (enriched from merchants.ts) and pages.
import type { data } from "../../generated/index.js";
import { PRODUCTION, type SandboxUser } from "./fixtures.js";
import { ANZSIC, type Anzsic, type Kind } from "./merchants.js";

type DataSchemas = data.components["schemas"];
export type SandboxConnection = DataSchemas["ConnectionsData"];
export type SandboxAccount = DataSchemas["AccountResponseResource"];
export type SandboxTransaction = DataSchemas["TransactionData"];
/** A posted transaction: what summaries and reports are computed from (a pending one has no postDate). */
export type PostedTransaction = SandboxTransaction & { status: "posted"; postDate: string };
/** A pending transaction: no postDate and no running balance, as Basiq lists one. */
export type PendingTransaction = Omit<SandboxTransaction, "balance"> & { status: "pending"; postDate: null };

export const connectionBody = (userId: string, id: string, institutionId: string, created: string, method: string) =>
  ({
    type: "connection", id, method, status: "active", createdDate: created, expiryDate: new Date(Date.parse(created) + 365 * 86_400_000).toISOString(), lastUsed: created,
    institution: { id: institutionId, type: "institution", links: { self: `${PRODUCTION}/institutions/${institutionId}` } },
    links: {
      self: `${PRODUCTION}/users/${userId}/connections/${id}`, institution: `${PRODUCTION}/institutions/${institutionId}`,
      accounts: `${PRODUCTION}/users/${userId}/accounts?filter=connection.id.eq('${id}')`,
      transactions: `${PRODUCTION}/users/${userId}/transactions?filter=connection.id.eq('${id}')`,
    },
  }) satisfies SandboxConnection;

/** GET /users/{userId}/connections/{connectionId}: the connection with its accounts and the holder's profile. */
export const connectionDetail = (userId: string, connection: SandboxConnection, accounts: SandboxAccount[], user: SandboxUser) =>
  ({
    type: connection.type, id: connection.id, method: connection.method, status: connection.status, createdDate: connection.createdDate,
    expiryDate: connection.expiryDate, lastUsed: connection.lastUsed, institution: connection.institution,
    accounts: {
      type: "list",
      data: accounts.map((a) => ({
        type: "account", id: a.id, name: a.name, currency: a.currency, class: a.class, accountNo: a.accountNo, availableFunds: a.availableFunds,
        balance: a.balance, lastUpdated: a.lastUpdated, status: a.status,
        links: { self: `${PRODUCTION}/users/${userId}/accounts/${a.id}`, transactions: `${PRODUCTION}/users/${userId}/transactions?filter=account.id.eq('${a.id}')` },
      })),
    },
    profile: {
      emailAddresses: user.email ? [user.email] : [], firstName: user.firstName, middleName: user.middleName, lastName: user.lastName,
      fullName: [user.firstName, user.middleName, user.lastName].filter(Boolean).join(" "), phoneNumbers: user.mobile ? [user.mobile] : [],
      physicalAddresses: [ADDRESS],
    },
    links: { self: connection.links.self, user: `${PRODUCTION}/users/${userId}`, accounts: connection.links.accounts, transactions: connection.links.transactions },
  }) satisfies DataSchemas["ConnectionGetResponseResource"];

/** The account holder's address (profile and identity). */
export const ADDRESS = {
  addressLine1: "48 Pirrama Rd", addressLine2: null, addressLine3: null, city: "Pyrmont", state: "NSW", postcode: "2009",
  countryCode: "AUS", country: "Australia", formattedAddress: "48 Pirrama Rd, Pyrmont NSW 2009",
} satisfies DataSchemas["PhysicalAddresses"];

/** An account number's six digits, read from its (hexadecimal) UUID's tail. */
const digitsOf = (id: string) => String(Number.parseInt(id.slice(-8), 16) % 1_000_000).padStart(6, "0");

export const accountBody = (input: { userId: string; id: string; connectionId: string; institutionId: string; name: string; product: string; type: string; balance: string; updated: string; holder: string }) =>
  ({
    type: "account", id: input.id, accountNo: `062-000 ${digitsOf(input.id)}`, bsb: "062000", maskedNumber: `xxxx${digitsOf(input.id).slice(-4)}`, name: input.name,
    currency: "AUD", balance: input.balance, availableFunds: input.balance, creditLimit: null, accountHolder: input.holder, accountOwnership: "ONE_PARTY",
    isOwned: true, class: { type: input.type, product: input.product }, connection: input.connectionId, institution: input.institutionId,
    lastUpdated: input.updated, status: "available",
    transactionIntervals: [{ from: new Date(Date.parse(input.updated) - 180 * 86_400_000).toISOString().slice(0, 10), to: input.updated.slice(0, 10) }],
  }) satisfies SandboxAccount;

/**
 * The ANZSIC levels of a category, as enrich reports them: the subclass is the class's
 * six-digit refinement (the enrich spec's example: class 4110, subclass 411000, same title).
 */
export const anzsicBody = (anzsic: Anzsic) => {
  const level = (pair: [string, string]) => ({ code: pair[0], title: pair[1] });
  return {
    division: level(anzsic.division), subdivision: level(anzsic.subdivision), group: level(anzsic.group), class: level(anzsic.class),
    subclass: { code: `${anzsic.class[0]}00`, title: anzsic.class[1] },
  };
};

const title = (text: string) => text.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());

/** A transaction of an account on `date` (YYYY-MM-DD): `cents` negative for debits, `balanceCents` after it. */
export function transactionBody(userId: string, id: string, account: SandboxAccount, date: string, cents: number, kind: Kind, balanceCents: number, postDay = date): PostedTransaction {
  const merchant = kind.merchant;
  const anzsic = merchant ? ANZSIC[merchant.anzsic] : undefined;
  const level = (pair: [string, string] | undefined) => (pair ? { code: pair[0], title: pair[1] } : {});
  // The spec requires links.connection without declaring it, so the links are built outside the check.
  const links = {
    self: `${PRODUCTION}/users/${userId}/transactions/${id}`, account: `${PRODUCTION}/users/${userId}/accounts/${account.id}`,
    institution: `${PRODUCTION}/institutions/${account.institution}`, connection: `${PRODUCTION}/users/${userId}/connections/${account.connection}`,
  };
  return {
    type: "transaction", id, status: "posted", description: kind.description, reference: "", amount: (cents / 100).toFixed(2),
    balance: (balanceCents / 100).toFixed(2), currency: "AUD", account: account.id, direction: kind.direction, class: kind.class,
    institution: account.institution, connection: account.connection, transactionDate: date, postDate: `${postDay}T00:00:00Z`,
    subClass: level(anzsic?.class),
    enrich: {
      cleanDescription: merchant?.name ?? title(kind.description),
      tags: anzsic ? [anzsic.group[1]] : [],
      location: merchant
        ? { country: "Australia", suburb: merchant.suburb, state: merchant.state, postalCode: merchant.postcode, formattedAddress: `${merchant.suburb} ${merchant.state} ${merchant.postcode}, Australia` }
        : null,
      merchant: merchant
        ? { id: merchant.id, businessName: merchant.name, ABN: "", logoMaster: "", logoThumb: "", website: `https://www.${merchant.website}` }
        : null,
      category: anzsic
        ? { matchType: "merchantFull", matchScore: "0.98", anzsic: anzsicBody(anzsic) }
        : null,
    },
    links,
  } satisfies PostedTransaction;
}

/**
 * The statement text of a pending card payment: banks show the authorisation, not the settled
 * line, and each re-issue may word it differently (Basiq's pending transactions guide: "the
 * description that appears for a pending transaction may change once it is posted").
 */
const PENDING_WORDING = [(text: string) => `VISA DEBIT PURCHASE CARD 4821 ${text}`, (text: string) => `${text} PENDING AUTHORISATION`];

/** A pending transaction: `version` picks its wording (a re-issue bumps it, so the description changes). */
export function pendingBody(userId: string, id: string, account: SandboxAccount, date: string, cents: number, kind: Kind, version: number): PendingTransaction {
  const { balance: _, ...posted } = transactionBody(userId, id, account, date, cents, kind, 0);
  return { ...posted, status: "pending", postDate: null, description: PENDING_WORDING[version % PENDING_WORDING.length]!(kind.description) };
}

export const transactionsPage = (self: string, items: SandboxTransaction[], total: number, next: string | undefined) =>
  ({ type: "list", count: total, size: items.length, data: items, links: { self, ...(next === undefined ? {} : { next }) } }) satisfies DataSchemas["TransactionsGetResource"];
