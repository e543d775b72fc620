// The in-app usage dashboard in headless Chromium: numbers against the API's own, CSV
// import by file picker, the toggles, and a 500,000-event month in the worker.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axeViolations, billing, count, csvDownloaded, money, openFailing, openPage, pageSuite, root, shots } from "./harness.mjs";

const ctx = pageSuite({ before, after });
const calc = new billing.Calculator();
const { sampleEvents } = await import(join(root, "www/lib/sample.js"));
const sample = sampleEvents(calc);

/** A moment and a day as the test expects the page to write them ("Oct 3, 11:44", "Oct 20, 2026"; UTC). */
const time = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
const day = (iso) => new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** `events` with a top-up of `credits` bought at `at`, after the events of that same moment, as the dashboard's worker puts it. */
function withTopUp(events, at, credits) {
  const index = events.findIndex((e) => Date.parse(e.at) > Date.parse(at));
  const all = [...events];
  all.splice(index < 0 ? all.length : index, 0, { at, topUp: credits });
  return all;
}

/** The cards by label; a cycle the data stops short of says "so far", looked up without it. */
async function cards(page) {
  const shown = await page.$$eval("#bill .card, #cards .card", (nodes) => nodes.map((n) => [n.querySelector(".label").textContent, n.querySelector(".value").textContent]));
  return Object.fromEntries(shown.map(([label, value]) => [label.replace(/ so far$/, ""), value]));
}

const texts = (page, selector) => page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent));

/** The hard cap card's words, whatever its label says of the forecast day. */
const capCard = (shown) => Object.entries(shown).find(([label]) => label.startsWith("With the hard cap, AI paus"))?.[1];
/** The daily chart's point tooltips ("Forecast, Oct 5: 500"), of the series whose name starts them, if given. */
const chartTips = async (page, series = "") => (await texts(page, "#daily .hover-point title")).filter((t) => t.startsWith(series));

/**
 * Opens the dashboard at `width` on Starter with the hard cap, then loads a CSV of a day's
 * `messages` at 12:00 UTC on Nov 1 to `days`, with `extra` rows (`at,,,topUp`).
 */
async function starterCapWith(width, { days, messages, extra = [] }) {
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const rows = Array.from({ length: days }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}T12:00:00Z,conversation,${messages},`);
  const file = join(dir, "usage.csv");
  writeFileSync(file, ["at,feature,messages,topUp", ...rows, ...extra].join("\n"));
  const opened = await openPage(ctx.browser, `${ctx.server.url}app.html`, width);
  await settled(opened.page, "Priced 3,000 events");
  await opened.page.selectOption("#plan", "starter");
  await opened.page.check("#hardcap");
  await opened.page.setInputFiles("#csv", file);
  await settled(opened.page, `Priced ${days + extra.length} events`);
  return opened;
}

/** Files written to a fresh folder: `write(name, text)` gives the path to pick. */
function csvWriter() {
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  return (name, text) => { writeFileSync(join(dir, name), text); return join(dir, name); };
}

/** Loads `text` as the file `name` (in `dir`) and returns the error the file picker shows for it. */
async function fileError(page, dir, name, text) {
  writeFileSync(join(dir, name), text);
  await page.setInputFiles("#csv", join(dir, name));
  await page.waitForFunction((n) => document.getElementById("csv-error")?.textContent.startsWith(n), name);
  return page.textContent("#csv-error");
}

/** The sample month at 1280 px with a what-if top-up of 400 credits on Oct 20. */
async function sampleWithWhatIf() {
  const opened = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(opened.page, "Priced 3,000 events");
  await opened.page.fill("#topup", "400");
  await opened.page.fill("#topup-day", "2026-10-20");
  await settled(opened.page, "Priced 3,000 events");
  return opened;
}

async function settled(page, text) {
  await page.waitForFunction((t) => document.getElementById("stage").textContent.startsWith(t) && document.getElementById("progress").classList.contains("idle"), text, { timeout: 120_000 });
}

for (const width of [390, 1280]) {
  test(`dashboard at ${width}px: the sample month matches the API, and the toggles recompute`, async () => {
    const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, width);
    await settled(page, "Priced 3,000 events");
    const scenario = { plan: "pro", start: "2026-10-01", alertThresholds: [75, 90], events: sample };
    const cycle = calc.simulate(scenario).cycles[0];
    let shown = await cards(page);
    assert.equal(shown["Credits consumed"], count(cycle.consumedCredits));
    assert.equal(shown["Overage credits"], count(cycle.overageCredits));
    // The chart's day labels stand apart, the first and the last day among them.
    const days = await page.$$eval("#daily svg text.tick", (ticks) => {
      const boxes = ticks.map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      const bottom = Math.max(...boxes.map((b) => b.box.top));
      return boxes.filter((b) => b.box.top === bottom).map((b) => ({ text: b.text, left: b.box.left, right: b.box.right }));
    });
    assert.equal(days[0].text, "Oct 1");
    assert.equal(days.at(-1).text, "Oct 31");
    assert.ok(days.every((d, i) => i === 0 || d.left >= days[i - 1].right + 4), JSON.stringify(days));
    // The chart's figures as a table too, for the keyboard and screen readers: every day.
    await page.click("#days-details summary");
    const rows = await page.$$eval("#days tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.equal(rows.length, cycle.daily.length);
    assert.deepEqual(rows[0], ["Oct 1", count(cycle.daily[0].credits), count(cycle.daily[0].credits), count(cycle.includedCredits)]);
    assert.equal(rows.at(-1)[2], count(cycle.daily.reduce((sum, d) => sum + d.credits, 0)));
    assert.deepEqual(await axeViolations(page), []);
    await page.click("#days-details summary");
    // The published book has no monthly prices (R1): the invoice's total is not known; its AI charges are.
    assert.equal(cycle.invoice.total, null);
    assert.equal(shown["Invoice: AI charges, at the rates assumed above (subscription price not set)"], money(cycle.invoice.usageCharges));
    const backtest = calc.backtest(scenario);
    const plans = await page.$$eval("#plans tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    // R1, R24: unknown totals say so, never $0.00; the recommendation says its basis.
    assert.deepEqual(plans.map((r) => r.slice(1, 4)), backtest.plans.map((p) => [money(p.overageCost), "not known", "not known"]));
    assert.equal(backtest.basis, "allocation");
    assert.match(await page.textContent("#plans-basis"), new RegExp(`^${backtest.plans.find((p) => p.plan === backtest.recommended).name} is the smallest plan whose monthly credits cover this usage .*subscription prices are not set`));
    assert.equal(await page.$eval("#plans tbody tr.best th", (th) => getComputedStyle(th, "::after").content), "\" ✓ recommended: covers this usage\"");
    assert.deepEqual(await axeViolations(page), []);
    const agents = await page.$$eval("#agents text", (t) => t.map((n) => n.textContent));
    for (const [name, credits] of Object.entries(cycle.byAgent)) {
      assert.ok(agents.includes(name) && agents.includes(count(credits)), name);
    }
    // Hard cap on (R16): no overage, usage blocked.
    await page.check("#hardcap");
    await settled(page, "Priced");
    const capped = calc.simulate({ ...scenario, hardCap: true }).cycles[0];
    shown = await cards(page);
    assert.equal(shown["Overage credits"], "0");
    assert.equal(shown["Blocked (paused)"], `${count(capped.blocked.credits)} credits in ${count(capped.blocked.events)} events`);
    // What the cap left expires at the cycle's end (R3), said once.
    assert.equal(shown["Expire unused (no rollover)"], count(capped.expiredCredits));
    // No overage under the cap, but usage was paused: the savings say so, not "within its credits".
    assert.match(await page.textContent("#insights"), new RegExp(`This cycle had no overage, but the hard cap paused ${count(capped.blocked.hardCap)} events`));
    // The forecast projects the usage's rate, not what the cap let through (R16): the run
    // rate of the uncapped usage so far, and the day the credits run out. "As of" is where
    // the data ends: this month is complete, so its end.
    const sofar = calc.simulate({ ...scenario, until: "2026-11-01" }).cycles[0];
    const projected = calc.forecast({ plan: "pro", cycleStart: "2026-10-01", asOf: "2026-11-01", usedByFeature: sofar.byFeature, alertThresholds: [75, 90] });
    assert.ok(projected.projectedCredits > capped.consumedCredits, "the sample month needs more than the cap lets through");
    // In words: the month is over, so its own figures: what the cap served and what it paused
    // (R16), and the usage without the cap (no run rate: it is the cycle's whole usage).
    assert.equal(projected.projectedCredits, sofar.consumedCredits);
    assert.ok((await page.textContent("#forecast")).startsWith(`In the whole cycle: ${count(capped.consumedCredits)} credits served, `
      + `${count(capped.blocked.hardCapCredits)} paused by the hard cap; without the cap the usage was ${count(sofar.consumedCredits)} credits.`));
    assert.doesNotMatch(await page.textContent("#forecast"), /at that rate/);
    // The chart shows what was served; no usage forecast beside it stretches its scale.
    assert.equal(await page.locator("#daily polyline.dashed").count(), 0);
    // A top-up (R19) with the cap on serves more.
    await page.fill("#topup", "500");
    await settled(page, "Priced");
    const topped = calc.simulate({ ...scenario, hardCap: true, events: withTopUp(sample, "2026-10-01", 500) }).cycles[0];
    assert.equal((await cards(page))["Credits consumed"], count(topped.consumedCredits));
    // The what-if top-up is in the invoice: the card says so.
    assert.equal((await cards(page))["Invoice: AI charges, with the what-if top-up (subscription price not set)"], money(topped.invoice.usageCharges));
    // The preview what-if (R13): test traffic in preview is free; live usage as it was.
    await page.fill("#topup", "0");
    await page.check("#preview");
    await settled(page, "Priced");
    shown = await cards(page);
    const previewed = calc.simulate({ ...scenario, hardCap: true, events: sample.map((e) => (e.mode === "test" ? { ...e, mode: "preview" } : e)) }).cycles[0];
    assert.ok(previewed.previewCredits > 0 && previewed.consumedCredits > 0);
    assert.equal(shown["Credits consumed"], count(previewed.consumedCredits));
    assert.equal(shown["Preview credits (free)"], count(previewed.previewCredits));
    // The bill leads: the invoice, and as of the forecast day (here the cycle's end: the
    // month is complete) the credits and days left, and when the hard cap pauses AI (R16).
    const billLabels = () => page.$$eval("#bill .card .label", (n) => n.map((x) => x.textContent));
    assert.deepEqual(await billLabels(), ["Invoice: AI charges (subscription price not set)", "With the hard cap, AI paused"]);
    await page.uncheck("#preview");
    await page.uncheck("#hardcap");
    await settled(page, "Priced");
    // Without the cap, a cycle that is over has its bill and no projection; from a day inside
    // it, where the run rate takes the plan's own bill, its top-ups counted.
    assert.equal((await billLabels()).length, 1);
    await page.fill("#asof", "2026-10-10");
    await settled(page, "Priced");
    assert.deepEqual((await billLabels()).slice(1), ["Credits left on Oct 10, 2026", "Days left on Oct 10, 2026", "Projected AI charges at the cycle's end (rate to Oct 10, 2026, at the rates assumed above)"]);
    const tenth = calc.simulate({ ...scenario, until: "2026-10-10" }).cycles[0];
    const projection = calc.forecast({ plan: "pro", cycleStart: "2026-10-01", asOf: "2026-10-10", usedByFeature: tenth.byFeature, alertThresholds: [75, 90] });
    assert.equal((await cards(page))["Projected AI charges at the cycle's end (rate to Oct 10, 2026, at the rates assumed above)"], money(projection.bill.usageCharges));
    // The forecast line starts where the used line is at the start of the 10th (the end of the 9th).
    const tips = await chartTips(page);
    const usedOn9th = tips.find((t) => t.startsWith("Credits used, Oct 9: "));
    assert.equal(tips.find((t) => t.startsWith("Forecast, Oct 9: ")), `Forecast, Oct 9: ${usedOn9th.split(": ")[1]}`);
    await page.fill("#asof", "");
    await settled(page, "Priced");
    await page.screenshot({ path: join(shots, `dashboard-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
  });
}

