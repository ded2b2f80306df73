// What the sandbox's generated transactions are made of: Australian merchants with their ANZSIC
// 2006 classification (division > subdivision > group > class, as Basiq's enrich reports it), the
// other kinds of debit and credit a bank account shows, and their usual amounts.
import type { data } from "../../generated/index.js";

type TransactionClass = data.components["schemas"]["TransactionData"]["class"];

/** An ANZSIC 2006 class and the levels above it: [code, title] each. */
export interface Anzsic {
  division: [string, string];
  subdivision: [string, string];
  group: [string, string];
  class: [string, string];
}

const G = ["G", "Retail Trade"] as [string, string];
const H = ["H", "Accommodation and Food Services"] as [string, string];
const I = ["I", "Transport, Postal and Warehousing"] as [string, string];
const J = ["J", "Information Media and Telecommunications"] as [string, string];
const food = ["451", "Cafes, Restaurants and Takeaway Food Services"] as [string, string];
const telco = ["580", "Telecommunications Services"] as [string, string];
const otherStore = ["42", "Other Store-Based Retailing"] as [string, string];

/** The ANZSIC classes the merchants below fall in, by class code. */
export const ANZSIC: Record<string, Anzsic> = {
  "4000": { division: G, subdivision: ["40", "Fuel Retailing"], group: ["400", "Fuel Retailing"], class: ["4000", "Fuel Retailing"] },
  "4110": { division: G, subdivision: ["41", "Food Retailing"], group: ["411", "Supermarket and Grocery Stores"], class: ["4110", "Supermarket and Grocery Stores"] },
  "4123": { division: G, subdivision: ["41", "Food Retailing"], group: ["412", "Specialised Food Retailing"], class: ["4123", "Liquor Retailing"] },
  "4221": { division: G, subdivision: otherStore, group: ["422", "Electrical and Electronic Goods Retailing"], class: ["4221", "Electrical, Electronic and Gas Appliance Retailing"] },
  "4231": { division: G, subdivision: otherStore, group: ["423", "Hardware, Building and Garden Supplies Retailing"], class: ["4231", "Hardware and Building Supplies Retailing"] },
  "4260": { division: G, subdivision: otherStore, group: ["426", "Department Stores"], class: ["4260", "Department Stores"] },
  "4271": { division: G, subdivision: otherStore, group: ["427", "Other Store-Based Retailing"], class: ["4271", "Pharmaceutical, Cosmetic and Toiletry Goods Retailing"] },
  "4279": { division: G, subdivision: otherStore, group: ["427", "Other Store-Based Retailing"], class: ["4279", "Other Store-Based Retailing n.e.c."] },
  "4511": { division: H, subdivision: ["45", "Food and Beverage Services"], group: food, class: ["4511", "Cafes and Restaurants"] },
  "4512": { division: H, subdivision: ["45", "Food and Beverage Services"], group: food, class: ["4512", "Takeaway Food Services"] },
  "4623": { division: I, subdivision: ["46", "Road Transport"], group: ["462", "Road Passenger Transport"], class: ["4623", "Taxi and Other Road Transport"] },
  "4720": { division: I, subdivision: ["47", "Rail Transport"], group: ["472", "Rail Passenger Transport"], class: ["4720", "Rail Passenger Transport"] },
  "4900": { division: I, subdivision: ["49", "Air and Space Transport"], group: ["490", "Air and Space Transport"], class: ["4900", "Air and Space Transport"] },
  "5700": { division: J, subdivision: ["57", "Internet Publishing and Broadcasting"], group: ["570", "Internet Publishing and Broadcasting"], class: ["5700", "Internet Publishing and Broadcasting"] },
  "5801": { division: J, subdivision: ["58", "Telecommunications Services"], group: telco, class: ["5801", "Wired Telecommunications Network Operation"] },
  "5802": { division: J, subdivision: ["58", "Telecommunications Services"], group: telco, class: ["5802", "Other Telecommunications Network Operation"] },
  "2640": { division: ["D", "Electricity, Gas, Water and Waste Services"], subdivision: ["26", "Electricity Supply"], group: ["264", "On Selling Electricity and Electricity Market Operation"], class: ["2640", "On Selling Electricity and Electricity Market Operation"] },
  "6321": { division: ["K", "Financial and Insurance Services"], subdivision: ["63", "Insurance and Superannuation Funds"], group: ["632", "Health and General Insurance"], class: ["6321", "Health Insurance"] },
  "9111": { division: ["R", "Arts and Recreation Services"], subdivision: ["91", "Sports and Recreation Activities"], group: ["911", "Sports and Physical Recreation Activities"], class: ["9111", "Health and Fitness Centres and Gymnasia Operation"] },
};

