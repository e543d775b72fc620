// The sales what-if modeller: a prospect's mix grown over months, priced on published and
// custom plans by the API; state lives in the URL so a scenario can be shared.
import { Calculator, count, defaultPriceBook, money } from "./lib/billing.js";
import { lineChart } from "./lib/chart.js";
import { clearErrors, el, row, showError } from "./lib/dom.js";

const $ = (id) => document.getElementById(id);
const form = $("model");
const published = defaultPriceBook();
const MIX_FIELDS = ["aiMessages", "calls", "averageSeconds", "textGenerations", "imageGenerations", "responses", "executions", "gptSteps"];
let custom = []; // [{ name, credits, price, rate, tierAfter, tierRate }]
let selected = new Set(published.plans.map((p) => p.id));

const customId = (i) => `custom-${i + 1}`;

/** The book: the published plans and the custom ones (money stays in strings). */
function bookFor(plans) {
  return {
    ...published,
    plans: [...published.plans, ...plans.map((c, i) => ({
      id: customId(i), name: c.name, credits: c.credits, overageRate: c.rate, monthlyPrice: c.price,
      ...(c.tierAfter ? { overageTiers: [{ upTo: c.tierAfter, rate: c.rate }, { rate: c.tierRate }] } : {}),
    }))],
  };
}

function renderChoices(book) {
  $("plan-choices").replaceChildren(...book.plans.map((p) => el("label", { class: "check" },
    el("input", { type: "checkbox", value: p.id, checked: selected.has(p.id), onchange: (e) => {
      if (e.target.checked) selected.add(p.id); else selected.delete(p.id);
      render();
    } }), p.name)));
  $("custom-list").replaceChildren(...custom.map((c, i) => el("li", {},
    `${c.name}: ${count(c.credits)} credits, ${money(c.price)} a month, $${c.rate} per overage credit`
      + (c.tierAfter ? `, $${c.tierRate} after ${count(c.tierAfter)}` : ""), " ",
    el("button", { type: "button", class: "secondary", "aria-label": `Remove ${c.name}`, onclick: () => {
      // Custom ids follow list positions: the plans after this one move up by one.
      const kept = custom.map((_, j) => selected.has(customId(j)));
      custom.splice(i, 1);
      kept.splice(i, 1);
      kept.forEach((on, j) => { if (on) selected.add(customId(j)); else selected.delete(customId(j)); });
      selected.delete(customId(custom.length));
      render();
    } }, "Remove"))));
}

function readState() {
  const n = (id) => $(id).valueAsNumber;
  const voice = $("voiceGrowth").value.trim();
  return {
    mix: {
      conversation: { aiMessages: n("aiMessages") },
      voice: [{ calls: n("calls"), averageSeconds: n("averageSeconds") }],
      content: { textGenerations: n("textGenerations"), imageGenerations: n("imageGenerations") },
      reviews: { responses: n("responses") },
      workflow: [{ executions: n("executions"), gptSteps: n("gptSteps") }],
    },
    months: n("months"),
    growth: { overall: n("growth"), ...(voice === "" ? {} : { byFeature: { voice: Number(voice) } }) },
  };
}

// --- the URL holds the whole scenario ---
const encode = (value) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const decode = (text) => JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))));

function saveToUrl() {
  const values = Object.fromEntries([...MIX_FIELDS, "months", "growth", "voiceGrowth"].map((id) => [id, $(id).value]));
  const hash = `#s=${encode({ values, custom, selected: [...selected] })}`;
  history.replaceState(null, "", hash);
}

function loadFromUrl() {
  const match = /^#s=([\w-]+)$/.exec(location.hash);
  if (!match) return;
  try {
    const saved = decode(match[1]);
    for (const [id, value] of Object.entries(saved.values ?? {})) if ($(id)) $(id).value = value;
    custom = Array.isArray(saved.custom) ? saved.custom : [];
    selected = new Set(saved.selected ?? []);
  } catch {
    $("share-status").textContent = "The link's scenario could not be read; showing the default.";
  }
}

let latest = null;

