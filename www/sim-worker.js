// Runs simulations off the main thread, so a month of hundreds of thousands of events
// never freezes the page. Messages in: { setup: { module, book } } once, then { id, state };
// out: { id, progress, stage } while working, then { id, result } or
// { id, error: { message, field, reason, code, problems, problemCount } }.
// A CSV export is streamed from its File into a UsageLog held in the engine (API v2 item 4):
// read once, then simulated, backtested and forecast without crossing again.
import { Calculator, initSync, UsageLog } from "/pkg/web/index.js";
import { isoDay } from "./lib/billing.js";
import { sampleEvents, sampleMix, SAMPLE_START } from "./lib/sample.js";

/** Samples this big are generated inside the engine instead of as a JS event list. */
const IN_CORE = 100_000;

// The page sends the compiled engine and its price book first ({ setup: { module, book } }):
// the .wasm is downloaded and compiled once per page, and both sides use the same book.
let setUp;
const ready = new Promise((resolve) => { setUp = resolve; });
/** The plans of the book, for the one that serves the most under a share-of-allocation limit. */
let bookPlans = [];
/** The source last loaded and its data (a promise): a CSV's log, or a sample's events. */
let loading = { key: null, data: null };

/** The most cycles a scenario runs (the engine's limit). */
const MAX_CYCLES = 120;

/** The start (ms, UTC) of the cycle in month `month` (may run past 11) for billing day
 * `day`: that day, or the month's last day where it is shorter (R4). */
function cycleStartIn(year, month, day) {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(day, lastDay));
}

/** The cycles on billing day `day` that hold every event from `first` to `last` (ms):
 * the first cycle's start as a date, how many cycles, and where cycle `k` starts. */
function cyclesFor(first, last, day) {
  const at = new Date(first);
  let [year, month] = [at.getUTCFullYear(), at.getUTCMonth()];
  if (cycleStartIn(year, month, day) > first) month -= 1;
  let cycles = 1;
  while (cycleStartIn(year, month + cycles, day) <= last && cycles <= MAX_CYCLES) cycles += 1;
  const startOf = (k) => isoDay(cycleStartIn(year, month + k, day));
  return { start: startOf(0), cycles, startOf };
}

/** Thrown into a read that a newer source replaced. */
const CANCELLED = "CANCELLED";

/** Reads `file` into a UsageLog chunk by chunk, reporting the share read and the rows;
 * with `leaveOut`, its unknown columns are left out (the customer chose so). */
async function readLog(file, report, cancelled, leaveOut) {
  const builder = UsageLog.builder(leaveOut ? { ignoreUnknownColumns: true } : undefined);
  const reader = file.stream().getReader();
  let read = 0;
  let reported = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (cancelled()) throw Object.assign(new Error("a newer source replaced this file"), { code: CANCELLED });
      if (done) break;
      builder.push(value);
      read += value.length;
      if (performance.now() - reported > 50) {
        reported = performance.now();
        const share = file.size ? read / file.size : 1;
        report(Math.round(share * 30), `Reading ${file.name}: ${Math.round(share * 100)}% (${builder.rows.toLocaleString("en-US")} rows)`);
      }
    }
    return builder.finish();
  } finally {
    builder.free();
    reader.cancel().catch(() => {});
  }
}

/** Where progress goes: the latest run's reporter (a read started by an earlier run goes on). */
let progressTo = () => {};
/** The last source read in full, whose data (a CSV's log) stays until another replaces it. */
let loaded = { key: null, data: null };
/** A source being read: { key, promise, cancel }. */
let reading = null;

const keyOf = (source) => (source.kind === "csv" ? `csv:${source.version}` : `sample:${source.events}`);

/**
 * The source's data, read once per source: `{ log }` for a CSV, `{ events }` for a sample.
 * Runs that arrive while a file is being read wait for the same read; a new source cancels
 * a read under way. The data on screen stays until the new source is read, so a file that
 * cannot be read leaves the previous data in place to go back to.
 */
