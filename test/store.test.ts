import { describe, expect, test } from "@jest/globals";
import { MemoryStore } from "../src/store.js";
import { storeContract } from "./helpers/store-contract.js";

storeContract("MemoryStore", () => new MemoryStore());

describe("MemoryStore", () => {
  test("stays bounded: past 10,000 keys the oldest written are dropped", async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 10_500; i++) await store.set(`k${i}`, "v", 60_000);
    expect(await store.get("k0")).toBeUndefined();
    expect(await store.get("k10499")).toBe("v");
  });
});
