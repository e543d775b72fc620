// The public pricing estimator: a usage mix in, every plan's cost out, all from the API.
import { book, calculator, count, money, rate } from "./lib/billing.js";
import { clearErrors, el, row, showError } from "./lib/dom.js";

const r = book.rates;
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
// Each input: its mix field path (for errors), its range, and the unit cost the book sets.
const inputs = [
  { name: "aiMessages", label: "AI messages", field: "mix.conversation.aiMessages", max: 20000, value: 1200, unit: `${plural(r.conversation.perMessage, "credit", "credits")} per AI message` },
  { name: "calls", label: "Voice AI calls", field: "mix.voice[0].calls", max: 2000, value: 40, unit: `${r.voice.min}–${r.voice.max} credits per minute, ${r.voice.default} typical` },
  { name: "averageSeconds", label: "Average call length (seconds)", field: "mix.voice[0].averageSeconds", max: 1200, value: 135, unit: "rounded up to the minute per call" },
  { name: "textGenerations", label: "Text generations", field: "mix.content.textGenerations", max: 5000, value: 60, unit: `${plural(r.content.text, "credit", "credits")} each` },
  { name: "imageGenerations", label: "Image generations", field: "mix.content.imageGenerations", max: 2000, value: 10, unit: `${plural(r.content.image, "credit", "credits")} each` },
  { name: "responses", label: "Review responses sent", field: "mix.reviews.responses", max: 5000, value: 80, unit: `${plural(r.reviews.perResponse, "credit", "credits")} each` },
  { name: "executions", label: "Workflow runs with GPT steps", field: "mix.workflow[0].executions", max: 10000, value: 300, unit: "each GPT step billed on its own" },
  { name: "gptSteps", label: "GPT steps per run", field: "mix.workflow[0].gptSteps", max: 10, value: 2, unit: `${r.workflow.short}–${r.workflow.long} credits per step` },
  { name: "averageTokens", label: "Tokens per step (prompt + output)", field: "mix.workflow[0].averageTokens", max: 4000, value: 600, unit: `over ${count(r.workflow.longAboveTokens)} costs ${r.workflow.long}` },
];

const form = document.getElementById("mix");
const holder = document.getElementById("inputs");
for (const spec of inputs) {
  const id = `in-${spec.name}`;
  const number = el("input", { id, name: spec.name, type: "number", min: 0, step: 1, value: spec.value, "data-field": spec.field, inputmode: "numeric" });
  const slider = el("input", { type: "range", min: 0, max: spec.max, step: 1, value: spec.value, "aria-label": `${spec.label} slider`, tabindex: -1 });
  slider.addEventListener("input", () => { number.value = slider.value; render(); });
  number.addEventListener("input", () => { slider.value = number.value; });
  holder.append(el("div", { class: "field" },
    el("label", { for: id }, spec.label),
    el("div", { class: "pair" }, slider, number),
    el("span", { class: "unit" }, spec.unit)));
}

/** The mix as the API takes it; an empty field is NaN, which the API names. */
function readMix() {
  const n = (name) => form.elements[name].valueAsNumber;
  return {
    conversation: { aiMessages: n("aiMessages") },
    voice: [{ calls: n("calls"), averageSeconds: n("averageSeconds") }],
    content: { textGenerations: n("textGenerations"), imageGenerations: n("imageGenerations") },
    reviews: { responses: n("responses") },
    workflow: [{ executions: n("executions"), gptSteps: n("gptSteps"), averageTokens: n("averageTokens") }],
  };
}

function render() {
  let comparison;
  try {
    comparison = calculator.compare(readMix());
  } catch (error) {
    showError(form, error, document.getElementById("form-error"));
    return;
  }
  clearErrors(form);
  document.getElementById("form-error").replaceChildren();
  const { estimate } = comparison;
  document.getElementById("credits").textContent = `${count(estimate.credits)} credits a month`;
  document.getElementById("range").textContent = estimate.low === estimate.high
    ? "Every rate is known for this usage."
    : `${count(estimate.low)} to ${count(estimate.high)} credits, depending on voice provider and language and on workflow step size.`;
  const body = document.querySelector("#plans tbody");
  body.replaceChildren(...comparison.plans.map((q) => {
    const tr = row([q.name, count(q.includedCredits), count(q.overageCredits), money(q.overageCost), money(q.totalCost),
      q.alerts.length ? q.alerts.map((t) => `${t}%`).join(", ") : "none"], { header: true });
    tr.dataset.plan = q.plan;
    if (q.plan === comparison.recommended) tr.classList.add("best");
    return tr;
  }));
  const best = comparison.plans.find((q) => q.plan === comparison.recommended);
  document.getElementById("recommended").textContent =
    `Cheapest for this usage: ${best.name}, ${money(best.totalCost)} a month in AI overage (${money(best.totalCostRange.low)} to ${money(best.totalCostRange.high)}).`;
}

document.querySelector("#capacity tbody").replaceChildren(...book.plans.map((plan) => {
  const c = calculator.capacity(plan.id);
  return row([plan.name, count(c.credits), `~${count(c.perFeature.conversation.high)}`,
    `~${count(c.perFeature.voice.low)}–${count(c.perFeature.voice.high)}`, `${rate(plan.overageRate)} per credit`], { header: true });
}));

form.addEventListener("input", render);
render();
