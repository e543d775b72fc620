// The minimal estimator page in headless Chromium: the numbers it shows are the API's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { billing, launchBrowser, openPage, shots, startServer } from "./harness.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

for (const width of [390, 1280]) {
  test(`estimator at ${width}px shows the API's numbers and no console errors`, async () => {
    const { page, errors } = await openPage(browser, server.url, width);
    await page.waitForSelector("#plans tbody tr");
    await page.fill('input[name="aiMessages"]', "3000");
    const expected = new billing.Calculator().compare({
      conversation: { aiMessages: 3000 }, voice: [{ calls: 40, averageSeconds: 135 }],
      content: { textGenerations: 60, imageGenerations: 10 }, reviews: { responses: 80 },
      workflow: [{ executions: 300, gptSteps: 2 }],
    });
    const credits = new Intl.NumberFormat("en-US").format(expected.estimate.credits);
    assert.match(await page.textContent("#credits"), new RegExp(`needs ${credits} credits`));
    const rows = await page.$$eval("#plans tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(rows.map((r) => r[3]), expected.plans.map((q) => `$${Number(q.overageCost).toLocaleString("en-US", { minimumFractionDigits: 2 })}`));
    // A bad value shows the API's message.
    await page.fill('input[name="calls"]', "-3");
    assert.match(await page.textContent("#error"), /^mix\.voice\[0\]\.calls: must be a whole number >= 0, got -3/);
    await page.fill('input[name="calls"]', "40");
    assert.equal(await page.isHidden("#error"), true);
    await page.screenshot({ path: join(shots, `estimator-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
  });
}
