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

test("a chart's y axis ends at the first round figure past the data, in at most five whole steps", async () => {
  const { yTicks } = await import("../../www/lib/chart.js");
  // A month of 5,600 credits (plus 5 % room): 6,000 in steps of 2,000, not 10,000 with half the chart empty.
  assert.deepEqual(yTicks(5_880), { top: 6_000, step: 2_000, intervals: 3 });
  assert.deepEqual(yTicks(10_500), { top: 12_500, step: 2_500, intervals: 5 });
  // Credits are whole: a tiny chart steps by 1, never 0.5.
  assert.deepEqual(yTicks(1.05), { top: 2, step: 1, intervals: 2 });
  for (const value of [1, 7, 99, 2_625, 123_456, 9.9e15, 1.8e19]) {
    const { top, step, intervals } = yTicks(value);
    assert.ok(top >= value && top - step < value, `${value}: ${top} by ${step}`);
    assert.ok(Number.isInteger(step) && intervals >= 1 && intervals <= 5);
  }
  // Nothing to scale to (a figure that is not a number) ends, with one step.
  assert.deepEqual(yTicks(Number.NaN), { top: 1, step: 1, intervals: 1 });
});

test("an engine reason in a customer's words: the money hint only where an amount was expected", async () => {
  const { plainReason } = await import("../../www/lib/dom.js");
  const money = "type digits and at most one decimal point, without “$” or commas, such as 12.50";
  assert.equal(plainReason("invalid type: number 12.5, expected a decimal string such as \"0.03\""), money);
  assert.equal(plainReason("must be a decimal string such as \"0.03\""), money);
  // Not for a name or a choice: the engine's words stand.
  assert.equal(plainReason("invalid type: a Set, expected a string"), "invalid type: a Set, expected a string");
});

test("a file's problems alike but for their line are one item, its lines in runs", async () => {
  const { csvProblems } = await import("../../www/lib/dom.js");
  const bad = (line, column, reason) => ({ field: `csv line ${line}, column ${column} ("feature")`, reason });
  const typo = 'unknown variant "contnet", expected one of `conversation`';
  const items = csvProblems([bad(3, 4, "must be a finite number >= 0, got -1"), ...[4, 5, 6, 9, 11, 12].map((l) => bad(l, 2, typo)), { field: "csv line 20", reason: "has 2 cells, the header has 3" }]);
  assert.equal(items.length, 3);
  assert.match(items[0], /^line 3, column 4/);
  assert.match(items[1], /^lines 4 to 6, 9, 11 and 12, column 2 \("feature"\): /);
  assert.equal(items[2], "line 20: has 2 cells, the header has 3");
  // Another reason at the same column is its own item.
  assert.equal(csvProblems([bad(4, 2, typo), bad(5, 2, typo.replace("contnet", "chat"))]).length, 2);
});

test("a file's problems without a column are grouped too", async () => {
  const { csvProblems } = await import("../../www/lib/dom.js");
  const short = (line) => ({ field: `csv line ${line}`, reason: "has 2 cells, the header has 3" });
  assert.deepEqual(csvProblems([short(3), short(4), short(5), short(9)]), ["lines 3 to 5 and 9: has 2 cells, the header has 3"]);
});

test("a number in an exported CSV is digits, never exponent form", async () => {
  const { csvCell } = await import("../../www/lib/csv.js");
  assert.equal(csvCell(1e-7), "0.0000001");
  assert.equal(csvCell(-2.5e-8), "-0.000000025");
  assert.equal(csvCell(1.5e21), "1500000000000000000000");
  assert.equal(csvCell(123.45), "123.45");
  assert.equal(csvCell("1e-7"), "1e-7", "text stays as written");
});
