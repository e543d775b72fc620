// The in-app dashboard: the account's usage (CSV or sample) simulated in a worker, with
// the settings a customer can toggle. Every number comes from the API.
import { FEATURE_NAMES, count, dayName, dayRange, isoDay, loadBilling, momentName, money, plural, shortDay } from "./lib/billing.js";
import { barChart, lineChart } from "./lib/chart.js";
import { csvText, download } from "./lib/csv.js";
import { badge, list } from "./lib/recommendation.js";
import { announce, clearErrors, clearFieldError, correctNote, csvProblem, csvProblems, el, headerRow, inputFor, labelOf, markStale, plainReason, readNumber, row, showApiError, showFieldError, showPageFailure, startPage } from "./lib/dom.js";

const $ = (id) => document.getElementById(id);
const { book, module } = await new Promise((resolve) => startPage(async () => resolve(await loadBilling())));
const form = $("settings");
const worker = new Worker(new URL("./sim-worker.js", import.meta.url), { type: "module" });
worker.postMessage({ setup: { module, book } }); // the compiled engine: no second download
// The worker could not load, or stopped outside a run: never "updating…" for ever.
worker.onerror = (event) => {
  event.preventDefault();
  runId += 1;
  clearTimeout(slow);
  // With no message the script did not download (a network problem); with one, it failed.
  showPageFailure(`This page could not start: the calculation could not run in the background (${event.message || "its script did not download"}).`,
    { offline: !event.message });
};
for (const panel of document.querySelectorAll("[inert]")) panel.inert = false; // usable now
let source = { kind: "sample", events: 3000, label: "the sample month", using: "Using the sample month." };
/** True while the source line says a new source waits for a setting to be corrected. */
let sourceWaits = false;
/** The source whose numbers are on screen, and a file that could not be read (its message stays by the picker). */
let shown = null;
let failedFile = null;
let runId = 0;
/** Every section that shows a result of the settings. */
const results = ["cycles", "bill", "daily", "features", "agents", "forecast", "plans", "insights", "invoice"].map((id) => $(id).closest("section"));
let files = 0; // each file loaded gets its own number, so the worker never mixes two up

for (const plan of book.plans) $("plan").append(el("option", { value: plan.id }, plan.name));
$("plan").value = "pro";

/** Each feature's limit (R17): a share of the allocation or a number of credits, blank for none. */
const limitFields = Object.entries(FEATURE_NAMES).map(([feature, name]) => {
  const input = el("input", { id: `limit-${feature}`, name: `limit-${feature}`, type: "number", min: "0", step: "1",
    placeholder: "none", "aria-describedby": "limits-hint", "data-field": `scenario.featureLimits.${feature}` });
  const unit = el("select", { id: `limit-${feature}-unit`, name: `limit-${feature}-unit`, "aria-label": `${name} limit in` },
    el("option", { value: "percent" }, "% of allocation"), el("option", { value: "credits" }, "credits"));
  $("limit-rows").append(el("div", { class: "field" }, el("label", { for: input.id }, name), el("div", { class: "limit-pair" }, input, unit)));
  return { feature, name, input, unit };
});

function thresholds() {
  const text = $("thresholds").value.trim();
  return text === "" ? [] : text.split(/[,\s]+/).filter(Boolean).map(Number);
}

function state() {
  const limits = Object.fromEntries(limitFields.filter((f) => f.input.value !== "")
    .map((f) => [f.feature, { [f.unit.value]: f.input.valueAsNumber }]));
  return {
    source, plan: $("plan").value, billingDay: $("billing-day").value === "" ? null : $("billing-day").valueAsNumber,
    cycle: $("cycle").value === "" ? null : Number($("cycle").value), hardCap: $("hardcap").checked, preview: $("preview").checked,
    // R17: a share of the allocation or a number of credits, not both.
    thresholds: thresholds(), limits: Object.keys(limits).length ? limits : undefined,
    // Without its day a top-up is bought on the shown cycle's first day, which the page then fills in.
    topUp: $("topup").valueAsNumber > 0 ? { credits: $("topup").valueAsNumber, at: $("topup-day").value || null } : null,
    asOf: $("asof").value || null,
  };
}

/** Shows or hides the progress bar; it keeps its space, so nothing below it moves. */
function setBusy(busy) {
  $("progress").classList.toggle("idle", !busy);
  $("progress").setAttribute("aria-hidden", String(!busy));
}

/** The settings the page checks itself before the engine: thresholds and the top-up. */
function settingsProblem() {
  clearErrors(form);
  let problem = false; // every wrong setting is marked at once, not one per correction
  const wrong = (input, text) => { showFieldError(input, text); problem = true; };
  const tokens = $("thresholds").value.trim().split(/[,\s]+/).filter(Boolean);
  const twice = tokens.find((t, k) => tokens.indexOf(t) !== k);
  if (tokens.some((t) => !/^\d+$/.test(t))) wrong($("thresholds"), "Alert thresholds (% of allocation): enter whole percentages separated by commas, such as 75, 90");
  else if (tokens.some((t) => Number(t) < 1 || Number(t) > 1000)) wrong($("thresholds"), "Alert thresholds (% of allocation): enter a percentage over 0 and at most 1000");
  else if (twice) wrong($("thresholds"), `Alert thresholds (% of allocation): enter each threshold once (${twice} is there twice)`);
  // The days the cycle shown offers (set when it was shown): a day outside is said here, with the others.
  const outside = (input) => input.value !== "" && input.min !== "" && (input.value < input.min || input.value > input.max);
  if (outside($("asof"))) {
    wrong($("asof"), `${labelOf($("asof"))}: pick a day from ${dayName($("asof").min)} to ${dayName($("asof").max)}: the forecast is as of the start of that day (UTC)`);
  }
  if ($("topup").valueAsNumber > 0 && outside($("topup-day"))) {
    wrong($("topup-day"), `${labelOf($("topup-day"))}: pick a day from ${dayName($("topup-day").min)} to ${dayName($("topup-day").max)}, inside the cycle shown`);
  }
  // A blank top-up is none, as a blank limit is no limit.
  // The allocation and the top-ups are counted together (R18): at most 2^53 − 1 in all.
  const allocation = book.plans.find((p) => p.id === $("plan").value)?.credits ?? 0;
  const topUp = $("topup").value === "" && !$("topup").validity.badInput ? {} : readNumber($("topup"), { max: Number.MAX_SAFE_INTEGER - allocation });
  // Past the bound, the allocation and the top-up together could not be counted exactly.
  if (topUp.error) wrong($("topup"), `Top-up credits: ${topUp.error.replace(/^enter at most ([\d,]+)$/, "enter at most $1: with the plan's credits that is the most that can be counted exactly")}`);
  // Each limit's error says its unit; a blank is no limit, text a number field cannot read is an error.
  for (const { name, input, unit } of limitFields) {
    const inCredits = unit.value === "credits";
    input.dataset.label = `${name} limit (${inCredits ? "credits" : "% of allocation"})`;
    input.max = inCredits ? "" : "100";
    if (input.value === "" && !input.validity.badInput) continue;
    const limit = readNumber(input, inCredits ? {} : { max: 100 });
    if (limit.error) wrong(input, `${labelOf(input)}: ${limit.error}`);
  }
  const day = readNumber($("billing-day"), { min: 1, max: 31 });
  if ($("billing-day").value !== "" && day.error) wrong($("billing-day"), `Billing day: ${day.error.replace("whole number, 1 or more", "whole number from 1 to 31")}`);
  return problem;
}

let slow = null; // shows "updating" when a run takes long enough to notice

/** What to correct, by the first wrong setting's label: "Not updated: correct “Alert thresholds (% of allocation)” (marked in red)." */
const fixNote = () => correctNote(form) ?? "Not updated: correct the setting marked in red.";

function recompute() {
  clearTimeout(slow); // a run asked for a moment ago never marks these settings "updating"
  if (settingsProblem()) {
    runId += 1; // a run under way no longer matches the settings
    setBusy(false);
    $("stage").textContent = "Not updated: a setting needs correcting.";
    // A new file waits for the settings: the figures on screen are still the last source's.
    const waiting = shown && shown !== source ? ` These figures are still ${shown.label}'s; ${source.label} is used once it is corrected.` : "";
    markStale(results, true, `${fixNote()}${waiting}`);
    if (waiting) {
      $("source").textContent = `${source.label} is waiting: correct the setting marked in red to use it.`;
      sourceWaits = true;
    }
    return;
  }
  const reading = shown && shown !== source ? `Reading ${source.label}…` : "Updating for the new settings…";
  slow = setTimeout(() => markStale(results, true, reading), 150);
  runId += 1;
  setBusy(true);
  $("progress").value = 0;
  worker.postMessage({ id: runId, state: state() });
}

