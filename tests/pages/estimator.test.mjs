// The public pricing estimator in headless Chromium: every number shown is the API's, an
// unknown price is never $0 (R1, R24), bad input leaves nothing passing as current, errors
// are in words at their field, the share link round-trips, and axe finds nothing serious.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { axeViolations, billing, count, money, openFailing, openPage, pageSuite, root, shots } from "./harness.mjs";

const ctx = pageSuite({ before, after });
const bookFile = join(root, "www/price-book.json");
const shipped = readFileSync(bookFile, "utf8");

/** Serves `change(book)` of the shipped price book for test `t`, and the shipped one again after it. */
function serveBook(t, change) {
  const book = JSON.parse(shipped);
  change(book);
  writeFileSync(bookFile, `${JSON.stringify(book, null, 2)}\n`);
  t.after(() => writeFileSync(bookFile, shipped));
  return book;
}

/** The dental clinic of issue 9: 1,500 AI messages, 60 calls of 3 min 30 s, 40 text and
 * 20 image generations, 100 review replies, 500 workflow runs of one short GPT step. */
const dental = {
  conversation: { aiMessages: 1500 }, voice: [{ calls: 60, averageSeconds: 210 }],
  content: { textGenerations: 40, imageGenerations: 20 }, reviews: { responses: 100 },
  workflow: [{ executions: 500, gptSteps: 1, averageTokens: 1000 }],
};

async function planRows(page) {
  return page.$$eval("#plans tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
}

async function ready(page) {
  await page.waitForSelector("#plans tbody tr");
  assert.equal(await page.locator("#load-status").count(), 0, "the loading note goes once the calculator runs");
}

test("estimator: a long badge wraps under its plan at 1280 px, every column in view; alerts of a ranged month are the expected rates' (R11, R14)", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  await page.click("text=Real-estate team");
  await page.waitForFunction(() => document.getElementById("credits").textContent !== "3,160 credits a month");
  assert.equal(await badge(page), "\" ✓ recommended: covers your usage at the expected rates\"");
  assert.equal(await clippedCells(page), 0);
  // 8,770 to 12,170 credits: at the low end Premium's 90 % (9,000) is not reached, so the
  // alerts are said to be the expected rates'.
  const premium = (await planRows(page)).find((r) => r[0].startsWith("Premium"));
  assert.match(premium[2], /alerts? fires? each month/);
  assert.match(premium[2], /^Yes at the expected rates/);
  assert.deepEqual(errors, []);
});

test("estimator at 390 px: a field focused by the keyboard, and its label, are never under the summary bar, however many lines the bar takes", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 390);
  await ready(page);
  await page.fill("#in-messages", "900719925474099"); // a bar of three lines
  await page.waitForFunction(() => document.getElementById("summary-bar").offsetHeight > 70);
  for (const [id, next] of [["in-reviews", "in-runs"], ["in-callSeconds", "in-texts"]]) {
    // Shift+Tab back to a field that sits just below the old 64 px gap, under the grown bar:
    // the browser scrolls only a field it finds inside the padding.
    await page.evaluate((field) => document.getElementById(field).focus({ preventScroll: true }), next);
    await page.evaluate((field) => window.scrollBy(0, document.getElementById(field).getBoundingClientRect().top - 70), id);
    while (await page.evaluate(() => document.activeElement.id) !== id) await page.keyboard.press("Shift+Tab");
    const { bar, label } = await page.evaluate((field) => ({
      bar: document.getElementById("summary-bar").getBoundingClientRect().bottom,
      label: document.querySelector(`label[for="${field}"]`).getBoundingClientRect().top,
    }), id);
    assert.ok(label >= bar, `${id}: its label at ${label}px is under the bar's bottom at ${bar}px`);
  }
  assert.deepEqual(errors, []);
});

test("the shipped price book is the published one, prices not set (R1)", () => {
  assert.deepEqual(JSON.parse(shipped), billing.defaultPriceBook());
});

/** Cells of the plan table out of the window (the page would need a sideways scroll to show them). */
const clippedCells = (page) => page.$$eval("#plans th, #plans td", (cells) => cells.filter((c) => {
  const box = c.getBoundingClientRect();
  return box.width > 0 && (box.right > document.documentElement.clientWidth + 1 || box.left < -1);
}).length);
/** The recommended row's badge, as CSS draws it. */
const badge = (page) => page.$eval("#plans tbody tr.best th", (th) => getComputedStyle(th, "::after").content);