test("dashboard: a CSV export loads by file picker; a bad setting shows the API's message by its field", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const file = join(dir, "october.csv");
  const csv = "Timestamp,Type,Messages,Duration (seconds),Agent Name\n"
    + "2026-10-02T09:00:00Z,conversation,300,,Ava\n2026-10-03T09:00:00Z,voice,,135,Ben\n2026-10-20T09:00:00Z,conversation,2400,,Ava\n";
  writeFileSync(file, csv);
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 3 events");
  const scenario = { plan: "pro", start: "2026-10-02", alertThresholds: [75, 90], events: billing.parseUsageCsv(csv) };
  const cycle = calc.simulate(scenario).cycles[0];
  assert.equal((await cards(page))["Credits consumed"], count(cycle.consumedCredits));
  // The data stops on Oct 20, inside the cycle to Nov 1: every figure says it is so far.
  const labels = await page.$$eval("#bill .card .label, #cards .card .label", (n) => n.map((x) => x.textContent));
  assert.ok(labels.includes("Invoice so far (data to Oct 20, 2026), at the rates assumed above: AI charges, subscription price not set"), labels.join(" | "));
  assert.ok(labels.includes("Credits consumed so far") && labels.includes("Unused so far"), labels.join(" | "));
  // One piece of advice for a cycle under way: the forecast's, on the green row too (never a
  // plan the forecast expects to run into overage marked best).
  const advice = /^On the usage so far \(data to Oct 20, 2026\); for the whole cycle at this rate the forecast recommends (\w+)\. /
    .exec(await page.textContent("#plans-basis"));
  assert.ok(advice, await page.textContent("#plans-basis"));
  assert.match(await page.textContent("#forecast > p:last-child"), new RegExp(`^At the projected usage \\([\\d,]+ credits\\) ${advice[1]}'s monthly credits`));
  assert.equal(await page.$eval("#plans tbody tr.best th", (th) => getComputedStyle(th, "::after").content), "\" ✓ recommended for the whole cycle (forecast)\"");
  assert.equal(await page.$eval("#plans tbody tr.best th", (th) => th.firstChild.textContent), advice[1]);
  assert.equal(await page.getAttribute("#billing-day", "placeholder"), "2 (from the data)");
  // Said by the page, in the words the API's reason gives, beside any other wrong setting.
  await page.fill("#thresholds", "75, 0");
  await page.waitForSelector("#thresholds-error");
  assert.equal(await page.textContent("#thresholds-error"), "Alert thresholds (% of allocation): enter a percentage over 0 and at most 1000");
  // The numbers of the last good settings are marked as not updated, never passed as current.
  assert.ok(await page.locator("#cards").evaluate((n) => n.closest("section").classList.contains("stale")));
  // Checked by the page before the engine, in words (a negative top-up is never ignored).
  await page.fill("#thresholds", "75, abc");
  assert.equal(await page.textContent("#thresholds-error"), "Alert thresholds (% of allocation): enter whole percentages separated by commas, such as 75, 90");
  await page.fill("#thresholds", "50, 75, 90");
  await page.fill("#topup", "-5");
  assert.equal(await page.textContent("#topup-error"), "Top-up credits: enter a whole number, 0 or more");
  assert.ok(await page.locator("#cards").evaluate((n) => n.closest("section").classList.contains("stale")));
  await page.fill("#topup", "0");
  await settled(page, "Priced 3 events");
  assert.equal(await page.locator(".field-error").count(), 0);
  assert.equal(await page.locator(".stale").count(), 0);
  // A bad file: the error by the file picker with its line and column; no number passes as current.
  const bad = join(dir, "broken.csv");
  writeFileSync(bad, "at,feature,messages\n2026-10-02T09:00:00Z,conversation,300\n2026-10-03T09:00:00Z,conversation,-4\n");
  await page.setInputFiles("#csv", bad);
  await page.waitForSelector("#csv-error");
  assert.equal(await page.textContent("#csv-error"), 'broken.csv: line 3, column 3 ("messages"): use a whole number, 0 or more (the cell holds “-4”)');
  // The page goes back to the file it showed before, and says so: never its numbers under the new name.
  await settled(page, "Priced 3 events");
  assert.equal(await page.textContent("#source"), "broken.csv could not be used (see the message by the file picker); still showing october.csv.");
  assert.equal((await cards(page))["Credits consumed"], count(cycle.consumedCredits));
  assert.equal(await page.locator(".stale").count(), 0);
  assert.equal(await page.textContent("#csv-error"), 'broken.csv: line 3, column 3 ("messages"): use a whole number, 0 or more (the cell holds “-4”)');
  // A timestamp without a zone (R4) is named by its row and column too.
  const zoneless = join(dir, "zoneless.csv");
  writeFileSync(zoneless, "at,feature\n2026-10-02 09:00:00,reviews\n");
  await page.setInputFiles("#csv", zoneless);
  await page.waitForFunction(() => document.getElementById("csv-error")?.textContent.startsWith("zoneless.csv"));
  assert.match(await page.textContent("#csv-error"), /^zoneless\.csv: line 2, column 1 \("at"\): a date-time needs a zone/);
  // A date as Excel shows it in much of Europe: the form it needs, and how to get it.
  assert.equal(await fileError(page, dir, "excel.csv", "at;feature\n01.11.2026 08:30;reviews\n"),
    'excel.csv: line 2, column 1 ("at"): “01.11.2026 08:30” is a date as a spreadsheet shows it; '
    + "it needs the form 2026-11-03, or 2026-11-03T09:00:00Z with its zone: load the export as it was downloaded, or format the column as text in that form");
  // A rate the book does not allow (R7), found when the row is priced: at its cell, in words.
  assert.equal(await fileError(page, dir, "rated.csv", "at,feature,seconds,creditsPerMinute\n2026-10-02T09:00:00Z,voice,60,5\n2026-10-03T09:00:00Z,voice,60,7\n"),
    'rated.csv: line 3, column 4 ("creditsPerMinute"): use a rate from 3 to 5 credits a minute (what Voice AI can cost), not 7');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});

test("dashboard: a top-up's mistakes are shown by the top-up's fields, never blamed on the file; the day on screen is the day used", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const file = join(dir, "october.csv");
  const csv = "at,feature,messages\n2026-10-02T09:00:00Z,conversation,300\n2026-10-20T09:00:00Z,conversation,2400\n";
  writeFileSync(file, csv);
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 2 events");
  // More credits than the engine counts exactly with Pro's 2,500: the top-up field says how many it may be; the file is fine.
  await page.fill("#topup", "9007199254740000");
  await page.waitForSelector("#topup-error");
  assert.equal(await page.textContent("#topup-error"), "Top-up credits: enter at most 9,007,199,254,738,491: with the plan's credits that is the most that can be counted exactly");
  assert.equal(await page.locator("#csv-error").count(), 0);
  assert.equal(await page.textContent("#source"), "Using october.csv.");
  // A day outside the data's cycles: the day field says which days it can be.
  await page.fill("#topup", "500");
  await settled(page, "Priced 2 events");
  await page.fill("#topup-day", "2027-05-01");
  await page.waitForSelector("#topup-day-error");
  assert.equal(await page.textContent("#topup-day-error"), "Top-up on: pick a day from Oct 2, 2026 to Nov 1, 2026, inside the cycle shown");
  assert.equal(await page.locator("#csv-error").count(), 0);
  // A top-up without its day is bought on the cycle's first day, and the field says so.
  await page.fill("#topup-day", "");
  await settled(page, "Priced 2 events");
  assert.equal(await page.inputValue("#topup-day"), "2026-10-02");
  assert.equal((await cards(page))["Included + top-ups"], "2,500 + 500");
  assert.equal(await page.locator(".stale").count(), 0);
  // A valid setting then at once an invalid one: the results say "not updated", never "updating" for good.
  await page.fill("#topup", "7");
  await page.fill("#topup", "2.5");
  await page.waitForFunction(() => document.getElementById("cards").closest("section").querySelector(".stale-note")?.textContent
    === "Not updated: correct “Top-up credits” (marked in red).");
  // Said once to a screen reader, not once a section.
  await page.waitForFunction(() => document.getElementById("announcer")?.textContent === "Not updated: correct “Top-up credits” (marked in red).");
  assert.equal(await page.locator("[role=status]:has-text('Not updated')").count(), 1);
  await page.fill("#topup", "0");
  await settled(page, "Priced 2 events");
  // With the hard cap on the bill has no overage (R16): the card says when AI pauses.
  await page.check("#hardcap");
  await settled(page, "Priced 2 events");
  const labels = await page.$$eval("#bill .card .label", (n) => n.map((x) => x.textContent));
  // Before the cycle's end the card is the run rate's projection, and says from which day.
  assert.ok(labels.includes("With the hard cap, AI pauses (at the rate before Oct 21, 2026)") && !labels.some((l) => l.startsWith("Projected")), labels.join(" | "));
  // The engine's words for a developer are said for a person: no code quotes.
  assert.equal(await fileError(page, dir, "sms.csv", "at,feature,messages\n2026-11-02T09:00:00Z,sms,4\n"),
    'sms.csv: line 2, column 2 ("feature"): "sms" is not one of conversation, voice, content, reviews, workflow');
  assert.deepEqual(errors, []);
});

test("dashboard: many agents, a 200-character name and a right-to-left one: the top agents and the rest as one bar, nothing wider than the page", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const long = `WWWWWWWWWWWWWWWW support ${"x".repeat(175)}`;
  const hebrew = "סוכן שירות 123";
  const names = [long, hebrew, ...Array.from({ length: 28 }, (_, i) => `Agent ${i + 1}`)];
  // The first two are the top spenders; all on one day (the used line is one point).
  const rows = ["at,feature,messages,agent", ...names.map((name, i) => `2026-11-02T10:00:00Z,conversation,${i < 2 ? 900 - i : 10 + i},"${name}"`),
    "2026-11-02T11:00:00Z,conversation,7,"]; // a message no agent sent
  const file = join(dir, "agents.csv");
  writeFileSync(file, `${rows.join("\n")}\n`);
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 31 events");
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, "no sideways scroll at 390 px");
  // 15 agents by name (a long one cut at its start, whole in its tooltip), the other 15 as
  // one bar, and what no agent sent: the panel adds up to the conversation credits.
  const bars = await texts(page, "#agents g > text");
  assert.equal(bars.length, 17);
  assert.equal(bars[16], "No agent named");
  assert.ok((await texts(page, "#agents text")).includes("7"));
  assert.ok(bars[0].endsWith("…") && long.startsWith(bars[0].slice(0, -1)), bars[0]);
  // Every name fits the label room left of the bars (wide letters cut sooner): none starts off the chart.
  const lefts = await page.$$eval("#agents g > text", (nodes) => nodes.map((n) => n.getBBox().x));
  assert.ok(lefts.every((x) => x >= 0), `label starts: ${lefts.join(", ")}`);
  assert.equal(bars[15], "15 other agents");
  // A screen reader hears every bar: the image's name carries the names and figures.
  assert.match(await page.getAttribute("#agents svg", "aria-label"), /^Credits by agent: .+; Agent 28, 39; .+; 15 other agents, 285; No agent named, 7$/);
  assert.equal(await page.textContent("#agents g > title"), long);
  // A customer's name is isolated in a sentence: its direction never takes the figures after it.
  const savings = await texts(page, "#insights li");
  assert.ok(savings.includes(`\u2068${hebrew}\u2069 used 899 credits.`), savings.join(" | "));
  // No GPT steps in this data: nothing is said about their size.
  assert.doesNotMatch(await page.textContent("#coverage"), /GPT step/);
  // One day of data: the used line is a point.
  assert.equal(await page.locator("#daily circle.series.point").count() >= 1, true);
  // Steps without a token count are charged short (R10): the page says how much more they could be.
  const steps = join(dir, "steps.csv");
  writeFileSync(steps, "at,feature,gptSteps,tokens\n2026-11-02T10:00:00Z,workflow,3,\n2026-11-03T10:00:00Z,workflow,2,500\n");
  await page.setInputFiles("#csv", steps);
  await settled(page, "Priced 2 events");
  assert.match(await page.textContent("#coverage"), /3 GPT steps have no token count in the data: charged at the short rate, 3 credits more if they were long\./);
  assert.doesNotMatch(await page.textContent("#coverage"), /no count/);
  // A blank count is charged as one (R5, R8, R9): the page says of how many rows it assumed that.
  const blanks = join(dir, "blanks.csv");
  writeFileSync(blanks, "at,feature,messages,kind,count\n2026-11-02T10:00:00Z,conversation,,,\n2026-11-02T11:00:00Z,content,,image,\n2026-11-02T12:00:00Z,conversation,3,,\n");
  await page.setInputFiles("#csv", blanks);
  await settled(page, "Priced 3 events");
  assert.match(await page.textContent("#coverage"),
    / 2 charged rows of this cycle give no count \(messages, or count for content and reviews\): each was charged as one, the rules' default\.$/);
  // Preview usage names agents but is not charged: nothing charged names an agent.
  const preview = join(dir, "preview.csv");
  writeFileSync(preview, "at,feature,messages,agent,mode\n2026-11-02T10:00:00Z,conversation,5,Ava,preview\n");
  await page.setInputFiles("#csv", preview);
  await settled(page, "Priced 1 event");
  assert.equal(await page.textContent("#agents"), "No charged usage names an agent this cycle.");
  assert.deepEqual(errors, []);
});