worker.onmessage = ({ data }) => {
  if (data.id !== runId) return; // a newer run replaced this one
  if ("progress" in data) {
    $("progress").value = data.progress;
    $("stage").textContent = `${data.stage}…`;
    return;
  }
  setBusy(false);
  clearTimeout(slow);
  if (data.error) {
    $("stage").textContent = "";
    clearErrors(form);
    // A problem of the file's (its line and column, or a figure no setting can change, such
    // as usage too large to forecast exactly) is the file's: shown by the file picker, and
    // the page goes back to the data it showed before, labelled as such (never the old
    // numbers under the new file's name).
    // Credits past 2^53 − 1 in a file shown a moment ago come from the setting just changed:
    // the what-if top-up, else the plan (its allocation); the file stays.
    if (data.error.code === "OVERFLOW" && source === shown && /^csv\b/.test(data.error.field ?? "") && /top-ups up to here pass/.test(data.error.reason ?? "")) {
      data.error = { ...data.error, field: $("topup").valueAsNumber > 0 ? "topUp.credits" : "scenario.plan" };
    }
    const field = data.error.field ?? "";
    if (source.kind === "csv" && (/^csv\b/.test(field) || !inputFor(form, field))) {
      failedFile = source;
      const problem = /^csv\b/.test(field) ? csvProblem(data.error) : plainReason(data.error.reason ?? data.error.message);
      const { problems, problemCount } = data.error;
      if (problems?.length > 1) {
        // The file's bad rows (or unknown columns) together: one fix, one load.
        const more = problemCount - problems.length;
        showFieldError($("csv"), `${source.name} has ${count(problemCount)} problems to correct:`,
          [...csvProblems(problems), ...(more > 0 ? [`…and ${count(more)} more, not listed: correct these, then load the file again to see them.`] : [])]);
      } else {
        showFieldError($("csv"), `${source.name}: ${problem}`);
      }
      offerToLeaveOut(source, problems ?? [data.error], problemCount ?? 1);
      $("csv").value = ""; // the picker no longer names the file that is not shown
      if (shown && shown !== source) {
        source = shown;
        restoreBeforeSource();
        $("source").textContent = `${failedFile.name}${dropped(failedFile)} could not be used (see the message by the file picker); still showing ${shown.label}.`;
        sourceWaits = false; // this line says what is shown now
        markStale(results, true, `Not updated: going back to ${shown.label}…`);
        recompute();
      } else {
        markStale(results, true, "Not updated: the CSV file could not be used (see the message by the file picker).");
        $("source").textContent = `${source.name}${dropped(source)} could not be used (see the message by the file picker).`;
        sourceWaits = false;
      }
    } else {
      const marked = showApiError(form, data.error, $("settings-error"));
      $("stage").textContent = "Not updated: a setting needs correcting.";
      markStale(results, true, marked ? fixNote() : "Not updated: see the problem noted under the settings.");
    }
    return;
  }
  markStale(results, false);
  clearErrors(form);
  // A file that failed under other settings (a forecast day too early for its usage) is shown now.
  if (failedFile === source) failedFile = null;
  if (!failedFile) clearFieldError($("csv"));
  shown = source;
  beforeSource = null;
  // The line naming the data in use says the billing day typed as it is now, not as it was.
  if (sourceWaits || $("source").textContent.startsWith(source.using)) $("source").textContent = usingLine(source);
  sourceWaits = false;
  $("settings-error").replaceChildren();
  $("stage").textContent = `Priced ${plural(data.result.events, "event", "events")}.`;
  render(data.result);
  // The run's stages are shown; its end is said, with what the figures now are (the stage
  // alone reads the same after every change of plan or setting).
  announce(resultWords(data.result));
  keepSettings();
};

/** The source line last said to a screen reader. */
let saidSource = "";

/**
 * What a screen reader hears after a run: the source line when it changed (a file refused,
 * the data gone back to), the cycle's figures, the forecast's sentence and the note on
 * empty cycles, each only where there is one.
 */
function resultWords(result) {
  const sourceLine = $("source").textContent;
  const parts = [sourceLine !== saidSource ? sourceLine : "", $("stage").textContent, summaryOf(result),
    $("forecast").querySelector("p")?.textContent ?? "", $("cycles-gap").hidden ? "" : $("cycles-gap").textContent];
  saidSource = sourceLine;
  return parts.filter(Boolean).join(" ");
}

/** ", the first of the 3 files dropped," for a file dropped with others (they were not read). */
const dropped = (file) => (file.others ? `, the first of the ${file.others + 1} files dropped (load one export at a time),` : "");

/** A billing day as typed: 1 to 31, digits only. */
const BILLING_DAY = /^([1-9]|[12]\d|3[01])$/;

/** The source line of data in use: a file's says when its cycles follow a billing day typed. */
function usingLine(data) {
  const day = $("billing-day").value;
  return data.kind === "csv" && day !== "" && BILLING_DAY.test(day)
    ? `${data.using} Its cycles start on day ${day}, the billing day typed; clear that field to take the day from the file.` : data.using;
}

/** The cycle shown in one sentence: "Oct 2 – Nov 1, 2026 on Pro: 2,350 credits consumed, 0 overage, invoice $97.00." */
function summaryOf({ simulation, selected, dataThrough }) {
  const c = simulation.cycles[selected];
  const plan = $("plan").selectedOptions[0]?.textContent ?? "";
  const blocked = c.blocked.credits > 0 ? `, ${count(c.blocked.credits)} blocked` : "";
  const bill = c.invoice.total === null ? `AI charges ${money(c.invoice.usageCharges)} (price not set)` : `invoice ${money(c.invoice.total)}`;
  return `${cycleName(c)} on ${plan}: ${count(c.consumedCredits)} credits consumed${dataThrough ? " so far" : ""}${blocked}, `
    + `${count(c.overageCredits)} overage, ${bill}${dataThrough ? " so far" : ""}.`;
}

function card(label, value) {
  // A sentence (the cap's pauses) reads as text across the row, not as a big figure.
  const long = typeof value === "string" && value.length > 40;
  return el("div", { class: long ? "card wide" : "card" }, el("div", { class: "label" }, label), el("div", { class: long ? "value long" : "value" }, value));
}

/** "Nov 15 – Dec 14, 2026": a cycle's first and last day (its end is exclusive). */
const cycleName = (c) => dayRange(Date.parse(c.start), Date.parse(c.end) - 86_400_000);

/**
 * The longest run of two or more cycles without usage between cycles with some, in words,
 * or "": a row dated a year off (a typo) adds empty cycles, and its day may set the
 * billing day. `fromData`: the billing day `day` comes from the data's first row.
 */
function gapNote(cycles, day, fromData) {
  const used = (c) => c.ratedCredits > 0 || c.previewCredits > 0 || c.topUps.length > 0;
  let gap = null;
  for (let i = 0, from = -1; i < cycles.length; i++) {
    if (!used(cycles[i])) continue;
    if (from >= 0 && i - from - 1 >= 2 && (!gap || i - from - 1 > gap.length)) gap = { first: from + 1, length: i - from - 1 };
    from = i;
  }
  if (!gap) return "";
  const [a, b] = [cycles[gap.first], cycles[gap.first + gap.length - 1]];
  return `The data has no usage for ${gap.length} cycles, ${dayName(a.start)} to ${dayName(isoDay(Date.parse(b.end) - 86_400_000))}, `
    + "between cycles that have some: if a row is dated wrong (a typo in the year, say), correct it and load the file again."
    + (fromData ? ` The billing day, ${day}, is the day of the data's first row; type yours above if it differs.` : "");
}

/** The cycle picker and the month-over-month table, from every cycle of the data. */
function renderCycles(cycles, selected, span, whatIf, { hardCap, limited }) {
  $("cycle").replaceChildren(...cycles.map((c, i) => el("option", { value: String(i), selected: i === selected }, cycleName(c))));
  $("cycle").value = String(selected);
  cycleShown = String(selected);
  // Without a monthly price the invoice's total is not known: show its AI charges and say so (R1).
  const priced = cycles[0].invoice.total !== null;
  const invoice = priced ? "Invoice total" : "Invoice: AI charges (price not set)";
  // Usage a cap or a limit refused (R16, R17) is said beside what was served, where there is any.
  const blocked = cycles.some((c) => c.blocked.credits > 0);
  const by = hardCap && limited.length ? "the cap and limits" : hardCap ? "the cap" : limited.length > 1 ? "limits" : "a limit";
  const headers = ["Cycle", "Credits consumed", ...(blocked ? [`Credits blocked by ${by}`] : []), "Overage credits", invoice];
  $("cycles").tHead.replaceChildren(headerRow(headers));
  const labels = ["", ...headers.slice(1)];
  $("cycles").querySelector("tbody").replaceChildren(...cycles.map((c, i) => {
    // A cycle the data covers only in part says so: its figures are not the whole cycle's.
    const from = span && span.first > c.start.slice(0, 10) ? `data from ${dayName(span.first)}` : "";
    const to = span && Date.parse(span.last) + 86_400_000 < Date.parse(c.end) ? `data to ${dayName(span.last)}` : "";
    const name = [cycleName(c), ...[from, to].filter(Boolean).map((part) => el("span", { class: "tag" }, ` (${part})`))];
    const tr = row([name, count(c.consumedCredits), ...(blocked ? [count(c.blocked.credits)] : []), count(c.overageCredits), money(c.invoice.total ?? c.invoice.usageCharges)],
      { header: true, labels });
    if (i === selected) {
      tr.classList.add("selected");
      // Its figures count the what-if top-up, which was not bought.
      tr.cells[0].append(el("span", { class: "tag" }, whatIf ? " (shown, with the what-if top-up)" : " (shown)"));
    }
    return tr;
  }));
}