for (const width of [390, 1280]) {
  test(`estimator at ${width}px: the dental clinic on the published book (R1, R24)`, async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, width);
    await ready(page);
    await page.click("text=Dental clinic");
    const expected = new billing.Calculator().compare(dental);
    assert.equal(expected.estimate.credits, 3160);
    assert.equal(await page.textContent("#credits"), "3,160 credits a month");
    assert.match(await page.textContent("#range"), /^2,920 to 3,400 credits/);
    const words = await page.textContent("#recommended");
    assert.match(words, /^Premium is the smallest plan whose monthly credits cover your usage: its 10,000 cover your 3,160 credits\./);
    assert.match(words, /Starter would add \$79\.80 .* and Pro \$16\.50 .* in overage each month\./);
    assert.match(words, /Subscription prices are not published here \(ask sales\)/);
    // What every plan promises (the source document), with the book's own alerts.
    const how = await page.textContent("#how");
    assert.match(how, /expire at the end of each billing cycle/);
    assert.match(how, /Alerts at 75% and 90% of the monthly credits/);
    assert.match(how, /hard cap: AI pauses when the credits run out/);
    assert.doesNotMatch(await page.textContent("main"), /cheapest|\$0\.00 a month|NaN/i);
    const rows = await planRows(page);
    assert.deepEqual(rows.map((r) => [r[0].replace(" ✓ recommended", ""), r[4], r[5]]),
      expected.plans.map((q) => [q.name, "not published", "not known"]));
    assert.deepEqual(rows.map((r) => r[3].split(" (")[0]), expected.plans.map((q) => money(q.overageCost)));
    assert.equal(await page.getAttribute("#plans tbody tr.best", "data-plan"), "premium");
    // The breakdown: credits, share and range per feature.
    const breakdown = await page.$$eval("#breakdown tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(breakdown.map((r) => r[1]), ["conversation", "voice", "content", "reviews", "workflow"].map((f) => count(expected.estimate.byFeature[f].credits)));
    assert.deepEqual(breakdown[1].slice(2), ["30.4%", "720 to 1,200"]);
    assert.deepEqual(breakdown[4].slice(2), ["15.8%", "exact"]);
    // Every column of the plan table is on screen, nothing cut off at this width.
    assert.equal(await clippedCells(page), 0);
    // The badge says its basis (R24): alone, "recommended" reads as "the best buy".
    assert.equal(await badge(page), "\" ✓ recommended: covers your usage\"");
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(shots, `estimator-${width}.png`), fullPage: true });
    if (width === 390) {
      // The summary stays in view while the inputs scroll.
      await page.evaluate(() => window.scrollTo(0, 1400));
      const bar = await page.locator("#summary-bar").boundingBox();
      assert.ok(bar && bar.y >= 0 && bar.y < 10, JSON.stringify(bar));
      assert.equal(await page.textContent("#summary-bar"), "3,160 credits · Premium covers it");
      await page.screenshot({ path: join(shots, "estimator-390-scrolled.png") });
    }
    assert.deepEqual(errors, []);
  });
}