test("dashboard: a feature limit pauses its own feature, a top-up after the cap resumes AI: the chart's words say which", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  // R17: Voice AI at most 60 % of Pro's 2,500 credits.
  await page.fill("#limit-voice", "60");
  await settled(page, "Priced 3,000 events");
  const limited = calc.simulate({ plan: "pro", start: "2026-10-01", alertThresholds: [75, 90], featureLimits: { voice: { percent: 60 } }, events: sample }).cycles[0];
  assert.equal(limited.firstBlocked.reason, "featureLimit");
  const words = await texts(page, "#daily-events li");
  assert.ok(words.some((w) => w.startsWith("Voice AI paused from ") && w.includes("by its limit; other features carried on")), words.join(" | "));
  assert.ok(!words.some((w) => w.startsWith("The hard cap began pausing AI")), "not all AI");
  // R16: on Starter with the cap, a top-up bought after the pause resumes AI.
  await page.fill("#limit-voice", "");
  await page.selectOption("#plan", "starter");
  await page.check("#hardcap");
  await page.fill("#topup", "1000");
  await page.fill("#topup-day", "2026-10-20");
  await settled(page, "Priced 3,000 events");
  const resumed = await texts(page, "#daily-events li");
  assert.ok(resumed.some((w) => w.startsWith("The hard cap began pausing AI from ") && w.includes("an event needed more credits than were left")), resumed.join(" | "));
  // The top-up is the what-if: said as not bought.
  assert.ok(resumed.includes("The what-if top-up of 1,000 credits on Oct 20, 00:00 UTC (not bought) would have resumed AI."), resumed.join(" | "));
  assert.equal(await page.textContent("#cycles tr.selected th"), "Oct 1 – 31, 2026 (shown, with the what-if top-up)");
  // When the top-up's credits ran out too, the cap paused AI again: said as such, at the engine's moment.
  const events = withTopUp(sample, "2026-10-20", 1000);
  const capped = calc.simulate({ plan: "starter", start: "2026-10-01", hardCap: true, alertThresholds: [75, 90], events }).cycles[0];
  assert.equal(capped.pauses.filter((p) => p.reason === "hardCap").length, 2, "the sample outgrows the top-up");
  const again = capped.pauses[1];
  // The finished cycle's card says every pause and the top-up that ended it; AI stayed paused from the second.
  assert.equal(capped.capPausedAtEnd, true);
  assert.equal(capCard(await cards(page)),
    `from ${day(capped.pauses[0].at)} until the what-if top-up on Oct 20, 2026; again from ${day(again.at)}`);
  assert.ok(resumed.some((w) => w.startsWith(`The hard cap began pausing AI again from ${time.format(new Date(again.at))} UTC`)), resumed.join(" | "));
  // On the chart each marker is its number in that list, and no two labels print over each other.
  const labels = await page.$$eval("#daily .marker-label", (nodes) => nodes.map((n) => { const b = n.getBBox(); return [n.textContent, b.x, b.y, b.width, b.height]; }));
  assert.deepEqual(labels.map(([text]) => text).sort((a, b) => a - b), resumed.map((_, i) => String(i + 1)));
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1)) {
      const apart = a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1] || a[2] + a[4] <= b[2] || b[2] + b[4] <= a[2];
      assert.ok(apart, `labels ${a[0]} and ${b[0]} overlap`);
    }
  }
  // The list tells the cycle's story in time order: paused, resumed by the top-up, paused again.
  const at = (start) => resumed.findIndex((w) => w.startsWith(start));
  assert.ok(at("The hard cap began pausing AI from ") < at("The what-if top-up of 1,000") && at("The what-if top-up of 1,000") < at("The hard cap began pausing AI again"), resumed.join(" | "));
  assert.deepEqual(errors, []);
});

