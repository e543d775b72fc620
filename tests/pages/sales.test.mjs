// The sales what-if modeller in headless Chromium: every number shown is the API's (node
// build), plans are checked before they join the list, results are never stale, the link
// and the CSV export carry the model, and the page is accessible at 390 and 1280 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { axeViolations, billing, count, csvDownloaded, money, openPage, pageSuite, root, shots } from "./harness.mjs";

const ctx = pageSuite({ before, after });
const book = JSON.parse(readFileSync(join(root, "www/price-book.json"), "utf8"));
const published = book.plans.map((p) => p.id);
const defaults = { aiMessages: 1000, calls: 50, averageSeconds: 150, textGenerations: 100, imageGenerations: 20, responses: 100, executions: 200, gptSteps: 2 };
const mix = {
  conversation: { aiMessages: defaults.aiMessages }, voice: [{ calls: defaults.calls, averageSeconds: defaults.averageSeconds }],
  content: { textGenerations: defaults.textGenerations, imageGenerations: defaults.imageGenerations },
  reviews: { responses: defaults.responses }, workflow: [{ executions: defaults.executions, gptSteps: defaults.gptSteps }],
};
const enterprise = { id: "custom-1", name: "Enterprise", credits: 20000, overageRate: "0.018", monthlyPrice: "899",
  overageTiers: [{ upTo: 10000, rate: "0.018" }, { rate: "0.015" }] };

/** The page's book: the configured plans (with `prices` set) and `extra` custom plans. */
const bookWith = (extra = [], prices = {}) => ({ ...book, plans: [...book.plans.map((p) => ({ ...p, monthlyPrice: prices[p.id] ?? p.monthlyPrice })), ...extra] });

/** What the API says for `input` on `priceBook`: the projection, break-evens and plans. */
function expected(priceBook, input) {
  const calc = new billing.Calculator(priceBook);
  try {
    const projection = calc.project(input);
    const breakEvens = input.plans.length > 1 ? calc.breakEvens(input.plans) : [];
    const plans = Object.fromEntries(priceBook.plans.map((p) => [p.id, p]));
    return { projection, breakEvens, plans, names: Object.fromEntries(priceBook.plans.map((p) => [p.id, p.name])) };
  } finally {
    calc.free();
  }
}

const cost = (c) => (c.totalCost != null ? money(c.totalCost) : `not known overage ${money(c.overageCost)}`);
const costOf = (month, plan) => month.costs.find((c) => c.plan === plan);
const term = (n) => `${n} ${n === 1 ? "month" : "months"}`;

/** The month-by-month table the page must show (plans are rows, months columns). */
function monthRows({ projection, names }) {
  const { months, totals } = projection;
  return [
    ["Credits", ...months.map((m) => count(m.credits)), ""],
    ...totals.map((t) => [t.name, ...months.map((m) => cost(costOf(m, t.plan))), cost(t)]),
    ["Recommended", ...months.map((m) => names[m.recommended]), names[projection.recommended]],
  ];
}

/** Cents of an amount string, for exact differences (amounts stay far below 2^53 cents). */
const cents = (text) => Math.round(Number(text) * 100);

/** The totals table the page must show, with each plan against the recommended one. */
/** An amount with its low..high range where an open rate makes one (R11). */
const withRange = (amount, range) => (range.low === range.high ? money(amount) : `${money(amount)} (${money(range.low)} to ${money(range.high)})`);

function totalRows({ projection, plans }) {
  const best = projection.totals.find((t) => t.plan === projection.recommended);
  return projection.totals.map((t) => {
    let versus = "recommended";
    if (t.plan !== best.plan) {
      // The gap, and at the low and the high end of the rates where one is open (R11).
      const gap = (a, b) => cents(a) - cents(b);
      const words = (d) => (d === 0 ? "the same" : `${money((Math.abs(d) / 100).toFixed(2))} ${d > 0 ? "more" : "less"}`);
      if (t.totalCost == null || best.totalCost == null) versus = "not known";
      else {
        const [d, low, high] = [gap(t.totalCost, best.totalCost), gap(t.totalCostRange.low, best.totalCostRange.low), gap(t.totalCostRange.high, best.totalCostRange.high)];
        const side = (x) => Math.sign(x);
        const [a, b] = [Math.abs(low), Math.abs(high)].sort((x, y) => x - y);
        versus = low === d && high === d ? words(d)
          : side(low) === side(d) && side(high) === side(d) && d !== 0 ? `${words(d)} (${money((a / 100).toFixed(2))} to ${money((b / 100).toFixed(2))})`
            : `${words(d)} (${words(low)} to ${words(high)})`;
      }
    }
    return [t.name, count(plans[t.plan].credits), plans[t.plan].monthlyPrice == null ? "not set" : money(plans[t.plan].monthlyPrice),
      withRange(t.overageCost, t.overageCostRange), t.totalCost == null ? "not known" : withRange(t.totalCost, t.totalCostRange), versus];
  });
}

/** The break-even sentences: month 1 at or past it, then every month usage rises to it or falls below it. */
function breakEvenItems({ projection, breakEvens, names }) {
  return breakEvens.map((b) => {
    const change = projection.basis === "totalCost" ? `From ${count(b.credits)} credits a month, ${names[b.to]} costs the least instead of ${names[b.from]}`
      : `From ${count(b.credits)} credits a month, ${names[b.to]} is recommended instead of ${names[b.from]}`;
    const steps = [];
    projection.months.forEach((m, i) => {
      const past = m.credits >= b.credits;
      if (i === 0 && past) steps.push(`already past in month 1 (${count(m.credits)} credits)`);
      if (i > 0 && past !== projection.months[i - 1].credits >= b.credits) {
        steps.push(past ? `reached in month ${m.month} (${count(m.credits)} credits)`
          : `usage falls below it in month ${m.month} (${count(m.credits)} credits): ${names[m.recommended]} from then`);
      }
    });
    return `${change}: ${steps.length ? steps.join("; ") : `not reached within ${term(projection.months.length)}`}.`;
  });
}

async function open(width = 1280, hash = "") {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}sales.html${hash}`, width);
  page.setDefaultTimeout(5000);
  await page.waitForSelector("#load-status", { state: "detached" });
  return { page, errors };
}
const cells = (page, selector) => page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
const texts = (page, selector) => page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent));
/** Fills the custom plan form's fields given (name, credits, price, rate, tier, tierRate) and adds the plan. */
async function addPlan(page, plan) {
  const ids = { name: "#c-name", credits: "#c-credits", price: "#c-price", rate: "#c-rate", tier: "#c-tier", tierRate: "#c-tier-rate" };
  for (const [key, value] of Object.entries(plan)) await page.fill(ids[key], value);
  await page.click("#add-plan");
}
/** A usage of AI messages alone: every other feature's field 0. */
async function messagesOnly(page, messages) {
  await page.fill("#aiMessages", messages);
  for (const id of ["calls", "textGenerations", "imageGenerations", "responses", "executions"]) await page.fill(`#${id}`, "0");
}
const noNaN = async (page) => assert.doesNotMatch(await page.textContent("body"), /NaN|undefined/);

/** Asserts everything the page shows for a model is the API's. */
async function assertShows(page, model) {
  assert.deepEqual(await cells(page, "#months-table"), monthRows(model));
  assert.deepEqual(await cells(page, "#totals"), totalRows(model));
  if (model.breakEvens.length) assert.deepEqual(await texts(page, "#break-evens li"), breakEvenItems(model));
  assert.equal(await page.getAttribute("#totals tbody tr.best", "data-plan"), model.projection.recommended);
  const reached = breakEvenItems(model).filter((s) => s.includes("reached in month"));
  assert.equal(await page.locator("#chart .marker").count(), reached.length, "a chart marker for each break-even within the term");
  assert.doesNotMatch(await page.textContent("#recommendation"), /cheapest/i);
  await noNaN(page);
}