test("estimator: a plan that covers the expected usage but not the range's high end says so (R11); a sliver's share is not 0%", async () => {
  const link = "?messages=1300&calls=100&callMinutes=3&callSeconds=0&texts=0&images=0&reviews=0&runs=0&steps=0&stepSize=short";
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html${link}`, 1280);
  await ready(page);
  // 1,300 messages + 300 minutes at 4 (3 to 5) a minute: 2,500 expected, 2,200 to 2,800.
  const expected = new billing.Calculator().compare({ conversation: { aiMessages: 1300 }, voice: [{ calls: 100, averageSeconds: 180 }],
    content: { textGenerations: 0, imageGenerations: 0 }, reviews: { responses: 0 }, workflow: [{ executions: 0, gptSteps: 0, averageTokens: 1000 }] });
  assert.deepEqual([expected.estimate.credits, expected.estimate.high, expected.recommended], [2500, 2800, "pro"]);
  const covers = (await planRows(page)).map((r) => r[2]);
  assert.deepEqual(covers, ["No: 2,000 credits over", "Yes at the expected rates; its 75% and 90% alerts fire each month; up to 300 credits over at the high end", "Yes"]);
  assert.match(await page.textContent("#recommended"), /At the high end of the range \(2,800 credits\) Pro would add up to \$7\.50 in overage\./);
  assert.equal(await page.textContent("#bar-plan"), "· Pro covers it at the expected rates");
  // The long words wrap in their cells: the prices and totals stay in view at 1280 px.
  assert.equal(await clippedCells(page), 0);
  // One credit over is "1 credit"; 4 voice credits of 100,004 are a sliver, not 0%.
  await page.fill("#in-messages", "501");
  await page.fill("#in-calls", "0");
  assert.equal((await planRows(page))[0][2], "No: 1 credit over");
  await page.fill("#in-messages", "100000");
  await page.fill("#in-calls", "1");
  await page.fill("#in-callMinutes", "1");
  const breakdown = await page.$$eval("#breakdown tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(breakdown.slice(0, 2).map((r) => r[2]), [">99.9%", "<0.1%"]);
  assert.deepEqual(errors, []);
});

test("estimator: with prices set in price-book.json the lowest total is recommended (R24)", async (t) => {
  const book = serveBook(t, (b) => b.plans.forEach((p, i) => { p.monthlyPrice = ["97", "297", "497"][i]; }));
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  await page.click("text=Dental clinic");
  const expected = new billing.Calculator(book).compare(dental);
  assert.equal(expected.basis, "totalCost");
  assert.match(await page.textContent("#recommended"), /^Starter costs the least for 3,160 credits: \$176\.80 a month/);
  // Each total with its range where the rates leave one open (R11), as the overage has.
  assert.deepEqual((await planRows(page)).map((r) => r[5]), expected.plans.map((q) => (q.totalCostRange.low === q.totalCostRange.high ? money(q.totalCost)
    : `${money(q.totalCost)} (${money(q.totalCostRange.low)} to ${money(q.totalCostRange.high)})`)));
  assert.equal((await planRows(page))[0][5], "$176.80 ($169.60 to $184.00)");
  assert.equal(await page.getAttribute("#plans tbody tr.best", "data-plan"), "starter");
  assert.equal(await badge(page), "\" ✓ recommended: lowest total\"");
  assert.deepEqual(errors, []);
});

test("estimator: a broken price book shows a failure message, not numbers", async (t) => {
  writeFileSync(bookFile, '{"currency":"USD","plans":[]}');
  t.after(() => writeFileSync(bookFile, shipped));
  const { page } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await page.waitForSelector("#load-status.load-failed");
  assert.match(await page.textContent("#load-status"),
    /^This page could not start because of a problem on our side; reloading it may help\. Reload \(What failed: the price book \(price-book.json\) is not valid: .+\)$/);
  assert.equal(await page.locator("#plans tbody tr").count(), 0);
});

test("estimator: bad input marks every result not updated, in words at its field", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  const slider = await page.locator('input[aria-label="AI messages a month (slider)"]').inputValue();
  await page.fill("#in-messages", "");
  assert.equal(await page.textContent("#in-messages-error"), "AI messages a month: required");
  assert.equal(await page.locator('input[aria-label="AI messages a month (slider)"]').inputValue(), slider, "a blank field never moves its slider");
  assert.equal(await page.getAttribute("#in-messages", "aria-invalid"), "true");
  assert.ok(await page.locator("#results").evaluate((n) => n.classList.contains("stale")));
  assert.ok(await page.locator("#plans-panel").evaluate((n) => n.classList.contains("stale")));
  assert.match(await page.textContent("#results .stale-note"), /Not updated/);
  // A screen reader reaching the figures by heading or by table hears they are out of date:
  // the note follows each heading and describes the section and its tables.
  const stale = () => page.$$eval(".stale", (sections) => sections.map((section) => {
    const note = section.querySelector(":scope > .stale-note");
    const heading = section.querySelector(":scope > h2, :scope > h3");
    const described = [section, ...section.querySelectorAll("table")].every((n) => (n.getAttribute("aria-describedby") ?? "").split(" ").includes(note.id));
    return [!heading || heading.nextElementSibling === note, described];
  }));
  assert.ok((await stale()).length >= 2);
  assert.ok((await stale()).every(([after, described]) => after && described), JSON.stringify(await stale()));
  // Two fields wrong: the note names the first and counts the other, never one alone.
  await page.fill("#in-images", "-5");
  assert.equal(await page.textContent("#results .stale-note"), "Not updated: correct “AI messages a month” and 1 more field (marked in red).");
  await page.fill("#in-images", "20");
  // Dimmed results stay readable: axe finds nothing serious in the invalid state either.
  assert.deepEqual(await axeViolations(page), []);
  await page.fill("#in-calls", "-5");
  assert.equal(await page.textContent("#in-calls-error"), "Voice AI calls a month: enter a whole number, 0 or more");
  await page.fill("#in-messages", "2.5");
  assert.equal(await page.textContent("#in-messages-error"), "AI messages a month: enter a whole number, 0 or more");
  await page.fill("#in-messages", "");
  await page.locator("#in-messages").pressSequentially("12e"); // typed as a user would: the field cannot read it
  assert.equal(await page.textContent("#in-messages-error"), "AI messages a month: enter a whole number in digits");
  await page.fill("#in-calls", "0");
  // Valid fields but a total past 2^53 - 1: the engine's OVERFLOW, in words. About the
  // whole month, it stands at the largest figure, the one to lower.
  await page.fill("#in-messages", "9007199254740991");
  assert.equal(await page.textContent("#in-messages-error"),
    "AI messages a month: with the other figures the month comes to more credits than can be computed exactly; enter a smaller number");
  assert.equal(await page.textContent("#form-error"), "");
  assert.equal(await page.textContent("#results .stale-note"), "Not updated: correct “AI messages a month” (marked in red).");
  // About one feature's line, it is shown at that line's field.
  await page.fill("#in-messages", "100");
  await page.fill("#in-texts", "9007199254740991");
  assert.equal(await page.textContent("#in-texts-error"), "Text generations a month: this is too large to compute exactly; enter a smaller number");
  assert.ok(await page.locator("#results").evaluate((n) => n.classList.contains("stale")));
  assert.doesNotMatch(await page.textContent("main"), /NaN|mix\./);
  await page.fill("#in-texts", "10");
  // A call longer than any the engine reads (9e9 s): words at the minutes field, never
  // the engine's bound in seconds.
  await page.fill("#in-callMinutes", "200000000");
  assert.equal(await page.textContent("#in-callMinutes-error"), "Length of each call, minutes: this is too large to compute exactly; enter a smaller number");
  await page.fill("#in-callMinutes", "3");
  await page.fill("#in-messages", "100");
  assert.equal(await page.locator(".field-error").count(), 0);
  assert.equal(await page.locator(".stale").count(), 0);
  await page.screenshot({ path: join(shots, "estimator-1280-after-error.png") });
  assert.deepEqual(errors, []);
});

test("estimator: call length in minutes and seconds; step size may be not sure (R7, R10, R11)", async () => {
  const { page } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  await page.click("text=Dental clinic");
  await page.fill("#in-callMinutes", "2");
  await page.fill("#in-callSeconds", "15");
  await page.selectOption("#in-stepSize", "unsure");
  const mix = { ...dental, voice: [{ calls: 60, averageSeconds: 135 }], workflow: [{ executions: 500, gptSteps: 1 }] };
  const expected = new billing.Calculator().estimate(mix);
  assert.equal(await page.textContent("#credits"), `${count(expected.credits)} credits a month`);
  assert.match(await page.textContent("#range"), new RegExp(`^${count(expected.low)} to ${count(expected.high)} credits, depending on the voice provider and language .* and workflow step size`));
  await page.fill("#in-callSeconds", "75");
  assert.equal(await page.textContent("#in-callSeconds-error"), "Length of each call, seconds: enter at most 59");
});

test("estimator: the share link restores the inputs; unknown or malformed keys are ignored with a notice", async () => {
  const { page } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  await page.click("text=Real-estate team");
  await page.fill("#in-reviews", "321");
  const url = await page.evaluate(() => location.href);
  assert.match(url, /reviews=321/);
  const credits = await page.textContent("#credits");
  const again = await openPage(ctx.browser, url, 390);
  await ready(again.page);
  assert.equal(await again.page.inputValue("#in-reviews"), "321");
  assert.equal(await again.page.inputValue("#in-stepSize"), "unsure");
  assert.equal(await again.page.textContent("#credits"), credits);
  assert.equal(await again.page.isHidden("#link-notice"), true);
  // Prices are never read from a link; junk is named and ignored.
  const odd = await openPage(ctx.browser, `${ctx.server.url}index.html?messages=abc&monthlyPrice=0&calls=7&stepSize=huge`, 1280);
  await ready(odd.page);
  assert.equal(await odd.page.inputValue("#in-calls"), "7");
  assert.equal(await odd.page.inputValue("#in-messages"), "0", "a malformed value is none of that usage, not the example's");
  // In the fields' own words, saying what stands in for what was ignored.
  assert.equal(await odd.page.textContent("#link-notice"), "Some of the link was ignored: AI messages a month (“abc” is not a valid value; 0 instead); "
    + "“monthlyPrice” (not a setting of this page); Size of a GPT step (prompt + output) (“huge” is not a choice; “Not sure” instead). The rest is as shared.");
  // R23: nothing defaulted in silence. A link that sets some usage is the whole of it: 100
  // messages are 100 credits, not the example's other features beside them.
  const partial = await openPage(ctx.browser, `${ctx.server.url}index.html?messages=100`, 390);
  await ready(partial.page);
  assert.equal(await partial.page.textContent("#credits"), "100 credits a month");
  assert.equal(await partial.page.inputValue("#in-reviews"), "0");
  assert.equal(await partial.page.inputValue("#in-stepSize"), "unsure", "a step size the link does not name is not known");
  assert.equal(await partial.page.isHidden("#link-notice"), true);
  // R14: a plan that covers the month at its edge says which alerts fire every month.
  await partial.page.fill("#in-messages", "2400");
  await partial.page.waitForFunction(() => document.querySelector("#credits").textContent === "2,400 credits a month");
  assert.deepEqual((await planRows(partial.page)).map((cells) => cells[2]),
    ["No: 1,900 credits over", "Yes; its 75% and 90% alerts fire each month", "Yes"]);
  await partial.page.fill("#in-messages", "1900");
  await partial.page.waitForFunction(() => document.querySelector("#credits").textContent === "1,900 credits a month");
  assert.equal((await planRows(partial.page))[1][2], "Yes; its 75% alert fires each month");
  // A link with no setting of this page (a tracking tag alone) opens on the example, said so.
  const tagged = await openPage(ctx.browser, `${ctx.server.url}index.html?utm_source=mail`, 390);
  await ready(tagged.page);
  assert.equal(await tagged.page.textContent("#credits"), "3,160 credits a month");
  // A voice choice where the book has no rate table is no setting of this page either.
  const unknown = await openPage(ctx.browser, `${ctx.server.url}index.html?calls=7&utm_source=mail&voiceRate=1`, 390);
  await ready(unknown.page);
  assert.equal(await unknown.page.textContent("#link-notice"),
    "Some of the link was ignored: “utm_source” (not a setting of this page); “voiceRate” (not a setting of this page). The rest is as shared.");
  // A preset replaces the link's values: its notice goes too.
  const preset = await openPage(ctx.browser, `${ctx.server.url}index.html?messages=abc`, 1280);
  await ready(preset.page);
  assert.equal(await preset.page.isVisible("#link-notice"), true);
  await preset.page.click("text=Marketing agency");
  assert.equal(await preset.page.isVisible("#link-notice"), false);
  // Once the values are edited, the notice about the link's values goes.
  await odd.page.fill("#in-calls", "8");
  assert.equal(await odd.page.isHidden("#link-notice"), true);
  assert.deepEqual([...again.errors, ...odd.errors, ...unknown.errors, ...partial.errors, ...tagged.errors], []);
});

test("issue 12: the pricing page runs on the estimator build alone, and its numbers equal the full engine's", async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const fetched = [];
  page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto(`${ctx.server.url}index.html`);
  await ready(page);
  const engine = fetched.filter((path) => path.startsWith("/pkg/"));
  assert.ok(engine.includes("/pkg/estimator/web/hoopai_billing_bg.wasm"), engine.join(", "));
  assert.deepEqual(engine.filter((path) => !path.startsWith("/pkg/estimator/web/")), [], "nothing of the full build");
  // The same comparison as the full engine gives (in Node), on a mix of the page's own.
  await page.click("text=Dental clinic");
  await page.fill("#in-messages", "4321");
  await page.waitForFunction(() => document.querySelector("#credits").textContent.startsWith("5,981 "));
  const expected = new billing.Calculator().compare({ ...dental, conversation: { aiMessages: 4321 } });
  assert.equal(expected.estimate.credits, 5981);
  assert.deepEqual((await planRows(page)).map((r) => r[3].split(" (")[0]), expected.plans.map((q) => money(q.overageCost)));
  await page.close();
});

test("estimator: keyboard order and labels", async () => {
  const { page } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  await page.focus("#in-messages");
  const order = [];
  for (let i = 0; i < 6; i++) {
    order.push(await page.evaluate(() => document.activeElement.id));
    await page.keyboard.press("Tab");
  }
  assert.deepEqual(order, ["in-messages", "in-calls", "in-callMinutes", "in-callSeconds", "add-voice-line", "in-texts"]);
  const unlabelled = await page.$$eval("input, select", (inputs) => inputs.filter((i) => !i.labels?.length && !i.getAttribute("aria-label")).length);
  assert.equal(unlabelled, 0);
  // A field's hint (its rate, how calls are billed) is read with it, not only seen beside it.
  const description = (id) => page.$eval(id, (input) => (input.getAttribute("aria-describedby") ?? "").split(" ")
    .map((ref) => document.getElementById(ref)?.textContent ?? "").join(" "));
  assert.match(await description("#in-messages"), /per AI reply; customer messages are free/);
  assert.match(await description("#in-callSeconds"), /each call is billed on its own, rounded up to the whole minute/);
  // An error and its hint both, and once the error goes, the hint alone.
  await page.fill("#in-messages", "-1");
  assert.match(await description("#in-messages"), /per AI reply.*AI messages a month: enter a whole number/);
  await page.fill("#in-messages", "10");
  assert.equal(await page.getAttribute("#in-messages", "aria-describedby"), "in-messages-unit");
  assert.equal(await page.locator("[aria-describedby*=stale-note]").count(), 0, "current results are not described as out of date");
});

test("in the browser a trap costs one call: the next runs on a spare instance, and the page keeps working (issue 13)", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  const trapThenCompare = () => page.evaluate(async () => {
    const billing = await import("/pkg/estimator/web/index.js");
    await billing.default();
    // The spare is made in the background; on a busy machine it can still be on its way.
    await (await import("/pkg/estimator/web/web-start.mjs")).engine.settled();
    window.trapped ??= new billing.Calculator();
    const codes = [];
    try { window.trapped.__testTrap(); } catch (e) { codes.push(e.code); }
    codes.push(window.trapped.compare({ conversation: { aiMessages: 600 } }).plans[0].overageCost); // at once, on the spare
    return codes;
  });
  // After each trap the next spare is loaded in the background (a fresh copy of the
  // bindings). A slow network makes it late: a call before it is ready would be refused
  // ("RESTARTING"), so the engine says when it is.
  await page.route(/hoopai_billing\.js\?instance=/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  const secondSpare = page.waitForResponse((r) => r.url().includes("hoopai_billing.js?instance=2"));
  assert.deepEqual(await trapThenCompare(), ["TRAPPED", "3.00"]);
  assert.deepEqual(await trapThenCompare(), ["TRAPPED", "3.00"]);
  await secondSpare;
  // The page's own calculator (made before the traps) rebuilds itself and still answers.
  await page.fill("#in-messages", "700");
  assert.match(await page.textContent("#credits"), /credits a month$/);
  assert.equal(await page.locator(".stale").count(), 0);
  assert.deepEqual(errors, []);
});

test("estimator: where the book has a voice rate table, a provider and language may be chosen (R7, R11)", async (t) => {
  const book = serveBook(t, (b) => { b.rates.voice.table = [{ provider: "eleven", language: "de", creditsPerMinute: 5 }, { provider: "basic", creditsPerMinute: 3 }]; });
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  await page.click("text=Dental clinic");
  const options = await page.$$eval("#in-voiceRate option", (o) => o.map((x) => x.textContent));
  assert.deepEqual(options, ["Not sure (3 to 5 credits a minute)", "eleven, de: 5 credits a minute", "basic: 3 credits a minute"]);
  await page.selectOption("#in-voiceRate", "1");
  const calc = new billing.Calculator(book);
  const expected = calc.estimate({ ...dental, voice: [{ calls: 60, averageSeconds: 210, provider: "basic" }] });
  assert.equal(await page.textContent("#credits"), `${count(expected.credits)} credits a month`);
  assert.equal(expected.byFeature.voice.low, expected.byFeature.voice.high, "a table rate is known: no range (R11)");
  assert.match(await page.textContent("#range"), /^Every rate is known/);
  assert.deepEqual(errors, []);
});

test("estimator: a preset over typed values can be undone until the next edit", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 390);
  await ready(page);
  await page.fill("#in-messages", "777");
  await page.fill("#in-reviews", "12");
  await page.selectOption("#in-stepSize", "long");
  const mine = await page.textContent("#credits");
  await page.click("text=Restaurant");
  assert.equal(await page.inputValue("#in-messages"), "2500");
  assert.equal(await page.textContent("#preset-status"), "Filled in with the Restaurant values. Undo");
  await page.click("#preset-status button");
  assert.deepEqual([await page.inputValue("#in-messages"), await page.inputValue("#in-reviews"), await page.inputValue("#in-stepSize")], ["777", "12", "long"]);
  assert.equal(await page.textContent("#credits"), mine);
  assert.equal(await page.textContent("#preset-status"), "Your values are back.");
  assert.equal(await page.evaluate(() => document.activeElement.id), "in-messages", "focus stays in the form");
  assert.match(await page.evaluate(() => location.search), /messages=777/, "the link holds the values back too");
  // Presets in a row undo to the values before the first, also after leaving the page and coming Back.
  await page.click("text=Restaurant");
  await page.click("text=Marketing agency");
  await page.goto(`${ctx.server.url}sales.html`);
  await page.goBack();
  await ready(page);
  assert.equal(await page.inputValue("#in-messages"), "6000");
  assert.equal(await page.textContent("#preset-status"), "Filled in with the Marketing agency values. Undo");
  await page.click("#preset-status button");
  assert.equal(await page.inputValue("#in-messages"), "777");
  assert.equal(await page.inputValue("#in-stepSize"), "long");
  // An edit after a preset makes it the user's values: no undo to the older ones.
  await page.click("text=Dental clinic");
  await page.fill("#in-calls", "61");
  assert.equal(await page.textContent("#preset-status"), "");
  // The same preset again changes nothing: the undo still puts back the values before it
  // (the Dental clinic's, with the 61 calls typed since).
  await page.click("text=Restaurant");
  await page.click("text=Restaurant");
  assert.equal(await page.textContent("#preset-status"), "Filled in with the Restaurant values. Undo");
  await page.click("#preset-status button");
  assert.deepEqual([await page.inputValue("#in-messages"), await page.inputValue("#in-calls")], ["1500", "61"]);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});

test("estimator: the share link is refused while a field is wrong, and its status goes with the next edit", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.fill("#in-callSeconds", "60");
  assert.match(new URL(page.url()).search, /callSeconds=30/, "the address keeps the last valid value");
  await page.click("#share");
  assert.equal(await page.textContent("#share-status"), "Correct the field marked in red first: the link holds the last valid estimate.");
  await page.fill("#in-callSeconds", "45");
  assert.equal(await page.textContent("#share-status"), "");
  await page.click("#share");
  await page.waitForFunction(() => document.getElementById("share-status").textContent !== ""); // the clipboard answers later
  assert.match(await page.textContent("#share-status"), /^(Link copied\.|Copy this page's address to share the estimate\.)$/);
  await page.fill("#in-calls", "61");
  assert.equal(await page.textContent("#share-status"), "", "a copied link is not said to hold values typed since");
  assert.deepEqual(errors, []);
});

test("estimator: '2.000' in a count is refused, not read as 2 (it may be someone's 2,000)", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 390);
  await ready(page);
  await page.fill("#in-messages", "2.000");
  await page.waitForSelector("#in-messages-error");
  assert.equal(await page.textContent("#in-messages-error"),
    "AI messages a month: enter a whole number in digits, without a decimal point or a thousands separator (2000, not 2.000)");
  assert.equal(await page.locator(".stale").count(), 2);
  assert.deepEqual(errors, []);
});

test("estimator: two plans at the same total are said to tie; the one first in the list is recommended (R24)", async (t) => {
  const book = serveBook(t, (b) => b.plans.forEach((p, i) => { p.monthlyPrice = ["297", "297", "497"][i]; }));
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  for (const id of ["messages", "calls", "texts", "images", "runs"]) await page.fill(`#in-${id}`, "0");
  await page.fill("#in-reviews", "10");
  await page.waitForFunction(() => document.getElementById("credits").textContent.startsWith("10 credits"));
  const expected = new billing.Calculator(book).compare({ reviews: { responses: 10 } });
  assert.equal(expected.recommended, "starter");
  assert.match(await page.textContent("#recommended"), /^Starter and Pro cost the same for 10 credits; Starter, first in the list, is recommended: \$297\.00 a month/);
  assert.deepEqual(errors, []);
});

