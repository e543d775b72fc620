// The minimal pricing estimator: every number comes from the WASM API.
import init, { Calculator } from "/pkg/web/hoopai_billing.js";

await init();
const calc = new Calculator();
const form = document.getElementById("mix");
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const money = (text) => usd.format(Number(text)); // display only; the exact value is the string
const count = new Intl.NumberFormat("en-US");

function readMix() {
  const n = (name) => form.elements[name].valueAsNumber;
  return {
    conversation: { aiMessages: n("aiMessages") },
    voice: [{ calls: n("calls"), averageSeconds: n("averageSeconds") }],
    content: { textGenerations: n("textGenerations"), imageGenerations: n("imageGenerations") },
    reviews: { responses: n("responses") },
    workflow: [{ executions: n("executions"), gptSteps: n("gptSteps") }],
  };
}

function cell(row, text) {
  row.insertCell().textContent = text;
}

function render() {
  const error = document.getElementById("error");
  let comparison;
  try {
    comparison = calc.compare(readMix());
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
    return;
  }
  error.hidden = true;
  const { estimate } = comparison;
  document.getElementById("credits").textContent =
    `This usage needs ${count.format(estimate.credits)} credits a month ` +
    `(${count.format(estimate.low)} to ${count.format(estimate.high)}, by voice provider and workflow step size).`;
  const body = document.querySelector("#plans tbody");
  body.replaceChildren();
  for (const quote of comparison.plans) {
    const row = body.insertRow();
    cell(row, quote.name);
    cell(row, count.format(quote.includedCredits));
    cell(row, count.format(quote.overageCredits));
    cell(row, money(quote.overageCost));
    cell(row, quote.alerts.length ? quote.alerts.map((t) => `${t}%`).join(", ") : "none");
  }
  const best = comparison.plans.find((q) => q.plan === comparison.recommended);
  document.getElementById("recommended").textContent = `Cheapest for this usage: ${best.name}.`;
}

form.addEventListener("input", render);
render();