test("dashboard: a 500,000-event month runs in the worker with progress and never freezes the page", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  // Measure the longest gap between animation frames while the simulation runs.
  await page.evaluate(() => {
    window.frameGap = 0;
    let last = performance.now();
    const tick = (now) => { window.frameGap = Math.max(window.frameGap, now - last); last = now; window.ticking = requestAnimationFrame(tick); };
    window.ticking = requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.click("#large");
  await page.waitForFunction(() => !document.getElementById("progress").classList.contains("idle") && document.getElementById("progress").value > 0);
  const stage = await page.textContent("#stage");
  assert.ok(stage.length > 0, "a stage is shown with the progress bar");
  await settled(page, "Priced 500,000 events");
  const seconds = (Date.now() - started) / 1000;
  const gap = await page.evaluate(() => { cancelAnimationFrame(window.ticking); return window.frameGap; });
  console.log(`# 500,000 events: ${seconds.toFixed(1)} s end to end, longest frame gap ${gap.toFixed(0)} ms`);
  assert.ok(gap < 1000, `the page kept drawing frames (longest gap ${gap} ms)`);
  const consumed = (await cards(page))["Credits consumed"];
  assert.match(consumed, /^\d{1,3}(,\d{3})+$/);
  assert.deepEqual(errors, []);
});

test("dashboard: the .wasm is fetched once, gzipped, for the page and its worker; controls wait for the engine", async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const wasm = [];
  context.on("request", (request) => { if (request.url().includes(".wasm")) wasm.push(request); });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${ctx.server.url}app.html`);
  await settled(page, "Priced 3,000 events");
  assert.equal(wasm.length, 1, wasm.map((r) => r.url()).join(", "));
  const response = await wasm[0].response();
  assert.equal((await response.allHeaders())["content-encoding"], "gzip");
  assert.equal(await page.locator("[inert]").count(), 0, "usable once the engine is ready");
  assert.deepEqual(errors, []);
  await context.close();
});

test("dashboard: a two-month export whose first event is on the 15th: billing day 15, both cycles, numbers as simulate gives them", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const file = join(dir, "two-months.csv");
  const rows = ["at,feature,messages,seconds"];
  for (let day = 0; day < 60; day++) {
    const at = new Date(Date.UTC(2026, 10, 15 + day, 12)).toISOString().replace(".000", "");
    rows.push(`${at},conversation,${40 + day},`, `${at},voice,,${90 + day}`);
  }
  writeFileSync(file, `${rows.join("\n")}\n`);
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 120 events");
  assert.equal(await page.getAttribute("#billing-day", "placeholder"), "15 (from the data)");
  const scenario = { plan: "pro", start: "2026-11-15", cycles: 2, alertThresholds: [75, 90], events: billing.parseUsageCsv(rows.join("\n")) };
  const expected = calc.simulate(scenario).cycles;
  const table = await page.$$eval("#cycles tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(table, [
    ["Nov 15 – Dec 14, 2026", count(expected[0].consumedCredits), count(expected[0].overageCredits), money(expected[0].invoice.usageCharges)],
    ["Dec 15, 2026 – Jan 14, 2027 (data to Jan 13, 2027) (shown)", count(expected[1].consumedCredits), count(expected[1].overageCredits), money(expected[1].invoice.usageCharges)],
  ]);
  // The latest cycle is shown; picking the first shows its numbers, the top-up day moves with it.
  assert.equal((await cards(page))["Credits consumed"], count(expected[1].consumedCredits));
  await page.selectOption("#cycle", "0");
  await settled(page, "Priced 120 events");
  assert.equal((await cards(page))["Credits consumed"], count(expected[0].consumedCredits));
  assert.equal(await page.inputValue("#topup-day"), "2026-11-15");
  // The plan table is this cycle on every plan, on its usage alone (R24): a top-up bought
  // on the current plan changes the cards, not the comparison.
  const inFirst = scenario.events.filter((e) => Date.parse(e.at) < Date.parse("2026-12-15"));
  const firstOnEvery = calc.backtest({ ...scenario, cycles: 1, events: inFirst });
  const planCells = () => page.$$eval("#plans tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const shown = await planCells();
  assert.deepEqual(shown.map((r) => r[1]), firstOnEvery.plans.map((p) => money(p.overageCost)));
  await page.fill("#topup", "500");
  await settled(page, "Priced 120 events");
  assert.deepEqual(await planCells(), shown);
  assert.notEqual((await cards(page))["Included + top-ups"], "2,500 + 0");
  await page.fill("#topup", "0");
  await settled(page, "Priced 120 events");
  // Another billing day re-cuts the same events: the 1st gives three cycles (Nov, Dec, Jan).
  await page.fill("#billing-day", "1");
  await settled(page, "Priced 120 events");
  assert.equal(await page.locator("#cycles tbody tr").count(), 3);
  const cut = calc.simulate({ ...scenario, start: "2026-11-01", cycles: 3 }).cycles;
  assert.equal((await cards(page))["Credits consumed"], count(cut[2].consumedCredits));
  await page.fill("#billing-day", "40");
  assert.equal(await page.textContent("#billing-day-error"), "Billing day: enter at most 31");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});

test("dashboard: billing day 31 (R4): the cycle from Feb 28 runs to Mar 31 in the plan table and the forecast too", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const file = join(dir, "billing-day-31.csv");
  // From Jan 31 (the billing day) to Mar 30: a usage day in the February cycle's last days.
  const rows = ["at,feature,messages", "2026-01-31T10:00:00Z,conversation,100", "2026-03-10T10:00:00Z,conversation,1800",
    "2026-03-30T10:00:00Z,conversation,1200"];
  writeFileSync(file, `${rows.join("\n")}\n`);
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 3 events");
  assert.equal(await page.getAttribute("#billing-day", "placeholder"), "31 (from the data)");
  const events = billing.parseUsageCsv(rows.join("\n"));
  const cycles = calc.simulate({ plan: "pro", start: "2026-01-31", cycles: 2, alertThresholds: [75, 90], events }).cycles;
  assert.deepEqual([cycles[1].start, cycles[1].end, cycles[1].consumedCredits], ["2026-02-28", "2026-03-31", 3000]);
  // Pro's 2,500 credits: 500 over in the February cycle, Mar 30 included, on every plan.
  const inCycle = events.filter((e) => Date.parse(e.at) >= Date.parse("2026-02-28"));
  const onEvery = calc.backtest({ plan: "pro", start: "2026-02-28", billingDay: 31, alertThresholds: [75, 90], events: inCycle });
  assert.equal(onEvery.plans[1].overageCredits, 500);
  const plans = await page.$$eval("#plans tbody tr", (trs) => trs.map((tr) => tr.cells[1].textContent));
  assert.deepEqual(plans, onEvery.plans.map((p) => money(p.overageCost)));
  // The data runs past the cycle's 29th day: the forecast is the cycle's actual figures.
  assert.ok((await page.textContent("#forecast")).startsWith("In the whole cycle: 3,000 credits used."));
  assert.deepEqual(errors, []);
});

test("dashboard: the chart tells the cycle's story: used, available with top-ups, the forecast, alert markers at the API's times", async () => {
  const { page, errors } = await sampleWithWhatIf();
  const scenario = { plan: "pro", start: "2026-10-01", alertThresholds: [75, 90], events: [] };
  const topped = withTopUp(sample, "2026-10-20", 400);
  const at = topped.findIndex((e) => e.topUp);
  const cycle = calc.simulate({ ...scenario, events: topped }).cycles[0];
  // One numbered marker per alert, its words the list's (no tab stop inside the chart); its event
  // number counts the data's events (the what-if top-up, at index `at`, is not one).
  const nth = (e) => count((e > at ? e - 1 : e) + 1);
  const markers = await page.$$eval("#daily .marker", (g) => g.map((n) => [n.querySelector("text").textContent, n.getAttribute("tabindex")]));
  assert.deepEqual(markers, cycle.alerts.map((a, k) => [String(k + 1), null]));
  // The markers' words are in text under the chart too, for keyboard and screen-reader users.
  assert.deepEqual(await texts(page, "#daily-events li"), cycle.alerts.map((a) => `${a.threshold}% alert fired ${time.format(new Date(a.at))} UTC (event ${nth(a.event)} in time order).`));
  // The month is over: two lines, used and allocation + top-ups (a step up of 400 on the 20th).
  const legend = () => page.$$eval("#daily .legend text", (t) => t.map((n) => n.textContent));
  assert.deepEqual((await legend()).slice(0, 2), ["Credits used", "Allocation + top-ups"]);
  const tips = await chartTips(page);
  assert.ok(tips.includes("Allocation + top-ups, Oct 19: 2,500") && tips.includes("Allocation + top-ups, Oct 20: 2,900"), tips.slice(31, 62).join(" | "));
  // Every day label is inside the chart, the last one too ("Oct 31" used to run past the edge).
  const ticks = await page.$eval("#daily svg", (svg) => ({ width: svg.viewBox.baseVal.width,
    boxes: [...svg.querySelectorAll("text.tick")].map((t) => t.getBBox()).map((b) => [b.x, b.x + b.width]) }));
  assert.ok(ticks.boxes.every(([left, right]) => left >= 0 && right <= ticks.width), JSON.stringify(ticks));
  // The step rises where Oct 20 begins, halfway between the ticks of the 19th and the 20th, never on the 19th's.
  const step = await page.$eval("#daily svg", (svg) => {
    const cx = (tip) => Number([...svg.querySelectorAll("circle.hover-point")].find((d) => d.textContent === tip).getAttribute("cx"));
    const rises = [...svg.querySelectorAll("polyline.series")].flatMap((line) => {
      const points = line.getAttribute("points").split(" ").map((p) => p.split(",").map(Number));
      return points.slice(1).filter(([x, y], k) => x === points[k][0] && y !== points[k][1]).map(([x]) => x);
    });
    return { rises, from: cx("Allocation + top-ups, Oct 19: 2,500"), to: cx("Allocation + top-ups, Oct 20: 2,900") };
  });
  assert.deepEqual(step.rises.map((x) => Math.round(x * 10)), [Math.round(((step.from + step.to) / 2) * 10)], JSON.stringify(step));
  assert.equal(await page.locator("#daily polyline.dashed").count(), 0, "no forecast for a cycle that is over");
  // From a day inside it, the dashed forecast runs from that day to the cycle's end.
  await page.fill("#asof", "2026-10-15");
  await settled(page, "Priced 3,000 events");
  assert.deepEqual((await legend()).slice(0, 3), ["Credits used", "Allocation + top-ups", "Forecast"]);
  assert.equal(await page.locator("#daily polyline.dashed").count(), 1);
  // Alert lines in the legend ascend as alerts fire (R14), whatever order they were typed in.
  await page.fill("#thresholds", "90, 50");
  await page.waitForFunction(() => [...document.querySelectorAll("#daily .legend text")].some((t) => t.textContent === "50% alert"));
  assert.deepEqual((await legend()).filter((name) => name.endsWith("alert")), ["50% alert", "90% alert"]);
  await page.fill("#thresholds", "75, 90");
  await page.fill("#asof", "");
  await settled(page, "Priced 3,000 events");
  // With the hard cap on, a marker shows when AI was paused, at the API's time.
  await page.check("#hardcap");
  await settled(page, "Priced 3,000 events");
  const capped = calc.simulate({ ...scenario, hardCap: true, events: topped }).cycles[0];
  assert.equal(capped.firstBlocked.reason, "hardCap");
  const paused = await page.$$eval("#daily .marker", (g) => g.map((n) => n.querySelector("title").textContent).filter((l) => l.startsWith("The hard cap began pausing AI")));
  // Each pause: the first, and again once the top-up that resumed AI ran out too (R16).
  assert.deepEqual(paused, capped.pauses.map((p, i) => `The hard cap began pausing AI${i > 0 ? " again" : ""} from ${time.format(new Date(p.at))} UTC: `
    + `an event needed more credits than were left (event ${nth(p.event)} in time order)`));
  assert.equal(capped.pauses[0].at, capped.firstBlocked.at);
  // A top-up bought before the alerts: their numbers still count the data's events alone.
  await page.fill("#topup-day", "2026-10-02");
  await settled(page, "Priced 3,000 events");
  const early = withTopUp(sample, "2026-10-02", 400);
  const at2 = early.findIndex((e) => e.topUp);
  const shifted = calc.simulate({ ...scenario, hardCap: true, events: early }).cycles[0];
  assert.ok(shifted.alerts.length > 0 && shifted.alerts.every((a) => a.event > at2), "alerts after the top-up");
  const alertLabels = await page.$$eval("#daily .marker", (g) => g.map((n) => n.querySelector("title").textContent).filter((l) => l.includes("alert")));
  assert.deepEqual(alertLabels, shifted.alerts.map((a) => `${a.threshold}% alert fired ${time.format(new Date(a.at))} UTC (event ${count(a.event)} in time order)`));
  await page.fill("#topup-day", "2026-10-20");
  await settled(page, "Priced 3,000 events");
  await page.uncheck("#hardcap");
  await settled(page, "Priced 3,000 events");
  // The cycle's invoice as CSV, with the exact amounts.
  // While a setting is wrong nothing is exported, and the button says so beside it.
  await page.fill("#thresholds", "75, abc");
  await page.waitForSelector("#thresholds-error");
  await page.click("#export-invoice");
  assert.equal(await page.textContent("#export-status"), "Not exported: the invoice on screen does not match the settings yet (see the note above it).");
  await page.fill("#thresholds", "75, 90");
  await settled(page, "Priced 3,000 events");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-invoice")]);
  const csv = csvDownloaded(await download.path()).trim().split("\n");
  assert.equal(download.suggestedFilename(), "hoopai-invoice-2026-10-01.csv");
  assert.match(await page.textContent("#export-status"), /^Exported the invoice for Oct 1 – 31, 2026\.$/);
  // The what-if top-up's line says it was not bought, and its day in the page's words.
  assert.deepEqual(cycle.invoice.lines.filter((l) => l.kind === "topUp").map((l) => l.at), ["2026-10-20"], "the one top-up is the what-if");
  const line = (l) => (l.kind === "topUp" ? '"Top-up credits bought Oct 20, 2026 (what-if, not bought)"' : l.description);
  assert.deepEqual(csv, ["Line,Quantity,Unit price,Amount", ...cycle.invoice.lines.map((l) => [line(l), l.quantity, l.unitPrice, l.amount].join(",")),
    `AI charges,,,${cycle.invoice.usageCharges}`, "Total,,,not known (subscription price not set)",
    "", "Plan,Pro", 'Cycle,"2026-10-01 to 2026-11-01 (exclusive, UTC)"']);
  assert.deepEqual(errors, []);
});

test("dashboard: a 1,000,000-row export streams into the engine with progress; its numbers are the API's on the same file", async () => {
  const { bigExport } = await import(join(root, "scripts/big-export.mjs"));
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const file = join(dir, "big.csv");
  const text = bigExport(1_000_000);
  writeFileSync(file, text);
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  // Every stage the page shows while it works, sampled each frame.
  await page.evaluate(() => {
    window.stages = new Set();
    const tick = () => { window.stages.add(document.getElementById("stage").textContent); window.ticking = requestAnimationFrame(tick); };
    window.ticking = requestAnimationFrame(tick);
  });
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 1,000,000 events");
  const stages = await page.evaluate(() => { cancelAnimationFrame(window.ticking); return [...window.stages]; });
  assert.ok(stages.some((s) => /^Reading big\.csv: \d+% \([\d,]+ rows\)…$/.test(s)), `the read's progress is shown: ${stages.join(" | ")}`);
  // The same numbers as the package gives for the same file, billing day 15 (its first row's).
  const { Calculator, UsageLog } = await import(join(root, "pkg/node/index.mjs"));
  const log = UsageLog.fromCsv(text);
  const sim = new Calculator().simulate({ plan: "pro", start: "2026-11-15", cycles: 2, alertThresholds: [75, 90] }, log);
  log.free();
  const last = sim.cycles[1];
  const shown = await cards(page);
  assert.equal(shown["Credits consumed"], count(last.consumedCredits));
  assert.equal(shown["Overage credits"], count(last.overageCredits));
  const rows = await page.$$eval("#cycles tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[1]), sim.cycles.map((c) => count(c.consumedCredits)));
  assert.deepEqual(errors, []);
});

test("dashboard: a file chosen while another is read replaces it; the first is never shown", async () => {
  const { bigExport } = await import(join(root, "scripts/big-export.mjs"));
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const big = join(dir, "big.csv");
  writeFileSync(big, bigExport(300_000));
  const small = join(dir, "small.csv");
  const csv = "at,feature,messages\n2026-10-02T09:00:00Z,conversation,300\n2026-10-03T09:00:00Z,conversation,40\n";
  writeFileSync(small, csv);
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  await page.setInputFiles("#csv", big);
  await page.waitForFunction(() => document.getElementById("stage").textContent.startsWith("Reading big.csv"));
  await page.setInputFiles("#csv", small);
  await settled(page, "Priced 2 events");
  assert.equal(await page.textContent("#source"), "Using small.csv.");
  const cycle = calc.simulate({ plan: "pro", start: "2026-10-02", events: billing.parseUsageCsv(csv) }).cycles[0];
  assert.equal((await cards(page))["Credits consumed"], count(cycle.consumedCredits));
  assert.equal(await page.locator(".stale").count(), 0);
  assert.deepEqual(errors, []);
});

test("dashboard: exports a customer might pick by mistake are the file's problem, never the old numbers under its name", async () => {
  const write = csvWriter();
  const good = write("good.csv", "at,feature,messages\n2026-11-02T09:00:00Z,conversation,300\n2026-11-20T09:00:00Z,conversation,200\n");
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  await page.setInputFiles("#csv", good);
  await settled(page, "Priced 2 events");
  // "As of" is where the data ends: the day after its last event, inside the cycle.
  assert.ok((await cards(page))["Credits left on Nov 21, 2026"], "the bill is as of the data's last day");
  const cases = [
    ["header-only.csv", "at,feature,messages\n\n", "header-only.csv: has a header and no rows: nothing to show"],
    // Semicolons are read (below); a decimal comma in them is no number, said at its cell.
    ["semicolon.csv", "at;feature;seconds\n2026-11-02T09:00:00Z;voice;135,5\n",
      'semicolon.csv: line 2, column 3 ("seconds"): use a number in digits, 0 or more, without commas or units, such as 135.5 (the cell holds “135,5”)'],
    // A row too large to forecast exactly from where the data ends: the file's, in words.
    ["huge.csv", "at,feature,messages\n2026-11-02T09:00:00Z,conversation,9007199254740991\n",
      "huge.csv: at its run rate the cycle's usage passes 9,007,199,254,740,991 credits, the most that can be counted exactly, so it cannot be forecast; check the counts in the file"],
  ];
  for (const [name, text, message] of cases) {
    await page.setInputFiles("#csv", write(name, text));
    await page.waitForFunction((n) => document.getElementById("csv-error")?.textContent.startsWith(n), name);
    await settled(page, "Priced 2 events");
    const shown = await page.textContent("#csv-error");
    if (message instanceof RegExp) assert.match(shown, message);
    else assert.equal(shown, message);
    assert.equal(await page.textContent("#source"), `${name} could not be used (see the message by the file picker); still showing good.csv.`);
    assert.equal(await page.locator(".stale").count(), 0, `${name}: the numbers shown are good.csv's, current`);
    assert.equal(await page.inputValue("#csv"), "", "the picker no longer names the file that is not shown");
    // The message fits the phone's width.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: no sideways scroll`);
  }
  // Excel's CSV where the decimal mark is a comma (much of Europe): semicolons, a byte-order
  // mark and CRLF; read as the same usage as good.csv.
  await page.setInputFiles("#csv", write("european.csv", "\uFEFFat;feature;messages\r\n2026-11-02T09:00:00Z;conversation;300\r\n2026-11-20T09:00:00Z;conversation;200\r\n"));
  await page.waitForFunction(() => document.getElementById("source").textContent === "Using european.csv.");
  await settled(page, "Priced 2 events");
  assert.equal((await cards(page))["Credits consumed"], "500");
  assert.equal(await page.locator("#csv-error").count(), 0);
  // Until a new file is read, the line says so and whose figures are on screen ("Using" once read).
  const picked = await page.evaluate(() => {
    const input = document.getElementById("csv");
    const files = new DataTransfer();
    files.items.add(new File(["at,feature,messages\n2026-11-03T09:00:00Z,conversation,7\n"], "next.csv"));
    input.files = files.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    return document.getElementById("source").textContent;
  });
  assert.equal(picked, "Reading next.csv… The figures below are european.csv's until it is read.");
  await page.waitForFunction(() => document.getElementById("source").textContent === "Using next.csv.");
  assert.deepEqual(errors, []);
});

test("dashboard: back from another page lands on a consistent page, not the last file's dates on the sample", async () => {
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const file = join(dir, "november.csv");
  writeFileSync(file, "at,feature,messages\n2026-11-02T09:00:00Z,conversation,300\n2026-11-20T09:00:00Z,conversation,200\n");
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 2 events");
  await page.click("text=Pricing estimator");
  await page.waitForSelector("#plans tbody tr");
  await page.goBack();
  await page.waitForFunction(() => document.getElementById("stage")?.textContent.startsWith("Priced")
    && document.getElementById("progress").classList.contains("idle"), null, { timeout: 60_000 });
  assert.equal(await page.locator(".field-error").count(), 0);
  assert.equal(await page.locator(".stale").count(), 0);
  const source = await page.textContent("#source");
  const picked = await page.inputValue("#csv");
  assert.ok(source === "Using the sample month." ? picked === "" : source.includes("november.csv"), `${source} / ${picked}`);
  // A reload keeps the settings that do not depend on the data, and says which file to pick again.
  await page.selectOption("#plan", "starter");
  await page.check("#hardcap");
  await page.selectOption("#limit-voice-unit", "credits");
  await page.fill("#limit-voice", "40");
  await page.fill("#thresholds", "50, 75");
  await page.fill("#billing-day", "1");
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 2 events");
  assert.equal(await page.inputValue("#billing-day"), "1", "a file picked keeps the billing day typed");
  assert.equal(await page.textContent("#source"), "Using november.csv. Its cycles start on day 1, the billing day typed; clear that field to take the day from the file.");
  // The line follows the field: another day, then none.
  await page.fill("#billing-day", "2");
  await settled(page, "Priced 2 events");
  assert.match(await page.textContent("#source"), /Its cycles start on day 2, the billing day typed/);
  await page.fill("#billing-day", "");
  await settled(page, "Priced 2 events");
  assert.equal(await page.textContent("#source"), "Using november.csv.");
  await page.fill("#billing-day", "1");
  await settled(page, "Priced 2 events");
  // A what-if top-up is the file's cycles': not kept, but said to be gone.
  await page.fill("#topup", "300");
  await page.fill("#topup-day", "2026-11-15");
  await settled(page, "Priced 2 events");
  await page.reload();
  await page.waitForFunction(() => document.getElementById("stage")?.textContent.startsWith("Priced 3,000")
    && document.getElementById("progress").classList.contains("idle"), null, { timeout: 60_000 });
  assert.deepEqual([await page.inputValue("#plan"), await page.isChecked("#hardcap"), await page.inputValue("#limit-voice"),
    await page.inputValue("#limit-voice-unit"), await page.inputValue("#thresholds"), await page.inputValue("#billing-day")], ["starter", true, "40", "credits", "50, 75", "1"]);
  assert.equal(await page.textContent("#source"), "Your plan, billing day, alerts, hard cap, preview and limits are back, but not november.csv: a page cannot keep a file once you leave it. "
    + "Pick it again to see its numbers; meanwhile this is the sample month. The what-if top-up of 300 credits on Nov 15, 2026 was for its cycles: type it again once the file is back.");
  // The numbers are the restored settings' own.
  const cycle = calc.simulate({ plan: "starter", start: "2026-10-01", hardCap: true, alertThresholds: [50, 75],
    featureLimits: { voice: { credits: 40 } }, events: sample }).cycles[0];
  assert.equal((await cards(page))["Credits consumed"], count(cycle.consumedCredits));
  assert.deepEqual(errors, []);
});

test("dashboard: limits on several features at once, each in a share or in credits (R17)", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  await page.fill("#limit-voice", "20");
  await page.selectOption("#limit-workflow-unit", "credits");
  await page.fill("#limit-workflow", "150");
  await settled(page, "Priced 3,000 events");
  const featureLimits = { voice: { percent: 20 }, workflow: { credits: 150 } };
  const limited = calc.simulate({ plan: "pro", start: "2026-10-01", alertThresholds: [75, 90], featureLimits, events: sample }).cycles[0];
  const voiceAlone = calc.simulate({ plan: "pro", start: "2026-10-01", alertThresholds: [75, 90], featureLimits: { voice: { percent: 20 } }, events: sample }).cycles[0];
  // Both limits hold: Voice AI at most 500 credits, Workflow AI at most 150.
  assert.ok(limited.byFeature.voice <= 500 && limited.byFeature.workflow <= 150, JSON.stringify(limited.byFeature));
  assert.ok(limited.blocked.featureLimit > voiceAlone.blocked.featureLimit, "the second limit blocks more");
  assert.equal((await cards(page))["Blocked (paused)"], `${count(limited.blocked.credits)} credits in ${count(limited.blocked.events)} events`);
  const feature = { workflow: "Workflow AI", voice: "Voice AI" }[limited.firstBlocked.feature];
  assert.ok((await texts(page, "#daily-events li")).some((w) => w.startsWith(`${feature} paused from `)));
  // Blank is no limit again.
  await page.fill("#limit-workflow", "");
  await settled(page, "Priced 3,000 events");
  assert.equal((await cards(page))["Blocked (paused)"], `${count(voiceAlone.blocked.credits)} credits in ${count(voiceAlone.blocked.events)} events`);
  // Past 100 is fine in credits, not as a share; the error says the feature and the unit.
  await page.selectOption("#limit-voice-unit", "credits");
  await page.fill("#limit-voice", "5000");
  await settled(page, "Priced 3,000 events");
  await page.selectOption("#limit-voice-unit", "percent");
  await page.waitForSelector("#limit-voice-error");
  assert.equal(await page.textContent("#limit-voice-error"), "Voice AI limit (% of allocation): enter at most 100");
  assert.equal(await page.locator("#cards").evaluate((n) => n.closest("section").classList.contains("stale")), true);
  await page.fill("#limit-voice", "-1");
  await page.waitForFunction(() => document.getElementById("limit-voice-error")?.textContent.includes("0 or more"));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});