test("estimator: when the page's own script cannot download, it says so with what to do, never 'Loading…' for ever", async () => {
  const { page, message } = await openFailing(ctx.browser, `${ctx.server.url}index.html`, "**/lib/dom.js");
  assert.equal(message, "A part of this page did not download: check the connection, then reload the page. Reload");
  assert.equal(await page.isVisible("#plans"), false, "no controls that cannot work");
  await page.close();
});

test("estimator: calls of different lengths are lines of their own, each call rounded up to the minute (R7); they travel in the link", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 1280);
  await ready(page);
  await page.click("text=Dental clinic");
  // 50 calls of 10 s and 50 of 1 min 50 s: 50 x 1 + 50 x 2 minutes, 150 at 4 credits. One
  // line of 100 calls at their 60 s average would say 100 minutes.
  await page.fill("#in-calls", "50");
  await page.fill("#in-callMinutes", "0");
  await page.fill("#in-callSeconds", "10");
  await page.click("#add-voice-line");
  assert.equal(await page.evaluate(() => document.activeElement.id), "in-calls2", "the new line's calls take the focus");
  const seen = await page.$eval("#in-calls2", (input) => { const r = input.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
  assert.ok(seen, "the new line is scrolled into view");
  await page.fill("#in-calls2", "50");
  await page.fill("#in-callMinutes2", "1");
  await page.fill("#in-callSeconds2", "50");
  const mix = { ...dental, voice: [{ calls: 50, averageSeconds: 10 }, { calls: 50, averageSeconds: 110 }] };
  const expected = new billing.Calculator().compare(mix);
  assert.equal(expected.estimate.byFeature.voice.credits, 600);
  assert.equal(await page.textContent("#credits"), `${count(expected.estimate.credits)} credits a month`);
  // Once typing settles, one announcement says the result.
  await page.waitForFunction((text) => document.getElementById("announcer")?.textContent.startsWith(text), `${count(expected.estimate.credits)} credits a month; `);
  // A wrong value in the second line is that field's error, by its own label.
  await page.fill("#in-calls2", "");
  assert.equal(await page.textContent("#in-calls2-error"), "Calls 2, calls a month: required");
  await page.fill("#in-calls2", "50");
  // The link holds both lines; opened fresh, the page shows them again.
  const again = await openPage(ctx.browser, page.url(), 1280);
  await ready(again.page);
  assert.deepEqual(await again.page.$$eval("#voice-lines input[type=number]", (inputs) => inputs.map((i) => i.value)), ["50", "0", "10", "50", "1", "50"]);
  assert.equal(await again.page.textContent("#credits"), `${count(expected.estimate.credits)} credits a month`);
  // Removing the first extra line leaves one; a preset goes back to one line too.
  await page.click("button:text-is('Remove calls 2')");
  assert.equal(await page.locator("#voice-lines fieldset").count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.id), "add-voice-line");
  const one = new billing.Calculator().compare({ ...dental, voice: [{ calls: 50, averageSeconds: 10 }] });
  assert.equal(await page.textContent("#credits"), `${count(one.estimate.credits)} credits a month`);
  for (let i = 0; i < 4; i++) await page.click("#add-voice-line");
  assert.equal(await page.locator("#voice-lines fieldset").count(), 4, "five lines at most");
  assert.equal(await page.isVisible("#add-voice-line"), false);
  assert.equal(await page.textContent("#voice-lines-full:visible"), "5 lines of calls at most: remove one to add another.");
  // Removing a line in the middle keeps the later lines' values, renumbered.
  for (const [n, calls] of [[2, "20"], [3, "30"], [4, "40"], [5, "50"]]) await page.fill(`#in-calls${n}`, calls);
  await page.click("button:text-is('Remove calls 3')");
  const callsOf = () => page.$$eval("#voice-lines input[name^=calls]", (inputs) => inputs.map((i) => `${i.name}=${i.value}`));
  assert.deepEqual(await callsOf(), ["calls=50", "calls2=20", "calls3=40", "calls4=50"]);
  assert.equal(await page.evaluate(() => document.activeElement.id), "in-calls3", "focus on the line that took its place");
  // A preset goes back to one line; Undo brings the lines back as typed.
  await page.click("text=Restaurant");
  assert.equal(await page.locator("#voice-lines fieldset").count(), 0);
  await page.click("#preset-status button");
  assert.deepEqual(await callsOf(), ["calls=50", "calls2=20", "calls3=40", "calls4=50"]);
  // A link's wrong value in an added line shows 0 there, said so; a line past the fifth is not a setting.
  const odd = await openPage(ctx.browser, `${ctx.server.url}index.html?calls2=lots&callMinutes2=2&calls6=4`, 1280);
  await ready(odd.page);
  assert.equal(await odd.page.inputValue("#in-calls2"), "0");
  assert.equal(await odd.page.locator("#voice-lines fieldset").count(), 1);
  const notice = await odd.page.textContent("#link-notice");
  assert.match(notice, /Calls 2, calls a month \(“lots” is not a valid value; 0 instead\)/);
  assert.match(notice, /“calls6” \(not a setting of this page\)/);
  assert.match(notice, /The rest is as shared\.$/);
  await odd.page.close();
  await page.click("text=Restaurant");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual([...errors, ...again.errors], []);
});