function loadData(calc, source) {
  const key = keyOf(source);
  if (loaded.key === key) return Promise.resolve(loaded.data);
  if (reading?.key === key) return reading.promise;
  reading?.cancel();
  let cancelled = false;
  const report = (progress, stage) => progressTo(progress, stage);
  const promise = (async () => {
    let data;
    if (source.kind === "csv") {
      report(0, `Reading ${source.name}`);
      data = { log: await readLog(source.file, report, () => cancelled, source.leaveOut), events: [] };
    } else {
      report(5, "Generating the sample month");
      data = { log: null, events: source.events >= IN_CORE ? [] : sampleEvents(calc, { events: source.events }) };
    }
    if (cancelled) {
      data.log?.free();
      throw Object.assign(new Error("a newer source replaced this one"), { code: CANCELLED });
    }
    loaded.data?.log?.free(); // the previous export's memory goes back to the engine
    loaded = { key, data };
    return data;
  })();
  const entry = { key, promise, cancel: () => { cancelled = true; } };
  reading = entry;
  promise.then(() => {}, () => {}).finally(() => { if (reading === entry) reading = null; });
  return promise;
}

/** After the engine stopped on a trap its memory is gone: every source is read again. */
function forgetData() {
  loaded = { key: null, data: null };
  reading?.cancel();
  reading = null;
}

/** The default "as of" day of `cycle` for data whose last event is at `last` (ms; null
 * when the events are generated in the engine, spread over the whole cycle). */
function defaultAsOf(cycle, last) {
  const [start, end] = [Date.parse(cycle.start), Date.parse(cycle.end)];
  if (last !== null && last >= end) return isoDay(end);
  if (last !== null && last >= start) return isoDay(Math.min(end, (Math.floor(last / 86_400_000) + 1) * 86_400_000));
  return isoDay(start + 14 * 86_400_000);
}

/** The scenario's own events: the sample's, with the what-if top-up (bought on `at`) in
 * time order; and the top-up's index among them (-1 without one). */
function withTopUp(events, credits, at) {
  if (!(credits > 0)) return { events, topUpIndex: -1 };
  const index = events.findIndex((e) => Date.parse(e.at) > Date.parse(at));
  const topUp = { at, topUp: credits };
  if (index < 0) return { events: [...events, topUp], topUpIndex: events.length };
  return { events: [...events.slice(0, index), topUp, ...events.slice(index)], topUpIndex: index };
}

/** An engine error about the what-if top-up is the top-up fields' (`topUp.credits`,
 * `topUp.at`), never the file's: the page shows it by the field the customer typed in. */
function ownedByTopUp(error, topUpIndex) {
  const match = /^scenario\.events\[(\d+)\]\.?(\w*)/.exec(error?.field ?? "");
  if (!match || Number(match[1]) !== topUpIndex) return error;
  error.field = match[2] === "at" ? "topUp.at" : "topUp.credits";
  return error;
}

/**
 * A run rate too large to count exactly is the forecast day's when the customer picked it (a
 * later day projects less), else the usage's in the file; never a bare "too large" with no place.
 */
function forecastTooLarge(error, state) {
  // More top-ups after the forecast day than a forecast takes: the day's, or the file's.
  if (error?.code === "LIMIT" && /^input\.plannedTopUps/.test(error.field ?? "")) {
    const reason = `the data has more top-ups after ${state.asOf ? "this day" : "its last day"} than a forecast takes (100,000)${state.asOf ? "; pick a later day" : ""}`;
    return Object.assign(new Error(reason), { field: state.asOf ? "input.asOf" : "csv", reason, code: error.code });
  }
  if (error?.code !== "OVERFLOW" || !/^input\.usedByFeature/.test(error.field ?? "")) return error;
  const limit = "9,007,199,254,740,991 credits, the most that can be counted exactly";
  const reason = state.asOf ? `from this day the usage's run rate takes the cycle past ${limit}; pick a later day`
    : `at its run rate the cycle's usage passes ${limit}, so it cannot be forecast; check the counts in the file`;
  return Object.assign(new Error(reason), { field: state.asOf ? "input.asOf" : "csv", reason, code: error.code });
}

