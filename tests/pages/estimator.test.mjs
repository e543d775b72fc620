// The public pricing estimator in headless Chromium: the numbers shown are the API's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { billing, count, money, openPage, pageSuite, shots } from "./harness.mjs";

const ctx = pageSuite({ before, after });
const calc = new billing.Calculator();
const mixOf = (v) => ({
  conversation: { aiMessages: v.aiMessages }, voice: [{ calls: v.calls, averageSeconds: v.averageSeconds }],
  content: { textGenerations: v.textGenerations, imageGenerations: v.imageGenerations }, reviews: { responses: v.responses },
  workflow: [{ executions: v.executions, gptSteps: v.gptSteps, averageTokens: v.averageTokens }],
});
const defaults = { aiMessages: 1200, calls: 40, averageSeconds: 135, textGenerations: 60, imageGenerations: 10, responses: 80, executions: 300, gptSteps: 2, averageTokens: 600 };

for (const width of [390, 1280]) {
  test(`estimator at ${width}px: every input recomputes the API's numbers`, async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, width);
    await page.waitForSelector("#plans tbody tr");
    const values = { ...defaults, aiMessages: 3000, calls: 120, averageSeconds: 61 };
    await page.fill("#in-aiMessages", "3000");
    await page.fill("#in-calls", "120");
    await page.fill("#in-averageSeconds", "61");
    const expected = calc.compare(mixOf(values));
    assert.equal(await page.textContent("#credits"), `${count(expected.estimate.credits)} credits a month`);
    assert.match(await page.textContent("#range"), new RegExp(`${count(expected.estimate.low)} to ${count(expected.estimate.high)} credits`));
    const rows = await page.$$eval("#plans tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(rows.map((r) => r.slice(1, 5)), expected.plans.map((q) => [count(q.includedCredits), count(q.overageCredits), money(q.overageCost), money(q.totalCost)]));
    assert.equal(await page.getAttribute("#plans tbody tr.best", "data-plan"), expected.recommended);
    // The slider moves the same value.
    await page.locator('input[aria-label="AI messages slider"]').fill("5000");
    assert.equal(await page.inputValue("#in-aiMessages"), "5000");
    assert.equal(await page.textContent("#credits"), `${count(calc.estimate(mixOf({ ...values, aiMessages: 5000 })).credits)} credits a month`);
    // The plan table from the source document (R21).
    const capacity = await page.$$eval("#capacity tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(capacity[0], ["Starter", "500", "~500", "~100–166", "$0.03 per credit"]);
    assert.deepEqual(capacity[2], ["Premium", "10,000", "~10,000", "~2,000–3,333", "$0.02 per credit"]);
    await page.screenshot({ path: join(shots, `estimator-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
  });
}

test("estimator: a bad value shows the API's message next to its field, and clears", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await page.waitForSelector("#plans tbody tr");
  await page.fill("#in-calls", "-3");
  const message = await page.textContent("#in-calls-error");
  assert.equal(message, "mix.voice[0].calls: must be a whole number >= 0, got -3");
  assert.equal(await page.getAttribute("#in-calls", "aria-invalid"), "true");
  await page.fill("#in-averageSeconds", "");
  await page.fill("#in-calls", "3");
  assert.equal(await page.textContent("#in-averageSeconds-error"), "mix.voice[0].averageSeconds: must be a finite number >= 0, got NaN");
  await page.fill("#in-averageSeconds", "60");
  assert.equal(await page.locator(".field-error").count(), 0);
  assert.deepEqual(errors, []);
});

test("estimator: keyboard focus goes through the number fields in order", async () => {
  const { page } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await page.waitForSelector("#plans tbody tr");
  const order = [];
  await page.focus("#in-aiMessages");
  for (let i = 0; i < 4; i++) {
    order.push(await page.evaluate(() => document.activeElement.id));
    await page.keyboard.press("Tab");
  }
  assert.deepEqual(order, ["in-aiMessages", "in-calls", "in-averageSeconds", "in-textGenerations"]);
  // Labels name every field.
  const unlabelled = await page.$$eval("input[type=number]", (inputs) => inputs.filter((i) => !i.labels?.length).length);
  assert.equal(unlabelled, 0);
});
