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

test("a chart's day labels are evenly spaced, with the first and the last day always shown", async () => {
  const { labelIndexes } = await import("../../www/lib/chart.js");
  // 31 days at 390 px (three labels fit): the middle day, not day 12.
  assert.deepEqual(labelIndexes(31, 3), [0, 15, 30]);
  // 31 days wide: every fifth day, each gap the same.
  assert.deepEqual(labelIndexes(31, 10), [0, 5, 10, 15, 20, 25, 30]);
  // 30 days: no step divides 29 days; the last gap is at least 60 % of a step, never a squeeze.
  const thirty = labelIndexes(30, 10);
  const gaps = thirty.slice(1).map((d, k) => d - thirty[k]);
  assert.ok(gaps.slice(0, -1).every((g) => g === gaps[0]) && gaps.at(-1) >= 0.6 * gaps[0], JSON.stringify(thirty));
  for (const [count, fit] of [[1, 3], [2, 2], [7, 10], [60, 4], [365, 10], [400, 2]]) {
    const shown = labelIndexes(count, fit);
    assert.equal(shown[0], 0);
    assert.equal(shown.at(-1), count - 1);
    assert.ok(shown.length <= Math.max(fit, 1), `${count} days, ${fit} fit: ${shown.length} shown`);
  }
});