/**
 * The what-if top-up's place among the cycle's purchases: of those at its moment and size,
 * the last when the events are the data (it is bought after the moment's events), the
 * first with a usage log (the engine charges a scenario's events before a log's rows then).
 */
function whatIfPurchase(cycle, topUp, log) {
  const same = cycle.topUps.flatMap((t, i) => (t.credits === topUp.topUp && Date.parse(t.at) === Date.parse(topUp.at) ? [i] : []));
  return (log ? same[0] : same.at(-1)) ?? -1;
}

/** The latest run asked for: an older one is dropped, never finished for nothing. */
let latest = 0;

async function run({ id, state }) {
  const report = (progress, stage) => postMessage({ id, progress, stage });
  progressTo = report;
  const calc = await ready;
  const { log, events } = await loadData(calc, state.source);
  if (id !== latest) return;
  if (log && log.length === 0) {
    throw Object.assign(new Error("csv: has no rows"), { field: "csv", reason: "has a header and no rows: nothing to show" });
  }
  const times = log ? [log.first, log.last].filter(Boolean).map(Date.parse) : events.map((e) => Date.parse(e.at));
  const first = times.length ? times[0] : Date.parse(SAMPLE_START); // in time order
  const last = times.length ? times[times.length - 1] : first;
  // The billing day: the customer's, or the day of the export's first event (R4).
  const billingDay = state.billingDay ?? new Date(first).getUTCDate();
  const { start, cycles, startOf } = cyclesFor(first, last, billingDay);
  if (cycles > MAX_CYCLES) {
    // The data's own span is the file's problem; with a billing day typed in, that day's.
    // Often one row's date is wrong (a typo in the year): its date is what to look for.
    const reason = `the data spans more than ${MAX_CYCLES} billing cycles (10 years), from its earliest row (${isoDay(first)}) to its latest `
      + `(${isoDay(last)}): if a row's date is wrong (a typo in the year, say), correct it; else load fewer months`;
    throw Object.assign(new Error(reason), { field: state.billingDay == null && state.source.kind === "csv" ? "csv" : "billingDay", reason });
  }
  const inCore = state.source.kind === "sample" && state.source.events >= IN_CORE;
  // The cycle shown: the customer's choice, else the latest.
  const selected = Math.min(state.cycle ?? cycles - 1, cycles - 1);
  // A top-up without its day is bought on the shown cycle's first day, the day the page
  // then puts in the field: the result always uses the day on screen.
  const topUpAt = state.topUp?.at ?? startOf(selected);
  // The what-if top-up is bought in the cycle shown: a day in another cycle would change a
  // cycle the customer is not looking at.
  const inShown = Date.parse(topUpAt) >= Date.parse(startOf(selected)) && Date.parse(topUpAt) < Date.parse(startOf(selected + 1));
  if (state.topUp?.credits > 0 && !inShown) {
    const reason = `must be inside the cycle shown, ${startOf(selected)} to ${startOf(selected + 1)} (exclusive), got ${topUpAt}`;
    throw Object.assign(new Error(`topUp.at: ${reason}`), { field: "topUp.at", reason });
  }
  const topUp = withTopUp(events, state.topUp?.credits, topUpAt);
  // The data's events, as the page counts them (the what-if top-up is not one of them).
  const total = inCore ? state.source.events : log ? log.length : events.length;
  try {
    return await simulateAll({ calc, id, state, log, events: topUp.events, topUpIndex: topUp.topUpIndex, total, times, first, last, billingDay, start, cycles, selected, inCore, report });
  } catch (error) {
    throw ownedByTopUp(error, topUp.topUpIndex);
  }
}