for (const width of [390, 1280]) {
  test(`sales at ${width}px: tables, recommendation and break-evens are the API's projection`, async () => {
    const { page, errors } = await open(width);
    await page.fill("#growth", "5");
    await page.fill("#months", "6");
    const model = expected(bookWith(), { mix, months: 6, growth: { overall: 5 }, plans: published });
    assert.equal(model.projection.basis, "allocation");
    await assertShows(page, model);
    const largest = model.projection.months.at(-1);
    assert.equal(await page.textContent("#recommendation"), `Recommended: ${model.names[model.projection.recommended]}`
      + `${model.names[model.projection.recommended]}'s ${count(model.plans[model.projection.recommended].credits)} monthly credits cover the largest month `
      + `(month ${largest.month}: ${count(largest.credits)} credits); subscription prices are not set, so no plan's total is known.`);
    assert.ok(breakEvenItems(model).some((s) => s.includes("reached in month 4")), "the default prospect outgrows Pro within the term");
    // A line's count and length sit level, whatever lines their labels take.
    const [callsTop, lengthTop] = await page.$$eval("#calls, #averageSeconds", (inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().top)));
    assert.equal(callsTop, lengthTop);
    // Row headings stay whole words: "Recommended" on one line, as tall as "Credits".
    const heights = await page.$$eval("#months-table tbody th", (ths) => ths.map((th) => th.getBoundingClientRect().height));
    assert.equal(heights.at(-1), heights[0], `row heading heights ${heights.join(", ")}`);
    // A marker for each change reached after the first month (one already past is no point on
    // the chart), numbered on the chart and said in words under it.
    const changes = model.breakEvens.flatMap((b) => {
      const month = model.projection.months.find((m) => m.credits >= b.credits).month;
      return month > 1 ? [`${model.names[b.to]} is recommended for each month from month ${month}.`] : [];
    });
    assert.ok(changes.length > 0);
    assert.deepEqual(await texts(page, "#chart .marker-label"), changes.map((_, k) => String(k + 1)));
    assert.deepEqual(await texts(page, "#chart-marks li"), changes);
    // The chart's title names them too; the markers are no tab stops (the list carries their words).
    assert.ok((await page.textContent("#chart title")).endsWith(`; marked: ${changes.map((c) => c.slice(0, -1)).join("; ")}`));
    assert.equal(await page.locator("#chart [tabindex]").count(), 0);
    // The plan names stay in view while the months scroll sideways (keyboard-reachable region).
    assert.equal(await page.getAttribute(".months-wrap", "tabindex"), "0");
    assert.equal(await page.getAttribute(".months-wrap", "role"), "region");
    const stuck = await page.evaluate(() => {
      const wrap = document.querySelector(".months-wrap");
      wrap.scrollLeft = wrap.scrollWidth;
      const name = document.querySelector('#months-table tr[data-plan="pro"] th');
      return Math.abs(name.getBoundingClientRect().left - wrap.getBoundingClientRect().left);
    });
    assert.ok(stuck <= 2, `the plan name column stays at the left edge (off by ${stuck}px)`);
    await page.evaluate(() => { document.querySelector(".months-wrap").scrollLeft = 0; });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling of the page");
    const unlabelled = await page.$$eval("input", (inputs) => inputs.filter((i) => !i.labels?.length).map((i) => i.id || i.value));
    assert.deepEqual(unlabelled, [], "every input has a label");
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(shots, `sales-${width}.png`), fullPage: true });
    // The same page with wrong inputs on screen, to be looked at.
    await page.fill("#aiMessages", "");
    await page.fill("#c-price", "$899");
    await page.click("#add-plan");
    await page.waitForSelector("#c-price-error");
    await page.screenshot({ path: join(shots, `sales-${width}-invalid.png`), fullPage: true });
    assert.deepEqual(errors, []);
  });
}

test("sales: with every price set the lowest total wins; with one unset, allocation and 'not known'", async () => {
  const { page, errors } = await open();
  const prices = { starter: "49.00", pro: "149", premium: "399.5" };
  for (const [id, price] of Object.entries(prices)) await page.fill(`#price-${id}`, price);
  const priced = expected(bookWith([], prices), { mix, months: 12, growth: { overall: 8 }, plans: published });
  assert.equal(priced.projection.basis, "totalCost");
  await assertShows(page, priced);
  const best = priced.projection.totals.find((t) => t.plan === priced.projection.recommended);
  const subscription = ((cents(best.totalCost) - cents(best.overageCost)) / 100).toFixed(2);
  assert.equal(await page.textContent("#recommendation"), `Recommended: ${best.name}${best.name} has the lowest total over 12 months: `
    + `${money(best.totalCost)}, ${money(subscription)} in subscription plus ${money(best.overageCost)} in overage.`);
  assert.match((await texts(page, "#break-evens li")).join(" "), /not reached within 12 months/);
  const badge = () => page.$eval("#totals tbody tr.best th", (th) => getComputedStyle(th, "::after").content);
  assert.equal(await badge(), "\" ✓ recommended: lowest total\"");

  // Starter's price unset: allocation, its totals not known, never $0.00 for it.
  await page.fill("#price-starter", "");
  const partly = expected(bookWith([], { ...prices, starter: null }), { mix, months: 12, growth: { overall: 8 }, plans: published });
  assert.equal(partly.projection.basis, "allocation");
  await assertShows(page, partly);
  assert.match(await page.textContent("#recommendation"), /subscription prices are not set for Starter, so plans are compared by what their credits cover\./);
  assert.equal(await badge(), "\" ✓ recommended: covers the largest month\"");
  // Pro's known total is below Premium's: the words say why Premium is still recommended.
  const pro = (await cells(page, "#totals")).find((r) => r[0] === "Pro");
  assert.ok((await page.textContent("#recommendation")).endsWith(`Pro (${pro[5]}) costs less than Premium over 12 months, overage included; `
    + "set every plan's price to compare the plans by their totals."));
  const starter = (await cells(page, "#totals")).find((r) => r[0] === "Starter");
  const starterTotal = partly.projection.totals[0];
  assert.deepEqual(starter.slice(2), ["not set", withRange(starterTotal.overageCost, starterTotal.overageCostRange), "not known", "not known"]);

  // A price that would have to be rounded is refused at its field; results are marked stale.
  await page.fill("#price-pro", "149.999");
  assert.equal(await page.textContent("#price-pro-error"), "Pro monthly price ($): use at most 2 decimal places");
  assert.equal(await page.locator(".stale").count(), 3);
  await page.fill("#price-pro", "$149");
  assert.equal(await page.textContent("#price-pro-error"), "Pro monthly price ($): type digits only, without “$” or commas, such as 149.00");
  // The engine's check of other text gives the field's own example too.
  await page.fill("#price-pro", "abc");
  assert.equal(await page.textContent("#price-pro-error"), "Pro monthly price ($): type digits and at most one decimal point, without “$” or commas, such as 149.00");
  await page.fill("#price-pro", "149");
  assert.equal(await page.locator(".stale, .field-error").count(), 0);
  assert.deepEqual(errors, []);
});

test("sales: a custom plan is checked before it joins the list, and edits in place", async () => {
  const { page, errors } = await open();
  const fillPlan = async (values) => { for (const [id, value] of Object.entries(values)) await page.fill(`#${id}`, value); };
  const noPlanAdded = async () => {
    assert.equal(await page.locator("#custom-list li").count(), 0);
    assert.equal(await page.locator("#plan-choices input").count(), 3);
    await noNaN(page);
  };
  await fillPlan({ "c-name": "Enterprise", "c-credits": "20000", "c-price": "$899", "c-rate": "0.018" });
  await page.click("#add-plan");
  assert.equal(await page.textContent("#c-price-error"), "Monthly price ($): type digits only, without “$” or commas, such as 899.00");
  assert.equal(await page.evaluate(() => document.activeElement.id), "c-price");
  await noPlanAdded();
  await page.fill("#c-price", "899.999");
  await page.click("#add-plan");
  assert.equal(await page.textContent("#c-price-error"), "Monthly price ($): use at most 2 decimal places");
  assert.equal(await page.inputValue("#c-price"), "899.999", "what was typed stays as typed");
  await noPlanAdded();
  await fillPlan({ "c-name": "pro", "c-price": "899", "c-credits": "" });
  await page.click("#add-plan");
  assert.equal(await page.textContent("#c-name-error"), "Name: “pro” is already a plan's name; choose another");
  assert.equal(await page.textContent("#c-credits-error"), "Monthly credits: required");
  await noPlanAdded();
  await fillPlan({ "c-name": "Enterprise", "c-credits": "20000", "c-rate": "0.0181234", "c-tier": "10000", "c-tier-rate": "0.02" });
  await page.click("#add-plan");
  assert.equal(await page.textContent("#c-rate-error"), "Overage rate ($ per credit): use at most 6 decimal places");
  await page.fill("#c-rate", "0.018");
  await page.click("#add-plan");
  assert.equal(await page.textContent("#c-tier-rate-error"),
    "Then ($ per credit): the volume rate must not be higher than the overage rate before it ($0.018)");
  await noPlanAdded();
  await page.fill("#c-tier-rate", "0.015");
  await page.press("#c-tier-rate", "Enter"); // the keyboard adds it too
  await page.waitForSelector("#custom-list li");
  assert.equal(await page.textContent("#custom-list li span"),
    "Enterprise: 20,000 credits a month, $899.00 a month, $0.018 per overage credit, $0.015 after 10,000 overage credits in a month");
  // The keyboard lands on the plan just added, not in the emptied form.
  const focused = () => page.evaluate(() => document.activeElement.getAttribute("aria-label") ?? document.activeElement.id);
  assert.equal(await focused(), "Edit Enterprise");
  await assertShows(page, expected(bookWith([enterprise]), { mix, months: 12, growth: { overall: 8 }, plans: [...published, "custom-1"] }));

  // Edit in place: the form fills, the button saves, the projection follows.
  await page.click('button[aria-label="Edit Enterprise"]');
  assert.equal(await page.textContent("#add-plan"), "Save changes");
  assert.equal(await page.inputValue("#c-credits"), "20000");
  assert.equal(await page.isVisible("#cancel-edit"), true);
  await fillPlan({ "c-credits": "3000", "c-price": "199.5", "c-tier": "", "c-tier-rate": "" });
  await page.click("#add-plan");
  assert.equal(await page.textContent("#add-plan"), "Add plan");
  assert.equal(await focused(), "Edit Enterprise", "and on the plan just saved");
  assert.equal(await page.locator("#custom-list li").count(), 1);
  const edited = { id: "custom-1", name: "Enterprise", credits: 3000, overageRate: "0.018", monthlyPrice: "199.5" };
  await assertShows(page, expected(bookWith([edited]), { mix, months: 12, growth: { overall: 8 }, plans: [...published, "custom-1"] }));
  // Saving under its own name is not a duplicate; Cancel leaves the plan as it was.
  await page.click('button[aria-label="Edit Enterprise"]');
  await page.fill("#c-credits", "9");
  await page.click("#cancel-edit");
  assert.equal(await page.textContent("#add-plan"), "Add plan");
  assert.match(await page.textContent("#custom-list li span"), /^Enterprise: 3,000 credits a month, \$199\.50 a month/);
  await page.click('button[aria-label="Remove Enterprise"]');
  await noPlanAdded();
  assert.deepEqual(errors, []);
});

