import { describe, expect, test } from "@jest/globals";
import { matchPending, similarity, type KnownRow, type SyncTransaction } from "basiq/sync";

const pending = (id: string, amount: string, description: string, day = "2026-11-20", account = "acc-1"): KnownRow =>
  ({ id, hash: "h", status: "pending", day, account, amount, description });
/** A posted row: posted on `day`, bought on `purchased` (null: an institution that gives no transactionDate). */
const posted = (id: string, amount: string, description: string, day = "2026-11-22", account = "acc-1", purchased: string | null = "2026-11-20") =>
  ({ id, status: "posted", amount, description, account, postDate: `${day}T00:00:00Z`, transactionDate: purchased }) as unknown as SyncTransaction;

describe("matchPending: which posted row replaced which pending row", () => {
  test("same account, amount and merchant words: matched", () => {
    expect(matchPending([posted("p1", "-12.50", "WOOLWORTHS 1234 BONDI JUNCTION NS")], [pending("q1", "-12.50", "PENDING WOOLWORTHS BONDI")])).toEqual(new Map([["p1", "q1"]]));
  });

  test("a description that changed completely still matches when the pair is the only one with that amount", () => {
    expect(matchPending([posted("p1", "-40.00", "SQ *CAFE LUNA")], [pending("q1", "-40.00", "VISA AUTHORISATION 0412")])).toEqual(new Map([["p1", "q1"]]));
  });

  test("an amount that changed (a tip) matches within 20% only with alike descriptions", () => {
    expect(matchPending([posted("p1", "-55.00", "BISTRO MONCUR WOOLLAHRA")], [pending("q1", "-48.00", "BISTRO MONCUR")]).get("p1")).toBe("q1");
    expect(matchPending([posted("p1", "-55.00", "UBER TRIP")], [pending("q1", "-48.00", "BISTRO MONCUR")]).size).toBe(0);
    expect(matchPending([posted("p1", "-90.00", "BISTRO MONCUR")], [pending("q1", "-48.00", "BISTRO MONCUR")]).size).toBe(0);
  });

  test("never across accounts or signs, nor with purchase days more than a day apart", () => {
    expect(matchPending([posted("p1", "-10.00", "COLES", "2026-11-22", "acc-2")], [pending("q1", "-10.00", "COLES")]).size).toBe(0);
    expect(matchPending([posted("p1", "10.00", "COLES")], [pending("q1", "-10.00", "COLES")]).size).toBe(0);
    expect(matchPending([posted("p1", "-10.00", "COLES", "2026-11-22", "acc-1", "2026-11-21")], [pending("q1", "-10.00", "COLES")]).size).toBe(1); // the UTC day
    expect(matchPending([posted("p1", "-10.00", "COLES", "2026-11-22", "acc-1", "2026-11-22")], [pending("q1", "-10.00", "COLES")]).size).toBe(0);
    // A repeat purchase at the same merchant, a similar amount, another day: not the pending one.
    expect(matchPending([posted("p1", "-56.66", "WOOLWORTHS 1234 BONDI", "2026-11-24", "acc-1", "2026-11-24")], [pending("q1", "-66.24", "WOOLWORTHS 1234 BONDI", "2026-11-19")]).size).toBe(0);
  });

  test("without a purchase day: posted within [pending day - 1, pending day + 32]", () => {
    const at = (day: string) => matchPending([posted("p1", "-10.00", "COLES", day, "acc-1", null)], [pending("q1", "-10.00", "COLES")]).size;
    expect([at("2026-11-18"), at("2026-11-19"), at("2026-12-22"), at("2026-12-23")]).toEqual([0, 1, 1, 0]);
  });

  test("a pending row re-issued in the same sync (a new pending row, same account, amount and day) is not linked to a posted row", () => {
    const again = { ...posted("q2", "-10.00", "COLES 0582 PENDING", "2026-11-20"), status: "pending", postDate: null } as unknown as SyncTransaction;
    expect(matchPending([again, posted("p1", "-10.00", "COLES")], [pending("q1", "-10.00", "COLES")]).size).toBe(0);
  });

  test("two alike purchases pair one to one, nearest days first; ambiguous unlike ones stay unmatched", () => {
    const m = matchPending(
      [posted("p1", "-5.00", "GLORIA JEANS", "2026-11-21", "acc-1", "2026-11-20"), posted("p2", "-5.00", "GLORIA JEANS", "2026-11-23", "acc-1", "2026-11-22")],
      [pending("q1", "-5.00", "GLORIA JEANS", "2026-11-20"), pending("q2", "-5.00", "GLORIA JEANS", "2026-11-22")],
    );
    expect(m.size).toBe(2);
    expect(new Set(m.values())).toEqual(new Set(["q1", "q2"]));
    // Two same-amount pending rows, descriptions unlike the posted one: no guess.
    expect(matchPending([posted("p1", "-5.00", "SQ *KIOSK")], [pending("q1", "-5.00", "OPAL TRAVEL"), pending("q2", "-5.00", "7-ELEVEN")]).size).toBe(0);
  });

  test("a pending row that is still pending, or a posted row with no pending one, is never matched", () => {
    expect(matchPending([{ ...posted("p1", "-5.00", "X"), status: "pending" } as SyncTransaction], [pending("q1", "-5.00", "X")]).size).toBe(0);
    expect(matchPending([posted("p1", "-5.00", "X")], []).size).toBe(0);
  });

  test("similarity ignores card numbers, dates and pending markers", () => {
    expect(similarity("PENDING - VISA PURCHASE WOOLWORTHS 0412 21/11", "WOOLWORTHS")).toBe(1);
    expect(similarity("COLES CHATSWOOD", "ALDI MARRICKVILLE")).toBe(0);
  });
});