const TIME = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
/** The day of cycle `c` (index into its daily list) a timestamp falls on. */
const dayIndex = (c, at) => Math.floor((Date.parse(at) - Date.parse(c.daily[0].date)) / 86_400_000);

/** Credits available by day: the allocation plus the top-ups bought so far. */
function available(c, topUpsByDay) {
  let bought = 0;
  return topUpsByDay.map((credits) => c.includedCredits + (bought += credits));
}

/** Cycle `c`'s purchases after forecast `f`'s moment: each counts from then (R18). */
const laterTopUps = (c, f) => c.topUps.filter((t) => Date.parse(t.at) > Date.parse(f.asOf));

/** What the figures assume of calls the data gives no rate for (R7, R11), or "". */
function defaultRateWords({ calls, minutes, credits, low, high }) {
  if (calls === 0) return "";
  const { default: rate, min, max } = book.rates.voice;
  const their = minutes == null ? "" : ` (${plural(minutes, "minute", "minutes")}${credits == null ? "" : `, ${plural(credits, "credit", "credits")}`})`;
  const range = low == null || high == null ? "" : `; at ${min} to ${max} credits a minute (what a provider and language can cost), they would be ${count(low)} to ${count(high)} credits`;
  return `${plural(calls, "call gives", "calls give")} no voice rate (no credits a minute, and no provider and language with a rate of their own): `
    + `charged at the usual ${plural(rate, "credit", "credits")} a minute${their}${range}.`;
}

/** The usage forecast `f` has come by a moment (ms), as a function: its usage line, straight
 * between the bends where a limit stops a feature (R17); a drawing's figure, not a billing one. */
function usageCurve(f) {
  const points = f.usageLine.map((p) => [Date.parse(p.at), p.credits]);
  return (ms) => {
    const k = points.findIndex(([at]) => at >= ms);
    if (k < 0) return points.at(-1)[1];
    if (k === 0) return points[0][1];
    const [[t0, v0], [t1, v1]] = [points[k - 1], points[k]];
    return v0 + ((v1 - v0) * (ms - t0)) / (t1 - t0);
  };
}

/**
 * Under a hard cap, the forecast as what is served (a drawing, not a figure): from the
 * credits served by the as-of day, rising with the usage line (each feature at its run rate
 * until its limit stops it, R17), never past the credits available at each moment
 * (allocation and the top-ups bought by then, later ones too: a top-up at 06:00 serves only
 * what comes after it).
 */
function servedLine(c, f, served) {
  const from = Math.max(0, Math.min(c.daily.length - 1, dayIndex(c, f.asOf) - 1));
  const start = Date.parse(f.asOf);
  const usageAt = usageCurve(f);
  const bought = c.topUps.map((t) => [Date.parse(t.at), t.credits]);
  const availableAt = (ms) => bought.reduce((sum, [at, credits]) => (at <= ms ? sum + credits : sum), c.includedCredits);
  const firstDay = Date.parse(c.daily[0].date);
  let [level, t] = [served, start];
  return c.daily.map((_, i) => {
    if (i < from) return null;
    const dayEnd = firstDay + (i + 1) * 86_400_000;
    for (const cut of [...bought.map(([at]) => at).filter((at) => at > t && at < dayEnd).sort((a, b) => a - b), dayEnd]) {
      if (cut <= t) continue;
      level = Math.max(level, Math.min(level + usageAt(cut) - usageAt(t), availableAt(t)));
      t = cut;
    }
    return Math.round(level);
  });
}

/** The forecast as a line: from the usage at the as-of day to the projected total at the
 * cycle's last day along the engine's usage line, bending where a limit stops a feature
 * (R17): without a cap all of it is charged, in the pool or as overage, top-ups or not
 * (R15, R18), so it meets each alert and the credits on the days the words say. Points are
 * drawn to the nearest credit (a picture of the rate, not a billing figure); nothing before
 * the as-of day. */
function forecastLine(c, f) {
  if (!f) return c.daily.map(() => null);
  // "As of" a day is its start: the end of the day before, where the used line's point is.
  const from = Math.max(0, Math.min(c.daily.length - 1, dayIndex(c, f.asOf) - 1));
  const [firstDay, usageAt] = [Date.parse(c.daily[0].date), usageCurve(f)];
  return c.daily.map((_, i) => (i < from ? null : Math.round(usageAt(firstDay + (i + 1) * 86_400_000))));
}

let latestInvoice = null; // the cycle shown, for the invoice export

/** Whether forecast `f` is as of its cycle's end: the cycle is over, nothing is left to project. */
const isOver = (f) => Date.parse(f.asOf) >= Date.parse(f.cycleEnd);

/** A purchase's name: "the top-up", or "the what-if top-up". */
const topUpName = (c, t, whatIf) => (isWhatIf(c, t, whatIf) ? "the what-if top-up" : "the top-up");
/** A purchase in words: "the top-up on Oct 20, 2026", the what-if one said as such. */
const topUpWords = (c, t, whatIf) => `${topUpName(c, t, whatIf)} on ${dayName(t.at)}`;

/**
 * Stretches AI is paused, in words: the first as `first(span)` says it, then "again from …",
 * each "until" the top-up that ends it: "Oct 3, 2026 until the top-up on Oct 20, 2026;
 * again from Oct 25, 2026". A span: { from (a day or moment), until: the purchase or null }.
 */
const pauseWords = (c, whatIf, spans, first) => spans
  .map((s, k) => `${k === 0 ? first(s) : `again from ${dayName(s.from)}`}${s.until ? ` until ${refillWords(c, s, whatIf)}` : ""}`).join("; ");

/** The top-up that ends stretch `s`: "the top-up on Oct 20, 2026", or "… later that day" when it starts that day. */
const refillWords = (c, s, whatIf) => (isoDay(Date.parse(s.until.at)) === String(s.from).slice(0, 10)
  ? `${topUpName(c, s.until, whatIf)} later that day` : topUpWords(c, s.until, whatIf));

/** A finished cycle's hard-cap card: every pause (R16) and the top-up that ended it. */
function capCard(c, whatIf) {
  const pauses = c.pauses.filter((p) => p.reason === "hardCap");
  const resumers = c.topUps.filter((t) => t.resumedAi);
  const spans = pauses.map((p, k) => ({ from: p.at,
    until: resumers.find((t) => Date.parse(t.at) > Date.parse(p.at) && (k + 1 === pauses.length || Date.parse(t.at) <= Date.parse(pauses[k + 1].at))) ?? null }));
  return pauseWords(c, whatIf, spans, (s) => `from ${dayName(s.from)}`);
}

/**
 * The forecast's stretches without credits ahead (R16, R18), each with the later top-up
 * that ends it; when AI is paused now, the first runs from now to the first later top-up.
 */
function spansAhead(c, f, pausedNow) {
  const later = laterTopUps(c, f);
  const refill = (day) => later.find((t) => isoDay(Date.parse(t.at)) === day) ?? null;
  let spans = f.runOuts.map((r) => ({ from: r.date, until: r.until ? refill(r.until) : null }));
  if (pausedNow && !(f.exhausted && spans.length)) {
    // Paused now by the cap though credits are left (R16: what is left fits no event): paused
    // until the next top-up, if one comes; a run-out that top-up ends is this same stretch.
    const now = { from: f.asOf, until: later[0] ?? null, now: true };
    spans = now.until ? [now, ...spans.filter((span) => span.until !== now.until)] : [now];
  }
  // A refill used up the day it comes makes no room to speak of (an event may need more than
  // it gives): one stretch, to the next refill.
  return spans.reduce((merged, span) => {
    const last = merged.at(-1);
    if (last?.until && isoDay(Date.parse(last.until.at)) === span.from.slice(0, 10)) last.until = span.until;
    else merged.push({ ...span });
    return merged;
  }, []);
}

/** The moment the hard cap first paused AI in cycle `c`, or undefined. */
const capPausedOn = (c) => c.pauses.find((p) => p.reason === "hardCap")?.at;

/** The hard cap's pauses and the top-ups that resumed AI, in time order, in words: "The hard
 * cap began pausing AI on Oct 3, a top-up resumed it on Oct 20, and it began pausing again on Oct 21". */
function capStory(c, whatIf) {
  const steps = [...c.pauses.filter((p) => p.reason === "hardCap").map((p) => ({ at: p.at, pause: true })),
    ...c.topUps.filter((t) => t.resumedAi).map((t) => ({ at: t.at, pause: false, whatIf: isWhatIf(c, t, whatIf) }))]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return steps.map((s, k) => (k === 0 ? `The hard cap began pausing AI on ${dayName(s.at)}`
    : s.pause ? `it began pausing again on ${dayName(s.at)}`
    : s.whatIf ? `the what-if top-up (not bought) would have resumed it on ${dayName(s.at)}` : `a top-up resumed it on ${dayName(s.at)}`)).join(", ");
}

/**
 * Whether purchase `t` of cycle `c` (one of `c.topUps`) is the what-if top-up, at the place
 * the worker found for it: a bought top-up of the same day and size is never taken for it.
 */
const isWhatIf = (c, t, whatIf) => whatIf != null && c.topUps.indexOf(t) === whatIf.purchase;