test("sales: a blank or wrong model field marks every result not updated, with words at the field", async () => {
  const { page, errors } = await open(390);
  const stale = () => page.$$eval("#summary-panel, #chart-panel, #table-panel", (s) => s.map((x) => x.classList.contains("stale")));
  await page.fill("#aiMessages", "");
  assert.equal(await page.textContent("#aiMessages-error"), "AI messages: required");
  assert.deepEqual(await stale(), [true, true, true]);
  assert.deepEqual(await texts(page, ".stale-note"), Array(3).fill("Not updated: correct “AI messages” above."));
  await page.fill("#responses", "-1");
  assert.deepEqual(await texts(page, ".stale-note"), Array(3).fill("Not updated: correct “AI messages” and 1 more field above."));
  await page.fill("#responses", "100");
  // Dimmed results stay readable: axe finds nothing serious in the invalid state either.
  assert.deepEqual(await axeViolations(page), []);
  assert.equal(await page.isVisible("#recommendation"), false, "no recommendation for inputs that no longer give it");
  await noNaN(page);
  await page.fill("#aiMessages", "1000");
  assert.deepEqual(await stale(), [false, false, false]);
  assert.equal(await page.isVisible("#recommendation"), true);
  await page.fill("#months", "0");
  assert.equal(await page.textContent("#months-error"), "Months: enter a whole number, 1 or more");
  assert.deepEqual(await stale(), [true, true, true]);
  assert.equal(await page.isVisible("#recommendation"), false);
  // A reload keeps the wrong value with its error, never the last good one in silence.
  await page.reload();
  await page.waitForSelector("#months-error");
  assert.equal(await page.inputValue("#months"), "0");
  assert.equal(await page.textContent("#months-error"), "Months: enter a whole number, 1 or more");
  assert.deepEqual(await stale(), [true, true, true]);
  await page.fill("#months", "12");
  await page.fill("#growth", "-100");
  assert.equal(await page.textContent("#growth-error"), "Growth a month, all features (%): enter a percentage over -100 and at most 1000");
  assert.deepEqual(await stale(), [true, true, true]);
  await page.fill("#growth", "8");
  for (const id of published) await page.uncheck(`#plan-choices input[value="${id}"]`);
  assert.equal(await page.textContent("#model-error"), "Choose at least one plan to compare.");
  assert.deepEqual(await stale(), [true, true, true]);
  // Said at each box too, so tabbing back to one tells what is wrong; the results say the same.
  const boxes = () => page.$$eval("#plan-choices input", (inputs) => inputs.map((i) => [i.getAttribute("aria-invalid"), i.getAttribute("aria-describedby")]));
  assert.ok((await boxes()).every(([invalid, by]) => invalid === "true" && by === "plans-error"), JSON.stringify(await boxes()));
  assert.equal(await page.textContent("#summary-panel .stale-note"), "Not updated: choose at least one plan to compare.");
  await page.check('#plan-choices input[value="pro"]');
  assert.deepEqual(await stale(), [false, false, false]);
  assert.ok((await boxes()).every(([invalid, by]) => invalid === null && by === null), JSON.stringify(await boxes()));
  assert.deepEqual(await texts(page, "#break-evens li"), ["Choose two or more plans to see where the recommendation changes."]);
  assert.deepEqual(errors, []);
});

