// WASM figures for scripts/bench.sh, in Node: compare() through the JS API beside a
// plain-JS compare written as a typical pricing page would (JS numbers), checked for
// wrong cents on 10,000 random mixes; simulate() with events generated in the core and
// events passed in from JS.
import { resolve } from "node:path";

// The package's public entry point (the bindings behind the recovery layer), as users call it.
const billing = await import(resolve(import.meta.dirname, "../pkg/node/index.mjs"));
const calc = new billing.Calculator();

function perSecond(seconds, f) {
  let best = 0;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    let calls = 0;
    while (performance.now() - start < (seconds * 1000) / 5) {
      for (let i = 0; i < 100; i++) f();
      calls += 100;
    }
    best = Math.max(best, calls / ((performance.now() - start) / 1000));
  }
  return best;
}

const mix = {
  conversation: { aiMessages: 3000 }, voice: [{ calls: 40, averageSeconds: 135 }],
  content: { textGenerations: 60, imageGenerations: 10 }, reviews: { responses: 80 },
  workflow: [{ executions: 300, gptSteps: 2, averageTokens: 600 }],
};

// The same comparison as a typical pricing page computes it: JS numbers throughout.
const PLANS = [["starter", 500, 0.03], ["pro", 2500, 0.025], ["premium", 10000, 0.02]];
function plainJsCompare(m) {
  const voice = m.voice.reduce((sum, v) => sum + v.calls * Math.ceil(v.averageSeconds / 60) * 4, 0);
  const workflow = m.workflow.reduce((sum, w) => sum + w.executions * w.gptSteps * (w.averageTokens > 1000 ? 2 : 1), 0);
  const credits = m.conversation.aiMessages + voice + m.content.textGenerations + m.content.imageGenerations * 3 + m.reviews.responses + workflow;
  const plans = PLANS.map(([plan, included, rate]) => {
    const overage = Math.max(0, credits - included);
    const cost = overage * rate;
    return { plan, overageCredits: overage, overageCost: cost.toFixed(2) };
  });
  return { credits, plans };
}

const line = (label, value) => console.log(`${label}: ${value}`);
const wasm = perSecond(2, () => calc.compare(mix));
line("wasm compare (JS API, node)", `${wasm.toFixed(0)} calls/s, ${(1e6 / wasm).toFixed(2)} us/call`);
const plain = perSecond(2, () => plainJsCompare(mix));
line("plain-JS compare (JS numbers, node)", `${plain.toFixed(0)} calls/s, ${(1e6 / plain).toFixed(3)} us/call`);

// 10,000 random mixes: where do JS numbers give other cents than the exact engine?
let seed = 12345;
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
let wrong = 0;
let example = null;
for (let i = 0; i < 10_000; i++) {
  const m = {
    conversation: { aiMessages: random(40000) }, voice: [{ calls: random(3000), averageSeconds: random(900) }],
    content: { textGenerations: random(3000), imageGenerations: random(1500) }, reviews: { responses: random(3000) },
    workflow: [{ executions: random(5000), gptSteps: 1 + random(4), averageTokens: random(2000) }],
  };
  const exact = calc.compare(m);
  const js = plainJsCompare(m);
  if (js.credits !== exact.estimate.credits) throw new Error("the baseline's credits differ: it is not the same calculation");
  exact.plans.forEach((q, k) => {
    if (q.overageCost !== js.plans[k].overageCost) {
      wrong += 1;
      example ??= `${q.plan} at ${q.overageCredits} overage credits: exact ${q.overageCost}, JS ${js.plans[k].overageCost}`;
    }
  });
}
line("plain-JS cents differing from the exact answer", `${wrong} of 30,000 plan quotes (10,000 random mixes)${example ? `, e.g. ${example}` : ""}`);

// The exact peer: the same comparison with decimal.js, checked equal to the engine on
// 10,000 random mixes (every field it computes), then timed beside it.
const { decimalCompare, peerFields, sameFields } = await import("./decimal-compare.mjs");
seed = 777;
for (let i = 0; i < 10_000; i++) {
  const m = {
    conversation: { aiMessages: random(40000) }, voice: [{ calls: random(3000), averageSeconds: random(900) }],
    content: { textGenerations: random(3000), imageGenerations: random(1500) }, reviews: { responses: random(3000) },
    workflow: [{ executions: random(5000), gptSteps: 1 + random(4), averageTokens: random(2000) }],
  };
  const [engine, peer] = [JSON.stringify(sameFields(calc.compare(m))), JSON.stringify(peerFields(decimalCompare(m)))];
  if (engine !== peer) throw new Error(`decimal.js peer differs on ${JSON.stringify(m)}:\n${engine}\n${peer}`);
}
line("decimal.js peer equal to the engine", "every compared field on 10,000 random mixes");
const decimal = perSecond(2, () => decimalCompare(mix));
line("decimal.js compare (exact, node)", `${decimal.toFixed(0)} calls/s, ${(1e6 / decimal).toFixed(2)} us/call`);
line("wasm compare against its peers", `${(decimal / wasm).toFixed(2)}x the decimal.js time, ${(plain / wasm).toFixed(0)}x the plain-JS time`);

// The estimator build (@hoopai/billing/estimator): the same answers, its own speed.
const estimator = await import(resolve(import.meta.dirname, "../pkg/estimator/node/index.mjs"));
const small = new estimator.Calculator();
if (JSON.stringify(small.compare(mix)) !== JSON.stringify(calc.compare(mix))) throw new Error("the estimator build differs from the full build");
const smallRate = perSecond(2, () => small.compare(mix));
line("estimator-build compare (JS API, node)", `${smallRate.toFixed(0)} calls/s, ${(1e6 / smallRate).toFixed(2)} us/call, ${(decimal / smallRate).toFixed(2)}x the decimal.js time`);

// The ledger in WASM: 10 million events generated in the core.
const big = { plan: "pro", start: "2026-10-01", synthetic: { seed: 7, mix: {
  conversation: { aiMessages: 7_000_000 }, voice: [{ calls: 1_000_000, averageSeconds: 135 }],
  content: { textGenerations: 500_000, imageGenerations: 500_000 }, reviews: { responses: 500_000 },
  workflow: [{ executions: 500_000, gptSteps: 2, averageTokens: 1400 }] } } };
let best = Infinity;
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  calc.simulate(big);
  best = Math.min(best, (performance.now() - start) / 1000);
}
line("wasm simulate (10,000,000 events generated in the core)", `${(10 / best).toFixed(1)} M events/s, ${((best * 1e9) / 1e7).toFixed(1)} ns/event`);

// Events passed in from JS: 500,000 event objects.
const events = [];
for (let i = 0; i < 500_000; i++) {
  const minute = Math.floor((i * 30 * 24 * 60) / 500_000);
  const at = new Date(Date.UTC(2026, 9, 1) + minute * 60_000).toISOString().replace(".000Z", "Z");
  events.push({ at, feature: "conversation", messages: 1, agent: `A${i % 7}` });
}
const start = performance.now();
const sim = calc.simulate({ plan: "pro", start: "2026-10-01", events });
const seconds = (performance.now() - start) / 1000;
if (sim.cycles[0].consumedCredits !== 500_000) throw new Error("unexpected result");
line("wasm simulate (500,000 events passed in from JS)", `${(0.5 / seconds).toFixed(2)} M events/s, ${((seconds * 1e9) / 5e5).toFixed(0)} ns/event`);