/**
 * The invoice's lines, a top-up's moment in the page's words and the what-if top-up's
 * marked as such (it was not bought; a bought one at the same moment and size is the same line).
 */
function invoiceLines(c, whatIf) {
  let purchase = 0; // the invoice's top-up lines are the cycle's purchases, in order
  return c.invoice.lines.map((l) => {
    if (l.kind !== "topUp") return l;
    const notBought = isWhatIf(c, c.topUps[purchase++], whatIf);
    return { ...l, description: `Top-up credits bought ${momentName(l.at)}${notBought ? " (what-if, not bought)" : ""}` };
  });
}

/**
 * The bill first: what the cycle's invoice comes to, and as of the forecast day the
 * credits left, the days left and the bill the run rate heads for (R15, R24).
 */
function billCards(c, f, { hardCap, leftAsOf, dataThrough, pausedAsOf, whatIf, spans }) {
  const priced = c.invoice.total !== null;
  // A what-if top-up in this cycle is in its invoice: the label says so.
  const withWhatIf = whatIf && Date.parse(whatIf.at) >= Date.parse(c.start) && Date.parse(whatIf.at) < Date.parse(c.end) ? ", with the what-if top-up" : "";
  // Overage priced on an assumed rate (calls with no voice rate, steps with no size, R7,
  // R10, R11) is no certain amount: the label points to what is assumed.
  const assumed = c.callsAtDefaultRate.calls > 0 || c.unsizedWorkflowSteps.steps > 0;
  const onAssumed = (overage) => (assumed && overage > 0 ? ", at the rates assumed above" : "");
  // A cycle under way: its invoice is what the data holds so far, never the cycle's end.
  const label = dataThrough ? `Invoice so far (data to ${dayName(dataThrough)})${withWhatIf}${onAssumed(c.overageCredits)}${priced ? "" : ": AI charges, subscription price not set"}`
    : priced ? `Invoice at the cycle's end${withWhatIf}${onAssumed(c.overageCredits)}` : `Invoice: AI charges${withWhatIf}${onAssumed(c.overageCredits)} (subscription price not set)`;
  const cards = [card(label, money(c.invoice.total ?? c.invoice.usageCharges))];
  if (f) {
    // "As of" the cycle's end is the day the next cycle's credits arrive: say "at the end".
    // A cycle that is over: what is left expires (the card below says so), no days are left.
    const ended = isOver(f);
    const when = `on ${dayName(f.asOf)}`;
    const daysLeft = Math.max(0, Math.round((Date.parse(f.cycleEnd) - Date.parse(f.asOf)) / 86_400_000));
    cards.push(
      // A what-if top-up bought at the forecast's moment is in the credits left: said so.
      ...(ended ? [] : [card(`Credits left ${when}${whatIf && Date.parse(whatIf.at) === Date.parse(f.asOf) ? ", with the what-if top-up" : ""}`, count(leftAsOf)),
        card(`Days left ${when}`, count(daysLeft))]),
      // R16: a hard cap never bills overage; what the run rate changes is when AI pauses.
      // Before the cycle's end the card is the run rate's projection: said so, as a finished
      // cycle's chart shows what did happen after that day.
      // A cycle that is over says what the cap did, in the past.
      ...(hardCap ? [card(ended ? "With the hard cap, AI paused" : `With the hard cap, AI pauses (at the rate before ${dayName(f.asOf)})`,
        ended ? (capPausedOn(c) ? capCard(c, whatIf) : dataThrough ? `not up to ${dayName(dataThrough)}, where the data ends` : "never this cycle")
        // A later top-up resumes it (R16, R18): until when, and when it pauses again.
        : spans.length === 0 ? "not this cycle"
          : pauseWords(c, whatIf, spans, (s) => (s.now || f.exhausted ? "already, for events past the credits left" : dayName(s.from))))]
        // A cycle that is over has its bill above; one under way, where the run rate takes it
        // (the plan's own bill: overage past the allocation and top-ups, and the top-ups).
        : ended ? []
          // At the cycle's end, at the run rate up to the forecast day; top-ups after it count from their purchase (R18).
          : [card(`${f.bill.totalCost != null ? "Projected bill" : "Projected AI charges"} at the cycle's end (rate to ${dayName(f.asOf)}${laterTopUps(c, f).length ? ", later top-ups counted" : ""}${onAssumed(f.bill.overageCredits)})`,
            money(f.bill.totalCost ?? f.bill.usageCharges))]),
    );
  }
  return cards;
}