/** A merchant as enrich knows it. */
export interface Merchant {
  id: string;
  name: string;
  website: string;
  suburb: string;
  state: string;
  postcode: string;
  /** ANZSIC class code (a key of {@link ANZSIC}). */
  anzsic: string;
  /** Words that identify it in a statement description (upper case). */
  match: string;
}

/** One kind of line in a bank statement, with its relative frequency and usual amount in cents. */
export interface Kind {
  /** The statement text, as the bank prints it. */
  description: string;
  class: TransactionClass;
  direction: "debit" | "credit";
  /** Relative frequency among generated transactions (the salary is scheduled, not drawn). */
  weight: number;
  min: number;
  max: number;
  merchant?: Merchant;
  /** Which account it lands on: 0 everyday, 1 savings (when the user has one). */
  account: 0 | 1;
}

/** Card spending at a merchant enrich knows; `match` defaults to the name in upper case. */
type Spending = [name: string, website: string, suburb: string, state: string, postcode: string, anzsic: string, description: string, weight: number, min: number, max: number, match?: string];
const SPENDING: Spending[] = [
  ["Woolworths", "woolworths.com.au", "Bondi Junction", "NSW", "2022", "4110", "WOOLWORTHS 1234 BONDI JUNCTION NS", 14, 1_800, 22_000],
  ["Coles", "coles.com.au", "Chatswood", "NSW", "2067", "4110", "COLES 0582 CHATSWOOD NS", 12, 1_500, 18_000],
  ["ALDI", "aldi.com.au", "Marrickville", "NSW", "2204", "4110", "ALDI STORES MARRICKVILLE NS", 6, 1_000, 12_000],
  ["Dan Murphy's", "danmurphys.com.au", "Alexandria", "NSW", "2015", "4123", "DAN MURPHYS 4512 ALEXANDRIA NS", 3, 2_500, 9_000, "DAN MURPHYS"],
  ["BP", "bp.com.au", "Rozelle", "NSW", "2039", "4000", "BP CONNECT ROZELLE NS", 4, 4_000, 11_000, "BP CONNECT"],
  ["Ampol", "ampol.com.au", "Leichhardt", "NSW", "2040", "4000", "AMPOL LEICHHARDT 6213 NS", 3, 4_000, 11_000],
  ["JB Hi-Fi", "jbhifi.com.au", "Sydney", "NSW", "2000", "4221", "JB HI FI SYDNEY CBD NS", 2, 2_000, 60_000, "JB HI FI"],
  ["Bunnings Warehouse", "bunnings.com.au", "Alexandria", "NSW", "2015", "4231", "BUNNINGS 440000 ALEXANDRIA NS", 3, 1_000, 25_000, "BUNNINGS"],
  ["Kmart", "kmart.com.au", "Broadway", "NSW", "2007", "4260", "KMART BROADWAY NS", 4, 1_000, 12_000],
  ["Chemist Warehouse", "chemistwarehouse.com.au", "Sydney", "NSW", "2000", "4271", "CHEMIST WAREHOUSE SYDNEY NS", 4, 800, 7_000],
  ["Officeworks", "officeworks.com.au", "Alexandria", "NSW", "2015", "4279", "OFFICEWORKS 0614 ALEXANDRIA NS", 2, 500, 9_000],
  ["Guzman y Gomez", "guzmanygomez.com.au", "Newtown", "NSW", "2042", "4512", "GUZMAN Y GOMEZ NEWTOWN NS", 5, 1_200, 3_500, "GUZMAN Y GOMEZ"],
  ["McDonald's", "mcdonalds.com.au", "Redfern", "NSW", "2016", "4512", "MCDONALDS REDFERN NS", 5, 600, 2_500, "MCDONALDS"],
  ["Din Tai Fung", "dintaifung.com.au", "Sydney", "NSW", "2000", "4511", "DIN TAI FUNG WORLD SQUARE SYDNEY", 2, 3_000, 12_000],
  ["Uber", "uber.com", "Sydney", "NSW", "2000", "4623", "UBER *TRIP HELP.UBER.COM NS", 5, 1_200, 6_000, "UBER"],
  ["Transport for NSW", "transportnsw.info", "Sydney", "NSW", "2000", "4720", "TRANSPORTFORNSW OPAL SYDNEY", 6, 300, 2_000, "OPAL"],
  ["Qantas", "qantas.com", "Mascot", "NSW", "2020", "4900", "QANTAS AIRWAYS MASCOT NS", 1, 15_000, 90_000],
  ["Telstra", "telstra.com.au", "Melbourne", "VIC", "3000", "5801", "TELSTRA BPAY 23796 MELBOURNE", 1, 6_000, 11_000],
  ["Optus", "optus.com.au", "Macquarie Park", "NSW", "2113", "5802", "OPTUS MOBILE DIRECT DEBIT", 1, 3_500, 6_500],
  ["Netflix", "netflix.com", "Sydney", "NSW", "2000", "5700", "NETFLIX.COM SYDNEY", 1, 1_099, 2_299],
  ["Spotify", "spotify.com", "Sydney", "NSW", "2000", "5700", "SPOTIFY P1F2E3D4 SYDNEY", 1, 1_299, 1_399],
  ["AGL", "agl.com.au", "North Sydney", "NSW", "2060", "2640", "AGL ENERGY DIRECT DEBIT", 1, 9_000, 32_000, "AGL"],
  ["Medibank", "medibank.com.au", "Melbourne", "VIC", "3000", "6321", "MEDIBANK PRIVATE DIRECT DEBIT", 1, 12_000, 26_000],
  ["Anytime Fitness", "anytimefitness.com.au", "Surry Hills", "NSW", "2010", "9111", "ANYTIME FITNESS SURRY HILLS", 1, 1_500, 2_500],
];

