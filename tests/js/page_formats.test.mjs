// The pages' formatters of the engine's moments: what a customer reads on the invoice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dayName, momentName } from "../../www/lib/billing.js";

test("a moment reads as its UTC day, with its UTC time unless midnight (seconds only when set)", () => {
  assert.equal(dayName("2026-10-20"), "Oct 20, 2026");
  assert.equal(momentName("2026-10-20"), "Oct 20, 2026");
  assert.equal(momentName("2026-10-20T00:00:00Z"), "Oct 20, 2026");
  assert.equal(momentName("2026-11-03T07:30:00Z"), "Nov 3, 2026, 07:30 UTC");
  assert.equal(momentName("2026-11-03T07:30:15Z"), "Nov 3, 2026, 07:30:15 UTC");
  // The engine writes UTC; a day is the moment's UTC day.
  assert.equal(momentName("2026-12-31T23:59:59Z"), "Dec 31, 2026, 23:59:59 UTC");
});

test("a long name is cut in its middle to whole characters, so names alike at the start stay apart", async () => {
  const { shortName } = await import("../../www/lib/billing.js");
  assert.equal(shortName("Enterprise Ultra Unlimited Growth Bundle Number 1", 18), "Enterpris…Number 1");
  assert.notEqual(shortName("Enterprise Ultra Unlimited Growth Bundle Number 1", 18), shortName("Enterprise Ultra Unlimited Growth Bundle Number 2", 18));
  assert.equal(shortName("Pro", 18), "Pro");
  assert.equal(Array.from(shortName("🚀".repeat(30), 18)).length, 18, "emoji are whole characters");
});