function render({ simulation, backtest, forecast, weighed, leftAsOf, servedAsOf, pausedAsOf, dataThrough, dataFrom, billingDay, selected, topUpsByDay, hardCap, limited, span, whatIf, overageAsOf, preview }) {
  const c = simulation.cycles[selected];
  // What of the cycle the data covers, said once above the figures, and what it leaves open.
  const unsized = c.unsizedWorkflowSteps;
  $("coverage").textContent = [
    dataFrom ? `The data starts on ${dayName(dataFrom)}, after this cycle's start (${dayName(c.start)}): usage before it is not in these figures.` : "",
    dataThrough ? `The data runs to ${dayName(dataThrough)} and the cycle to ${dayName(isoDay(Date.parse(c.end) - 86_400_000))}: the figures are so far.` : "",
    // R10, R11: a step of no known size is charged short, the expected figure; say how much more it could be.
    unsized.steps > 0 ? `${plural(unsized.steps, "GPT step has", "GPT steps have")} no token count in the data: charged at the short rate, `
      + `${unsized.extraCreditsIfLong == null ? "and more if they were long" : `${plural(unsized.extraCreditsIfLong, "credit", "credits")} more if they were long`}.` : "",
    // R7, R11: a call whose rate the data does not give is charged at the book's default; say
    // what the same minutes would be at the rates a provider and language can have.
    defaultRateWords(c.callsAtDefaultRate),
    // R5, R8, R9: a blank count is charged as one; say how many rows the figures assume that of.
    c.eventsWithoutCount > 0 ? `${plural(c.eventsWithoutCount, "charged row", "charged rows")} of this cycle ${c.eventsWithoutCount === 1 ? "gives" : "give"} no count `
      + "(messages, or count for content and reviews): each was charged as one, the rules' default." : "",
    // The preview what-if moves test traffic to preview (R13): with none, it changes nothing.
    preview && c.previewCredits === 0 ? "This cycle has no test traffic, so the preview what-if changes nothing." : "",
  ].filter(Boolean).join(" ");
  const sofar = dataThrough ? ` (data to ${dayName(dataThrough)})` : "";
  if ($("billing-day").value === "") $("billing-day").placeholder = `${billingDay} (from the data)`;
  daysShown = { cut: billingDay, data: $("billing-day").value === "" ? billingDay : daysShown.data };
  // The date pickers offer the days that mean something for the cycle shown.
  const [startMs, endMs] = [Date.parse(c.start), Date.parse(c.end)];
  Object.assign($("topup-day"), { min: isoDay(startMs), max: isoDay(endMs - 86_400_000) });
  Object.assign($("asof"), { min: isoDay(startMs + 86_400_000), max: isoDay(endMs) });
  renderCycles(simulation.cycles, selected, span, whatIf, { hardCap, limited });
  $("cycles-gap").textContent = gapNote(simulation.cycles, billingDay, $("billing-day").value === "");
  $("cycles-gap").hidden = !$("cycles-gap").textContent;
  if (!$("topup-day").value) $("topup-day").value = c.start.slice(0, 10);
  latestInvoice = { cycle: c, name: cycleName(c), plan: $("plan").selectedOptions[0]?.textContent ?? "", dataThrough, dataFrom, whatIf };
  // The stretches without credits ahead, for the bill card and the forecast's words alike.
  const spans = forecast && !isOver(forecast) ? spansAhead(c, forecast, hardCap && pausedAsOf) : [];
  $("bill").replaceChildren(...billCards(c, forecast, { hardCap, leftAsOf, dataThrough, pausedAsOf, whatIf, spans }));
  // Top-ups after the data's last day (a what-if ahead): counted in what is unused so far and
  // in the invoice so far, said in both.
  const afterData = dataThrough ? c.topUps.filter((t) => Date.parse(t.at) >= Date.parse(dataThrough) + 86_400_000) : [];
  const unusedLabel = !dataThrough ? "Expire unused (no rollover)" : afterData.length === 0 ? "Unused so far"
    : `Unused so far, with ${afterData.length === 1 ? `the top-up on ${dayName(afterData[0].at)}` : `${afterData.length} top-ups`} after the data`;
  $("cards").replaceChildren(
    card(`Credits consumed${dataThrough ? " so far" : ""}`, count(c.consumedCredits)),
    // R3: no rollover; what is left of the allocation and top-ups expires at the cycle's end.
    card(unusedLabel, count(c.expiredCredits)),
    card("Included + top-ups", `${count(c.includedCredits)} + ${count(c.topUpCredits)}`),
    card("Overage credits", count(c.overageCredits)),
    card("Blocked (paused)", `${plural(c.blocked.credits, "credit", "credits")} in ${plural(c.blocked.events, "event", "events")}`
      + (c.blocked.hardCap > 0 && c.blocked.featureLimit > 0
        ? `: ${count(c.blocked.hardCapCredits)} by the cap, ${count(c.blocked.featureLimitCredits)} by ${limited.length > 1 ? "limits" : "a limit"}` : "")),
    card("Preview credits (free)", count(c.previewCredits)),
  );
  // A pause like an earlier one (the cap again, or the same feature's limit) after usage it stops was served again.
  const again = (i) => c.pauses.slice(0, i).some((q) => q.reason === c.pauses[i].reason && (q.reason === "hardCap" || q.feature === c.pauses[i].feature));
  const markers = [
    ...c.alerts.map((a) => ({ at: a.at, index: dayIndex(c, a.at),
      detail: `${a.threshold}% alert fired ${TIME.format(new Date(a.at))} UTC (event ${count(a.event + 1)} in time order)` })),
    // Every pause (R16, R17): each feature's limit once, the cap again after a top-up resumed AI.
    ...c.pauses.map((p, i) => ({ at: p.at, index: dayIndex(c, p.at), color: "#cf222e",
      detail: p.reason === "hardCap"
        // R16: an event is served only whole, so smaller ones may still be served after it.
        ? `The hard cap began pausing AI${again(i) ? " again" : ""} from ${TIME.format(new Date(p.at))} UTC: an event needed more credits than were left (event ${count(p.event + 1)} in time order)`
        // R17: a limit pauses its own feature; the others carry on.
        : `${FEATURE_NAMES[p.feature]} paused${again(i) ? " again" : ""} from ${TIME.format(new Date(p.at))} UTC by its limit; other features carried on (event ${count(p.event + 1)} in time order)` })),
    // R16: a top-up bought while the cap had AI paused resumes it (the engine says which did).
    ...c.topUps.filter((t) => t.resumedAi).map((t) => ({
      // At its day's tick, as alerts and pauses are (the allocation line rises just before it).
      at: t.at, index: dayIndex(c, t.at), color: "#1a7f37",
      detail: isWhatIf(c, t, whatIf)
        ? `The what-if top-up of ${plural(t.credits, "credit", "credits")} on ${TIME.format(new Date(t.at))} UTC (not bought) would have resumed AI`
        : `A top-up of ${plural(t.credits, "credit", "credits")} on ${TIME.format(new Date(t.at))} UTC resumed AI` })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) // the cycle's story in time order
    // Numbered on the chart, as in the list under it: words at close days would print over each other.
    .map((m, k) => ({ ...m, label: String(k + 1) }));
  // The markers' words in text too, for every reader (a tooltip needs a pointer).
  $("daily-events").replaceChildren(...markers.map((m) => el("li", {}, `${m.detail}.`)));
  let running = 0;
  // Days after the data's last are not known usage: the used line stops there.
  // Days before the data starts are not known usage either.
  const known = dataThrough ? dayIndex(c, dataThrough) : c.daily.length - 1;
  const from = dataFrom ? dayIndex(c, dataFrom) : 0;
  const cumulative = c.daily.map((d, i) => (running += d.credits, i >= from && i <= known ? running : null));
  const allowance = c.includedCredits;
  // The chart's figures as a table too: the keyboard and a screen reader reach every day.
  const availableByDay = available(c, topUpsByDay);
  $("days").tBodies[0].replaceChildren(...c.daily.map((d, i) => row([shortDay(d.date), count(d.credits),
    cumulative[i] == null ? "no data" : count(cumulative[i]), count(availableByDay[i])], { header: true })));
  $("daily").replaceChildren(lineChart({
    title: "Cumulative credits by day: used, available (allocation plus top-ups), the forecast, and when alerts fired",
    labels: c.daily.map((d) => shortDay(d.date)), xLabel: "Day of the cycle (UTC)", yLabel: "Credits",
    series: [
      { name: "Credits used", values: cumulative },
      { name: "Allocation + top-ups", values: availableByDay, step: true },
      // With the hard cap the used line is what was served, and so is the forecast's: flat while
      // no credits are left, rising again after a top-up (R16, R18). A cycle that is over has
      // no forecast to draw.
      ...(!forecast || isOver(forecast) ? []
        : hardCap ? [{ name: "Forecast (served)", values: servedLine(c, forecast, servedAsOf.served), dashed: true }]
          : [{ name: "Forecast", values: forecastLine(c, forecast), dashed: true }]),
    ],
    // Ascending, as the alerts fire and the forecast lists them (R14), whatever order they were typed in.
    lines: thresholds().filter((t) => t > 0 && t <= 1000).sort((a, b) => a - b).map((t) => ({ name: `${t}% alert`, value: (allowance * t) / 100, dashed: true })),
    // The markers' words are the numbered list under the chart, for every reader: no tab stops
    // inside the chart (a focused marker would show a box and no words).
    markers, markerFocus: false,
    format: count,
    width: Math.max(320, $("daily").clientWidth), height: $("daily").clientWidth < 500 ? 280 : 320,
  }));
  const features = Object.entries(FEATURE_NAMES).map(([key, name]) => [name, key]);
  $("features").replaceChildren(barChart({ title: "Credits by feature", width: Math.max(300, $("features").clientWidth),
    bars: features.map(([name, key]) => ({ name, value: c.byFeature[key], label: count(c.byFeature[key]) })) }));
  const agents = Object.entries(c.byAgent).sort((a, b) => b[1] - a[1]);
  // The top agents by name, the rest as one bar: 150 agents are a list, not a chart.
  const TOP_AGENTS = 15;
  const shownAgents = agents.slice(0, TOP_AGENTS).map(([name, credits]) => ({ name, value: credits, label: count(credits) }));
  if (agents.length > TOP_AGENTS) {
    const rest = agents.slice(TOP_AGENTS).reduce((sum, [, credits]) => sum + credits, 0);
    shownAgents.push({ name: `${count(agents.length - TOP_AGENTS)} other agents`, value: rest, label: count(rest) });
  }
  // Agents name conversation and voice usage only: what names none is a bar too, so the
  // panel adds up to those two features.
  const unnamed = c.byFeature.conversation + c.byFeature.voice - agents.reduce((sum, [, credits]) => sum + credits, 0);
  if (unnamed > 0) shownAgents.push({ name: "No agent named", value: unnamed, label: count(unnamed) });
  $("agents").replaceChildren(agents.length
    ? barChart({ title: "Credits by agent", width: Math.max(300, $("agents").clientWidth), bars: shownAgents })
    // byAgent counts charged usage: preview usage that names an agent is not in it.
    : el("p", { class: "hint" }, "No charged usage names an agent this cycle."));
  renderForecast(forecast, { c, hardCap, dataThrough, dataFrom, servedAsOf, pausedAsOf, leftAsOf, limited, overageAsOf, whatIf, spans, weighed });
  // With limits set, what the cap's column counts as blocked includes what they block (R17).
  const blockedLabel = limited.length ? "Blocked with cap and limits" : "Blocked with cap";
  $("plans").querySelector("thead th:last-child").textContent = blockedLabel;
  const labels = ["", "AI overage, no cap", "Total, no cap", "Total, hard cap", blockedLabel];
  // A cycle under way has one piece of advice, the forecast's for the whole cycle: the green
  // row is its plan, never a plan the forecast expects to run into overage.
  const advised = dataThrough && forecast ? weighed.recommended : null;
  $("plans").querySelector("tbody").replaceChildren(...backtest.plans.map((p) => {
    const tr = row([p.name, money(p.overageCost), money(p.cost, "not known"), money(p.capped.cost, "not known"), `${count(p.capped.blockedCredits)} credits`],
      { header: true, labels });
    tr.dataset.plan = p.plan;
    if (p.plan === (advised ?? backtest.recommended)) {
      tr.classList.add("best");
      // The badge says its basis (R24), or, for a cycle under way, that it is the forecast's.
      const covers = (book.plans.find((b) => b.id === p.plan)?.credits ?? 0) >= backtest.usageCredits;
      tr.cells[0].dataset.badge = advised ? "recommended for the whole cycle (forecast)" : dataThrough ? "best so far" : badge(backtest.basis, covers ? "this usage" : null);
    }
    return tr;
  }));
  // R24 weighs the usage without a cap: the most any plan serves (a percent limit blocks
  // more on a smaller plan, which does not make it cover the usage).
  const chosen = backtest.plans.find((p) => p.plan === backtest.recommended);
  const allocation = book.plans.find((p) => p.id === chosen.plan)?.credits ?? 0;
  const usage = `${plural(backtest.usageCredits, "credit", "credits")} without a cap`;
  // A cycle under way has one piece of advice, the forecast's: the table is the usage so far.
  const advice = forecast && book.plans.find((p) => p.id === weighed.recommended)?.name;
  $("plans-basis").textContent = (dataThrough ? `On the usage so far${sofar}${advice ? `; for the whole cycle at this rate the forecast recommends ${advice}` : ""}. ` : "") + (backtest.basis === "totalCost"
    ? `${chosen.name} costs the least for this usage: ${money(chosen.cost)}.`
    : allocation >= backtest.usageCredits
      ? `${chosen.name} is the smallest plan whose monthly credits cover this usage (${usage}); subscription prices are not set, so totals are not known.`
      : `No plan's monthly credits cover this usage (${usage}); ${chosen.name} adds the least overage (${money(chosen.overageCost)}); subscription prices are not set, so totals are not known.`);
  $("insights").replaceChildren(...savings(c, dataThrough, limited));
  // At 390 px each line is a card, every value labelled (table.stack).
  const lineLabels = ["", "Quantity", "Unit price", "Amount"];
  $("invoice").querySelector("tbody").replaceChildren(...(c.invoice.lines.length
    ? invoiceLines(c, whatIf).map((l) => row([l.description, count(l.quantity), `$${l.unitPrice}`, money(l.amount)], { header: true, labels: lineLabels }))
    : [row(["No charges this cycle", "", "", money("0.00")], { header: true, labels: lineLabels })]));
  // R1: without the subscription price the total is not known; the AI charges are.
  $("invoice").querySelector("tfoot").replaceChildren(...(c.invoice.total !== null
    ? [row(["Total", "", "", money(c.invoice.total)], { header: true, labels: lineLabels })]
    : [row(["AI charges", "", "", money(c.invoice.usageCharges)], { header: true, labels: lineLabels }),
      row(["Total", "", "", "not known"], { header: true, labels: lineLabels })]));
  $("invoice-title").textContent = dataThrough ? "Invoice so far" : "Invoice at the cycle's end";
  $("invoice-note").textContent = [dataThrough ? `The data runs to ${dayName(dataThrough)}: these are the lines so far; the invoice is issued at the cycle's end.` : "",
    ...afterData.map((t) => `The what-if top-up on ${dayName(t.at)}, after the data's last day, is included.`),
    c.invoice.total !== null ? "" : "The subscription price is not set, so the invoice total is not known; the AI charges (overage and top-ups) are."]
    .filter(Boolean).join(" ");
}

/**
 * The savings insights in words. Each is priced at the plan's overage rate: what those
 * credits would take off this bill only when the cycle went into overage; otherwise they
 * were inside the allocation and cost nothing extra, and the page says so.
 */
/** Seconds as people say a length: "35 min 12 s" (whole seconds; a drawing of the figure, not billed). */
function duration(seconds) {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60).toLocaleString("en-US")} min${whole % 60 ? ` ${whole % 60} s` : ""}`;
}

function savings(c, dataThrough, limited) {
  const i = c.insights;
  const billed = c.overageCredits > 0;
  // Credits saved come off the bill only as far as the overage goes: past it, say so, never
  // a saving bigger than the overage (the rate applies to the last credits only).
  const price = (cost, credits) => (!billed ? ""
    : credits <= c.overageCredits ? ` (${money(cost)} at the overage rate)`
      : ` (more than the cycle's ${plural(c.overageCredits, "overage credit", "overage credits")}: saving them would have removed all its overage)`);
  const items = [];
  if (i.voiceRounding.calls > 0 && i.voiceRounding.extraSeconds > 0) {
    items.push(`Voice rounding: ${plural(i.voiceRounding.calls, "call was", "calls were")} billed ${plural(i.voiceRounding.billedMinutes, "minute", "minutes")} `
      + `in all, ${duration(i.voiceRounding.extraSeconds)} more than ${i.voiceRounding.calls === 1 ? "its" : "their"} length: ${plural(i.voiceRounding.credits, "credit", "credits")}${price(i.voiceRounding.cost, i.voiceRounding.credits)}. Shorter calls help.`);
  }
  if (i.longWorkflowSteps.steps > 0) {
    items.push(`Long workflow steps: ${plural(i.longWorkflowSteps.steps, "GPT step", "GPT steps")} over ${count(book.rates.workflow.longAboveTokens)} prompt and output tokens cost ${plural(i.longWorkflowSteps.extraCredits, "extra credit", "extra credits")}${price(i.longWorkflowSteps.cost, i.longWorkflowSteps.extraCredits)}.`);
  }
  if (i.testTraffic.events > 0) {
    items.push(`Test traffic: ${plural(i.testTraffic.events, "test event was", "test events were")} charged ${plural(i.testTraffic.credits, "credit", "credits")}${price(i.testTraffic.cost, i.testTraffic.credits)}; preview mode would have made ${i.testTraffic.events === 1 ? "it" : "them"} free.`);
  }
  // A name is the customer's text: isolated (U+2068..U+2069) so a right-to-left name never
  // takes the figures after it into its own direction.
  // Agents' credits overlap the savings above and each other's share of the bill: their
  // credits are said, not priced (priced one by one they would add up past the overage).
  items.push(...i.topAgents.slice(0, 3).map((a) => `\u2068${a.agent}\u2069 used ${plural(a.credits, "credit", "credits")}.`));
  if (!billed && items.length) {
    const had = dataThrough ? "So far this cycle has had" : "This cycle had";
    const { hardCap, featureLimit } = c.blocked;
    // Under a hard cap or a limit nothing is overage: the savings are room for what was paused,
    // any saving under the cap's shared pool, only the limited feature's under a limit.
    // The savings' credits against what was held back: room for all of it, or for part.
    const saved = i.voiceRounding.credits + i.longWorkflowSteps.extraCredits + i.testTraffic.credits;
    const room = (heldBack, events) => (saved >= heldBack ? `room for ${events === 1 ? "it" : "them"}`
      : `room for ${plural(saved, "credit", "credits")} of the ${plural(heldBack, "credit", "credits")} held back`);
    const capWords = saved === 0 ? "none of these would have made room for them" : `these savings would have made ${room(c.blocked.hardCapCredits, hardCap)}`;
    items.push(hardCap > 0
      ? `${had} no overage, but the hard cap paused ${plural(hardCap, "event", "events")}: ${capWords}.`
      : featureLimit > 0
        ? `${had} no overage; ${limited.length > 1 ? "feature limits" : "a feature limit"} paused ${plural(featureLimit, "event", "events")}: `
          + `only savings in ${limited.length === 1 ? FEATURE_NAMES[limited[0]] : "the limited features"} would make room for ${featureLimit === 1 ? "it" : "them"}.`
        : `${dataThrough ? "So far this cycle has stayed" : "This cycle stayed"} within its credits, so none of these changed the bill; they would in a month with overage.`);
  }
  return (items.length ? items : ["Nothing to save this cycle: no rounding, long steps or test traffic."]).map((text) => el("li", {}, text));
}

