// The sales what-if modeller in headless Chromium: the table against the API's
// projection, custom plans, break-even points, the URL round trip and the CSV export.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { billing, count, money, openPage, pageSuite, shots } from "./harness.mjs";

const ctx = pageSuite({ before, after });
const mix = {
  conversation: { aiMessages: 4000 }, voice: [{ calls: 300, averageSeconds: 150 }],
  content: { textGenerations: 200, imageGenerations: 40 }, reviews: { responses: 300 },
  workflow: [{ executions: 500, gptSteps: 2 }],
};
const enterprise = { id: "custom-1", name: "Enterprise", credits: 20000, overageRate: "0.018", monthlyPrice: "249.00",
  overageTiers: [{ upTo: 10000, rate: "0.018" }, { rate: "0.015" }] };
const bookWith = (plans) => ({ ...billing.defaultPriceBook(), plans: [...billing.defaultPriceBook().plans, ...plans] });

async function table(page) {
  return page.$$eval("#months-table tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
}

for (const width of [390, 1280]) {
  test(`sales at ${width}px: the month-by-month table is the API's projection`, async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}sales.html`, width);
    await page.waitForSelector("#months-table tbody tr");
    await page.fill("#growth", "5");
    await page.fill("#months", "6");
    const expected = new billing.Calculator().project({ mix, months: 6, growth: { overall: 5 }, plans: ["starter", "pro", "premium"] });
    assert.deepEqual(await table(page), expected.months.map((m) => [`Month ${m.month}`, count(m.credits), ...m.costs.map((c) => money(c.totalCost))]));
    // An enterprise plan with a volume discount (R20).
    await page.click("#add-plan");
    await page.waitForFunction(() => document.querySelectorAll("#months-table thead th").length === 6);
    const calc = new billing.Calculator(bookWith([enterprise]));
    const withEnterprise = calc.project({ mix, months: 6, growth: { overall: 5 } });
    assert.deepEqual(await table(page), withEnterprise.months.map((m) => [`Month ${m.month}`, count(m.credits), ...m.costs.map((c) => money(c.totalCost))]));
    const points = await page.$$eval("#break-evens li", (li) => li.map((l) => l.textContent));
    const names = { starter: "Starter", pro: "Pro", premium: "Premium", "custom-1": "Enterprise" };
    for (const b of calc.breakEvens()) {
      assert.ok(points.includes(`${names[b.to]} costs no more than ${names[b.from]} from ${count(b.credits)} credits a month.`), JSON.stringify(b));
    }
    assert.match(await page.textContent("#cheapest"), new RegExp(`${names[withEnterprise.cheapest]}`));
    await page.screenshot({ path: join(shots, `sales-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
  });
}

test("sales: the scenario round-trips through the URL, and the CSV export holds the exact table", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}sales.html`, 1280);
  await page.waitForSelector("#months-table tbody tr");
  await page.fill("#months", "4");
  await page.fill("#voiceGrowth", "12.5");
  await page.fill("#c-name", "Acme <b>Gold</b>");
  await page.click("#add-plan");
  await page.uncheck('input[value="starter"]');
  const before = await table(page);
  const url = page.url();
  assert.match(url, /#s=/);
  const again = await openPage(ctx.browser, url, 1280);
  await again.page.waitForSelector("#months-table tbody tr");
  assert.equal(await again.page.inputValue("#months"), "4");
  assert.equal(await again.page.inputValue("#voiceGrowth"), "12.5");
  assert.equal(await again.page.isChecked('input[value="starter"]'), false);
  assert.deepEqual(await table(again.page), before);
  // A user-entered name is text, never HTML.
  assert.equal(await again.page.locator("#months-table b").count(), 0);
  assert.ok((await again.page.$$eval("#months-table thead th", (th) => th.map((t) => t.textContent))).includes("Acme <b>Gold</b>"));

  const [download] = await Promise.all([again.page.waitForEvent("download"), again.page.click("#export")]);
  const csv = readFileSync(await download.path(), "utf8");
  const plan = { ...enterprise, name: "Acme <b>Gold</b>" };
  const expected = new billing.Calculator(bookWith([plan])).project({ mix, months: 4, growth: { overall: 8, byFeature: { voice: 12.5 } }, plans: ["pro", "premium", "custom-1"] });
  const lines = csv.trim().split("\n");
  assert.equal(lines[0], "Month,Credits,Pro,Premium,Acme <b>Gold</b>,Cheapest");
  const names = { pro: "Pro", premium: "Premium", "custom-1": "Acme <b>Gold</b>" };
  expected.months.forEach((m, i) => assert.equal(lines[i + 1], [m.month, m.credits, ...m.costs.map((c) => c.totalCost), names[m.cheapest]].join(",")));
  assert.equal(lines.at(-1), ["Total", "", ...expected.totals.map((t) => t.totalCost), names[expected.cheapest]].join(","));
  assert.deepEqual([...errors, ...again.errors], []);
});

test("sales: a bad custom plan shows the API's message", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}sales.html`, 1280);
  await page.waitForSelector("#months-table tbody tr");
  await page.fill("#c-rate", "abc");
  await page.click("#add-plan");
  await page.waitForSelector(".field-error");
  assert.match(await page.textContent(".field-error"), /^book\.plans\[3\]\.overageRate: must be a decimal string/);
  await page.click('button[aria-label="Remove Enterprise"]');
  await page.waitForFunction(() => !document.querySelector(".field-error"));
  assert.deepEqual(errors, []);
});

test("sales: removing a custom plan keeps the choices of the plans after it", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}sales.html`, 1280);
  await page.waitForSelector("#months-table tbody tr");
  for (const name of ["First", "Second", "Third"]) {
    await page.fill("#c-name", name);
    await page.click("#add-plan");
  }
  await page.uncheck('input[value="custom-1"]'); // First off; Second and Third on
  await page.uncheck('input[value="custom-3"]'); // Third off
  await page.click('button[aria-label="Remove First"]');
  const headers = await page.$$eval("#months-table thead th", (th) => th.map((t) => t.textContent));
  assert.ok(headers.includes("Second") && !headers.includes("Third") && !headers.includes("First"), headers.join(", "));
  assert.equal(await page.isChecked('input[value="custom-1"]'), true, "Second, now custom-1, stays chosen");
  assert.equal(await page.isChecked('input[value="custom-2"]'), false, "Third, now custom-2, stays off");
  assert.deepEqual(errors, []);
});