test("dashboard: the forecast stops a limited feature at its limit (R17), and says which alerts a hard cap rules out (R16)", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  await page.fill("#asof", "2026-10-10");
  await page.fill("#thresholds", "75, 90, 120");
  await page.fill("#limit-voice", "20");
  await settled(page, "Priced 3,000 events");
  const featureLimits = { voice: { percent: 20 } };
  const scenario = { plan: "pro", start: "2026-10-01", alertThresholds: [75, 90, 120], featureLimits, events: sample };
  const tenth = calc.simulate({ ...scenario, until: "2026-10-10" }).cycles[0];
  const input = { plan: "pro", cycleStart: "2026-10-01", asOf: "2026-10-10", usedByFeature: tenth.byFeature, alertThresholds: [75, 90, 120] };
  const limited = calc.forecast({ ...input, featureLimits });
  const unlimited = calc.forecast(input);
  assert.ok(limited.projectedByFeature.voice === 500 && unlimited.projectedByFeature.voice > 500, "the limit changes the forecast");
  const words = await page.textContent("#forecast");
  assert.ok(words.includes(`at that rate the cycle ends at ${count(limited.projectedCredits)} credits (Voice AI stopping at its limit).`), words);
  assert.ok(words.includes(limited.runOutDate ? `Credits run out on ${day(limited.runOutDate)}.` : "The credits last the whole cycle."), words);
  assert.equal((await cards(page))["Projected AI charges at the cycle's end (rate to Oct 10, 2026, at the rates assumed above)"], money(limited.bill.usageCharges));
  // R16: with the cap, consumption stops at the credits available: a 120 % alert never fires.
  await page.check("#hardcap");
  await settled(page, "Priced 3,000 events");
  const alerts = await texts(page, "#forecast li");
  assert.equal(alerts.at(-1), "120% alert: not with the hard cap (it pauses AI at 2,500 credits)");
  // Once the cap has paused AI, the usage without it is said to keep the limits; an alert the
  // usage passed but the capped credits cannot reach is still ruled out.
  await page.fill("#asof", "2026-10-25");
  await settled(page, "Priced 3,000 events");
  assert.deepEqual(await texts(page, "#forecast li"), ["75% alert: already reached", "90% alert: already reached",
    "120% alert: not with the hard cap (it pauses AI at 2,500 credits)"]);
  assert.match(await page.textContent("#forecast"), /paused by the hard cap.* Without the cap \(the limits still applying\) the usage so far is /);
  assert.deepEqual(errors, []);
});

test("dashboard: a cycle the data covers in part says so in the table and the forecast; every wrong setting at once; a cell's error fits its column", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const partial = join(dir, "partial.csv");
  const rows = Array.from({ length: 10 }, (_, i) => `2026-11-${String(3 + i).padStart(2, "0")}T10:00:00Z,conversation,100`);
  writeFileSync(partial, `at,feature,messages\n${rows.join("\n")}\n`);
  await page.setInputFiles("#csv", partial);
  await settled(page, "Priced 10 events");
  await page.fill("#billing-day", "1");
  await settled(page, "Priced 10 events");
  const cycleRow = (await page.$$eval("#cycles tbody th", (ths) => ths.map((th) => th.textContent)))[0];
  assert.equal(cycleRow, "Nov 1 – 30, 2026 (data from Nov 3, 2026) (data to Nov 12, 2026) (shown)");
  const hints = await texts(page, "#forecast p.hint");
  assert.ok(hints.includes("The data starts on Nov 3, 2026, after the cycle does: the days before it count as no usage in this rate."), hints.join(" | "));
  // The invoice file says where the data starts and ends, as the page does.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-invoice")]);
  const tail = csvDownloaded(await download.path()).trim().split("\n").slice(-2);
  assert.deepEqual(tail, ["Data from,\"2026-11-03: usage before it, after the cycle's start, is not in these lines\"",
    "Data to,2026-11-12: the lines so far; the invoice is issued at the cycle's end"]);
  // Three wrong settings: three errors at once, each at its field.
  await page.fill("#thresholds", "75,,90x");
  await page.fill("#limit-voice", "150");
  await page.fill("#limit-content", "-3");
  await page.waitForSelector("#limit-content-error");
  assert.deepEqual(await texts(page, "#settings .field-error"), [
    "Alert thresholds (% of allocation): enter whole percentages separated by commas, such as 75, 90",
    "Voice AI limit (% of allocation): enter at most 100",
    "Content AI limit (% of allocation): enter a whole number, 0 or more",
  ]);
  // Checks the engine would make one at a time are the page's too: all at once.
  await page.fill("#thresholds", "75, 75");
  await page.fill("#asof", "2026-12-15");
  await page.waitForSelector("#asof-error");
  assert.deepEqual(await texts(page, "#settings .field-error"), [
    "Alert thresholds (% of allocation): enter each threshold once (75 is there twice)",
    "Forecast as of (start of day, UTC): pick a day from Nov 2, 2026 to Dec 1, 2026: the forecast is as of the start of that day (UTC)",
    "Voice AI limit (% of allocation): enter at most 100",
    "Content AI limit (% of allocation): enter a whole number, 0 or more",
  ]);
  await page.fill("#asof", "");
  for (const [id, value] of [["#thresholds", "75, 90"], ["#limit-voice", ""], ["#limit-content", ""]]) await page.fill(id, value);
  await settled(page, "Priced 10 events");
  // A count written "1,000" is told how to write a count, not a price.
  const commas = join(dir, "commas.csv");
  writeFileSync(commas, 'at,feature,messages\n2026-11-03T10:00:00Z,conversation,"1,000"\n');
  await page.setInputFiles("#csv", commas);
  await page.waitForSelector("#csv-error");
  assert.equal(await page.textContent("#csv-error"),
    'commas.csv: line 2, column 3 ("messages"): use a whole number in digits, 0 or more, without commas or units, such as 1000 (the cell holds “1,000”)');
  assert.deepEqual(errors, []);
});

test("dashboard: with the hard cap, a top-up after the pause makes room again in the forecast (R16); one bought on the forecast's day counts", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  await page.selectOption("#plan", "starter");
  await page.check("#hardcap");
  await page.fill("#topup", "300");
  await page.fill("#topup-day", "2026-10-20");
  await page.fill("#asof", "2026-10-21");
  await settled(page, "Priced 3,000 events");
  const events = withTopUp(sample, "2026-10-20", 300);
  const scenario = { plan: "starter", start: "2026-10-01", alertThresholds: [75, 90], events };
  const forecastOn = (asOf) => {
    const usage = calc.simulate({ ...scenario, until: asOf }).cycles[0];
    const charged = calc.simulate({ ...scenario, hardCap: true, until: asOf }).cycles[0];
    const bought = asOf === "2026-10-20" ? 300 : 0; // the what-if bought at the forecast's moment itself
    const f = calc.forecast({ plan: "starter", cycleStart: "2026-10-01", asOf, usedByFeature: usage.byFeature, alertThresholds: [75, 90],
      topUpCredits: usage.topUpCredits + bought, consumedCredits: charged.consumedCredits });
    return { f, left: charged.expiredCredits + bought };
  };
  let { f, left } = forecastOn("2026-10-21");
  assert.equal(f.exhausted, false, "the top-up made room: AI is not paused on the 21st");
  let shown = await cards(page);
  assert.equal(shown["Credits left on Oct 21, 2026"], count(left));
  assert.equal(capCard(shown), f.runOutDate ? day(f.runOutDate) : "not this cycle");
  assert.doesNotMatch(await page.textContent("#forecast"), /already run out/);
  // The top-up bought on the forecast's day itself is counted, not "after this day".
  await page.fill("#asof", "2026-10-20");
  await settled(page, "Priced 3,000 events");
  ({ f, left } = forecastOn("2026-10-20"));
  shown = await cards(page);
  // (The top-up is the what-if: the card and the forecast say it is in the credits.)
  assert.equal(shown["Credits left on Oct 20, 2026, with the what-if top-up"], count(left));
  assert.ok(left >= 300, `${left}`);
  assert.doesNotMatch(await page.textContent("#forecast"), /comes after this day/);
  assert.ok((await texts(page, "#forecast .hint")).includes("The what-if top-up of 300 credits (not bought) is bought at the start of this day: it is in these credits."));
  assert.deepEqual(errors, []);
});

test("dashboard: under the hard cap the savings say how much of what was held back they make room for; the invoice marks a what-if top-up", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  await page.check("#hardcap");
  await settled(page, "Priced 3,000 events");
  const cycle = calc.simulate({ plan: "pro", start: "2026-10-01", hardCap: true, alertThresholds: [75, 90], events: sample }).cycles[0];
  const i = cycle.insights;
  const saved = i.voiceRounding.credits + i.longWorkflowSteps.extraCredits + i.testTraffic.credits;
  assert.ok(saved < cycle.blocked.hardCapCredits, "the sample's savings are less than what the cap held back");
  const items = await texts(page, "#insights li");
  assert.ok(items.includes(`This cycle had no overage, but the hard cap paused ${count(cycle.blocked.hardCap)} events: these savings would have made `
    + `room for ${count(saved)} credits of the ${count(cycle.blocked.hardCapCredits)} credits held back.`), items.join(" | "));
  // The token boundary is the book's, said in words.
  assert.ok(items.some((t) => t.startsWith(`Long workflow steps: ${count(i.longWorkflowSteps.steps)} GPT steps over 1,000 prompt and output tokens cost`)), items.join(" | "));
  await page.fill("#topup", "300");
  await page.fill("#topup-day", "2026-10-20");
  await settled(page, "Priced 3,000 events");
  const lines = await page.$$eval("#invoice tbody th", (ths) => ths.map((th) => th.textContent));
  assert.ok(lines.includes("Top-up credits bought Oct 20, 2026 (what-if, not bought)"), lines.join(" | "));
  assert.deepEqual(errors, []);
});

test("dashboard: under the cap a top-up too small to serve anything leaves AI paused; overage before a top-up stays in the projected bill (R16, R18)", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  // 450 messages over Nov 1-10, then a 10-minute call (40 credits) a day, Nov 11-20.
  const rows = [...Array.from({ length: 10 }, (_, d) => `2026-11-${String(d + 1).padStart(2, "0")}T09:00:00Z,conversation,45,`),
    ...Array.from({ length: 10 }, (_, d) => `2026-11-${String(d + 11).padStart(2, "0")}T12:00:00Z,voice,,600`)];
  const file = join(dir, "calls.csv");
  writeFileSync(file, `at,feature,messages,seconds\n${rows.join("\n")}\n`);
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 20 events");
  await page.selectOption("#plan", "starter");
  await page.check("#hardcap");
  await page.fill("#topup", "20");
  await page.fill("#topup-day", "2026-11-14");
  await page.fill("#asof", "2026-11-16");
  await settled(page, "Priced 20 events");
  const events = withTopUp(billing.parseUsageCsv(`at,feature,messages,seconds\n${rows.join("\n")}\n`), "2026-11-14", 20);
  const capped = calc.simulate({ plan: "starter", start: "2026-11-01", hardCap: true, alertThresholds: [75, 90], events }).cycles[0];
  assert.deepEqual(capped.topUps.map((t) => t.resumedAi), [false], "20 credits serve no 40-credit call");
  assert.equal(capCard(await cards(page)), "already, for events past the credits left");
  assert.match(await page.textContent("#forecast"), /The hard cap has begun pausing AI: an event that needs more than the \d+ credits left is refused/);
  // Without the cap: the 30 credits over before a 1,000-credit top-up stay overage (R18),
  // though the run rate (1,275 credits) stays under the 1,500 available.
  await page.uncheck("#hardcap");
  await page.fill("#topup", "1000");
  await page.fill("#topup-day", "2026-11-13");
  await page.fill("#asof", "2026-11-21");
  await settled(page, "Priced 20 events");
  const shown = await cards(page);
  const soFar = Number(Object.entries(shown).find(([label]) => label.startsWith("Invoice"))[1].replace(/[$,]/g, ""));
  const projected = Number(shown["Projected AI charges at the cycle's end (rate to Nov 21, 2026, at the rates assumed above)"].replace(/[$,]/g, ""));
  assert.equal(soFar, 30.9, "30 overage credits at $0.03 and the top-up's $30.00");
  assert.match(await page.textContent("#forecast"), /the 30 credits of overage before them stay on the bill/);
  assert.ok(projected >= soFar, `projected ${projected} is at least the ${soFar} already run up`);
  assert.deepEqual(errors, []);
});