test("sales: the scenario round-trips through the link, and the CSV export holds the exact amounts", async () => {
  const { page, errors } = await open();
  await page.fill("#months", "4");
  await page.fill("#voiceGrowth", "12.5");
  await page.fill("#price-pro", "149.00");
  await addPlan(page, { name: "Acme <b>Gold</b>", credits: "20000", price: "899", rate: "0.018", tier: "10000", tierRate: "0.015" });
  await page.uncheck('#plan-choices input[value="starter"]');
  const before = await cells(page, "#months-table");
  const url = await page.evaluate(() => location.href);
  assert.match(url, /#s=/);
  const again = await open(1280, new URL(url).hash);
  // That link put in the address of a tab already showing another model (pasted, or Back
  // and Forward between two) shows the link's model, never the one before under its link.
  const other = await open(390);
  const defaultTable = await cells(other.page, "#months-table");
  await Promise.all([other.page.waitForEvent("load"), other.page.evaluate((hash) => { location.hash = hash; }, new URL(url).hash)]);
  await other.page.waitForSelector("#months-table tbody tr");
  assert.equal(await other.page.inputValue("#months"), "4");
  assert.deepEqual(await cells(other.page, "#months-table"), before);
  await Promise.all([other.page.waitForEvent("load"), other.page.goBack()]);
  await other.page.waitForSelector("#months-table tbody tr");
  assert.equal(await other.page.inputValue("#months"), "12");
  assert.deepEqual(await cells(other.page, "#months-table"), defaultTable);
  assert.deepEqual(other.errors, []);
  await other.page.close();
  assert.equal(await again.page.inputValue("#months"), "4");
  assert.equal(await again.page.inputValue("#voiceGrowth"), "12.5");
  assert.equal(await again.page.inputValue("#price-pro"), "149.00");
  assert.equal(await again.page.isChecked('#plan-choices input[value="starter"]'), false);
  assert.deepEqual(await cells(again.page, "#months-table"), before);
  assert.equal(await again.page.isVisible("#link-notice"), false);
  // A user-entered name is text, never HTML.
  assert.equal(await again.page.locator("#months-table b, #custom-list b").count(), 0);
  assert.ok((await texts(again.page, "#months-table tbody th")).includes("Acme <b>Gold</b>"));

  const [download] = await Promise.all([again.page.waitForEvent("download"), again.page.click("#export")]);
  const csv = csvDownloaded(await download.path());
  const plan = { ...enterprise, name: "Acme <b>Gold</b>" };
  const { projection, names } = expected(bookWith([plan], { pro: "149.00" }),
    { mix, months: 4, growth: { overall: 8, byFeature: { voice: 12.5 } }, plans: ["pro", "premium", "custom-1"] });
  const basis = { totalCost: "lowest total", allocation: "allocation (not every price set)" };
  const lines = csv.trim().split("\n");
  assert.equal(lines[0], "Month,Credits,Pro total,Pro overage,Premium total,Premium overage,Acme <b>Gold</b> total,Acme <b>Gold</b> overage,Recommended plan (the month; the term on the Total row),Basis");
  const amounts = (c) => [c.totalCost ?? "not known", c.overageCost];
  projection.months.forEach((m, i) => assert.equal(lines[i + 1],
    [m.month, m.credits, ...projection.totals.flatMap((t) => amounts(costOf(m, t.plan))), names[m.recommended], basis[m.basis]].join(",")));
  const total = lines[projection.months.length + 1];
  assert.equal(total, ["Total", "", ...projection.totals.flatMap(amounts), names[projection.recommended], basis[projection.basis]].join(","));
  assert.match(total, /not known/, "Premium's unknown total is not known, never 0");
  // R11: with a rate open, the term's totals at the low and the high end, never the expected
  // figure alone taken for a quote.
  const ends = (end) => [`Total at the ${end} end of the rates`, "",
    ...projection.totals.flatMap((t) => [t.totalCostRange?.[end] ?? "not known", t.overageCostRange[end]]), "", ""].join(",");
  assert.deepEqual(lines.slice(projection.months.length + 2, projection.months.length + 4), [ends("low"), ends("high")]);
  assert.notEqual(projection.totals[0].totalCostRange.low, projection.totals[0].totalCostRange.high);
  // What the figures rest on, for a reader of the file alone. The mix leaves the voice rate
  // and the step size open: month 1's 2,260 credits could be 2,110 to 2,810 (R11).
  const rates = "Credits and costs use the expected rates: voice at 4 credits a minute (3 to 5 by provider and language) "
    + "and GPT steps at 1 credit (2 for long steps). Month 1 could need 2,110 to 2,810 credits instead of 2,260; each plan's figures over the term show their range.";
  const firstMonth = new billing.Calculator().estimate(mix);
  assert.deepEqual([firstMonth.low, firstMonth.credits, firstMonth.high], [2110, 2260, 2810]);
  assert.deepEqual(lines.slice(projection.months.length + 4), [
    "", "Assumptions", "Month 1 usage", `AI messages,${defaults.aiMessages}`, `Voice calls,${defaults.calls}`,
    `Call length (seconds),${defaults.averageSeconds}`, `Text generations,${defaults.textGenerations}`,
    `Image generations,${defaults.imageGenerations}`, `Review responses,${defaults.responses}`, `Workflow executions,${defaults.executions}`,
    `GPT steps per execution,${defaults.gptSteps}`, "Size of a GPT step (prompt + output),Not sure: 1 to 2 credits", "Months,4",
    "\"Growth a month, other features (%)\",8", "Voice AI growth a month (%),12.5",
    "Plan,Monthly credits,Monthly price (USD),Overage rate (USD a credit),Overage tiers",
    "Pro,2500,149.00,0.025,", "Premium,10000,not set,0.02,", "Acme <b>Gold</b>,20000,899.00,0.018,0.018 up to 10000 overage credits a month; then 0.015",
    `Rates,"${rates}"`,
  ]);
  // The page says the same beside its recommendation.
  assert.equal(await again.page.textContent("#rates-note"), rates);
  // With Voice AI's own growth, the overall field's label says it is the other features' (as the file does).
  assert.equal(await again.page.textContent("label[for=growth]"), "Growth a month, other features (%)");
  await again.page.fill("#voiceGrowth", "");
  assert.equal(await again.page.textContent("label[for=growth]"), "Growth a month, all features (%)");
  assert.deepEqual([...errors, ...again.errors], []);
});

test("sales: a link is read like typed input; a malformed one falls back with a notice", async () => {
  const broken = await open(1280, "#s=@@not-a-scenario");
  assert.match(await broken.page.textContent("#link-notice"), /could not be read/);
  assert.equal(await broken.page.inputValue("#months"), "12");
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const state = {
    inputs: { months: "0", aiMessages: "lots", stepSize: "huge" }, colour: "blue",
    published: { pro: { price: "12.345", on: true }, gold: { price: "1" } },
    custom: [{ name: "Good", credits: "5000", price: "", rate: "0.02", tierAfter: "", tierRate: "", on: true },
      { name: "Bad", credits: "5000", price: "$5", rate: "0.02", tierAfter: "", tierRate: "" }, "nonsense"],
  };
  const { page, errors } = await open(1280, `#s=${encode(state)}`);
  const notice = await page.textContent("#link-notice");
  for (const part of ["“colour”", "AI messages (“lots” is not a number; 1000 instead)",
    "Size of a GPT step (prompt + output) (“huge” is not a choice; “Not sure: 1 to 2 credits” instead)", "plan “gold”", "custom plan 2 (Bad): Monthly price ($): type digits only", "custom plan 3: not a plan"]) {
    assert.ok(notice.includes(part), `${part} in: ${notice}`);
  }
  assert.deepEqual(await texts(page, "#custom-list li > span:first-child"), ["Good: 5,000 credits a month, price not set, $0.02 per overage credit"]);
  // Values of the right shape go into their fields and are checked there.
  assert.equal(await page.textContent("#months-error"), "Months: enter a whole number, 1 or more");
  assert.equal(await page.textContent("#price-pro-error"), "Pro monthly price ($): use at most 2 decimal places");
  assert.equal(await page.locator(".stale").count(), 3);
  assert.deepEqual([...broken.errors, ...errors], []);
});

test("sales: removing a custom plan keeps the choices of the others", async () => {
  const { page, errors } = await open();
  for (const name of ["First", "Second", "Third"]) await addPlan(page, { name, credits: "20000", rate: "0.018" });
  await page.uncheck('#plan-choices input[value="custom-1"]'); // First off; Second and Third on
  await page.uncheck('#plan-choices input[value="custom-3"]'); // Third off
  await page.click('button[aria-label="Remove First"]');
  const rows = await texts(page, "#months-table tbody th");
  assert.ok(rows.includes("Second") && !rows.includes("Third") && !rows.includes("First"), rows.join(", "));
  assert.equal(await page.isChecked('#plan-choices input[value="custom-2"]'), true, "Second stays chosen");
  assert.equal(await page.isChecked('#plan-choices input[value="custom-3"]'), false, "Third stays off");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Remove Second", "focus moves to the next plan");
  // Undo puts First back in its place, unchosen as it was, and into the share link.
  assert.equal(await page.textContent("#plan-status"), "Removed First. Undo");
  await page.click('#plan-status button');
  assert.deepEqual(await texts(page, "#custom-list li > span:first-child"), ["First", "Second", "Third"]
    .map((name) => `${name}: 20,000 credits a month, price not set, $0.018 per overage credit`));
  assert.equal(await page.isChecked('#plan-choices input[value="custom-1"]'), false, "First comes back unchosen");
  assert.equal(await page.textContent("#plan-status"), "First is back.");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Remove First");
  const linked = await page.evaluate(() => JSON.parse(atob(location.hash.slice(3).replaceAll("-", "+").replaceAll("_", "/"))).custom.map((c) => c.name));
  assert.deepEqual(linked, ["First", "Second", "Third"]);
  // A change after the removal ends the undo.
  await page.click('button[aria-label="Remove Third"]');
  await addPlan(page, { name: "Fourth", credits: "1000", rate: "0.02" });
  assert.equal(await page.textContent("#plan-status"), "Added Fourth.");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});

test("sales: while the engine loads, Enter never reloads the page; typed values are kept and the plan form waits", async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 390, height: 900 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route("**/*.wasm", async (route) => { await held; await route.continue(); });
  await page.goto(`${ctx.server.url}sales.html`);
  await page.waitForSelector("#load-status");
  await page.fill("#aiMessages", "5000");
  assert.equal(await page.locator("#plan-form").evaluate((form) => form.inert), true, "a plan cannot be added before the engine can check it");
  // A submit that reaches the form anyway (its Add button has a default action) is the page's.
  await page.evaluate(() => { window.stillHere = true; document.getElementById("plan-form").requestSubmit(); });
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).search, "", "no native submit");
  assert.equal(await page.evaluate(() => window.stillHere), true, "the page was not reloaded");
  // Buttons that need the engine are off until it is there, not pressed to no effect.
  const off = () => page.$$eval("#add-calls, #share, #export", (buttons) => buttons.map((b) => b.disabled));
  assert.deepEqual(await off(), [true, true, true]);
  release();
  await page.waitForSelector("#load-status", { state: "detached" });
  assert.deepEqual(await off(), [false, false, false]);
  assert.equal(await page.inputValue("#aiMessages"), "5000");
  assert.equal(await page.locator("#plan-form").evaluate((form) => form.inert), false);
  // The plan form submits through the page (Enter in a field), never natively.
  await page.fill("#c-name", "Team");
  await page.press("#c-name", "Enter");
  assert.equal(new URL(page.url()).search, "");
  assert.deepEqual(errors, []);
  await page.close();
});

test("sales: shrinking usage shows the month the recommendation falls back, in words and on the chart", async () => {
  const { page, errors } = await open(1280);
  await messagesOnly(page, "12000");
  await page.fill("#months", "12");
  await page.fill("#growth", "-20");
  await page.waitForFunction(() => document.querySelector("#months-table thead th:nth-child(13)")?.textContent === "Month 12");
  // 12,000 a month shrinking 20 % a month passes below Premium's break-even (2,501) in month 9.
  const items = await texts(page, "#break-evens li");
  const premium = items.find((s) => s.startsWith("From 2,501 credits a month, Premium is recommended instead of Pro"));
  assert.match(premium, /: already past in month 1 \(12,000 credits\); usage falls below it in month 9 \([\d,]+ credits\): Pro from then\.$/);
  const recommended = (await cells(page, "#months-table")).at(-1);
  assert.deepEqual([recommended[8], recommended[9]], ["Premium", "Pro"]);
  assert.ok((await page.locator("#chart .marker").count()) >= 1, "a chart line where the recommendation changes");
  assert.ok((await texts(page, "#chart-marks li")).includes("Pro is recommended for each month from month 9."), "falling back is a change too");
  assert.match(await page.textContent("#chart-note"), /Numbered vertical lines mark the months the recommended plan changes, listed under the chart; the recommendation above weighs the whole term\./);
  assert.deepEqual(errors, []);
});

