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

const firstOfMonth = (at) => `${new Date(Date.parse(at)).toISOString().slice(0, 7)}-01`;

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
  let list = state.preview ? events.map((e) => ("topUp" in e ? e : { ...e, mode: "preview" })) : events;
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
  const start = state.start || (events.length ? firstOfMonth(events[0].at) : SAMPLE_START);
  const inCore = source => source.kind === "sample" && source.events >= IN_CORE;
  const scenario = {
    plan: state.plan, start, hardCap: state.hardCap, alertThresholds: state.thresholds,
    featureLimits: state.limits, events: withToggles(events, state),
    ...(inCore(state.source) ? { synthetic: { mix: sampleMix(state.source.events), seed: 2026, mode: state.preview ? "preview" : "live" } } : {}),
  };
  const total = inCore(state.source) ? state.source.events : events.length;
  report(35, `Charging ${total.toLocaleString("en-US")} events in time order`);
  const simulation = calc.simulate(scenario);
  report(65, "Pricing the month on every plan, with and without a hard cap");
  const backtest = calc.backtest(scenario);
  report(90, "Forecasting from the chosen day");
  const cycle = simulation.cycles[0];
  // "As of" defaults to the middle of the cycle: day 15.
  const asOfText = state.asOf || new Date(Date.parse(cycle.start) + 14 * 86_400_000).toISOString().slice(0, 10);
  let forecast = null;
  {
    const sofar = calc.simulate({ ...scenario, until: asOfText }).cycles[0];
    forecast = calc.forecast({ plan: state.plan, cycleStart: cycle.start, asOf: asOfText, usedByFeature: sofar.byFeature,
      topUpCredits: sofar.topUpCredits, alertThresholds: state.thresholds });
  }
  report(100, "Done");
  postMessage({ id, result: { simulation, backtest, forecast, events: total, start } });
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
