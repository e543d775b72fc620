// Runs simulations off the main thread, so a month of hundreds of thousands of events
// never freezes the page. Messages in: { setup: { module, book } } once, then { id, state };
// out: { id, progress, stage } while working, then { id, result } or
// { id, error: { message, field, reason } }.
import { Calculator, initSync, parseUsageCsv } from "/pkg/web/index.js";
import { sampleEvents, sampleMix, SAMPLE_START } from "./lib/sample.js";

/** Samples this big are generated inside the engine instead of as a JS event list. */
const IN_CORE = 100_000;

// The page sends the compiled engine and its price book first ({ setup: { module, book } }):
// the .wasm is downloaded and compiled once per page, and both sides use the same book.
let setUp;
const ready = new Promise((resolve) => { setUp = resolve; });
let cached = { key: null, events: null };

/** The most cycles a scenario runs (the engine's limit). */
const MAX_CYCLES = 120;

/** The start (ms, UTC) of the cycle in month `month` (may run past 11) for billing day
 * `day`: that day, or the month's last day where it is shorter (R4). */
function cycleStartIn(year, month, day) {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(day, lastDay));
}

/** The cycles on billing day `day` that hold every event from `first` to `last` (ms):
 * the first cycle's start as a date, and how many cycles. */
function cyclesFor(first, last, day) {
  const at = new Date(first);
  let [year, month] = [at.getUTCFullYear(), at.getUTCMonth()];
  if (cycleStartIn(year, month, day) > first) month -= 1;
  let cycles = 1;
  while (cycleStartIn(year, month + cycles, day) <= last && cycles <= MAX_CYCLES) cycles += 1;
  return { start: new Date(cycleStartIn(year, month, day)).toISOString().slice(0, 10), cycles };
}

async function loadEvents(calc, source, report) {
  if (source.kind === "sample" && source.events >= IN_CORE) return [];
  const key = source.kind === "csv" ? `csv:${source.version}` : `sample:${source.events}`;
  if (cached.key === key) return cached.events;
  report(5, source.kind === "csv" ? "Reading the CSV export" : "Generating the sample month");
  const events = source.kind === "csv" ? parseUsageCsv(source.text) : sampleEvents(calc, { events: source.events });
  cached = { key, events };
  return events;
}

function withToggles(events, state) {
  // The preview what-if: test traffic run in preview instead (free, R13), live usage as it was.
  let list = state.preview ? events.map((e) => (e.mode === "test" ? { ...e, mode: "preview" } : e)) : events;
  if (state.topUp?.credits > 0) {
    const at = Date.parse(state.topUp.at);
    const index = list.findIndex((e) => Date.parse(e.at) > at);
    const topUp = { at: state.topUp.at, topUp: state.topUp.credits };
    list = index < 0 ? [...list, topUp] : [...list.slice(0, index), topUp, ...list.slice(index)];
  }
  return list;
}

async function run({ id, state }) {
  const report = (progress, stage) => postMessage({ id, progress, stage });
  const calc = await ready;
  const events = await loadEvents(calc, state.source, report);
  const times = events.map((e) => Date.parse(e.at)).filter(Number.isFinite);
  const first = times.length ? times[0] : Date.parse(SAMPLE_START); // events are in time order
  const last = times.length ? times[times.length - 1] : first;
  // The billing day: the customer's, or the day of the export's first event (R4).
  const billingDay = state.billingDay ?? new Date(first).getUTCDate();
  const { start, cycles } = cyclesFor(first, last, billingDay);
  if (cycles > MAX_CYCLES) {
    throw Object.assign(new Error(`the data spans more than ${MAX_CYCLES} billing cycles`), { field: "billingDay", reason: `the data spans more than ${MAX_CYCLES} billing cycles; load fewer months` });
  }
  const inCore = (source) => source.kind === "sample" && source.events >= IN_CORE;
  const scenario = {
    plan: state.plan, start, cycles, hardCap: state.hardCap, alertThresholds: state.thresholds,
    featureLimits: state.limits, events: withToggles(events, state),
    ...(inCore(state.source) ? { synthetic: { mix: sampleMix(state.source.events), seed: 2026 } } : {}),
  };
  const total = inCore(state.source) ? state.source.events : events.length;
  report(35, `Charging ${total.toLocaleString("en-US")} events in time order`);
  const simulation = calc.simulate(scenario);
  // The cycle shown: the customer's choice, else the latest.
  const selected = Math.min(state.cycle ?? cycles - 1, cycles - 1);
  const cycle = simulation.cycles[selected];
  report(65, "Pricing the cycle on every plan, with and without a hard cap");
  // Plans are compared on the cycle's usage alone: a top-up bought on this plan is left
  // out (a customer on a bigger plan would not have bought it), as in the forecast.
  const inCycle = (e) => !("topUp" in e) && Date.parse(e.at) >= Date.parse(cycle.start) && Date.parse(e.at) < Date.parse(cycle.end);
  // (Synthetic usage, the large sample, is one cycle: the same seed gives the same events.)
  const backtest = calc.backtest({ ...scenario, start: cycle.start, cycles: 1, events: scenario.events.filter(inCycle) });
  report(90, "Forecasting from the chosen day");
  // "As of" defaults to the middle of the cycle: its 15th day.
  const asOfText = state.asOf || new Date(Date.parse(cycle.start) + 14 * 86_400_000).toISOString().slice(0, 10);
  const sofar = calc.simulate({ ...scenario, until: asOfText }).cycles[selected];
  const forecast = calc.forecast({ plan: state.plan, cycleStart: cycle.start, asOf: asOfText, usedByFeature: sofar.byFeature,
    topUpCredits: sofar.topUpCredits, alertThresholds: state.thresholds });
  // Credits bought on each day of the cycle shown, for the chart's allocation-plus-top-ups line.
  const firstDay = Date.parse(cycle.daily[0].date);
  const topUpsByDay = cycle.daily.map(() => 0);
  for (const e of scenario.events) {
    const at = Date.parse(e.at);
    if ("topUp" in e && at >= Date.parse(cycle.start) && at < Date.parse(cycle.end)) topUpsByDay[Math.floor((at - firstDay) / 86_400_000)] += e.topUp;
  }
  report(100, "Done");
  postMessage({ id, result: { simulation, backtest, forecast, events: total, billingDay, selected, topUpsByDay } });
}

onmessage = (message) => {
  if (message.data.setup) {
    const { module, book } = message.data.setup;
    initSync({ module });
    setUp(new Calculator(book));
    return;
  }
  run(message.data).catch((error) => postMessage({ id: message.data.id, error: { message: error.message, field: error.field ?? null, reason: error.reason ?? null } }));
};