/** When the credits run out, in words: from the forecast, and for a cycle that is over, what happened. */
function runOutWords(f, { c, hardCap, pausedAsOf, leftAsOf, overageAsOf, dataThrough, whatIf, spans }) {
  if (isOver(f)) {
    // Over (or its data is): its own figures, not a run rate's.
    const sofar = dataThrough ? `So far (the data ends on ${dayName(dataThrough)}): ` : "";
    if (hardCap && capPausedOn(c)) return `${sofar}${capStory(c, whatIf)}.`;
    return sofar + (c.overageCredits > 0 ? `the cycle went ${plural(c.overageCredits, "credit", "credits")} past its allocation and top-ups: overage, billed at the plan's overage rate.`
      : `the credits lasted${dataThrough ? "" : " the whole cycle"}.`).replace(/^t/, sofar ? "t" : "T");
  }
  // Every stretch without credits at this rate, each until a top-up refills the pool (R18).
  const refill = (s) => (s.until ? `; ${refillWords(c, s, whatIf)} makes room again` : "");
  const rest = spans.slice(1).map((s) => `, and they run out again on ${dayName(s.from)}${refill(s)}`).join("")
    + (spans.length && spans.at(-1).until ? ", and the credits last the rest of the cycle" : "");
  // Under the cap an event is served only whole (R16): it refuses what needs more than is left.
  if (hardCap && pausedAsOf) {
    return (leftAsOf === 0 ? "The hard cap has paused AI: no credits are left"
      : `The hard cap has begun pausing AI: an event that needs more than the ${plural(leftAsOf, "credit", "credits")} left is refused; smaller ones are still served`)
      + `${refill(spans[0])}${rest}.`;
  }
  if (f.exhausted) return `The credits had already run out${hardCap ? ": with the hard cap, AI is paused" : ""}${refill(spans[0])}${rest}.`;
  if (f.runOutDate) {
    return `Credits run out on ${dayName(f.runOutDate)}${hardCap ? "; with the hard cap, AI pauses then (no overage)" : ""}${refill(spans[0])}${rest}.`;
  }
  // R18: overage charged before a top-up stays on the bill.
  return overageAsOf > 0 && !hardCap ? `With the top-ups the credits last the rest of the cycle; the ${plural(overageAsOf, "credit", "credits")} of overage before them stay on the bill.`
    : "The credits last the whole cycle.";
}