test("dashboard: a finished cycle under the cap tells its pauses and resumes as they happened; a coming cap says it refuses the rest", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  await page.selectOption("#plan", "starter");
  await page.check("#hardcap");
  await page.fill("#topup", "3000");
  await page.fill("#topup-day", "2026-10-20");
  await settled(page, "Priced 3,000 events");
  const events = withTopUp(sample, "2026-10-20", 3000);
  const c = calc.simulate({ plan: "starter", start: "2026-10-01", hardCap: true, alertThresholds: [75, 90], events }).cycles[0];
  assert.deepEqual([c.pauses.filter((p) => p.reason === "hardCap").length, c.topUps[0].resumedAi, c.capPausedAtEnd], [1, true, false]);
  // The month is over (the forecast day is its end): facts, not a run rate.
  // (The top-up is the what-if: said as not bought.)
  assert.equal(capCard(await cards(page)), `from ${day(c.pauses[0].at)} until the what-if top-up on Oct 20, 2026`);
  assert.ok((await page.textContent("#forecast")).includes(`The hard cap began pausing AI on ${day(c.pauses[0].at)}, the what-if top-up (not bought) would have resumed it on Oct 20, 2026.`));
  // From a day inside the cycle with room left, the usage heads past what the cap serves: said so.
  await page.fill("#topup", "");
  await page.fill("#asof", "2026-10-02");
  await settled(page, "Priced 3,000 events");
  assert.match(await page.textContent("#forecast"), /at that rate the usage would come to [\d,]+ credits, but the hard cap serves at most the 500 available and refuses the rest\./);
  // A top-up after the forecast day counts from its purchase (R18): the usage past the
  // credits before it stays overage, and it refills the pool from Oct 20.
  await page.uncheck("#hardcap");
  await page.fill("#topup", "300");
  await page.fill("#topup-day", "2026-10-20");
  await settled(page, "Priced 3,000 events");
  const sofar = calc.simulate({ plan: "starter", start: "2026-10-01", alertThresholds: [75, 90], events: sample, until: "2026-10-02" }).cycles[0];
  const f = calc.forecast({ plan: "starter", cycleStart: "2026-10-01", billingDay: 1, asOf: "2026-10-02", usedByFeature: sofar.byFeature,
    topUpCredits: 0, alertThresholds: [75, 90], overageCredits: sofar.overageCredits, plannedTopUps: [{ at: "2026-10-20", credits: 300 }] });
  assert.equal(f.runOuts[0].until, "2026-10-20", "out before the top-up");
  const without = calc.forecast({ plan: "starter", cycleStart: "2026-10-01", billingDay: 1, asOf: "2026-10-02", usedByFeature: sofar.byFeature,
    topUpCredits: 0, alertThresholds: [75, 90], overageCredits: sofar.overageCredits });
  assert.ok(f.bill.overageCredits < without.bill.overageCredits, "the top-up serves the usage after it");
  assert.equal((await cards(page))["Projected AI charges at the cycle's end (rate to Oct 2, 2026, later top-ups counted, at the rates assumed above)"], money(f.bill.usageCharges));
  const words = await page.textContent("#forecast");
  assert.ok(words.includes(`Credits run out on ${day(f.runOutDate)}; the what-if top-up on Oct 20, 2026 makes room again`), words);
  assert.ok(words.includes("The top-up of 300 credits on Oct 20, 2026 (what-if, not bought) comes after this day: it counts from its purchase, "
    + "and usage before it past the credits stays overage."), words);
  // The dashed line is what is charged, all of the usage without a cap (top-ups move the
  // pool, not the usage, R18): from the credits used to the projected total, rising as the
  // run rate does, never above its end.
  const tips = await chartTips(page, "Forecast, ");
  const values = tips.map((tip) => Number(tip.split(": ")[1].replace(/,/g, "")));
  assert.equal(values[0], f.usedCredits);
  assert.equal(values.at(-1), f.projectedCredits);
  const rises = values.slice(1).map((v, i) => v - values[i]);
  assert.ok(rises.every((r) => Math.abs(r - rises[0]) <= 1), rises.join(", "));
  // With the cap, the card says until when the later top-up resumes AI, and when it pauses again.
  await page.check("#hardcap");
  await settled(page, "Priced 3,000 events");
  assert.equal(capCard(await cards(page)),
    `${day(f.runOutDate)} until the what-if top-up on Oct 20, 2026${f.runOuts.length > 1 ? `; again from ${day(f.runOuts[1].date)}` : ""}`);
  assert.deepEqual(errors, []);
});

test("dashboard: a bought top-up resumes AI in plain words; a forecast day too early for the usage is that day's error, not the file's; spreadsheet files say what they are", async () => {
  const write = csvWriter();
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  // Starter (500) with the cap: 400 served, 200 refused (100 left), a top-up of 300, then 150 served (R16, R18).
  await page.selectOption("#plan", "starter");
  await page.check("#hardcap");
  await settled(page, "Priced 3,000 events");
  await page.setInputFiles("#csv", write("bought.csv", "at,feature,messages,topUp\n2026-11-02T09:00:00Z,conversation,400,\n"
    + "2026-11-03T09:00:00Z,conversation,200,\n2026-11-05T09:00:00Z,,,300\n2026-11-06T09:00:00Z,conversation,150,\n"));
  await settled(page, "Priced 4 events");
  assert.ok((await texts(page, "#daily-events li")).includes("A top-up of 300 credits on Nov 5, 09:00 UTC resumed AI."));
  assert.equal(await page.textContent("#cycles tr.selected th"), "Nov 2 – Dec 1, 2026 (data to Nov 6, 2026) (shown)", "nothing here is a what-if");
  // Month over month says what the cap refused beside what it served (R16).
  assert.deepEqual(await texts(page, "#cycles thead th"), ["Cycle", "Credits consumed", "Credits blocked by the cap", "Overage credits", "Invoice: AI charges (price not set)"]);
  assert.deepEqual((await page.$$eval("#cycles tbody td", (tds) => tds.map((td) => td.textContent))).slice(0, 3), ["550", "200", "0"]);
  // At 1280 px with a what-if's long name the month-over-month figures stay in view: the name wraps.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.fill("#topup", "100");
  await settled(page, "Priced 4 events");
  assert.match(await page.textContent("#cycles tr.selected th"), /\(shown, with the what-if top-up\)$/);
  const [table, room] = await page.$eval("#cycles", (t) => [t.getBoundingClientRect().width, t.closest(".table-wrap").clientWidth]);
  assert.ok(table <= room, `the table is ${table} px in ${room} px: its last columns would hide behind a scroll`);
  await page.fill("#topup", "0");
  await settled(page, "Priced 4 events");
  await page.setViewportSize({ width: 390, height: 900 });
  const lines = await texts(page, "#invoice tbody th");
  assert.ok(lines.includes("Top-up credits bought Nov 5, 2026, 09:00 UTC"), lines.join(" | "));
  await page.uncheck("#hardcap");
  await settled(page, "Priced 4 events");

  // 300 trillion messages on the first day: a forecast from the next day runs past 2^53 − 1.
  // That is the forecast day's doing (a later day projects less): the file stays in use.
  await page.setInputFiles("#csv", write("huge.csv", "at,feature,messages\n2026-10-01T00:00:00Z,conversation,300000000000000\n2026-10-31T10:00:00Z,conversation,1\n"));
  await settled(page, "Priced 2 events");
  // Its figure, 300,000,000,000,001, is whole beside its bar at 390 px.
  const fits = await page.$eval("#features svg", (chart) => [...chart.querySelectorAll("text")].map((t) => [t.textContent, t.getBBox().x + t.getBBox().width <= chart.viewBox.baseVal.width]));
  assert.ok(fits.some(([text]) => text === "300,000,000,000,001"), JSON.stringify(fits));
  assert.ok(fits.every(([, inside]) => inside), JSON.stringify(fits));
  await page.fill("#asof", "2026-10-02");
  await page.waitForSelector("#asof-error");
  assert.match(await page.textContent("#asof-error"), /: from this day the usage's run rate takes the cycle past 9,007,199,254,740,991 credits, the most that can be counted exactly; pick a later day$/);
  assert.equal(await page.isVisible("#csv-error"), false, "not the file's problem");
  assert.equal(await page.textContent("#stage"), "Not updated: a setting needs correcting.");
  await page.fill("#asof", "");
  await settled(page, "Priced 2 events");
  assert.equal(await page.locator(".stale").count(), 0);
  assert.equal(await page.locator("[aria-invalid]").count(), 0, "no error outlives its cause");

  // Files a spreadsheet made: each says what it is at its place.
  const cases = [
    // Excel's "Unicode Text" (UTF-16, tab-separated) with half of an emoji on line 2.
    ["broken.txt", Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from("at\tfeature\r\n\ud83d2026-11-02\treviews\r\n", "utf16le")]),
      "broken.txt: line 2: has a broken character in its UTF-16 text (half of a pair that needs two); save the export again, as CSV UTF-8 if you can"],
    ["rounded.csv", "at,feature,messages\n2026-11-02,conversation,1.23457E+11\n",
      'rounded.csv: line 2, column 3 ("messages"): "1.23457E+11" is in scientific notation, which a spreadsheet shows rounded; format the column as whole numbers and export again'],
  ];
  for (const [name, text, message] of cases) {
    await page.setInputFiles("#csv", write(name, text));
    await page.waitForFunction((n) => document.getElementById("csv-error")?.textContent.startsWith(n), name);
    assert.equal(await page.textContent("#csv-error"), message);
  }
  // Whole, it is read as its UTF-8 CSV would be, the agent's name and all; the picker offers
  // the .txt name Excel gives it.
  assert.match(await page.getAttribute("#csv", "accept"), /(^|,)\.txt(,|$)/);
  await page.setInputFiles("#csv", write("unicode.txt", Buffer.concat([Buffer.from([0xFF, 0xFE]),
    Buffer.from("at\tfeature\tagent\r\n2026-11-02T09:00:00Z\tconversation\tZoë 🚀\r\n", "utf16le")])));
  await settled(page, "Priced 1 event");
  assert.equal(await page.isVisible("#csv-error"), false);
  assert.match(await page.textContent("#agents"), /Zoë 🚀/);
  assert.deepEqual(errors, []);
});

test("dashboard: when the background calculation cannot load, the page says so and offers a reload, never 'updating' for ever", async () => {
  const { page, message } = await openFailing(ctx.browser, `${ctx.server.url}app.html`, "**/sim-worker.js");
  assert.equal(message, "A part of this page did not download: check the connection, then reload the page. Reload "
    + "(What failed: the calculation could not run in the background (its script did not download).)");
  assert.equal(await page.isVisible("#daily"), false, "no results that could not be computed");
  await page.close();
});

test("dashboard: a bought top-up of the what-if's day and size stays bought; the cap's words under a later top-up; partial data's forecast says so; a setting that overflows is that setting's error; a reload twice still names the file", async () => {
  const write = csvWriter();
  const days = Array.from({ length: 20 }, (_, i) => `2026-10-${String(i + 1).padStart(2, "0")}T12:00:00Z,conversation,30,`);
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  await page.selectOption("#plan", "starter");
  await page.setInputFiles("#csv", write("topped.csv", ["at,feature,messages,topUp", ...days, "2026-10-15T00:00:00Z,,,500"].join("\n")));
  await settled(page, "Priced 21 events");
  // The what-if: the same 500 on the same day. Of the two, only the what-if is "not bought"
  // (charged first: a scenario's own events come before a log's rows at the same moment).
  await page.fill("#asof", "2026-10-11");
  await page.fill("#topup", "500");
  await page.fill("#topup-day", "2026-10-15");
  await settled(page, "Priced 21 events");
  const later = (await texts(page, "#forecast .hint")).filter((t) => t.startsWith("The top-up of 500 credits on Oct 15, 2026"));
  assert.deepEqual(later, ["The top-up of 500 credits on Oct 15, 2026 (what-if, not bought) comes after this day: it counts from its purchase, and usage before it past the credits stays overage.",
    "The top-up of 500 credits on Oct 15, 2026 comes after this day: it counts from its purchase, and usage before it past the credits stays overage."]);
  const lines = (await texts(page, "#invoice tbody th")).filter((t) => t.startsWith("Top-up"));
  assert.deepEqual(lines, ["Top-up credits bought Oct 15, 2026 (what-if, not bought)", "Top-up credits bought Oct 15, 2026"]);
  // Under the hard cap, usage past the credits is paused, not overage (R16).
  await page.check("#hardcap");
  await settled(page, "Priced 21 events");
  assert.ok((await texts(page, "#forecast .hint")).some((t) => t.endsWith("and usage before it past the credits is paused by the hard cap.")));
  await page.uncheck("#hardcap");
  await page.fill("#topup", "");
  // Data to Oct 20, forecast as of the cycle's end: its figures are so far, said as such.
  await page.fill("#asof", "2026-11-01");
  await settled(page, "Priced 21 events");
  assert.ok((await page.textContent("#forecast")).startsWith("Up to Oct 20, 2026, where the data ends: 600 credits used."), await page.textContent("#forecast"));
  // A reload, and another: the file's name is still said.
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await settled(page, "Priced 3,000 events");
    assert.match(await page.textContent("#source"), /but not topped\.csv/);
  }
  // A file shown on Pro whose top-ups reach 2^53 − 1 with Pro's credits: a what-if top-up
  // bought before its row passes it there; that is the top-up field's error, and so is a
  // bigger plan the plan's. The file stays.
  await page.selectOption("#plan", "pro");
  await page.setInputFiles("#csv", write("bigtop.csv", "at,feature,messages,topUp\n2026-10-01T12:00:00Z,conversation,200,\n2026-10-20T00:00:00Z,,,9007199254738491\n"));
  await settled(page, "Priced 2 events");
  await page.fill("#topup", "5");
  await page.fill("#topup-day", "2026-10-05");
  await page.waitForSelector("#topup-error");
  assert.equal(await page.textContent("#topup-error"),
    "Top-up credits: with the plan's 2,500 credits, the top-ups pass 9,007,199,254,740,991 credits, the most that can be counted exactly");
  assert.equal(await page.isVisible("#csv-error"), false);
  assert.equal(await page.textContent("#source"), "Using bigtop.csv.");
  await page.fill("#topup", "");
  await settled(page, "Priced 2 events");
  await page.selectOption("#plan", "premium");
  await page.waitForSelector("#plan-error");
  assert.equal(await page.textContent("#plan-error"),
    "Plan: with the plan's 10,000 credits, the top-ups pass 9,007,199,254,740,991 credits, the most that can be counted exactly");
  assert.equal(await page.isVisible("#csv-error"), false);
  assert.deepEqual(errors, []);
});