/** Each merchant's card payments as a kind of debit, the merchant on it. */
const PAYMENTS = SPENDING.map(([name, website, suburb, state, postcode, anzsic, description, weight, min, max, match = name.toUpperCase()]) => {
  const merchant: Merchant = { id: `mer-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, name, website, suburb, state, postcode, anzsic, match };
  return { description, class: "payment", direction: "debit", weight, min, max, merchant, account: 0 } satisfies Kind & { merchant: Merchant };
});

/** Merchants enrich can name (GET /enrich looks them up by `match`). */
const MERCHANTS: Merchant[] = PAYMENTS.map((kind) => kind.merchant);

/** Every kind of debit and drawn credit, by weight. Amounts are in cents. */
export const KINDS: Kind[] = [
  ...PAYMENTS,
  { description: "ATM WITHDRAWAL CBA GEORGE ST SYDNEY", class: "cash-withdrawal", direction: "debit", weight: 2, min: 5_000, max: 30_000, account: 0 },
  { description: "MONTHLY ACCOUNT FEE", class: "bank-fee", direction: "debit", weight: 1, min: 500, max: 500, account: 0 },
  { description: "TRANSFER TO J CITIZEN NETBANK", class: "transfer", direction: "debit", weight: 2, min: 5_000, max: 50_000, account: 1 },
  { description: "HOME LOAN REPAYMENT", class: "loan-repayment", direction: "debit", weight: 1, min: 120_000, max: 180_000, account: 0 },
  { description: "PERSONAL LOAN INTEREST", class: "loan-interest", direction: "debit", weight: 1, min: 2_000, max: 6_000, account: 0 },
  { description: "TRANSFER FROM J CITIZEN NETBANK", class: "transfer", direction: "credit", weight: 1, min: 2_000, max: 30_000, account: 1 },
  { description: "CREDIT INTEREST", class: "interest", direction: "credit", weight: 1, min: 100, max: 1_500, account: 1 },
];

/** The scheduled credit: a fortnightly salary. */
export const SALARY: Kind = { description: "SALARY HOOLI PTY LTD", class: "direct-credit", direction: "credit", weight: 0, min: 0, max: 0, account: 0 };

/** The merchant a statement description names, if enrich knows one. */
export function findMerchant(text: string): Merchant | undefined {
  const upper = text.toUpperCase().replace(/['’]/g, "").replace(/-/g, " ");
  return MERCHANTS.find((candidate) => upper.includes(candidate.match.replace(/['’]/g, "").replace(/-/g, " ")));
}