function renderForecast(f, { c, hardCap, dataThrough, dataFrom, servedAsOf, pausedAsOf, leftAsOf, limited, overageAsOf, whatIf, spans, weighed }) {
  if (!f) {
    $("forecast").replaceChildren(el("p", { class: "hint" }, "Pick a day inside the cycle."));
    return;
  }
  if (!$("asof").value) $("asof").value = f.asOf.slice(0, 10);
  const best = weighed.plans.find((p) => p.plan === weighed.recommended);
  // R17: a limited feature's run rate stops at its limit; said only of the limits that do stop one.
  const stopped = f.stoppedByLimit.map((feature) => FEATURE_NAMES[feature]);
  const stops = stopped.length ? ` (${list(stopped)} stopping at ${stopped.length === 1 ? "its limit" : "their limits"})` : "";
  // A cycle that is over has its own figures: no rate to run on.
  const over = isOver(f);
  const heldBack = `${count(servedAsOf.served)} credits served, ${count(servedAsOf.paused)} paused by the hard cap`
    + `${servedAsOf.limited > 0 ? ` and ${count(servedAsOf.limited)} blocked by ${limited.length > 1 ? "feature limits" : "a feature limit"}` : ""}`;
  $("forecast").replaceChildren(
    el("p", {}, over ? `${dataThrough ? `Up to ${dayName(dataThrough)}, where the data ends` : dataFrom ? `From ${dayName(dataFrom)}, where the data starts` : "In the whole cycle"}: ${hardCap && servedAsOf.paused > 0
      ? `${heldBack}; without the cap${limited.length ? " (the limits still applying)" : ""} the usage was ${plural(f.usedCredits, "credit", "credits")}.`
      : `${plural(f.usedCredits, "credit", "credits")} used.`}`
    : hardCap && servedAsOf.paused > 0
      // The run rate is the usage's (R16 pauses some of it): say what was served and what
      // each reason held back, then the rate, which is the usage without the cap.
      ? `By ${dayName(f.asOf)}: ${heldBack}. `
        + `Without the cap${limited.length ? " (the limits still applying)" : ""} the usage so far is ${count(f.usedCredits)} credits; `
        + `at that rate the cycle's usage comes to ${count(f.projectedCredits)} credits${stops}.`
      : hardCap && (f.projectedCredits > f.availableCredits || f.runOuts.length > 0)
        // R16: the cap serves at most the credits available; the rest of the usage is refused.
        ? `By ${dayName(f.asOf)}: ${plural(f.usedCredits, "credit", "credits")} used; at that rate the usage would come to ${plural(f.projectedCredits, "credit", "credits")}${stops}, `
          + (f.projectedCredits > f.availableCredits ? `but the hard cap serves at most the ${count(f.availableCredits)} available and refuses the rest.`
            // Within what the cycle will have, but not in time: a later top-up refills the
            // credits after they run out, and what comes in between is refused (R16, R18).
            : `within the ${count(f.availableCredits)} the cycle will have, but the hard cap refuses what comes while no credits are left, before a later top-up refills them.`)
        : `By ${dayName(f.asOf)}: ${plural(f.usedCredits, "credit", "credits")} used; at that rate the cycle ends at ${plural(f.projectedCredits, "credit", "credits")}${stops}.`),
    // Days the data does not cover count as no usage in the run rate: say so.
    ...[dataFrom && !over ? `The data starts on ${dayName(dataFrom)}, after the cycle does: the days before it count as no usage in this rate.` : "",
      dataThrough && !over && Date.parse(f.asOf) > Date.parse(dataThrough) + 86_400_000
        ? `The data ends on ${dayName(dataThrough)}: the days after it count as no usage in this rate.` : "",
      // R18: a top-up counts from its purchase; one after this day is not in these credits.
      whatIf && Date.parse(whatIf.at) === Date.parse(f.asOf)
        ? `The what-if top-up of ${plural(whatIf.credits, "credit", "credits")} (not bought) is bought at the start of this day: it is in these credits.` : "",
      // R18: a top-up after this day serves usage from its purchase on, never what came before it.
      ...laterTopUps(c, f).map((t) => `The top-up of ${plural(t.credits, "credit", "credits")} on ${dayName(t.at)}${isWhatIf(c, t, whatIf) ? " (what-if, not bought)" : ""} `
        + `comes after this day: it counts from its purchase, and usage before it past the credits ${hardCap ? "is paused by the hard cap" : "stays overage"}.`),
    ].filter(Boolean).map((text) => el("p", { class: "hint" }, text)),
    el("p", {}, runOutWords(f, { c, hardCap, pausedAsOf, leftAsOf, overageAsOf, dataThrough, whatIf, spans })),
    // R16: with the cap, consumption stops at the credits available; an alert past them never
    // fires (the run rate's usage may have passed it, the credits charged cannot).
    el("ul", { class: "insights" }, f.alerts.map((a) => el("li", {}, `${a.threshold}% alert: ${
      hardCap && a.credits > f.availableCredits ? `not with the hard cap (it pauses AI at ${count(f.availableCredits)} credits)`
        : a.reached ? "already reached" : a.date ? `expected ${dayName(a.date)}` : "not this cycle"}`))),
    el("p", {}, `${weighedUsage(f, weighed, over)} ${weighed.basis === "totalCost" ? `${best.name} costs the least: ${money(best.totalCost)}.`
      : `${best.name}'s monthly credits ${best.overageCredits === 0 ? "cover it" : `come closest, with ${money(best.overageCost)} in overage`}; subscription prices are not set.`}`),
  );
}

/**
 * The usage the plans are weighed on, in words: the forecast's, or, under a share-of-allocation
 * limit, the projection on the plan that lets the most through (R17, R24).
 */
function weighedUsage(f, weighed, over) {
  const which = over ? "this cycle's" : "the projected";
  if (weighed.on == null || weighed.projectedCredits === f.projectedCredits) return `At ${which} usage (${plural(f.projectedCredits, "credit", "credits")})`;
  const name = book.plans.find((p) => p.id === weighed.on)?.name ?? weighed.on;
  // The customer set the limits: a share of a bigger plan's credits lets more through, so the
  // plans are weighed on the widest plan's usage, said in a sentence of its own.
  return `Your limits are a share of each plan's credits, so a bigger plan lets more through. At ${which} usage on ${name}, `
    + `the plan that lets the most through (${plural(weighed.projectedCredits, "credit", "credits")}),`;
}

/**
 * Under a file refused for columns the engine does not know (R23), a button to read it
 * without them: the customer's choice, said in the source line once it is read. Other
 * problems of the file, if any, are then said alone.
 */
function offerToLeaveOut(failed, problems, total) {
  const unknown = problems.filter((p) => /^unknown column/.test(p.reason ?? ""));
  if (!unknown.length) return;
  // The columns as the message names them; all of them when every problem is listed.
  const names = unknown.map((p) => /\((".*")\)$/.exec(p.field ?? "")?.[1] ?? "").filter(Boolean);
  const whole = total === problems.length && names.length === unknown.length;
  const leaveOut = { said: whole ? `the unknown ${names.length === 1 ? "column" : "columns"} ${list(names)}` : `its unknown columns (${names.slice(0, 3).join(", ")}, …)` };
  const again = () => {
    showInPicker(failed.file);
    $("csv").focus(); // the button goes with the message
    useFile(failed.file, 0, leaveOut);
  };
  $("csv-error").append(" ", el("button", { type: "button", class: "secondary", onclick: again },
    `Read ${failed.name} without ${whole && names.length === 1 ? `the column ${names[0]}` : "its unknown columns"}`));
}

/**
 * Reads `file` (the first of `others + 1` dropped); with `leaveOut` (`{ said }`), without
 * the columns it does not know, which the customer was shown and chose to leave out.
 */
function useFile(file, others = 0, leaveOut = null) {
  if (!file) return;
  // The file the last visit showed, picked again: read as its reader chose then.
  if (!leaveOut && keptLeaveOut && file.name === awaitedFile) leaveOut = keptLeaveOut;
  files += 1;
  // The worker streams the file itself, chunk by chunk, into the engine.
  let using = others ? `Using ${file.name}, the first of the ${others + 1} files dropped: load one export at a time.` : `Using ${file.name}.`;
  if (leaveOut) using += ` Left out, as you chose: ${leaveOut.said}.`;
  source = { kind: "csv", name: file.name, file, version: files, label: file.name, using, leaveOut, others };
  failedFile = null;
  awaitedFile = null;
  keptLeaveOut = null;
  keptWhatIf = null;
  clearFieldError($("csv"));
  // "Using" once it is read: until then the figures on screen are the data shown before.
  $("source").textContent = `Reading ${file.name}…${shown ? ` The figures below are ${shown.label}'s until it is read.` : ""}`;
  sourceWaits = true;
  beforeSource = { values: Object.fromEntries(["cycle", "asof", "topup", "topup-day"].map((id) => [id, $(id).value])), touched: new Set() };
  forNewData();
  for (const id of ["cycle", "asof", "topup-day"]) $(id).value = "";
  recompute();
}

/** The picker names `file`, as if it had been picked (a dropped file, a file read again). */
function showInPicker(file) {
  const picked = new DataTransfer();
  picked.items.add(file);
  $("csv").files = picked.files;
}

$("csv").addEventListener("change", () => useFile($("csv").files[0]));
$("drop").addEventListener("dragover", (e) => { e.preventDefault(); $("drop").classList.add("over"); });
$("drop").addEventListener("dragleave", () => $("drop").classList.remove("over"));
$("drop").addEventListener("drop", (e) => {
  e.preventDefault();
  $("drop").classList.remove("over");
  const [file, ...others] = e.dataTransfer.files;
  if (!file) return;
  showInPicker(file);
  useFile(file, others.length);
});
/** A new source starts from its own dates: cycle start, forecast day and top-up day. */
function useSample(events, label) {
  source = { kind: "sample", events, label: events > 3000 ? "the large sample month" : "the sample month", using: label };
  failedFile = null;
  clearFieldError($("csv"));
  forNewData();
  for (const id of ["cycle", "asof", "topup-day", "csv"]) $(id).value = "";
  $("source").textContent = label;
  sourceWaits = false;
  recompute();
}
$("sample").addEventListener("click", () => useSample(3000, "Using the sample month."));
$("large").addEventListener("click", () => useSample(500_000, "Using a large sample month (500,000 events)."));
// Dates that belong to a cycle move with it: a new billing day or cycle starts them afresh.
// (Their bounds go too: the days a new cycle offers are known once it is shown.)
const freshDays = (ids) => { for (const id of ids) Object.assign($(id), { value: "", min: "", max: "" }); };
/** The data shown's days and what-if top-up, which a new source clears: put back if it cannot be
 * used, but for those the customer changed meanwhile (`{ values, touched }`). */
let beforeSource = null;
form.addEventListener("input", (event) => beforeSource?.touched.add(event.target.id));
/** Whether the top-up note is from an earlier change than the one under way: the next change ends it. */
let topUpNoteOld = false;
/** What new data (a file or a sample) clears: the what-if top-up typed for the data shown before,
 * and that data's own billing day (the new data's is not known yet). */
function forNewData() {
  dropWhatIf("the data shown before");
  daysShown.data = null;
}
/** A what-if top-up belongs to the cycle it was typed for: another cycle (or source) clears it, said at the field. */
function dropWhatIf(why) {
  whatIfByCycle = new Map(); // other cycles' what-ifs go with the cycles
  if (!($("topup").valueAsNumber > 0)) return;
  noteTopUp($("topup").value, $("topup-day").value, `was for ${why}: cleared.`);
  $("topup").value = "0";
}
/** Says at the field what became of the what-if top-up of `credits` on `day`; the next change ends it. */
function noteTopUp(credits, day, what) {
  $("topup-note").textContent = `The what-if top-up of ${plural(Number(credits), "credit", "credits")}${day ? ` on ${dayName(day)}` : ""} ${what}`;
  topUpNoteOld = false;
  setTimeout(() => { topUpNoteOld = true; }); // after this change's own events
}
/** A new source that failed: the days and the what-if top-up it cleared are back, for the data still shown. */
function restoreBeforeSource() {
  if (!beforeSource) return;
  // A setting the customer changed while the file was read is theirs: it stays.
  for (const [id, value] of Object.entries(beforeSource.values)) {
    if (!beforeSource.touched.has(id)) $(id).value = value;
  }
  $("topup-note").textContent = "";
  beforeSource = null;
}
/** The billing day the figures on screen were cut by, and the data's own (when known). */
let daysShown = { cut: null, data: null };
$("billing-day").addEventListener("input", () => {
  // Only a day that cuts other cycles moves them: retyping the day in use, or a day not yet
  // valid (its error is said at the field), keeps the cycle and its what-if top-up.
  const input = $("billing-day");
  const day = input.value === "" ? daysShown.data : BILLING_DAY.test(input.value) ? Number(input.value) : undefined;
  if (day === undefined || (day !== null && day === daysShown.cut)) return;
  dropWhatIf("the cycles before this billing day");
  $("cycle").value = "";
  freshDays(["asof", "topup-day"]);
});
/** The cycle on screen, and the what-if top-ups typed for other cycles: each comes back with its cycle. */
let cycleShown = null;
let whatIfByCycle = new Map();
$("cycle").addEventListener("input", () => {
  const [credits, day] = [$("topup").value, $("topup-day").value];
  if (cycleShown !== null && Number(credits) > 0) whatIfByCycle.set(cycleShown, { credits, day });
  freshDays(["asof", "topup-day"]);
  const kept = whatIfByCycle.get($("cycle").value);
  whatIfByCycle.delete($("cycle").value);
  [$("topup").value, $("topup-day").value] = kept ? [kept.credits, kept.day] : ["0", ""];
  if (Number(credits) > 0) noteTopUp(credits, day, "stays with the cycle shown before: it is back when that cycle is.");
  else $("topup-note").textContent = "";
});
form.addEventListener("input", () => { if (topUpNoteOld) $("topup-note").textContent = ""; });
form.addEventListener("input", recompute);
$("export-invoice").addEventListener("click", () => {
  if (!latestInvoice || $("bill").closest("section").classList.contains("stale")) {
    // Said beside the button, where the keyboard and the eye are (on a phone the settings are far above).
    $("export-status").textContent = "Not exported: the invoice on screen does not match the settings yet (see the note above it).";
    return;
  }
  const { cycle, name, plan, dataThrough, dataFrom, whatIf } = latestInvoice;
  const rows = [["Line", "Quantity", "Unit price", "Amount"], ...invoiceLines(cycle, whatIf).map((l) => [l.description, l.quantity, l.unitPrice, l.amount]),
    ...(cycle.invoice.total !== null ? [] : [["AI charges", "", "", cycle.invoice.usageCharges]]),
    ["Total", "", "", cycle.invoice.total ?? "not known (subscription price not set)"],
    // Which invoice this is, for a reader of the file alone.
    [], ["Plan", plan], ["Cycle", `${cycle.start.slice(0, 10)} to ${cycle.end.slice(0, 10)} (exclusive, UTC)`],
    ...(dataFrom ? [["Data from", `${dataFrom}: usage before it, after the cycle's start, is not in these lines`]] : []),
    ...(dataThrough ? [["Data to", `${dataThrough}: the lines so far; the invoice is issued at the cycle's end`]] : [])];
  download(`hoopai-invoice-${cycle.start.slice(0, 10)}.csv`, csvText(rows));
  $("export-status").textContent = `Exported the invoice for ${name}.`;
});
/**
 * The settings that do not depend on the data, kept for this tab: back from another page or
 * a reload finds them again. A file is not kept (the browser gives it back only when picked
 * again), so the page says which one to pick.
 */
const KEPT = "hoopai-dashboard-settings";
function keepSettings() {
  const kept = { plan: $("plan").value, billingDay: $("billing-day").value, thresholds: $("thresholds").value, hardCap: $("hardcap").checked, preview: $("preview").checked,
    // The file's name is kept while the page waits for it to be picked again (a second reload too).
    limits: limitFields.map((f) => [f.input.value, f.unit.value]), file: shown?.kind === "csv" ? shown.name : awaitedFile,
    // A what-if top-up is the file's cycles': not kept, but said to be gone.
    whatIf: shown?.kind === "csv" && $("topup").valueAsNumber > 0 ? { credits: $("topup").value, day: $("topup-day").value } : keptWhatIf,
    // The choice to leave the file's unknown columns out goes with its name.
    leaveOut: shown?.kind === "csv" ? (shown.leaveOut ?? null) : keptLeaveOut };
  try { sessionStorage.setItem(KEPT, JSON.stringify(kept)); } catch { /* storage off: nothing is kept */ }
}
function restoreSettings() {
  let kept = null;
  try { kept = JSON.parse(sessionStorage.getItem(KEPT) ?? "null"); } catch { return null; }
  if (kept === null || typeof kept !== "object") return null;
  const text = (value) => (typeof value === "string" ? value : null);
  if ([...$("plan").options].some((o) => o.value === kept.plan)) $("plan").value = kept.plan;
  if (text(kept.thresholds) !== null) $("thresholds").value = kept.thresholds;
  // The billing day is the account's: a file picked again keeps its cycles.
  if (BILLING_DAY.test(text(kept.billingDay) ?? "")) $("billing-day").value = kept.billingDay;
  $("hardcap").checked = kept.hardCap === true;
  $("preview").checked = kept.preview === true;
  if (Array.isArray(kept.limits)) {
    limitFields.forEach((f, i) => {
      const [value, unit] = Array.isArray(kept.limits[i]) ? kept.limits[i] : [];
      if (text(value) !== null) f.input.value = value;
      if (unit === "percent" || unit === "credits") f.unit.value = unit;
    });
  }
  const whatIf = kept.whatIf;
  keptWhatIf = whatIf && /^\d+$/.test(text(whatIf.credits) ?? "") && /^(\d{4}-\d\d-\d\d)?$/.test(text(whatIf.day) ?? "") ? whatIf : null;
  keptLeaveOut = text(kept.leaveOut?.said) !== null ? { said: kept.leaveOut.said } : null;
  return text(kept.file);
}
/** The what-if top-up of the file the last visit showed, while the page waits for that file. */
let keptWhatIf = null;
/** Whether that file was read without its unknown columns (`{ said }`), as its reader chose. */
let keptLeaveOut = null;
const keptFile = restoreSettings();
/** A file the last visit showed, not picked again yet. */
let awaitedFile = keptFile;
$("source").textContent = keptFile
  ? `Your plan, billing day, alerts, hard cap, preview and limits are back, but not ${keptFile}: a page cannot keep a file once you leave it. `
    + "Pick it again to see its numbers; meanwhile this is the sample month."
    + (keptWhatIf ? ` The what-if top-up of ${plural(Number(keptWhatIf.credits), "credit", "credits")}${keptWhatIf.day ? ` on ${dayName(keptWhatIf.day)}` : ""} was for its cycles: `
      + "type it again once the file is back." : "")
    + (keptLeaveOut ? ` It will be read without ${keptLeaveOut.said} again, as you chose.` : "")
  : "Using the sample month.";
recompute();