test("dashboard: paused by the cap on the forecast day with a top-up coming: when it resumes and pauses again (R16, R18)", async () => {
  // Starter with the cap: 40 credits a day; by Nov 16, 480 served and 20 left, which no event fits.
  const { page, errors } = await starterCapWith(390, { days: 30, messages: 40, extra: ["2026-11-16T06:00:00Z,,,200"] });
  await page.fill("#asof", "2026-11-16");
  await settled(page, "Priced 31 events");
  const f = calc.forecast({ plan: "starter", cycleStart: "2026-11-01", billingDay: 1, asOf: "2026-11-16", usedByFeature: { conversation: 600 },
    consumedCredits: 480, overageCredits: 0, topUpCredits: 0, plannedTopUps: [{ at: "2026-11-16T06:00:00Z", credits: 200 }], hardCap: true });
  assert.deepEqual(f.runOuts, [{ date: "2026-11-21", until: null }]);
  assert.equal(capCard(await cards(page)), "already, for events past the credits left until the top-up later that day; again from Nov 21, 2026");
  assert.ok((await page.textContent("#forecast")).includes("The hard cap has begun pausing AI: an event that needs more than the 20 credits left is refused; "
    + "smaller ones are still served; the top-up later that day makes room again, and they run out again on Nov 21, 2026."), await page.textContent("#forecast"));
  // The chart's forecast is what the cap serves: from the 480 served, rising with the top-up, never past the 700 available.
  const tips = await chartTips(page, "Forecast (served), ");
  const values = tips.map((tip) => Number(tip.split(": ")[1].replace(/,/g, "")));
  assert.equal(values[0], 480);
  assert.equal(values.at(-1), 700);
  assert.ok(values.every((v, i) => i === 0 || v >= values[i - 1]), values.join(", "));
  assert.deepEqual(errors, []);
});

test("dashboard at 390 px: long agent names are read whole on their own line above their bars (a phone has no tooltip)", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const names = ["Bookings bot for new patients", "Eve – after-hours line", "Front desk – Dr. Patel", "Ava"];
  writeFileSync(join(dir, "agents.csv"), ["at,feature,messages,agent", ...names.map((name, i) => `2026-11-0${i + 2}T09:00:00Z,conversation,${300 - 50 * i},${name}`)].join("\n"));
  await page.setInputFiles("#csv", join(dir, "agents.csv"));
  await settled(page, "Priced 4 events");
  const shown = await page.$$eval("#agents svg text.tick", (texts) => texts.map((t) => t.textContent));
  for (const name of names) assert.ok(shown.includes(name), `${name} whole in ${JSON.stringify(shown)}`);
  // Inside the chart, not past its edge.
  const outside = await page.$eval("#agents svg", (svg) => [...svg.querySelectorAll("text")].filter((t) => t.getBBox().x + t.getBBox().width > svg.viewBox.baseVal.width + 1).length);
  assert.equal(outside, 0);
  assert.deepEqual(errors, []);
});