test("sales: growth that makes a later month too large is the growth field's error, with its month", async () => {
  const { page, errors } = await open(390);
  await page.fill("#months", "120");
  await page.fill("#growth", "300");
  await page.waitForSelector("#growth-error");
  assert.match(await page.textContent("#growth-error"),
    /^Growth a month, all features \(%\): by month \d+ this growth makes the usage too large to compute exactly; use less growth, fewer months or less usage in the first month$/);
  assert.equal(await page.locator("#months-error").count(), 0);
  assert.deepEqual(errors, []);
});

test("sales: Escape leaves editing a custom plan, its list unchanged; with changes typed it asks first", async () => {
  const { page, errors } = await open(1280);
  await addPlan(page, { name: "Team", credits: "5000", rate: "0.02" });
  await page.click('button[aria-label="Edit Team"]');
  assert.equal(await page.isVisible("#cancel-edit"), true);
  // A screen reader hears the edit: the form's mode is announced, the list says which plan is in the form.
  assert.equal(await page.getAttribute("#plan-mode", "role"), "status");
  assert.match(await page.textContent("#custom-list li"), /^Team: .+ \(in the form, being edited\)/);
  // Nothing changed: Escape leaves at once.
  await page.press("#c-credits", "Escape");
  assert.equal(await page.isVisible("#cancel-edit"), false);
  assert.equal(await page.textContent("#plan-status"), "");
  await page.click('button[aria-label="Edit Team"]');
  await page.fill("#c-credits", "9999");
  await page.press("#c-credits", "Escape");
  assert.equal(await page.textContent("#plan-status"), "Press Escape again, or Cancel, to drop the changes to Team; Save changes keeps them.");
  assert.equal(await page.inputValue("#c-credits"), "9999", "the typed change stays");
  await page.press("#c-credits", "Escape");
  assert.equal(await page.textContent("#plan-status"), "Dropped the changes to Team.");
  assert.equal(await page.isVisible("#cancel-edit"), false);
  // Asked by Escape, then a step elsewhere: the next Escape asks again.
  await page.click('button[aria-label="Edit Team"]');
  await page.fill("#c-credits", "8888");
  await page.press("#c-credits", "Escape");
  await page.fill("#aiMessages", "1200");
  await page.press("#c-credits", "Escape");
  assert.equal(await page.textContent("#plan-status"), "Press Escape again, or Cancel, to drop the changes to Team; Save changes keeps them.");
  assert.equal(await page.inputValue("#c-credits"), "8888");
  await page.click("#cancel-edit");
  // Asked by Escape, then cancelled: the question goes with the edit.
  await page.click('button[aria-label="Edit Team"]');
  await page.fill("#c-credits", "7777");
  await page.press("#c-credits", "Escape");
  await page.click("#cancel-edit");
  assert.equal(await page.textContent("#plan-status"), "");
  assert.match(await page.textContent("#custom-list"), /Team: 5,000 credits a month/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "c-name");
  assert.deepEqual(errors, []);
});

