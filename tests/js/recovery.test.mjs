// The package never dies of one bad call (issue 13): a trap in the WebAssembly instance
// throws an Error with code "TRAPPED", and the next call, on the same calculator or a new
// one, runs on a fresh instance. `__testTrap` traps on purpose while its calculator is
// borrowed, as an out-of-memory abort would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";

const billing = await import(resolve(import.meta.dirname, "../../pkg/node/index.mjs"));
const mix = { conversation: { aiMessages: 600 } };
const expected = "3.00";

test("a trap is an Error with a code, and every later call works on a fresh instance", () => {
  const book = billing.defaultPriceBook();
  book.plans[0].monthlyPrice = "29";
  const priced = new billing.Calculator(book);
  const calc = new billing.Calculator();
  assert.equal(calc.compare(mix).plans[0].overageCost, expected);
  assert.throws(() => calc.__testTrap(), (e) => e instanceof Error && e.code === "TRAPPED" && e.field === "engine"
    && e.cause instanceof WebAssembly.RuntimeError && /the next call runs on a fresh engine/.test(e.message));
  // The same calculator, one made before the trap with its own book, and a new one.
  assert.equal(calc.compare(mix).plans[0].overageCost, expected);
  assert.equal(priced.compare(mix).plans[0].totalCost, "32.00");
  assert.equal(new billing.Calculator().compare(mix).plans[0].overageCost, expected);
  assert.deepEqual(billing.defaultPriceBook().plans.map((p) => p.id), ["starter", "pro", "premium"]);
  assert.equal(billing.parseUsageCsv("at,feature\n2026-11-02T09:00:00Z,reviews\n").length, 1);
  // Twice in a row, too.
  assert.throws(() => priced.__testTrap(), { code: "TRAPPED" });
  assert.throws(() => priced.__testTrap(), { code: "TRAPPED" });
  assert.equal(priced.compare(mix).plans[0].totalCost, "32.00");
  // Bad input is still an ordinary Error, and leaves the instance as it was.
  assert.throws(() => calc.estimate({ voice: [{ calls: -1, averageSeconds: 1 }] }), { code: "INVALID_INPUT", field: "mix.voice[0].calls" });
  assert.equal(calc.compare(mix).plans[0].overageCost, expected);
});

test("free() is safe twice; a call after it is an Error with a code", () => {
  const calc = new billing.Calculator();
  calc.free();
  calc.free();
  assert.throws(() => calc.compare(mix), { code: "FREED", message: "calculator: was freed; create a new Calculator" });
  // A calculator whose instance was retired frees without touching the new one.
  const old = new billing.Calculator();
  assert.throws(() => new billing.Calculator().__testTrap(), { code: "TRAPPED" });
  old.free();
  assert.equal(new billing.Calculator().compare(mix).plans[0].overageCost, expected);
});