test("estimator: at 320 px (a phone at 400 % zoom of 1280) nothing pushes the page sideways", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html`, 320);
  await ready(page);
  await page.click("#add-voice-line");
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
  assert.deepEqual(errors, []);
});

test("estimator: a plan over at the expected rates but covered at the low end says so (R11); the bar's figures carry their range; one credit is one credit; 'Link copied' goes with the estimate it copied", async () => {
  // 100 calls of 7 minutes: 700 minutes at 4 (3 to 5) credits: 2,800 expected, 2,100 to 3,500.
  const link = "?messages=0&calls=100&callMinutes=7&callSeconds=0&texts=0&images=0&reviews=0&runs=0&steps=0";
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html${link}`, 390);
  await ready(page);
  const covers = (await planRows(page)).map((r) => r[2]);
  assert.equal(covers[1], "No at the expected rates: 300 credits over; covered at the low end");
  assert.equal(covers[0], "No: 2,300 credits over", "over at the low end too: a plain No");
  // One credit.
  await page.goto(`${ctx.server.url}index.html?messages=1&calls=0&texts=0&images=0&reviews=0&runs=0`);
  await ready(page);
  assert.equal(await page.textContent("#credits"), "1 credit a month");
  assert.equal(await page.textContent("#bar-credits"), "1 credit");
  assert.match(await page.textContent("#recommended"), /its 500 cover your 1 credit\./);
  // Least overage in the bar with its range, as in the table.
  await page.goto(`${ctx.server.url}index.html?messages=20000&calls=100&callMinutes=3&callSeconds=0&texts=0&images=0&reviews=0&runs=0`);
  await ready(page);
  assert.match(await page.textContent("#bar-plan"), /^· Premium: least overage, \$[\d,.]+ \(\$[\d,.]+ to \$[\d,.]+\)$/);
  await page.click("#share");
  assert.notEqual(await page.textContent("#share-status"), "");
  await page.click("text=Restaurant");
  assert.equal(await page.textContent("#share-status"), "");
  assert.deepEqual(errors, []);
});

test("estimator: a link value a number field cannot hold ('1.') is 0 with a notice, never a blank result; a setting given twice says which stands", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}index.html?messages=1.&reviews=4&reviews=6`, 1280);
  await ready(page);
  assert.equal(await page.inputValue("#in-messages"), "0");
  assert.equal(await page.inputValue("#in-reviews"), "6");
  const notice = await page.textContent("#link-notice");
  assert.match(notice, /AI messages a month \(“1\.” is not a valid value; 0 instead\)/);
  assert.match(notice, /“reviews” is given more than once; the last value is used/);
  assert.equal(await page.locator("[aria-invalid]").count(), 0);
  assert.match(await page.textContent("#credits"), /^\d[\d,]* credits? a month$/);
  assert.deepEqual(errors, []);
});