test("sales: a negative growth is a number in the CSV export, not text", async () => {
  const { page, errors } = await open(1280);
  await page.fill("#growth", "-99.5");
  await page.waitForFunction(() => !document.querySelector("#growth-error"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const csv = csvDownloaded(await download.path());
  assert.match(csv, /\n"Growth a month, all features \(%\)",-99\.5\n/);
  assert.deepEqual(errors, []);
});

test("sales: with one plan chosen, the sentence says it is the only one compared, not the lowest", async () => {
  const { page, errors } = await open(1280);
  await page.fill("#price-pro", "297");
  for (const id of ["starter", "premium"]) await page.uncheck(`#plan-choices input[value="${id}"]`);
  await page.fill("#months", "12");
  await page.waitForFunction(() => /only plan compared/.test(document.getElementById("recommendation").textContent));
  assert.match(await page.textContent("#recommendation"), /^Recommended: ProPro, the only plan compared, costs \$[\d,]+\.\d\d over 12 months, \$3,564\.00 in subscription plus \$[\d,]+\.\d\d in overage\.$/);
  assert.deepEqual(errors, []);
});

test("sales: Back to a half-typed custom plan finds the form clean, never a part of the plan", async () => {
  const { page, errors } = await open(390);
  for (const [id, value] of Object.entries({ "c-name": "Acme", "c-credits": "50000", "c-price": "899", "c-rate": "0.018", "c-tier": "10000" })) await page.fill(`#${id}`, value);
  await page.click("text=Pricing estimator");
  await page.waitForSelector("#plans tbody tr");
  await page.goBack();
  await page.waitForSelector("#months-table tbody tr");
  const form = await page.$$eval("#plan-form input", (inputs) => inputs.map((i) => i.value));
  assert.deepEqual(form.filter(Boolean), [], `the form holds ${JSON.stringify(form)}`);
  assert.equal(await page.locator(".stale").count(), 0, "no result waits on a half-restored plan");
  assert.deepEqual(errors, []);
});

test("sales: a term of one month is said as such", async () => {
  const { page, errors } = await open(1280);
  await page.fill("#months", "1");
  await page.waitForFunction(() => document.getElementById("months-caption").textContent.endsWith("month 1"));
  assert.match(await page.textContent("#months-note"), /^Subscription plus overage, month 1; /);
  assert.deepEqual(errors, []);
});

test("sales: a plan that covers the largest month only at the expected rates says so, as the pricing page does (R11, R24)", async () => {
  const { page, errors } = await open(1280);
  // 1,500 messages and 50 calls of 5 minutes: 2,500 credits at 4 a minute, 2,750 at 5.
  for (const [id, value] of Object.entries({ aiMessages: "1500", calls: "50", averageSeconds: "300", textGenerations: "0", imageGenerations: "0",
    responses: "0", executions: "0", months: "1", growth: "0" })) await page.fill(`#${id}`, value);
  await page.waitForFunction(() => document.getElementById("recommendation").textContent.includes("2,500 credits"));
  assert.match(await page.textContent("#recommendation"),
    /Pro's 2,500 monthly credits cover the largest month \(month 1: 2,500 credits\) at the expected rates, up to 250 credits short at the high end;/);
  assert.equal(await page.$eval("#totals tbody tr.best th", (th) => getComputedStyle(th, "::after").content),
    "\" ✓ recommended: covers the largest month at the expected rates\"");
  assert.deepEqual(errors, []);
});

test("sales: amounts as people type them, every error of a plan at once, and nothing left out of a link or export in silence", async () => {
  const { page, errors } = await open(390);
  // "899." and ".015" are 899 and 0.015; "0297" is 297 (not "0297.00" in the export).
  await addPlan(page, { name: "Enterprise", credits: "50000", price: "899.", rate: ".015", tier: "20000", tierRate: ".012" });
  assert.deepEqual(await texts(page, "#custom-list li > span:first-child"),
    ["Enterprise: 50,000 credits a month, $899.00 a month, $0.015 per overage credit, $0.012 after 20,000 overage credits in a month"]);
  await page.fill("#price-pro", "0297");
  // Every problem of a plan is said at once, not one per try.
  await addPlan(page, { name: "Bad", credits: "-5", price: "-899", rate: "-0.015", tier: "-1", tierRate: "-0.01" });
  // (A count written "25.000" is refused like a negative one: it may be someone's 25,000.)
  for (const id of ["c-credits", "c-price", "c-rate", "c-tier", "c-tier-rate"]) assert.ok(await page.isVisible(`#${id}-error`), `${id} has its error`);
  // A plan left in the form is not in the link or the export: they say so instead.
  await page.click("#share");
  assert.equal(await page.textContent("#share-status"), "Add the plan in the form, or clear it, first: the link would leave it out.");
  // The results say they leave out what the form holds, where they are.
  const staleNotes = () => texts(page, "#summary-panel > .stale-note, #chart-panel > .stale-note, #table-panel > .stale-note");
  assert.deepEqual(await staleNotes(), Array(3).fill("Not updated: add the plan in the form above, or clear it; until then these figures leave it out."));
  for (const id of ["#c-name", "#c-credits", "#c-price", "#c-rate", "#c-tier", "#c-tier-rate"]) await page.fill(id, "");
  assert.deepEqual(await staleNotes(), [], "an empty form leaves nothing out");
  await page.click('button[aria-label="Edit Enterprise"]');
  assert.deepEqual(await staleNotes(), [], "a plan opened for editing, unchanged, is the saved plan");
  await page.fill("#c-price", "799");
  assert.deepEqual(await staleNotes(), Array(3).fill("Not updated: save or cancel the changes to Enterprise above; until then these figures use the saved plan."));
  await page.click("#export");
  assert.equal(await page.textContent("#share-status"), "Save or cancel the changes to Enterprise first: the export would leave them out.");
  await page.click("#cancel-edit");
  assert.deepEqual(await staleNotes(), [], "cancelled: the results are the model's again");
  // A growth of ".5" is taken by the field, so the link keeps it.
  await page.fill("#growth", ".5");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const csv = csvDownloaded(await download.path());
  assert.match(csv, /\nPro,2500,297\.00,0\.025,/);
  assert.match(csv, /\nEnterprise,50000,899\.00,0\.015,0\.015 up to 20000 overage credits a month; then 0\.012/);
  const shared = await open(1280, await page.evaluate(() => location.hash));
  assert.equal(await shared.page.inputValue("#growth"), ".5");
  assert.equal(await shared.page.isVisible("#link-notice"), false);
  assert.deepEqual(await cells(shared.page, "#months-table"), await cells(page, "#months-table"));
  // With no plan chosen, the message names that, not a red field.
  for (const box of await page.$$("#plan-choices input:checked")) await box.uncheck();
  await page.click("#share");
  assert.equal(await page.textContent("#share-status"), "Choose at least one plan to compare first.");
  assert.deepEqual([...errors, ...shared.errors], []);
});

test("sales: '25.000' credits are refused, not a 25-credit plan; a link's notice goes with the first edit", async () => {
  const { page, errors } = await open(1280);
  await addPlan(page, { name: "Enterprise", credits: "25.000", rate: "0.018" });
  assert.equal(await page.textContent("#c-credits-error"),
    "Monthly credits: enter a whole number in digits, without a decimal point or a thousands separator (2000, not 2.000)");
  assert.deepEqual(await texts(page, "#custom-list li"), []);
  const broken = await open(1280, "#s=eyJpbnB1dHMiOnsiYWlNZXNz");
  assert.equal(await broken.page.isVisible("#link-notice"), true);
  await broken.page.fill("#aiMessages", "4000");
  assert.equal(await broken.page.isVisible("#link-notice"), false);
  assert.deepEqual([...errors, ...broken.errors], []);
});

test("a pasted '2,5' is refused at its field, not read as 25; '1,200' pastes as 1200 (R23: nothing repaired in silence)", async () => {
  const { page, errors } = await open(390);
  /** Pastes `text` into `selector` as a clipboard would (the page's handler runs; a synthetic paste inserts nothing itself). */
  const paste = (selector, text) => page.$eval(selector, (input, pasted) => {
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    input.focus();
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await paste("#growth", "2,5");
  assert.equal(await page.inputValue("#growth"), "8", "the field keeps its value");
  assert.equal(await page.textContent("#growth-error"),
    "Growth a month, all features (%): “2,5” was not pasted: a comma there groups no thousands, so it would read as another number; "
    + "type a decimal with a point (2.5), and thousands without a separator (2000)");
  await paste("#calls", "12,50");
  assert.equal(await page.inputValue("#calls"), "50");
  assert.match(await page.textContent("#calls-error"), /; type the whole number without a separator \(2000\)$/, "a whole number's own advice");
  // A leading 0 is a decimal comma, never thousands: "0,025" is not 25.
  await paste("#growth", "0,025");
  assert.equal(await page.inputValue("#growth"), "8");
  assert.match(await page.textContent("#growth-error"), /“0,025” was not pasted/);
  await paste("#aiMessages", " 1,200 ");
  assert.equal(await page.inputValue("#aiMessages"), "1200");
  await page.waitForFunction(() => !document.querySelector("#aiMessages-error"));
  // Typed, a comma is left out by the browser: said under the field until it is left.
  await page.fill("#growth", "");
  await page.type("#growth", "2,5");
  assert.equal(await page.inputValue("#growth"), "25");
  assert.equal(await page.textContent("#growth-comma"),
    "Growth a month, all features (%): a comma is left out here (2,5 would read as 25): type a decimal with a point (2.5), and thousands without a separator (2000).");
  assert.match(await page.getAttribute("#growth", "aria-describedby"), /growth-comma/);
  // Left, the field says what it read (a trace of "2,5" read as 25), beside an error shown meanwhile;
  // the next edit takes the note, and the error keeps its place.
  await paste("#growth", "9,9");
  await page.press("#growth", "Tab");
  assert.equal(await page.textContent("#growth-comma"),
    "Growth a month, all features (%): reads 25, the comma left out: type a decimal with a point (2.5), and thousands without a separator (2000).");
  assert.equal(await page.getAttribute("#growth", "aria-describedby"), "growth-comma growth-error");
  await page.fill("#growth", "2.5");
  assert.equal(await page.locator("#growth-comma").count(), 0);
  assert.equal(await page.getAttribute("#growth", "aria-describedby"), null);
  // "1.200" is 1.2 here and 1,200 in much of Europe: a decimal field asks which (a whole one refuses it too).
  await page.fill("#averageSeconds", "1.200");
  assert.equal(await page.textContent("#averageSeconds-error"), "Call length (seconds): “1.200” could be 1.2 or 1200: type 1.2, or 1200 without a separator");
  await page.fill("#averageSeconds", "150");
  await page.fill("#growth", "0.125"); // a leading 0 is no thousands
  assert.equal(await page.locator("#growth-error").count(), 0);
  assert.deepEqual(errors, []);
});

test("sales: two plans at the same lowest total are said to tie (R24)", async () => {
  const { page, errors } = await open(1280);
  for (const id of ["aiMessages", "calls", "textGenerations", "imageGenerations", "executions"]) await page.fill(`#${id}`, "0");
  await page.fill("#responses", "10");
  await page.fill("#growth", "0");
  await page.fill("#price-starter", "297");
  await page.fill("#price-pro", "297");
  await page.fill("#price-premium", "497");
  await page.waitForFunction(() => document.getElementById("recommendation").textContent.includes("tie for"));
  assert.match(await page.textContent("#recommendation"), /Starter and Pro tie for the lowest total over 12 months; Starter, first in the list, is recommended: \$3,564\.00/);
  assert.deepEqual(errors, []);
});

test("sales: a plan cheaper than the recommended one while a price is not set is said so, with what to do (R24)", async () => {
  const { page, errors } = await open(1280);
  await page.fill("#price-starter", "49");
  await page.fill("#price-pro", "149.50");
  await page.fill("#months", "3");
  await page.fill("#growth", "0");
  await page.waitForFunction(() => document.getElementById("totals-caption").textContent === "Each plan over 3 months");
  const rows = await cells(page, "#totals");
  const recommended = await page.getAttribute("#totals tbody tr.best", "data-plan");
  assert.equal(recommended, "pro", "Premium's price is not set: compared by what the credits cover");
  const starter = rows.find((r) => r[0] === "Starter");
  assert.match(starter[5], /^\$[\d,.]+ less( \(\$[\d,.]+ to \$[\d,.]+\))?$/, "the table shows Starter costing less");
  assert.ok((await page.textContent("#recommendation")).endsWith(`Starter (${starter[5]}) costs less than Pro over 3 months, overage included; set every plan's price to compare the plans by their totals.`),
    await page.textContent("#recommendation"));
  // With every price set the basis is the total, and the cheaper plan is the recommendation.
  await page.fill("#price-premium", "399");
  await page.waitForFunction(() => document.querySelector("#totals tbody tr.best")?.dataset.plan === "starter");
  assert.doesNotMatch(await page.textContent("#recommendation"), /set every plan's price/);
  assert.deepEqual(errors, []);
});

test("sales: a plan name's length counts characters as read (an emoji is one); a field's error goes once it is edited", async () => {
  const { page, errors } = await open(390);
  await addPlan(page, { name: "🎉".repeat(61), credits: "20000", rate: "0.02" });
  assert.equal(await page.textContent("#c-name-error"), "Name: use at most 60 characters");
  await page.fill("#c-name", "");
  assert.equal(await page.locator("#c-name-error").count(), 0, "the error went with the text it was about");
  await addPlan(page, { name: `${"🎉".repeat(30)} Zoë 🚀 さくら`.slice(0, 200) });
  assert.deepEqual(await texts(page, "#custom-list li > span:first-child").then((t) => t.length), 1, "41 characters (30 emoji) are a name");
  // A plan typed in the form is not dropped by editing another: the page asks to add or clear it first.
  await page.fill("#c-name", "Gamma draft");
  await page.fill("#c-credits", "40000");
  await page.click("#custom-list button[aria-label^='Edit']");
  assert.equal(await page.inputValue("#c-name"), "Gamma draft");
  assert.match(await page.textContent("#plan-status"), /^Add the plan in the form, or clear it, first, then edit .+\.$/);
  // A duplicate name's error goes when the plan it named is removed.
  await page.fill("#c-name", "Solo");
  await page.fill("#c-rate", "0.02");
  await page.click("#add-plan");
  await addPlan(page, { name: "SOLO", credits: "40000", rate: "0.02" });
  assert.match(await page.textContent("#c-name-error"), /already a plan's name/);
  await page.click("button[aria-label='Remove Solo']");
  assert.equal(await page.locator("#c-name-error").count(), 0);
  assert.deepEqual(errors, []);
});

test("sales: many plans with wide names keep a readable chart at 390 px: every legend name inside, every line its own look, the plot its height", async () => {
  const { page, errors } = await open(390);
  for (const [id, price] of [["starter", "49"], ["pro", "99"], ["premium", "297"]]) await page.fill(`#price-${id}`, price);
  const names = ["MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM", "WORLDWIDE MEGA ENTERPRISE WHOLESALE",
    ...Array.from({ length: 7 }, (_, i) => `Plan number ${i + 1} with a rather long name`)];
  for (const [i, name] of names.entries()) await addPlan(page, { name, credits: String(3000 + 1000 * i), price: String(100 + 10 * i), rate: "0.02" });
  await page.waitForFunction((n) => document.querySelectorAll("#custom-list li").length === n, names.length);
  const chart = await page.$eval("#chart svg", (svg) => {
    const width = svg.viewBox.baseVal.width;
    const legend = [...svg.querySelectorAll(".legend text")].map((t) => t.getBBox()).map((b) => b.x + b.width);
    const yAxis = svg.querySelector("line.axis");
    const looks = [...svg.querySelectorAll("polyline.series")].map((p) => `${p.getAttribute("stroke")} ${p.getAttribute("stroke-dasharray")}`);
    return { width, legend, plot: Number(yAxis.getAttribute("y2")) - Number(yAxis.getAttribute("y1")), looks };
  });
  assert.equal(chart.looks.length, 12, "3 published and 9 custom plans");
  assert.equal(new Set(chart.looks).size, chart.looks.length, `lines alike: ${chart.looks.join(" | ")}`);
  assert.ok(chart.legend.every((right) => right <= chart.width), `legend past the edge: ${chart.legend.join(", ")} > ${chart.width}`);
  assert.ok(chart.plot >= 200, `the plot is ${chart.plot} px tall`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scroll");
  assert.deepEqual(errors, []);
});

test("sales: two plans adding the same overage over the term are said to tie; the larger allocation is recommended (R24)", async () => {
  const { page, errors } = await open(1280);
  await messagesOnly(page, "1500");
  await page.fill("#months", "1");
  await page.fill("#growth", "0");
  for (const id of ["pro", "premium"]) await page.uncheck(`#plan-choices input[value="${id}"]`);
  // Starter: 1,000 over at $0.03; Double: 500 over at $0.06: $30.00 each.
  await addPlan(page, { name: "Double", credits: "1000", rate: "0.06" });
  await page.waitForFunction(() => document.querySelector("#totals tbody tr.best")?.dataset.plan !== undefined && document.querySelectorAll("#totals tbody tr").length === 2);
  assert.equal(await page.textContent("#recommendation .recommended-plan"), "Recommended: Double");
  assert.match(await page.textContent("#recommendation"), /No plan compared has monthly credits that cover the largest month \(month 1: 1,500 credits\); Starter and Double add the same overage over 1 month \(\$30\.00\), and Double, with the most monthly credits of them, is recommended;/);
  // One price set, not the other's: the headline says the plans are not weighed by their totals (R24).
  await page.fill("#price-starter", "97");
  await page.waitForFunction(() => document.querySelector("#recommendation .recommended-plan")?.textContent === "Recommended: Double (not by total cost: not every price is set)");
  await page.fill("#price-starter", "");
  // Equal allocations that both cover the usage: the plan first in the list, said so.
  await addPlan(page, { name: "Alpha", credits: "6000", rate: "0.03" });
  await addPlan(page, { name: "Beta", credits: "6000", rate: "0.01", price: "100" });
  await page.waitForFunction(() => document.querySelector("#totals tbody tr.best")?.dataset.plan !== undefined && document.querySelectorAll("#totals tbody tr").length === 4);
  assert.match(await page.textContent("#recommendation"), /Alpha and Beta each have 6,000 monthly credits, which cover the largest month \(month 1: 1,500 credits\); Alpha, first in the list, is recommended;/);
  // Editing the plan already in the form just focuses it.
  await page.click("button[aria-label='Edit Alpha']");
  await page.fill("#c-rate", "0.04");
  await page.click("button[aria-label='Edit Alpha']");
  assert.equal(await page.textContent("#plan-status"), "");
  assert.deepEqual(errors, []);
});

test("sales: text that is not a number in an optional growth is an error at its field, not a blank; amounts stay whole on a phone's cards", async () => {
  const { page, errors } = await open(390);
  await page.click("#voiceGrowth");
  await page.keyboard.type("12e");
  await page.waitForSelector("#voiceGrowth-error");
  assert.equal(await page.textContent("#voiceGrowth-error"), "Voice AI growth a month (%): enter a number in digits");
  assert.equal(await page.locator("#summary-panel.stale").count(), 1, "not updated");
  await page.fill("#voiceGrowth", "");
  // A long name in a card's label: the amount beside it stays on one line.
  for (const [id, price] of [["starter", "49"], ["pro", "149"], ["premium", "499"]]) await page.fill(`#price-${id}`, price);
  await addPlan(page, { name: "Enterprise Unlimited Annual Commitment for Acme Holdings Ltd", credits: "8000", price: "10", rate: "0.02" });
  await page.waitForFunction(() => document.querySelectorAll("#totals tbody tr").length === 4);
  // Every amount in a cell on one line (a range may put its ends on lines of their own).
  const split = await page.$$eval("#totals tbody td", (tds) => tds.flatMap((td) => {
    const node = td.lastChild;
    if (node?.nodeType !== Node.TEXT_NODE) return [];
    return [...node.textContent.matchAll(/\$[\d,.]+/g)].flatMap((m) => {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rows = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return rows.size > 1 ? [`${m[0]} in “${node.textContent}”`] : [];
    });
  }));
  assert.deepEqual(split, [], "amounts broken across lines");
  // On a wide screen the long name wraps in its cells: every column of the totals stays in view.
  await page.setViewportSize({ width: 1280, height: 900 });
  const outside = await page.$$eval("#totals th, #totals td", (cells) => cells.filter((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((c) => c.textContent));
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});

test("sales: a three-way tie on overage says R24's reason for the plan it names; similar long names stay apart when cut", async () => {
  const { page, errors } = await open(1280);
  for (const id of ["starter", "pro", "premium"]) await page.uncheck(`#plan-choices input[value="${id}"]`);
  for (const [name, credits] of [["Zero B", "100"], ["Zero A", "200"], ["Zero C", "200"]]) await addPlan(page, { name, credits, rate: "0" });
  await page.waitForFunction(() => document.querySelectorAll("#totals tbody tr").length === 3);
  assert.match(await page.textContent("#recommendation"), /Zero B, Zero A and Zero C add the same overage over 12 months \(\$0\.00\), and Zero A, with the most monthly credits of them \(like Zero C\) and first in the list, is recommended;/);
  // Names alike at the start keep their ends in the months table.
  await addPlan(page, { name: "Enterprise Ultra Unlimited Growth Bundle Number 1", credits: "900000", rate: "0" });
  await page.waitForFunction(() => document.querySelector("#months-table .plan-name")?.textContent === "Enterpris…Number 1");
  assert.equal(await page.getAttribute("#months-table .plan-name", "title"), "Enterprise Ultra Unlimited Growth Bundle Number 1");
  assert.deepEqual(errors, []);
});

test("sales: the size of a GPT step prices the steps as the pricing page does (R10, R11), and travels in the link and the CSV", async () => {
  const { page, errors } = await open();
  // The marketing agency's month of the pricing page: long steps.
  const agency = { aiMessages: "6000", calls: "50", averageSeconds: "300", textGenerations: "1200", imageGenerations: "600", responses: "300",
    executions: "2000", gptSteps: "3", months: "1", growth: "0" };
  for (const [id, value] of Object.entries(agency)) await page.fill(`#${id}`, value);
  const agencyMix = (averageTokens) => ({
    conversation: { aiMessages: 6000 }, voice: [{ calls: 50, averageSeconds: 300 }], content: { textGenerations: 1200, imageGenerations: 600 },
    reviews: { responses: 300 }, workflow: [{ executions: 2000, gptSteps: 3, ...(averageTokens ? { averageTokens } : {}) }],
  });
  const input = (averageTokens) => ({ mix: agencyMix(averageTokens), months: 1, growth: { overall: 0 }, plans: published });
  // Not sure (the default): steps at the short rate, the long one the range's high end.
  await assertShows(page, expected(book, input(null)));
  assert.match(await page.textContent("#rates-note"), /GPT steps at 1 credit \(2 for long steps\)/);
  await page.selectOption("#stepSize", "long");
  const long = expected(book, input(book.rates.workflow.longAboveTokens + 1));
  assert.equal(long.projection.months[0].credits, 22300, "the pricing page's 22,300 credits for this mix");
  await assertShows(page, long);
  assert.doesNotMatch(await page.textContent("#rates-note"), /GPT/);
  assert.deepEqual(await texts(page, "#stepSize option"), ["Up to 1,000 tokens: 1 credit", "Over 1,000 tokens: 2 credits", "Not sure: 1 to 2 credits"]);
  // Each choice is read whole in the closed list (at 1280 px it was cut: "Up to 1,000 tokens: 1 cre").
  const room = await page.$eval("#stepSize", (select) => {
    const context = document.createElement("canvas").getContext("2d");
    context.font = getComputedStyle(select).font;
    const widest = Math.max(...[...select.options].map((o) => context.measureText(o.text).width));
    return select.clientWidth - 40 - widest; // 40 px: padding and the arrow
  });
  assert.ok(room >= 0, `the step size list is ${-room} px short of its longest choice`);
  // The link keeps the size; the CSV says it.
  const again = await open(1280, await page.evaluate(() => location.hash));
  assert.equal(await again.page.inputValue("#stepSize"), "long");
  await assertShows(again.page, long);
  const [download] = await Promise.all([again.page.waitForEvent("download"), again.page.click("#export")]);
  assert.match(csvDownloaded(await download.path()), /\nSize of a GPT step \(prompt \+ output\),"Over 1,000 tokens: 2 credits"\n/);
  await page.selectOption("#stepSize", "short");
  await assertShows(page, expected(book, input(book.rates.workflow.longAboveTokens)));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual([...errors, ...again.errors], []);
});

test("sales: calls of different lengths are lines of their own (R7), in the projection, the link and the CSV", async () => {
  const { page, errors } = await open();
  await page.fill("#months", "3");
  await page.fill("#calls", "50");
  await page.fill("#averageSeconds", "110");
  await page.click("#add-calls");
  assert.equal(await page.evaluate(() => document.activeElement.id), "calls2");
  // A new line starts at 0 calls: nothing to correct before it is typed in.
  assert.deepEqual([await page.inputValue("#calls2"), await page.inputValue("#averageSeconds2"), await page.locator(".stale").count()], ["0", "0", 0]);
  await page.fill("#calls2", "50");
  await page.fill("#averageSeconds2", "10");
  const input = { mix: { ...mix, voice: [{ calls: 50, averageSeconds: 110 }, { calls: 50, averageSeconds: 10 }] }, months: 3, growth: { overall: 8 }, plans: published };
  const model = expected(book, input);
  // 50 x 2 + 50 x 1 minutes at 4 credits: 600 voice credits in month 1, where one line of 100 calls at 60 s says 400.
  assert.equal(new billing.Calculator().estimate(input.mix).byFeature.voice.credits, 600);
  await assertShows(page, model);
  // Each line is one row: its count beside its own length, never another line's.
  const tops = await page.$$eval("#calls, #averageSeconds, #calls2, #averageSeconds2", (inputs) => inputs.map((i) => Math.round(i.closest(".field").getBoundingClientRect().top)));
  assert.ok(tops[0] === tops[1] && tops[2] === tops[3] && tops[2] > tops[0], tops.join(", "));
  // A blank count in the added line is its own field's error, in words.
  await page.fill("#calls2", "");
  assert.equal(await page.textContent("#calls2-error"), "Calls 2: voice calls: required");
  await page.fill("#calls2", "50");
  // The link brings the line back; the CSV lists it.
  const again = await open(1280, await page.evaluate(() => location.hash));
  assert.deepEqual([await again.page.inputValue("#calls2"), await again.page.inputValue("#averageSeconds2")], ["50", "10"]);
  await assertShows(again.page, model);
  const [download] = await Promise.all([again.page.waitForEvent("download"), again.page.click("#export")]);
  assert.match(csvDownloaded(await download.path()), /\nVoice calls,50\nCall length \(seconds\),110\nCalls 2: voice calls,50\nCalls 2: call length \(seconds\),10\n/);
  // A link's bad value in an added line keeps its 0, said; a line it skips is there at 0, said.
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const odd = await open(1280, `#s=${encode({ inputs: { calls2: "many", averageSeconds2: "30", calls3: "4", averageSeconds3: "200" } })}`);
  assert.deepEqual([await odd.page.inputValue("#calls2"), await odd.page.inputValue("#calls3")], ["0", "4"]);
  assert.match(await odd.page.textContent("#link-notice"), /Calls 2: voice calls \(“many” is not a number; 0 instead\).*The model uses the rest\.$/);
  const skipped = await open(1280, `#s=${encode({ inputs: { calls3: "4", averageSeconds3: "200" } })}`);
  assert.deepEqual([await skipped.page.inputValue("#calls2"), await skipped.page.inputValue("#calls3")], ["0", "4"]);
  assert.match(await skipped.page.textContent("#link-notice"), /calls 2 \(not in the link: 0 calls\)/);
  await odd.page.close();
  await skipped.page.close();
  // Removing a middle line of three keeps the last one's values, renumbered.
  await page.click("#add-calls");
  await page.fill("#calls3", "7");
  await page.fill("#averageSeconds3", "45");
  await page.click("button:text-is('Remove calls 2')");
  assert.deepEqual([await page.inputValue("#calls2"), await page.inputValue("#averageSeconds2"), await page.locator("#calls3").count()], ["7", "45", 0]);
  await page.fill("#calls2", "50");
  await page.fill("#averageSeconds2", "10");
  // Removed, the projection is one line's again.
  await page.click("button:text-is('Remove calls 2')");
  assert.equal(await page.locator("#calls2").count(), 0);
  await assertShows(page, expected(book, { ...input, mix: { ...input.mix, voice: [{ calls: 50, averageSeconds: 110 }] } }));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual([...errors, ...again.errors], []);
});

test("sales: a screen reader hears the recommendation with its total over the term, or why it is not known (R1, R24)", async () => {
  const { page, errors } = await open();
  const said = (pattern) => page.waitForFunction((p) => new RegExp(p).test(document.getElementById("announcer")?.textContent ?? ""), pattern.source)
    .then(() => page.textContent("#announcer"));
  assert.match(await said(/^Recommended: /), /^Recommended: \S.*; its total over 12 months is not known \(its monthly price is not set\)\.$/);
  for (const [id, price] of [["starter", "97"], ["pro", "297"], ["premium", "497"]]) await page.fill(`#price-${id}`, price);
  const text = await said(/ over 12 months\.$/);
  const name = await page.textContent("#recommendation .recommended-plan strong");
  const total = (await cells(page, "#totals")).find((r) => r[0] === name)[4];
  assert.equal(text, `Recommended: ${name}; ${total} over 12 months.`);
  assert.deepEqual(errors, []);
});

test("sales: a line too large is the error of its largest figure; a plan being edited is not removed with its changes; a huge amount sits whole under its label on a phone", async () => {
  const { page, errors } = await open(390);
  // 2,000 runs of 1e15 steps: the steps are the figure to lower, not the runs.
  await page.fill("#gptSteps", "1000000000000000");
  await page.waitForSelector("#gptSteps-error");
  assert.match(await page.textContent("#gptSteps-error"), /^GPT steps per run: this is too large to compute exactly/);
  assert.equal(await page.locator("#executions-error").count(), 0);
  await page.fill("#gptSteps", "2");
  await page.waitForSelector("#gptSteps-error", { state: "detached" });
  // Remove while the plan's changes are unsaved: refused, as Edit on another plan is.
  await addPlan(page, { name: "Enterprise", credits: "50000", price: "1999", rate: "0.02" });
  await page.click('button[aria-label="Edit Enterprise"]');
  await page.fill("#c-price", "1500");
  await page.click('[data-remove]');
  assert.equal(await page.textContent("#plan-status"), "Save or cancel the changes to Enterprise first, then remove it.");
  assert.equal(await page.inputValue("#c-price"), "1500");
  assert.equal(await page.locator("[data-remove]").count(), 1, "still there");
  await page.click("#cancel-edit");
  await page.click('[data-remove]');
  assert.match(await page.textContent("#plan-status"), /^Removed Enterprise\./);
  // A huge amount: on its own line under its label, whole, at the card's right.
  for (const [id, price] of [["starter", "97"], ["pro", "297"], ["premium", "497"]]) await page.fill(`#price-${id}`, price);
  await page.fill("#aiMessages", "1000000000000000");
  await page.waitForFunction(() => /569,313,793,8/.test(document.getElementById("totals").textContent));
  const broken = await page.$$eval("#totals td", (tds) => tds.flatMap((td) => {
    const range = document.createRange();
    range.selectNodeContents(td);
    // Each amount's characters on one line: a line box per amount at most.
    const amounts = td.textContent.match(/\$[\d,.]+/g) ?? [];
    return amounts.filter((amount) => {
      const at = td.textContent.indexOf(amount);
      const node = [...td.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes(amount));
      if (!node) return false;
      const r = document.createRange();
      r.setStart(node, node.textContent.indexOf(amount));
      r.setEnd(node, node.textContent.indexOf(amount) + amount.length);
      return at >= 0 && r.getClientRects().length > 1;
    });
  }));
  assert.deepEqual(broken, [], "amounts broken across lines");
  const labels = await page.$$eval("#totals td", (tds) => tds.map((td) => getComputedStyle(td, "::before").minWidth));
  assert.ok(labels.every((w) => w === "min-content"), "labels keep their words whole");
  assert.deepEqual(errors, []);
});