/** The runs behind one answer: every cycle, the shown one on every plan, the forecast. */
async function simulateAll({ calc, id, state, log, events, topUpIndex, total, times, first, last, billingDay, start, cycles, selected, inCore, report }) {
  const scenario = {
    plan: state.plan, start, billingDay, cycles, hardCap: state.hardCap, alertThresholds: state.thresholds,
    featureLimits: state.limits, events,
    // The preview what-if: test traffic run in preview instead (free, R13), live usage as it was.
    testAsPreview: state.preview,
    ...(inCore ? { synthetic: { mix: sampleMix(state.source.events), seed: 2026 } } : {}),
  };
  report(35, `Charging ${total.toLocaleString("en-US")} events in time order`);
  const simulation = calc.simulate(scenario, log);
  // Alert and pause `event` numbers count the data's events: the what-if top-up is not one.
  const dataEvent = (e) => (topUpIndex >= 0 && e > topUpIndex ? e - 1 : e);
  for (const c of simulation.cycles) {
    for (const alert of c.alerts) alert.event = dataEvent(alert.event);
    if (c.firstBlocked) c.firstBlocked.event = dataEvent(c.firstBlocked.event);
    for (const pause of c.pauses) pause.event = dataEvent(pause.event);
  }
  const cycle = simulation.cycles[selected];
  report(65, "Pricing the cycle on every plan, with and without a hard cap");
  // Plans are compared on the cycle's usage alone: top-ups bought on this plan are left
  // out (a customer on a bigger plan would not have bought them), as in the forecast.
  // (Synthetic usage, the large sample, is one cycle: the same seed gives the same events.)
  const backtest = calc.backtest({ ...scenario, start: cycle.start, cycles: 1, withoutTopUps: true,
    events: scenario.events.filter((e) => Date.parse(e.at) >= Date.parse(cycle.start) && Date.parse(e.at) < Date.parse(cycle.end)) }, log);
  report(90, "Forecasting from the chosen day");
  // "As of" defaults to where the data ends: the day after the last event when it falls in
  // this cycle (the forecast of the cycle under way), the cycle's end when the data runs
  // past it (a cycle that is over: its actual figures), and the cycle's 15th day when the
  // cycle has no data yet.
  // (A generated sample fills its whole cycle: its default is the cycle's end.)
  const asOfText = state.asOf || defaultAsOf(cycle, inCore ? Date.parse(cycle.end) : times.length ? last : null);
  // The run rate is the usage's, not what a hard cap let through: with the cap on, the
  // forecast still says when the credits run out (when the cap starts pausing AI).
  const sofar = calc.simulate({ ...scenario, hardCap: false, until: asOfText }, log).cycles[selected];
  // Credits left by then as charged: with the hard cap, what it let through.
  const charged = state.hardCap ? calc.simulate({ ...scenario, until: asOfText }, log).cycles[selected] : sofar;
  // A top-up bought at the forecast's moment itself (a what-if on its day) counts as bought by then.
  const boughtAt = cycle.topUps.filter((t) => Date.parse(t.at) === Date.parse(asOfText)).reduce((sum, t) => sum + t.credits, 0);
  // (The pool left then: overage never came out of it, and a later top-up never covers it, R18.)
  const leftAsOf = charged.expiredCredits + boughtAt;
  // Whether the cap is pausing AI at that moment (the engine's word), unless a top-up is bought at the moment itself.
  const pausedAsOf = state.hardCap && charged.capPausedAtEnd && boughtAt === 0;
  const servedAsOf = { served: charged.consumedCredits, paused: charged.blocked.hardCapCredits, limited: charged.blocked.featureLimitCredits };
  /** The forecast of `plan` from its usage so far; `more`, the rest of its input. A run rate too large is the setting's error. */
  const forecastOn = (plan, usedByFeature, more = {}) => {
    try {
      return calc.forecast({ plan, cycleStart: cycle.start, billingDay, asOf: asOfText, usedByFeature, alertThresholds: state.thresholds,
        featureLimits: state.limits, ...more });
    } catch (error) {
      throw forecastTooLarge(error, state);
    }
  };
  const forecast = forecastOn(state.plan, sofar.byFeature, {
    topUpCredits: sofar.topUpCredits + boughtAt,
    // With the cap, what it let through: a top-up after a pause makes room again (R16).
    ...(state.hardCap ? { consumedCredits: charged.consumedCredits } : {}),
    // Overage already charged stays on the bill, whatever is bought later (R18).
    overageCredits: charged.overageCredits,
    // Top-ups after that moment (the export's and the what-if's) refill the pool from their purchase (R18).
    plannedTopUps: cycle.topUps.filter((t) => Date.parse(t.at) > Date.parse(asOfText)).map((t) => ({ at: t.at, credits: t.credits })),
    // With the cap, what comes without credits is refused, not overage (R16).
    hardCap: state.hardCap });
  // R17, R24: a limit set as a share of the allocation lets more through on a bigger plan, so
  // the plans are weighed on the projected usage of the plan that serves the most, as the
  // cycle's table (the backtest) decides which plan covers the usage; the same as the
  // forecast's without such a limit. (With every price set, the table prices each plan on
  // what its own limits let through: the two can then differ.)
  const widest = bookPlans.reduce((a, p) => (p.credits > a.credits ? p : a), bookPlans[0]);
  let weighed = { on: null, projectedCredits: forecast.projectedCredits, recommended: forecast.recommended, basis: forecast.basis, plans: forecast.plans };
  if (Object.values(state.limits ?? {}).some((limit) => limit.percent != null) && widest && widest.id !== state.plan) {
    const served = calc.simulate({ ...scenario, plan: widest.id, hardCap: false, until: asOfText }, log).cycles[selected];
    const f = forecastOn(widest.id, served.byFeature);
    weighed = { on: widest.id, projectedCredits: f.projectedCredits, recommended: f.recommended, basis: f.basis, plans: f.plans };
  }
  // Credits bought on each day of the cycle shown (the export's and the what-if's), for the
  // chart's allocation-plus-top-ups line.
  const firstDay = Date.parse(cycle.daily[0].date);
  const topUpsByDay = cycle.daily.map(() => 0);
  for (const bought of cycle.topUps) topUpsByDay[Math.floor((Date.parse(bought.at) - firstDay) / 86_400_000)] += bought.credits;
  // A cycle the data stops short of (the one under way): its figures are so far, through
  // the data's last day, not the cycle's. Generated samples fill their whole cycle.
  const dayAfterLast = (Math.floor(last / 86_400_000) + 1) * 86_400_000;
  const partial = times.length > 0 && last >= Date.parse(cycle.start) && dayAfterLast < Date.parse(cycle.end);
  const dataThrough = partial ? isoDay(last) : null;
  // Data that starts after the cycle does (its first cycle, with another billing day).
  const dataFrom = times.length > 0 && Math.floor(first / 86_400_000) > Math.floor(Date.parse(cycle.start) / 86_400_000)
    && first < Date.parse(cycle.end) ? isoDay(first) : null;
  report(100, "Done");
  postMessage({ id, result: { simulation, backtest, forecast, weighed, leftAsOf, servedAsOf, pausedAsOf, dataThrough, dataFrom, events: total, billingDay, selected, topUpsByDay, hardCap: state.hardCap, limited: Object.keys(state.limits ?? {}),
    overageAsOf: charged.overageCredits, preview: state.preview,
    // The what-if purchase, so the invoice can say which of its lines is one.
    whatIf: topUpIndex >= 0 ? { at: events[topUpIndex].at, credits: events[topUpIndex].topUp, purchase: whatIfPurchase(cycle, events[topUpIndex], log) } : null,
    span: times.length ? { first: isoDay(first), last: isoDay(last) } : null } });
}

onmessage = (message) => {
  if (message.data.setup) {
    const { module, book } = message.data.setup;
    initSync({ module });
    bookPlans = book.plans;
    setUp(new Calculator(book));
    return;
  }
  latest = message.data.id;
  run(message.data).catch((error) => {
    if (["TRAPPED", "LOST", "RESTARTING"].includes(error.code)) forgetData();
    if (message.data.id !== latest || error.code === CANCELLED) return; // a newer run answers
    // A file's other bad rows come with the first (the engine lists the first few, counts all).
    const { message: text, field = null, reason = null, code = null, problems = null, problemCount = null } = error;
    postMessage({ id: message.data.id, error: { message: text, field, reason, code, problems, problemCount } });
  });
};