test("dashboard: without a cap the forecast line is the usage at its run rate, through the run-out (R15, R18)", async () => {
  // Starter, 25 credits a day for 10 days: 250 by Nov 11, 500 at the end of Nov 20, 750 at the cycle's end.
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  await page.selectOption("#plan", "starter");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const file = join(dir, "steady.csv");
  writeFileSync(file, ["at,feature,messages", ...Array.from({ length: 10 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}T12:00:00Z,conversation,25`)].join("\n"));
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 10 events");
  const tips = await chartTips(page, "Forecast, ");
  assert.ok(tips.includes("Forecast, Nov 20: 500") && tips.includes("Forecast, Nov 21: 525") && tips.at(-1) === "Forecast, Nov 30: 750", tips.join(" | "));
  // R16, R18: with the cap and 500 more on Nov 25 the cycle's 750 fit in its 1,000, but not
  // in time: what comes from Nov 21 until the top-up is refused, never "the rest" past 1,000.
  await page.check("#hardcap");
  await page.fill("#topup", "500");
  await page.fill("#topup-day", "2026-11-25");
  await page.waitForFunction(() => document.getElementById("forecast").textContent.includes("the cycle will have"));
  const words = await page.textContent("#forecast");
  assert.ok(words.includes("at that rate the usage would come to 750 credits, within the 1,000 the cycle will have, but the hard cap refuses what comes "
    + "while no credits are left, before a later top-up refills them."), words);
  assert.doesNotMatch(words, /refuses the rest/);
  // What is unused so far counts that top-up, bought after the data's last day: said so.
  assert.equal((await cards(page))["Unused so far, with the top-up on Nov 25, 2026 after the data"], "750");
  // Typing the billing day in use (the data's 1), or one not valid yet, cuts no other cycles:
  // the what-if top-up stays. A day that does cut others clears it, said at the field.
  for (const typed of ["1", "0", ""]) {
    await page.fill("#billing-day", typed);
    assert.equal(await page.inputValue("#topup"), "500", `billing day “${typed}”`);
  }
  await page.fill("#billing-day", "15");
  assert.equal(await page.inputValue("#topup"), "0");
  assert.match(await page.textContent("#topup-note"), /was for the cycles before this billing day: cleared\.$/);
  assert.deepEqual(errors, []);
});

test("dashboard: under a hard cap and a limit, the served forecast bends where the limit stops its feature, as the words' days do (R16, R17)", async () => {
  // Starter with the cap; 10 days of 20 messages and a 3-minute call (12 credits): 32 a day.
  // Voice AI at most 30 % of 500 = 150: by Nov 11 it has 120, so it stops after 12.5 days
  // (Nov 13 12:00, 400 used); from then 20 a day, 500 on Nov 18 12:00.
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const rows = Array.from({ length: 10 }, (_, i) => [`2026-11-${String(i + 1).padStart(2, "0")}T12:00:00Z,conversation,20,`,
    `2026-11-${String(i + 1).padStart(2, "0")}T13:00:00Z,voice,,180`]).flat();
  const file = join(dir, "limited.csv");
  writeFileSync(file, ["at,feature,messages,seconds", ...rows].join("\n"));
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  await page.selectOption("#plan", "starter");
  await page.fill("#limit-voice", "30");
  await page.check("#hardcap");
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 20 events");
  await page.fill("#asof", "2026-11-11");
  await settled(page, "Priced 20 events");
  const f = calc.forecast({ plan: "starter", cycleStart: "2026-11-01", billingDay: 1, asOf: "2026-11-11", usedByFeature: { conversation: 200, voice: 120 },
    featureLimits: { voice: { percent: 30 } }, consumedCredits: 320, overageCredits: 0, topUpCredits: 0, plannedTopUps: [], hardCap: true });
  assert.equal(f.runOutDate, "2026-11-18");
  assert.match(await page.textContent("#forecast"), /Nov 18, 2026/);
  const tips = await chartTips(page, "Forecast (served), ");
  const values = tips.map((tip) => Number(tip.split(": ")[1].replace(/,/g, "")));
  // 32 a day to the stop, 20 after it; never past the 500 available. (A straight run rate
  // spread over the cycle, 21.5 a day, reached 500 only on Nov 19.)
  assert.deepEqual(values.slice(0, 10), [320, 352, 384, 410, 430, 450, 470, 490, 500, 500]);
  const firstFull = tips[values.findIndex((v) => v >= 500)];
  assert.ok(firstFull.startsWith("Forecast (served), Nov 18:"), firstFull);
  // R7, R11: the calls give no rate, so their 4 a minute is the book's default, and said so.
  assert.match(await page.textContent("#coverage"), /10 calls give no voice rate \(no credits a minute, and no provider and language with a rate of their own\): charged at the usual 4 credits a minute \(30 minutes, 120 credits\); at 3 to 5 credits a minute \(what a provider and language can cost\), they would be 90 to 150 credits\./);
  assert.deepEqual(errors, []);
});

test("dashboard: a top-up used up the day it comes makes no pause of its own; the served line follows a top-up bought within a day; a long cap card spans the row", async () => {
  const { page, errors } = await starterCapWith(1280, { days: 12, messages: 50, extra: ["2026-11-16T06:00:00Z,,,200"] });
  // A what-if of 10 credits on Nov 14: used up that day (the engine's run rate), no pause of its own.
  await page.fill("#asof", "2026-11-13");
  await page.fill("#topup", "10");
  await page.fill("#topup-day", "2026-11-14");
  await settled(page, "Priced 13 events");
  assert.equal(capCard(await cards(page)), "already, for events past the credits left until the top-up on Nov 16, 2026; again from Nov 20, 2026");
  assert.doesNotMatch(await page.textContent("#forecast"), /run out again on Nov 14/);
  assert.equal(await page.locator("#bill .card.wide").count(), 1);
  // The 200 bought at 06:00 on Nov 16 serves from then at 50 a day: 698 by the end of Nov 19
  // (with the what-if's 10), all 710 on Nov 20, the day the words say.
  const tips = await chartTips(page, "Forecast (served), ");
  assert.ok(tips.includes("Forecast (served), Nov 19: 698") && tips.includes("Forecast (served), Nov 20: 710"), tips.join(" | "));
  assert.match(await page.textContent("#forecast"), /the top-up on Nov 16, 2026 makes room again, and they run out again on Nov 20, 2026/);
  assert.deepEqual(errors, []);
});

test("dashboard: under a limit set as a share of the allocation, the forecast weighs the plans on the plan that lets the most through, as the table does (R17, R24)", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  const file = join(dir, "limits.csv");
  // Every day of November: 80 messages and a 25-minute call (100 voice credits at 4 a minute).
  let csv = "at,feature,messages,seconds,agent\n";
  for (let d = 1; d <= 30; d++) {
    const day = `2026-11-${String(d).padStart(2, "0")}`;
    csv += `${day}T09:00:00Z,conversation,80,,Ava\n${day}T10:00:00Z,voice,,1500,Ben\n`;
  }
  writeFileSync(file, csv);
  await page.setInputFiles("#csv", file);
  await settled(page, "Priced 60 events");
  await page.selectOption("#plan", "starter");
  await page.fill("#limit-voice", "20");
  await settled(page, "Priced 60 events");
  // Starter's 20 % lets 100 voice credits through (2,500 in all): Pro's 500 (2,900, past its
  // 2,500) and Premium's 2,000 (4,400). Pro does not cover that usage; Premium does.
  const scenario = { plan: "premium", start: "2026-11-01", featureLimits: { voice: { percent: 20 } }, events: billing.parseUsageCsv(csv) };
  assert.equal(calc.simulate(scenario).cycles[0].consumedCredits, 4400);
  assert.equal(await page.getAttribute("#plans tbody tr.best", "data-plan"), "premium");
  assert.equal(await page.textContent("#forecast > p:last-child"),
    "Your limits are a share of each plan's credits, so a bigger plan lets more through. At this cycle's usage on Premium, the plan that lets the most through "
    + "(4,400 credits), Premium's monthly credits cover it; subscription prices are not set.");
  assert.deepEqual(errors, []);
});

test("dashboard: a dropped file is named by the picker, a second one dropped is said to be left out, a JSON file is named as such; a new file waiting for a setting never sits over the old figures unsaid", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  /** Drops files { name, text } on the drop zone, as a browser does. */
  const drop = (list) => page.evaluate((files) => {
    const data = new DataTransfer();
    for (const f of files) data.items.add(new File([f.text], f.name, { type: "text/csv" }));
    document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, list);
  const november = "at,feature,messages\n2026-11-02T10:00:00Z,conversation,40\n";
  const october = "at,feature,messages\n2026-10-02T10:00:00Z,conversation,7\n2026-10-03T10:00:00Z,conversation,8\n";
  await drop([{ name: "november.csv", text: november }, { name: "october.csv", text: october }]);
  await settled(page, "Priced 1 event");
  assert.equal(await page.textContent("#source"), "Using november.csv, the first of the 2 files dropped: load one export at a time.");
  assert.equal(await page.$eval("#csv", (input) => input.files[0]?.name), "november.csv");
  // The first refused: the others dropped are said to be unread too.
  await drop([{ name: "bad.csv", text: "at,feature\n2026-11-02,contnet\n" }, { name: "october.csv", text: october }]);
  await page.waitForFunction(() => document.getElementById("source").textContent.startsWith("bad.csv"));
  assert.equal(await page.textContent("#source"), "bad.csv, the first of the 2 files dropped (load one export at a time), could not be used "
    + "(see the message by the file picker); still showing november.csv.");
  await settled(page, "Priced 1 event");
  // A JSON export is named as such at the picker; the figures stay the last file's.
  await drop([{ name: "export.json", text: '[{"at":"2026-11-02T10:00:00Z","feature":"reviews"}]' }]);
  await page.waitForSelector("#csv-error");
  assert.equal(await page.textContent("#csv-error"), "export.json: is JSON, not CSV: export the usage as CSV and load that file");
  // A wrong setting, then a new file: the figures on screen are said to be the old file's.
  await drop([{ name: "november.csv", text: november }]);
  await settled(page, "Priced 1 event");
  await page.fill("#thresholds", "75, abc");
  await page.waitForSelector("#thresholds-error");
  await drop([{ name: "october.csv", text: october }]);
  await page.waitForFunction(() => /waiting/.test(document.getElementById("source").textContent));
  assert.equal(await page.textContent("#source"), "october.csv is waiting: correct the setting marked in red to use it.");
  assert.match(await page.$eval("#cards", (n) => n.closest("section").querySelector(".stale-note").textContent), /Not updated: correct “Alert thresholds \(% of allocation\)” \(marked in red\)\. These figures are still november\.csv's; october\.csv is used once it is corrected\./);
  await page.fill("#thresholds", "75, 90");
  await settled(page, "Priced 2 events");
  assert.equal(await page.textContent("#source"), "Using october.csv.");
  assert.deepEqual(errors, []);
});

test("dashboard: a what-if top-up belongs to its cycle: another cycle clears it, said at the field, never moved silently", async () => {
  const { page, errors } = await sampleWithWhatIf();
  // A billing day of the 15th makes other cycles: the top-up typed for October's is cleared.
  await page.fill("#billing-day", "15");
  await settled(page, "Priced 3,000 events");
  assert.equal(await page.inputValue("#topup"), "0");
  assert.equal(await page.textContent("#topup-note"), "The what-if top-up of 400 credits on Oct 20, 2026 was for the cycles before this billing day: cleared.");
  assert.doesNotMatch(await page.textContent("#invoice"), /what-if/);
  // A new one typed: the note goes.
  await page.fill("#topup", "100");
  assert.equal(await page.textContent("#topup-note"), "");
  await settled(page, "Priced 3,000 events");
  // Another cycle shown has none; the top-up stays with its own cycle and comes back with it.
  const mine = await page.inputValue("#cycle");
  const typedDay = await page.inputValue("#topup-day");
  const other = await page.$$eval("#cycle option", (options, shown) => options.map((o) => o.value).find((v) => v !== shown), mine);
  await page.selectOption("#cycle", other);
  await settled(page, "Priced 3,000 events");
  assert.equal(await page.inputValue("#topup"), "0");
  assert.match(await page.textContent("#topup-note"), /^The what-if top-up of 100 credits on .+ stays with the cycle shown before: it is back when that cycle is\.$/);
  assert.doesNotMatch(await page.textContent("#invoice"), /what-if/);
  await page.selectOption("#cycle", mine);
  await settled(page, "Priced 3,000 events");
  assert.deepEqual([await page.inputValue("#topup"), await page.inputValue("#topup-day")], ["100", typedDay]);
  assert.match(await page.textContent("#invoice"), /what-if/);
  // The next change ends the note.
  await page.fill("#thresholds", "75, 95");
  assert.equal(await page.textContent("#topup-note"), "");
  await settled(page, "Priced 3,000 events");
  // A new file that cannot be used puts back the what-if top-up it cleared, for the data still shown.
  await page.fill("#topup", "250");
  await page.fill("#topup-day", await page.getAttribute("#topup-day", "min"));
  await settled(page, "Priced 3,000 events");
  const day = await page.inputValue("#topup-day");
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  writeFileSync(join(dir, "broken.csv"), "at,feature\n2026-11-02,chat\n");
  await page.setInputFiles("#csv", join(dir, "broken.csv"));
  await page.waitForSelector("#csv-error");
  await settled(page, "Priced 3,000 events");
  assert.deepEqual([await page.inputValue("#topup"), await page.inputValue("#topup-day"), await page.textContent("#topup-note")], ["250", day, ""]);
  assert.match(await page.textContent("#invoice"), /what-if/);
  assert.deepEqual(errors, []);
});

test("dashboard: a file's bad rows and unknown columns are said together, each at its place, so one fix and one load do", async () => {
  const write = csvWriter();
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  const items = () => page.$$eval("#csv-error li", (li) => li.map((x) => x.textContent));
  // Twelve bad rows among good ones: the first ten listed, the rest counted.
  const rows = ["at,feature,messages,seconds", "2026-11-02T09:00:00Z,conversation,3,", "2026-11-02T09:05:00Z,voice,,2:15",
    ...Array.from({ length: 11 }, (_, i) => `2026-11-${String(i + 3).padStart(2, "0")}T09:00:00Z,contnet,,`), "2026-11-20T09:00:00Z,reviews,,"];
  await page.setInputFiles("#csv", write("bad.csv", rows.join("\n")));
  await page.waitForSelector("#csv-error li");
  assert.equal(await page.textContent("#csv-error p"), "bad.csv has 12 problems to correct:");
  // The ten listed, those alike but for their line as one item.
  const listed = await items();
  assert.equal(listed.length, 3);
  assert.match(listed[0], /^line 3, column 4 \("seconds"\): use a number in digits, 0 or more, without commas or units, such as 135\.5 \(the cell holds “2:15”\)$/);
  assert.match(listed[1], /^lines 4 to 12, column 2 \("feature"\): "contnet" is not one of /);
  assert.equal(listed[2], "…and 2 more, not listed: correct these, then load the file again to see them.");
  // On a laptop the list takes the row's width, not a third of it.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(await page.$eval("#csv-error", (n) => n.getBoundingClientRect().width) > 900);
  await page.setViewportSize({ width: 390, height: 900 });
  assert.equal(await page.getAttribute("#csv", "aria-describedby"), "csv-error");
  assert.equal(await page.textContent("#source"), "bad.csv could not be used (see the message by the file picker); still showing the sample month.");
  assert.deepEqual(await axeViolations(page), []);
  // Unknown columns, all in one message (R23: an unknown input is refused, never dropped in silence).
  await page.setInputFiles("#csv", write("extra.csv", "id,at,feature,cost_usd\n1,2026-11-02T09:00:00Z,reviews,0.10\n"));
  await page.waitForFunction(() => document.querySelector("#csv-error p")?.textContent.startsWith("extra.csv"));
  assert.equal(await page.textContent("#csv-error p"), "extra.csv has 2 problems to correct:");
  // One item, with what the columns can be said once.
  assert.deepEqual(await items(), ['line 1: unknown columns "id" (column 1) and "cost_usd" (column 4); the columns are at, feature, mode, agent, channel, '
    + "messages, seconds, provider, language, creditsPerMinute, direction, kind, count, gptSteps, tokens, creditsPerStep, topUp"]);
  // They may be left out, by the customer's choice, said where the file is named (R23).
  await page.click("text=Read extra.csv without its unknown columns");
  await settled(page, "Priced 1 event");
  assert.equal(await page.textContent("#source"), 'Using extra.csv. Left out, as you chose: the unknown columns "id" and "cost_usd".');
  assert.equal(await page.evaluate(() => document.activeElement.id), "csv");
  assert.equal(await page.locator("#csv-error").count(), 0);
  // A reload remembers the choice with the file's name: picked again, it is read so again, and said.
  await page.reload();
  await page.waitForFunction(() => document.getElementById("source")?.textContent.includes("extra.csv"));
  assert.match(await page.textContent("#source"), /It will be read without the unknown columns "id" and "cost_usd" again, as you chose\.$/);
  await settled(page, "Priced 3,000 events");
  await page.setInputFiles("#csv", write("extra.csv", "id,at,feature,cost_usd\n1,2026-11-02T09:00:00Z,reviews,0.10\n"));
  await settled(page, "Priced 1 event");
  assert.equal(await page.textContent("#source"), 'Using extra.csv. Left out, as you chose: the unknown columns "id" and "cost_usd".');
  // With a bad row too, leaving the columns out leaves the row's problem alone to correct.
  await page.setInputFiles("#csv", write("mixed.csv", "id,at,feature\n1,2026-11-02T09:00:00Z,contnet\n"));
  await page.waitForFunction(() => document.querySelector("#csv-error p")?.textContent.startsWith("mixed.csv"));
  await page.click('text=Read mixed.csv without the column "id"');
  await page.waitForFunction(() => /^mixed\.csv: line 2, column 3 \("feature"\): /.test(document.getElementById("csv-error")?.textContent ?? ""));
  assert.equal(await page.locator("#csv-error button").count(), 0);
  // One row dated decades off (a typo in the year) is named by its date, not "load fewer months" alone.
  await page.setInputFiles("#csv", write("stray.csv", "at,feature\n2026-11-02T09:00:00Z,reviews\n1926-11-03T09:00:00Z,reviews\n"));
  await page.waitForFunction(() => document.getElementById("csv-error")?.textContent.startsWith("stray.csv"));
  assert.equal(await page.textContent("#csv-error"), "stray.csv: the data spans more than 120 billing cycles (10 years), from its earliest row (1926-11-03) "
    + "to its latest (2026-11-02): if a row's date is wrong (a typo in the year, say), correct it; else load fewer months");
  // One problem alone is one sentence, as before.
  await page.setInputFiles("#csv", write("one.csv", "at,feature\n2026-11-02T09:00:00Z,contnet\n"));
  await page.waitForFunction(() => document.getElementById("csv-error")?.textContent.startsWith("one.csv"));
  assert.equal(await page.locator("#csv-error li").count(), 0);
  assert.match(await page.textContent("#csv-error"), /^one\.csv: line 2, column 2 \("feature"\): /);
  assert.deepEqual(errors, []);
});

test("dashboard: each result is said to a screen reader with its figures, not only 'Priced N events'", async () => {
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  const said = () => page.waitForFunction(() => /^Priced /.test(document.getElementById("announcer")?.textContent ?? "")
    && document.getElementById("announcer").textContent).then((h) => h.jsonValue());
  await page.evaluate(() => { document.getElementById("announcer").textContent = ""; });
  await page.selectOption("#plan", "starter");
  await settled(page, "Priced 3,000 events");
  const c = await page.$$eval("#cards .card", (cards) => Object.fromEntries(cards.map((k) => [k.querySelector(".label").textContent, k.querySelector(".value").textContent])));
  const plan = await page.$eval("#plan", (s) => s.selectedOptions[0].textContent);
  const text = await said();
  assert.ok(text.startsWith(`Priced 3,000 events. `) && text.includes(` on ${plan}: ${c["Credits consumed"]} credits consumed, ${c["Overage credits"]} overage, `), text);
  assert.match(text, /(invoice|AI charges) \$[\d,]+\.\d\d/);
  // The forecast's sentence too: a new "as of" day is heard, not only seen.
  assert.ok(text.endsWith(await page.textContent("#forecast p")), text);
  // A refused file is heard with the data gone back to, before the figures.
  const write = csvWriter();
  await page.setInputFiles("#csv", write("bad.csv", "at,feature\n2026-11-02,contnet\n"));
  await page.waitForFunction(() => /^bad\.csv could not be used/.test(document.getElementById("announcer")?.textContent ?? ""));
  assert.match(await page.textContent("#announcer"), /^bad\.csv could not be used \(see the message by the file picker\); still showing the sample month\. Priced 3,000 events\. /);
  assert.deepEqual(errors, []);
});

test("dashboard: a row dated a year off is pointed out: the empty cycles it makes, and the billing day it set (R4)", async () => {
  const write = csvWriter();
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 390);
  await settled(page, "Priced 3,000 events");
  assert.equal(await page.isVisible("#cycles-gap"), false, "the sample month has no gap");
  await page.setInputFiles("#csv", write("typo.csv", "at,feature\n2025-11-26T09:00:00Z,reviews\n2026-11-02T09:00:00Z,reviews\n2026-11-03T09:00:00Z,reviews\n"));
  await settled(page, "Priced 3 events");
  // Above the figures, where a phone shows it first (not under the table, screens below).
  assert.equal(await page.$eval("#cycles-gap", (note) => note.previousElementSibling.id), "coverage");
  assert.equal(await page.textContent("#cycles-gap"), "The data has no usage for 10 cycles, Dec 26, 2025 to Oct 25, 2026, between cycles that have some: "
    + "if a row is dated wrong (a typo in the year, say), correct it and load the file again. The billing day, 26, is the day of the data's first row; type yours above if it differs.");
  // With the billing day typed, the gap is still said, without the day's sentence.
  await page.fill("#billing-day", "2");
  await settled(page, "Priced 3 events");
  assert.match(await page.textContent("#cycles-gap"), /^The data has no usage for 11 cycles, Dec 2, 2025 to Nov 1, 2026, between cycles that have some: .*load the file again\.$/);
  assert.deepEqual(errors, []);
});

test("dashboard: a setting corrected while a new file waits stays corrected when the file is refused", async () => {
  const write = csvWriter();
  const { page, errors } = await openPage(ctx.browser, `${ctx.server.url}app.html`, 1280);
  await settled(page, "Priced 3,000 events");
  const rows = Array.from({ length: 5 }, (_, i) => `2026-10-0${i + 1}T10:00:00Z,conversation,20`);
  await page.setInputFiles("#csv", write("good.csv", ["at,feature,messages", ...rows].join("\n")));
  await settled(page, "Priced 5 events");
  await page.fill("#topup", "-5");
  await page.waitForSelector("#topup-error");
  await page.setInputFiles("#csv", write("notes.csv", ["at,feature,messages,Notes", ...rows.map((r) => `${r},x`)].join("\n")));
  await page.fill("#topup", "");
  await page.waitForFunction(() => document.getElementById("source").textContent.startsWith("notes.csv could not be used"));
  await settled(page, "Priced 5 events");
  assert.equal(await page.inputValue("#topup"), "", "the correction stays");
  assert.equal(await page.locator(".stale").count(), 0);
  assert.deepEqual(errors, []);
});
