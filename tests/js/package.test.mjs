// The published package as a user gets it: `npm pack` of pkg/, installed into a fresh
// project, imported by name in Node (the "node" export) and type-checked with tsc
// against both the node and the web ("bundler") exports.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "../..");
const tsc = join(root, "tools/node_modules/.bin/tsc");
let project;
let billing;

before(() => {
  project = mkdtempSync(join(tmpdir(), "hoopai-billing-user-"));
  const tarball = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", project, "--silent"], { encoding: "utf8" }).trim().split("\n").pop();
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", join(project, tarball)], { cwd: project, stdio: "inherit" });
  billing = createRequire(join(project, "index.js"))("@hoopai/billing");
});

test("the package holds the web build, the node build and the types, as pkg.json lists them", () => {
  const manifest = JSON.parse(readFileSync(join(project, "node_modules/@hoopai/billing/package.json"), "utf8"));
  assert.deepEqual(manifest.files, ["web/", "node/", "estimator/"]);
  for (const build of ["web", "node", "estimator/web", "estimator/node"]) {
    for (const file of ["hoopai_billing.js", "hoopai_billing.d.ts", "hoopai_billing_bg.wasm", "package.json", "recovery.mjs"]) {
      assert.ok(readFileSync(join(project, "node_modules/@hoopai/billing", build, file)).length > 0, `${build}/${file}`);
    }
  }
  // The entry points are the bindings behind the recovery layer (js/).
  assert.equal(manifest.exports["."].node.default, "./node/index.mjs");
  assert.equal(manifest.exports["."].default.default, "./web/index.js");
  assert.equal(manifest.exports["./estimator"].node.default, "./estimator/node/index.mjs");
  assert.equal(manifest.exports["./estimator"].default.default, "./estimator/web/index.js");
});

test("issue 12: @hoopai/billing/estimator by name in Node: the estimating calls, equal to the full engine's; no simulator", async () => {
  const estimator = await import(pathToFileURL(createRequire(join(project, "index.js")).resolve("@hoopai/billing/estimator")));
  assert.deepEqual(Object.keys(estimator).sort(), ["Calculator", "defaultPriceBook"]);
  assert.deepEqual(estimator.defaultPriceBook(), billing.defaultPriceBook());
  const small = new estimator.Calculator();
  const full = new billing.Calculator();
  const mix = { conversation: { aiMessages: 2600 }, voice: [{ calls: 7, averageSeconds: 61 }], workflow: [{ executions: 9, gptSteps: 2 }] };
  assert.deepEqual(small.compare(mix, { alertThresholds: [50] }), full.compare(mix, { alertThresholds: [50] }));
  assert.deepEqual(small.estimate(mix), full.estimate(mix));
  assert.deepEqual(small.capacity("pro"), full.capacity("pro"));
  assert.deepEqual(small.breakEvens(), full.breakEvens());
  for (const method of ["simulate", "backtest", "forecast", "project", "generateEvents"]) {
    assert.equal(typeof small[method], "undefined", method);
    assert.equal(typeof full[method], "function", method);
  }
  // The same errors, and the same recovery after a trap.
  assert.throws(() => small.estimate({ voice: [{ calls: 1, averageSeconds: -1 }] }), (e) => e.code === "INVALID_INPUT" && e.field === "mix.voice[0].averageSeconds");
  assert.throws(() => small.__testTrap(), (e) => e.code === "TRAPPED");
  assert.equal(small.compare({ conversation: { aiMessages: 600 } }).plans[0].overageCost, "3.00");
});

test("R15 R22: imported by name in Node, compare gives exact strings", () => {
  const calc = new billing.Calculator();
  const c = calc.compare({ conversation: { aiMessages: 600 } });
  assert.equal(c.plans[0].overageCost, "3.00");
  assert.equal(c.plans[0].monthlyPrice, null);
  assert.deepEqual(c.plans[0].alerts, [75, 90]);
  assert.equal(c.recommended, "pro");
});

test("R23: a bad input throws an Error naming the field, and the calculator still works", () => {
  const calc = new billing.Calculator();
  assert.throws(() => calc.estimate({ voice: [{ calls: 2, averageSeconds: -5 }] }), (e) =>
    e instanceof Error && e.message === "mix.voice[0].averageSeconds: must be a finite number >= 0, got -5" &&
    e.code === "INVALID_INPUT" && e.field === "mix.voice[0].averageSeconds");
  assert.throws(() => calc.estimate({ conversation: { aiMessages: 1 }, extra: 1 }), /^Error: mix.extra: unknown field `extra`/);
  assert.throws(() => new billing.Calculator({ ...billing.defaultPriceBook(), plans: [] }), /^Error: book.plans: must list at least one plan$/);
  // Values JSON cannot hold are named, never read as null or left out (R23).
  const message = (f) => { try { f(); } catch (e) { return e.message; } return "no error"; };
  assert.equal(message(() => calc.estimate({ content: { textGenerations: NaN } })),
    "mix.content.textGenerations: must be a whole number >= 0, got NaN");
  assert.equal(message(() => calc.estimate({ voice: [{ calls: 1, averageSeconds: Infinity }] })),
    "mix.voice[0].averageSeconds: must be a finite number >= 0, got Infinity");
  assert.equal(message(() => calc.estimate({ conversation: { aiMessages: 5n } })),
    "mix.conversation.aiMessages: must be a whole number >= 0, got BigInt 5");
  assert.match(message(() => calc.estimate({ conversation: { aiMessages: 1 }, hook() {} })), /^mix.hook: unknown field `hook`/);
  const cyclic = { conversation: { aiMessages: 1 } };
  cyclic.self = cyclic;
  assert.match(message(() => calc.estimate(cyclic)), /^mix: cannot be read as JSON: .*circular/i);
  // What a toJSON throws is named: its message, a thrown string, or that it is neither.
  assert.equal(message(() => calc.estimate({ conversation: { toJSON() { throw "no access"; } } })), "mix: cannot be read as JSON: no access");
  assert.equal(message(() => calc.estimate({ conversation: { toJSON() { throw 42; } } })), "mix: cannot be read as JSON: a thrown value that is not an Error");
  assert.equal(calc.estimate({ voice: [{ calls: 1, averageSeconds: 135 }] }).credits, 12);
});

test("the public .d.ts has no `any` outside wasm-bindgen's internal init types", () => {
  for (const build of ["web", "node", "estimator/web", "estimator/node"]) {
    const dts = readFileSync(join(project, `node_modules/@hoopai/billing/${build}/hoopai_billing.d.ts`), "utf8");
    const publicPart = dts.split("export type InitInput")[0].replace(/\/\*[\s\S]*?\*\//g, ""); // declarations, not doc comments
    assert.doesNotMatch(publicPart, /\bany\b/, `${build}/hoopai_billing.d.ts`);
  }
});

for (const resolution of ["bundler", "node16"]) {
  test(`the types check under tsc --strict (moduleResolution ${resolution})`, () => {
    copyFileSync(join(root, "tests/types/usage.ts"), join(project, "usage.ts"));
    const module = resolution === "bundler" ? "esnext" : "node16";
    execFileSync(tsc, ["--strict", "--noEmit", "--skipLibCheck", "false", "--target", "esnext", "--lib", "esnext,dom", "--module", module,
      "--moduleResolution", resolution, "usage.ts"], { cwd: project, stdio: "inherit" });
  });
}