function render() {
  const book = bookFor(custom);
  renderChoices(book);
  saveToUrl();
  let calc;
  let projection;
  let breakEvens;
  const plans = book.plans.filter((p) => selected.has(p.id)).map((p) => p.id);
  try {
    calc = new Calculator(book);
    if (plans.length === 0) throw Object.assign(new Error("Choose at least one plan to compare."), { field: "" });
    projection = calc.project({ ...readState(), plans });
    breakEvens = plans.length > 1 ? calc.breakEvens(plans) : [];
  } catch (error) {
    showError(form, error, $("model-error"));
    return;
  }
  clearErrors(form);
  $("model-error").replaceChildren();
  const names = Object.fromEntries(book.plans.map((p) => [p.id, p.name]));
  latest = { projection, names };
  const quoted = projection.totals;
  $("chart").replaceChildren(lineChart({
    title: "Total monthly cost of each plan over the months",
    labels: projection.months.map((m) => `M${m.month}`), xLabel: "Month", yLabel: "Cost a month (USD)",
    series: quoted.map((t) => ({ name: t.name, values: projection.months.map((m) => Number(m.costs.find((c) => c.plan === t.plan).totalCost)) })),
    format: (v) => `$${count(Math.round(v))}`,
    width: Math.max(320, $("chart").clientWidth), height: $("chart").clientWidth < 500 ? 280 : 320,
  }));
  const best = quoted.find((t) => t.plan === projection.cheapest);
  $("cheapest").textContent = `Cheapest over ${projection.months.length} months: ${best.name}, ${money(best.totalCost)} in all.`;
  const switches = projection.months.filter((m, i) => i > 0 && m.cheapest !== projection.months[i - 1].cheapest)
    .map((m) => el("li", {}, `From month ${m.month} (${count(m.credits)} credits) ${names[m.cheapest]} is the cheapest.`));
  $("break-evens").replaceChildren(
    ...breakEvens.map((b) => el("li", {}, `${names[b.to]} costs no more than ${names[b.from]} from ${count(b.credits)} credits a month.`)),
    ...switches,
  );
  if (!breakEvens.length && !switches.length) $("break-evens").append(el("li", {}, "No break-even point between the chosen plans."));
  const table = $("months-table");
  table.querySelector("thead").replaceChildren(row(["Month", "Credits", ...quoted.map((t) => t.name)].map((h) => h)));
  table.querySelector("thead tr").querySelectorAll("td").forEach((td) => { const th = el("th", { scope: "col" }, td.textContent); td.replaceWith(th); });
  table.querySelector("tbody").replaceChildren(...projection.months.map((m) => {
    const tr = row([`Month ${m.month}`, count(m.credits), ...m.costs.map((c) => money(c.totalCost))], { header: true });
    m.costs.forEach((c, i) => { if (c.plan === m.cheapest) tr.cells[i + 2].classList.add("cheapest"); });
    return tr;
  }));
  table.querySelector("tfoot").replaceChildren(row(["Total", "", ...quoted.map((t) => money(t.totalCost))], { header: true }));
}

function csvCell(text) {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV, with the exact amounts. */
export function projectionCsv({ projection, names }) {
  const lines = [["Month", "Credits", ...projection.totals.map((t) => t.name), "Cheapest"]];
  for (const m of projection.months) lines.push([String(m.month), String(m.credits), ...m.costs.map((c) => c.totalCost), names[m.cheapest]]);
  lines.push(["Total", "", ...projection.totals.map((t) => t.totalCost), names[projection.cheapest]]);
  return lines.map((cells) => cells.map(csvCell).join(",")).join("\n") + "\n";
}

$("add-plan").addEventListener("click", () => {
  const tier = $("c-tier").value.trim();
  custom.push({
    name: $("c-name").value, credits: $("c-credits").valueAsNumber, price: $("c-price").value.trim(), rate: $("c-rate").value.trim(),
    tierAfter: tier === "" ? null : Number(tier), tierRate: $("c-tier-rate").value.trim(),
  });
  selected.add(customId(custom.length - 1));
  render();
});
$("share").addEventListener("click", async () => {
  saveToUrl();
  try {
    await navigator.clipboard.writeText(location.href);
    $("share-status").textContent = "Link copied.";
  } catch {
    $("share-status").textContent = "Copy this page's address to share the scenario.";
  }
});
$("export").addEventListener("click", () => {
  if (!latest) return;
  const url = URL.createObjectURL(new Blob([projectionCsv(latest)], { type: "text/csv" }));
  const link = el("a", { href: url, download: "hoopai-what-if.csv" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});
for (const id of [...MIX_FIELDS, "months", "growth", "voiceGrowth"]) $(id).addEventListener("input", render);
loadFromUrl();
render();
