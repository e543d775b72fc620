// The sales what-if modeller: a prospect's month of usage grown over a term, priced on
// the published plans (with prices set for this model) and on custom or enterprise plans.
// Every number comes from the engine. The page validates a plan before it joins the list,
// says each error at its field in plain words, and never leaves a result in view that the
// inputs no longer give. The scenario (prices included: this is the sales tool's own
// model) lives in the URL, read back like typed input.
import { MAX_CALL_LINES, STEP_SIZES, count, lineKey, loadBilling, money, moneyRange, plural, rate, shortName, sizedWorkflow, stepSizeLabel } from "./lib/billing.js";
import { lineChart } from "./lib/chart.js";
import { csvText, download } from "./lib/csv.js";
import {
  announce, clearErrors, clearFieldError, copyPageLink, describe, el, headerRow, inputFor, labelOf, markStale, moreWrong, plainReason, readNumber, readNumberText, row,
  showApiError, showFieldError, startPage, typeInto,
} from "./lib/dom.js";
import { badge, list } from "./lib/recommendation.js";

const $ = (id) => document.getElementById(id);

/** A setting marked wrong (the plan boxes, marked when none is chosen, are said apart). */
const WRONG_SETTING = "[aria-invalid]:not(#plan-choices input)";

/** The checkboxes of the plans to compare. */
const planBoxes = () => $("plan-choices").querySelectorAll("input[type=checkbox]");

/** The model's number fields and how each is read (readNumber options). */
const MODEL_FIELDS = {
  aiMessages: {}, calls: {}, averageSeconds: { whole: false }, textGenerations: {}, imageGenerations: {},
  responses: {}, executions: {}, gptSteps: {},
  months: { min: 1, max: 120 },
  growth: { whole: false, min: -Infinity, max: Infinity }, // the engine says the bounds
  voiceGrowth: { whole: false, min: -Infinity, max: Infinity, optional: true },
};
/** Lines of calls after the first (R7 rounds each call, so mixed lengths are lines of their own): their numbers, 2 and up. */
let callLines = [];
/** A line's fields, read as line 1's are. */
const lineFields = (n) => ({ [`calls${n}`]: MODEL_FIELDS.calls, [`averageSeconds${n}`]: MODEL_FIELDS.averageSeconds });
/** Every number field of the model: the fixed ones and the added lines of calls. */
const modelFields = () => ({ ...MODEL_FIELDS, ...Object.assign({}, ...callLines.map(lineFields)) });
/** A custom plan's form fields, by the draft's keys. */
const DRAFT_INPUTS = { name: "c-name", credits: "c-credits", price: "c-price", rate: "c-rate", tierAfter: "c-tier", tierRate: "c-tier-rate" };
const MAX_NAME = 60;
const MAX_LINK_PLANS = 20;
/** What to type in an amount field, with an example that fits it. */
const digitsOnly = (example) => `type digits only, without “$” or commas, such as ${example}`;
/** Each amount field's example, for the engine's "such as 12.50" in its words. */
const AMOUNT_EXAMPLES = { "plan.monthlyPrice": "899.00", "plan.overageRate": "0.018", "plan.overageTiers[1].rate": "0.015" };
/** A published plan's price field's example, the same whichever check speaks. */
const PRICE_EXAMPLE = "149.00";
/**
 * An amount as typed, in the form the engine reads: "899." is 899, ".015" is 0.015 and
 * "0297" is 297, as a person means them. Other text is left as it is, for its field's error.
 */
export const plainAmount = (text) => text.replace(/^(\d*)\.?(\d*)$/, (all, whole, fraction) =>
  (/\d/.test(all) ? `${whole.replace(/^0+(?=\d)/, "") || "0"}${fraction ? `.${fraction}` : ""}` : all));

let api;
let book; // the configured price book, as the engine read it
/** Every plan the page models, in book order: the published ones, then custom ones.
 * Published: { id, published: true, base, on }, its price in its price field.
 * Custom: { id, published: false, on, name, credits, price, rate, tierAfter, tierRate },
 * the strings as typed (trimmed), checked by checkDraft before they got here. */
let plans = [];
let editing = null; // the id of the custom plan in the form, or null
let latest = null; // the last valid model (for the export); null while an input is wrong
let nextCustom = 1;
/** The link the page last wrote for its model: a different one in the address is another model's. */
let linkWritten = location.hash;
/** Escape asked before dropping the form's changes: a second Escape drops them. */
let dropOnEscape = false;

// Enter in a field never submits a form natively (a reload would lose what was typed), even
// while the engine loads; the custom-plan form opens once the engine can check a plan.
$("model").addEventListener("submit", (event) => event.preventDefault());
$("plan-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (api) submitDraft();
});

startPage(async () => {
  ({ api, book } = await loadBilling());
  plans = book.plans.map((base) => ({ id: base.id, published: true, base, on: true }));
  buildPriceFields();
  // The step sizes in the book's words (R10); "not sure" leaves the size open (R11).
  $("stepSize").replaceChildren(...STEP_SIZES.map((size) => el("option", { value: size, selected: size === "unsure" }, stepSizeLabel(size, book.rates.workflow))));
  loadFromLink();
  // Another model's link put in this tab's address (pasted, or Back and Forward between
  // two): the page is that model's, read afresh, never the one before under its link.
  addEventListener("hashchange", () => { if (location.hash !== linkWritten) location.reload(); });
  renderPlanLists();
  $("model").addEventListener("input", render);
  // The link's notice is about the values it brought; once the user edits, it is history.
  for (const form of [$("model"), $("plan-form")]) form.addEventListener("input", () => { $("link-notice").hidden = true; });
  $("plan-form").addEventListener("input", (event) => {
    // A field's error goes once it is edited: the next save checks it again.
    if (event.target.matches("input")) clearFieldError(event.target);
    markResults();
  });
  $("plan-form").inert = false;
  $("cancel-edit").addEventListener("click", () => { stopEditing(); $("c-name").focus(); });
  // Escape leaves the edit; with changes in the form it asks first (a second Escape drops them).
  // Any other step (typing anywhere, a click) ends the question: Escape then asks again.
  for (const type of ["input", "click"]) document.addEventListener(type, () => { dropOnEscape = false; });
  $("plan-form").addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !editing) return;
    const changed = unsavedPlan();
    if (changed && !dropOnEscape) {
      dropOnEscape = true;
      $("plan-status").textContent = `Press Escape again, or Cancel, to drop the changes to ${changed.name}; Save changes keeps them.`;
      return;
    }
    stopEditing();
    $("plan-status").textContent = changed ? `Dropped the changes to ${changed.name}.` : "";
    $("c-name").focus();
  });
  $("add-calls").addEventListener("click", () => {
    const n = addCallLine();
    render();
    $(`calls${n}`).select();
    $(`calls${n}`).focus();
  });
  $("share").addEventListener("click", copyLink);
  $("export").addEventListener("click", exportCsv);
  let resizeTimer;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => latest && drawChart(latest), 150); });
  render();
});

// --- the plans: price fields, choices and the custom list ---

const priceInput = (plan) => $(`price-${plan.id}`);

function buildPriceFields() {
  $("prices").replaceChildren(...plans.map((plan, i) => el("div", { class: "cell" }, el("div", { class: "field" },
    el("label", { for: `price-${plan.id}` }, `${plan.base.name} monthly price ($)`),
    el("input", { id: `price-${plan.id}`, type: "text", inputmode: "decimal", autocomplete: "off", placeholder: "not set",
      value: plan.base.monthlyPrice ?? "", "data-field": `book.plans[${i}].monthlyPrice` })))));
}

function renderPlanLists() {
  $("plan-choices").replaceChildren(...plans.map((plan) => el("label", { class: "check" },
    el("input", { type: "checkbox", value: plan.id, checked: plan.on, oninput: (event) => { plan.on = event.target.checked; } }),
    nameOf(plan))));
  $("custom-list").replaceChildren(...plans.filter((p) => !p.published).map((plan) => el("li", { class: plan.id === editing ? "editing" : null },
    el("span", {}, describePlan(plan), plan.id === editing ? el("span", { class: "visually-hidden" }, " (in the form, being edited)") : null),
    el("span", { class: "item-actions" },
      el("button", { type: "button", class: "secondary", "aria-label": `Edit ${plan.name}`, "data-edit": plan.id, onclick: () => startEditing(plan) }, "Edit"),
      el("button", { type: "button", class: "secondary", "aria-label": `Remove ${plan.name}`, "data-remove": plan.id, onclick: () => removePlan(plan) }, "Remove")))));
}

const nameOf = (plan) => (plan.published ? plan.base.name : plan.name);

/** "Enterprise: 20,000 credits a month, $249.00 a month, $0.018 per overage credit, $0.015 after 10,000". */
function describePlan(plan) {
  return `${plan.name}: ${plural(Number(plan.credits), "credit", "credits")} a month, ${plan.price === "" ? "price not set" : `${money(plan.price)} a month`}, `
    + `${rate(plan.rate)} per overage credit${plan.tierAfter === "" ? "" : `, ${rate(plan.tierRate)} after ${count(Number(plan.tierAfter))} overage credits in a month`}`;
}

/** A plan as the engine's book holds it (money stays in strings). */
function bookPlan(plan) {
  if (plan.published) {
    const price = plainAmount(priceInput(plan).value.trim());
    // A price with "$" or "," is refused at its field by readModel; the engine need not.
    return { ...plan.base, monthlyPrice: price === "" || /[$,]/.test(price) ? null : price };
  }
  return {
    id: plan.id, name: plan.name, credits: Number(plan.credits), overageRate: plan.rate,
    monthlyPrice: plan.price === "" ? null : plan.price,
    ...(plan.tierAfter === "" ? {} : { overageTiers: [{ upTo: Number(plan.tierAfter), rate: plan.rate }, { rate: plan.tierRate }] }),
  };
}

// --- a custom plan: checked before it joins the list ---

function readDraft() {
  const draft = Object.fromEntries(Object.entries(DRAFT_INPUTS).map(([key, id]) => [key, $(id).value.trim()]));
  for (const key of ["price", "rate", "tierRate"]) draft[key] = plainAmount(draft[key]);
  return draft;
}

function namesInUse(exceptId) {
  return new Set(plans.filter((p) => p.id !== exceptId).map((p) => nameOf(p).trim().toLowerCase()));
}

/** The field key a form input answers to (its first data-field path). */
function fieldKey(path) {
  return inputFor($("plan-form"), path)?.dataset.field.split(" ")[0] ?? path;
}

/**
 * What is wrong with a draft plan, as [{ field, text }] ("Monthly price ($): use at most 2
 * decimal places"); empty when it may join the list. The page checks what the engine
 * cannot know (blank, duplicate names, a dearer volume rate); the engine checks the rest
 * on a candidate book.
 */
function checkDraft(draft, exceptId) {
  const problems = new Map(); // field key -> reason; the first reason for a field wins
  const flag = (field, reason) => problems.has(field) || problems.set(field, reason);
  if (draft.name === "") flag("plan.name", "required");
  // Characters as a reader counts them: an emoji or a letter with its accent is one.
  else if ([...new Intl.Segmenter().segment(draft.name)].length > MAX_NAME) flag("plan.name", `use at most ${MAX_NAME} characters`);
  else if (namesInUse(exceptId).has(draft.name.toLowerCase())) flag("plan.name", `“${draft.name}” is already a plan's name; choose another`);
  const credits = readNumberText(draft.credits, { min: 1 });
  if (credits.error) flag("plan.credits", credits.error);
  if (draft.rate === "") flag("plan.overageRate", "required");
  for (const [key, field, example] of [["price", "plan.monthlyPrice", "899.00"], ["rate", "plan.overageRate", "0.018"], ["tierRate", "plan.overageTiers[1].rate", "0.015"]]) {
    if (/[$,]/.test(draft[key])) flag(field, digitsOnly(example));
  }
  const tiered = draft.tierAfter !== "" || draft.tierRate !== "";
  if (tiered) {
    const after = readNumberText(draft.tierAfter, { min: 1 });
    if (after.error) flag("plan.overageTiers[0].upTo", draft.tierAfter === "" ? "required with a volume rate (or clear the rate)" : after.error);
    if (draft.tierRate === "") flag("plan.overageTiers[1].rate", "required with a volume discount (or clear both)");
  }
  if (tiered && isRate(draft.rate) && isRate(draft.tierRate) && micros(draft.tierRate) > micros(draft.rate)) {
    flag("plan.overageTiers[1].rate", `the volume rate must not be higher than the overage rate before it (${rate(draft.rate)})`);
  }
  // The engine stops at a draft's first problem: ask again, with that field stood in, for the next.
  for (let engine = engineProblem(draft, tiered, problems); engine && !problems.has(engine.field); engine = engineProblem(draft, tiered, problems)) {
    flag(engine.field, engine.reason);
  }
  return [...problems].map(([field, reason]) => ({ field, text: `${draftLabel(field)}: ${reason}` }));
}

/** The visible label of the form field a draft problem belongs to. */
function draftLabel(field) {
  const input = inputFor($("plan-form"), field);
  return input ? labelOf(input) : "Plan";
}

/** The engine's verdict on the draft as a plan of the configured book: null when valid,
 * else { field, reason } in plain words. Fields the page already refused get harmless
 * stand-ins, so the engine reports the next problem, not the same one. */
function engineProblem(draft, tiered, problems) {
  const ok = (field) => !problems.has(field);
  const candidate = {
    id: "candidate", name: "candidate",
    credits: ok("plan.credits") ? Number(draft.credits) : 1,
    overageRate: ok("plan.overageRate") ? draft.rate : "0",
    monthlyPrice: draft.price !== "" && ok("plan.monthlyPrice") ? draft.price : null,
  };
  if (tiered && ok("plan.overageTiers[1].rate")) {
    const upTo = ok("plan.overageTiers[0].upTo") ? Number(draft.tierAfter) : 1; // a stand-in, so the volume rate is still checked
    candidate.overageTiers = [{ upTo, rate: candidate.overageRate }, { rate: draft.tierRate }];
  }
  const at = `book.plans[${book.plans.length}]`;
  try {
    new api.Calculator({ ...book, plans: [...book.plans, candidate] }).free();
    return null;
  } catch (error) {
    if (!error.field?.startsWith(at)) return { field: "plan", reason: error.message };
    const field = fieldKey(`plan${error.field.slice(at.length)}`);
    return { field, reason: plainReason(error.reason).replace("such as 12.50", `such as ${AMOUNT_EXAMPLES[field] ?? "12.50"}`) };
  }
}

const isRate = (text) => /^\d+(\.\d{1,6})?$/.test(text);
/** A rate with at most 6 decimals as whole millionths, for an exact comparison. */
function micros(text) {
  const [whole, fraction = ""] = text.split(".");
  return BigInt(whole + fraction.padEnd(6, "0"));
}

function showDraftErrors(errors) {
  for (const { field, text } of errors) {
    const input = inputFor($("plan-form"), field);
    if (input) showFieldError(input, text);
    else $("plan-error").append(el("p", { class: "field-error", role: "alert" }, text));
  }
  $("plan-form").querySelector("[aria-invalid]")?.focus();
}

function submitDraft() {
  clearErrors($("plan-form"));
  $("plan-error").replaceChildren();
  if (!editing && plans.filter((p) => !p.published).length >= MAX_LINK_PLANS) {
    $("plan-error").replaceChildren(el("p", { class: "field-error", role: "alert" },
      `A model holds at most ${MAX_LINK_PLANS} custom plans (so its share link stays complete); remove one to add another.`));
    return;
  }
  const draft = readDraft();
  const errors = checkDraft(draft, editing);
  if (errors.length) {
    $("plan-status").textContent = "";
    showDraftErrors(errors);
    return;
  }
  const existing = plans.find((p) => p.id === editing);
  const id = existing ? existing.id : addCustomPlan(draft, true);
  if (existing) Object.assign(existing, draft);
  stopEditing();
  $("plan-status").textContent = existing ? `Saved changes to ${draft.name}.` : `Added ${draft.name}.`;
  render();
  // The keyboard lands on the plan just added or saved, not in the emptied form.
  $("custom-list").querySelector(`[data-edit="${id}"]`)?.focus();
}

/** Adds a custom plan to the model; returns its id. */
function addCustomPlan(draft, on) {
  while (plans.some((p) => p.id === `custom-${nextCustom}`)) nextCustom += 1;
  const id = `custom-${nextCustom}`;
  plans.push({ id, published: false, on, ...draft });
  nextCustom += 1;
  return id;
}

function startEditing(plan) {
  if (editing === plan.id) return $("c-name").focus(); // already in the form
  // The form's unsaved work is never dropped in silence: it is saved, cancelled or cleared first.
  const unsaved = unsavedPlan();
  if (unsaved !== undefined) {
    $("plan-status").textContent = unsaved ? `Save or cancel the changes to ${unsaved.name} first, then edit ${plan.name}.`
      : `Add the plan in the form, or clear it, first, then edit ${plan.name}.`;
    $("add-plan").focus();
    return;
  }
  editing = plan.id;
  clearErrors($("plan-form"));
  $("plan-error").replaceChildren();
  for (const [key, id] of Object.entries(DRAFT_INPUTS)) $(id).value = plan[key];
  $("add-plan").textContent = "Save changes";
  $("cancel-edit").hidden = false;
  $("plan-mode").textContent = `Editing ${plan.name}: change the fields, then save. Until then the results use the saved plan.`;
  $("plan-status").textContent = "";
  renderPlanLists();
  $("c-name").focus();
}

function stopEditing() {
  editing = null;
  dropOnEscape = false;
  $("plan-status").textContent = "";
  clearErrors($("plan-form"));
  $("plan-error").replaceChildren();
  for (const id of Object.values(DRAFT_INPUTS)) $(id).value = "";
  $("add-plan").textContent = "Add plan";
  $("cancel-edit").hidden = true;
  $("plan-mode").textContent = "Add a plan with its own monthly credits, price and overage rate, and an optional volume discount.";
  renderPlanLists();
  if (api) markResults();
}

function removePlan(plan) {
  // Changes being made to it are never dropped in silence, as Edit on another plan never drops them.
  if (editing === plan.id && unsavedPlan()) {
    $("plan-status").textContent = `Save or cancel the changes to ${plan.name} first, then remove it.`;
    $("add-plan").focus();
    return;
  }
  const customs = plans.filter((p) => !p.published);
  const after = customs[customs.indexOf(plan) + 1] ?? customs[customs.indexOf(plan) - 1];
  const index = plans.indexOf(plan);
  plans = plans.filter((p) => p !== plan); // every other plan keeps its own choice
  if (editing === plan.id) stopEditing();
  else renderPlanLists();
  // A form error may have been about the removed plan ("already a plan's name", the most plans): the next save checks again.
  clearErrors($("plan-form"));
  $("plan-error").replaceChildren();
  // Until the next change to the plans, the plan can be put back where it was, chosen as it was.
  $("plan-status").replaceChildren(`Removed ${plan.name}. `, el("button", { type: "button", class: "link", "aria-label": `Undo: put ${plan.name} back`,
    onclick: () => restorePlan(plan, index) }, "Undo"));
  render();
  (after ? document.querySelector(`[data-remove="${after.id}"]`) : $("c-name")).focus();
}

function restorePlan(plan, index) {
  if (!plans.includes(plan)) plans.splice(Math.min(index, plans.length), 0, plan);
  renderPlanLists();
  $("plan-status").textContent = `${plan.name} is back.`;
  render();
  document.querySelector(`[data-remove="${plan.id}"]`)?.focus();
}

// --- lines of calls of other lengths ---

/** Adds line `callLines.length + 2` of calls, at 0 calls of 0 seconds (as the pricing page does); returns its number. */
function addCallLine() {
  const n = callLines.length + 2;
  const field = (id, label, attrs) => el("div", { class: "field" },
    el("label", { for: id }, label), el("input", { id, name: id, type: "number", min: "0", ...attrs }));
  $("more-calls").before(el("div", { class: "cell calls-line" },
    el("div", { class: "two" },
      field(`calls${n}`, `Calls ${n}: voice calls`, { inputmode: "numeric", step: "1", value: "0", "data-field": `input.mix.voice[${n - 1}].calls` }),
      field(`averageSeconds${n}`, `Calls ${n}: call length (seconds)`, { inputmode: "decimal", value: "0", "data-field": `input.mix.voice[${n - 1}].averageSeconds` })),
    el("button", { type: "button", class: "secondary", onclick: () => removeCallLine(n) }, `Remove calls ${n}`)));
  callLines.push(n);
  showCallRoom();
  return n;
}

/** The add button while a line is free; the limit said once every line is taken. */
function showCallRoom() {
  $("add-calls").hidden = callLines.length + 1 >= MAX_CALL_LINES;
  $("calls-full").hidden = !$("add-calls").hidden;
  $("calls-full").textContent = `${MAX_CALL_LINES} lines of calls at most: remove one to add another.`;
}

/** Removes line `n`; the lines after it keep their values, renumbered. */
function removeCallLine(n) {
  const later = callLines.filter((k) => k > n).map((k) => [$(`calls${k}`).value, $(`averageSeconds${k}`).value]);
  while (callLines.length && callLines.at(-1) >= n) {
    const last = callLines.pop();
    $(`calls${last}`).closest(".cell").remove();
  }
  for (const [calls, seconds] of later) {
    const k = addCallLine();
    [$(`calls${k}`).value, $(`averageSeconds${k}`).value] = [calls, seconds];
  }
  showCallRoom();
  render();
  ($(`calls${n}`) ?? $("add-calls")).focus();
}

// --- the model: read, computed by the engine, shown ---

/** The model's values, or null after marking every field that is wrong. */
function readModel() {
  const values = { stepSize: $("stepSize").value };
  let valid = true;
  for (const [id, options] of Object.entries(modelFields())) {
    const input = $(id);
    // Blank is "not set"; text the browser cannot read as a number (its value is "" then) is an error, not a blank.
    if (options.optional && input.value.trim() === "" && !input.validity.badInput) continue;
    const read = readNumber(input, options);
    if (read.error) {
      showFieldError(input, `${labelOf(input)}: ${read.error}`);
      valid = false;
    } else {
      values[id] = read.value;
    }
  }
  for (const plan of plans.filter((p) => p.published)) {
    if (/[$,]/.test(priceInput(plan).value)) {
      showFieldError(priceInput(plan), `${labelOf(priceInput(plan))}: ${digitsOnly(PRICE_EXAMPLE)}`);
      valid = false;
    }
  }
  return valid ? values : null;
}

/** The engine's error about a published plan's price, with that field's example. */
const withPriceExample = (error) => (/^book\.plans\[\d+\]\.monthlyPrice$/.test(error?.field ?? "")
  ? { field: error.field, reason: plainReason(error.reason).replace("such as 12.50", `such as ${PRICE_EXAMPLE}`) } : error);

function projectionInput(values, ids) {
  return {
    mix: {
      conversation: { aiMessages: values.aiMessages },
      voice: [1, ...callLines].map((n) => ({ calls: values[`calls${lineKey(n)}`], averageSeconds: values[`averageSeconds${lineKey(n)}`] })),
      content: { textGenerations: values.textGenerations, imageGenerations: values.imageGenerations },
      reviews: { responses: values.responses },
      workflow: [sizedWorkflow({ executions: values.executions, gptSteps: values.gptSteps }, values.stepSize, book.rates.workflow)],
    },
    months: values.months,
    growth: { overall: values.growth, ...(values.voiceGrowth == null ? {} : { byFeature: { voice: values.voiceGrowth } }) },
    plans: ids,
  };
}

/** The projection and break-evens the inputs give, or null after saying what is wrong
 * (every wrong number field, and the book's first wrong price, at once). */
function computeModel() {
  const values = readModel();
  const model = { book: { ...book, plans: plans.map(bookPlan) } };
  let calc;
  try {
    calc = new api.Calculator(model.book);
  } catch (error) {
    showApiError($("model"), withPriceExample(error), $("model-error"));
    return null;
  }
  const ids = plans.filter((p) => p.on).map((p) => p.id);
  if (!ids.length) {
    // Said at the boxes too: tabbing back to one tells what is wrong.
    $("model-error").replaceChildren(el("p", { class: "field-error", role: "alert", id: "plans-error" }, "Choose at least one plan to compare."));
    for (const box of planBoxes()) {
      box.setAttribute("aria-invalid", "true");
      describe(box, "plans-error", true);
    }
  }
  if (!values || !ids.length) {
    calc.free();
    return null;
  }
  try {
    const input = projectionInput(values, ids);
    model.projection = calc.project(input);
    model.input = input;
    model.stepSize = values.stepSize;
    // The projection prices the expected rates; month 1's range says what the open ones span (R11).
    model.firstMonth = calc.estimate(input.mix);
    model.breakEvens = ids.length > 1 ? calc.breakEvens(ids) : [];
  } catch (error) {
    showApiError($("model"), error, $("model-error"));
    return null;
  } finally {
    calc.free();
  }
  model.names = Object.fromEntries(model.book.plans.map((p) => [p.id, p.name]));
  model.planById = Object.fromEntries(model.book.plans.map((p) => [p.id, p]));
  model.reached = model.breakEvens.map((b) => ({ ...b, ...crossings(model.projection.months, b.credits) }));
  return model;
}

/**
 * Where monthly usage meets a break-even at `credits`: whether month 1 is already at or
 * past it, and each later month usage rises to it (`up`) or falls back below it, so a
 * shrinking term shows its changes as a growing one does.
 */
function crossings(months, credits) {
  const startsPast = months.length > 0 && months[0].credits >= credits;
  const changes = [];
  for (let i = 1; i < months.length; i++) {
    const [before, now] = [months[i - 1].credits >= credits, months[i].credits >= credits];
    if (before !== now) changes.push({ month: months[i].month, up: now });
  }
  return { startsPast, changes };
}

function render() {
  // With its own Voice AI growth, the overall growth is the other features'.
  $("growth").labels[0].textContent = `Growth a month, ${$("voiceGrowth").value.trim() === "" ? "all" : "other"} features (%)`;
  clearErrors($("model"));
  for (const box of planBoxes()) describe(box, "plans-error", false);
  $("model-error").replaceChildren();
  latest = computeModel();
  markResults();
  // The address holds the fields as typed, a wrong one too: a reload shows it with its
  // error, never the last good value in silence (sharing it is refused until it is right).
  saveToLink();
  // A claim about the term ("the lowest total over 12 months") never outlives its inputs.
  $("recommendation").hidden = !latest;
  if (!latest) return;
  $("share-status").textContent = "";
  showRecommendation(latest);
  showTotals(latest);
  drawChart(latest);
  showBreakEvens(latest);
  showMonths(latest);
  // Said once typing settles: the recommendation, as the callout's first line reads, and
  // its total, which every change of price, growth or term moves.
  announce(`${$("recommendation").querySelector(".recommended-plan").textContent}; ${recommendedTotal(latest.projection)}.`);
}

/** "$12,345.00 over 12 months", with its range (R11), or why it is not known (R1). */
function recommendedTotal(projection) {
  const best = projection.totals.find((t) => t.plan === projection.recommended);
  const term = termOf(projection);
  return best.totalCost == null ? `its total over ${term} is not known (its monthly price is not set)`
    : `${moneyRange(best.totalCost, best.totalCostRange)} over ${term}`;
}

/** What to correct, said where the results are (on a phone the field may be far above). */
function staleNote() {
  const wrong = $("model").querySelectorAll(WRONG_SETTING);
  if (wrong.length) return `Not updated: correct “${labelOf(wrong[0])}”${moreWrong(wrong.length)} above.`;
  return plans.some((p) => p.on) ? "Not updated: correct the setting marked in red above." : "Not updated: choose at least one plan to compare.";
}

/** "months 1 to 12", or "month 1" for a term of one. */
const monthSpan = (n) => (n === 1 ? "month 1" : `months 1 to ${n}`);
const termOf = (projection) => plural(projection.months.length, "month", "months");
const costOf = (month, plan) => month.costs.find((c) => c.plan === plan);

/**
 * Why `best` when no plan covers the largest month: the least overage over the term (R24),
 * or a tie there, which goes to the larger allocation, then to the plan first in the list.
 */
function leastOverage(best, { projection, planById }) {
  const term = termOf(projection);
  // The tied plans in the page's order; of them, those with the most monthly credits.
  const tied = projection.totals.filter((t) => t.overageCost === best.overageCost);
  if (tied.length === 1) return `${best.name} adds the least overage over ${term}, ${money(best.overageCost)}`;
  const credits = (t) => planById[t.plan].credits;
  const most = tied.filter((t) => credits(t) === Math.max(...tied.map(credits)));
  const reason = most.length === 1 ? "with the most monthly credits of them"
    : most.length === tied.length ? "first in the list"
      : `with the most monthly credits of them (like ${list(most.filter((t) => t !== best).map((t) => t.name))}) and first in the list`;
  return `${list(tied.map((t) => t.name))} add the same overage over ${term} (${money(best.overageCost)}), and ${best.name}, ${reason}, is recommended`;
}

/** The recommendation in words, for its basis (BILLING_RULES R24). */
function recommendationSentences({ projection, planById }) {
  const best = projection.totals.find((t) => t.plan === projection.recommended);
  const term = termOf(projection);
  if (projection.basis === "totalCost") {
    const subscription = fromCents(cents(best.totalCost) - cents(best.overageCost));
    // With one plan chosen there is nothing to be lowest against: say it is the only one.
    // R24: a tie goes to the plan earlier in the book; said as a tie, not as the lowest.
    const tied = projection.totals.filter((t) => t.plan !== best.plan && t.totalCost === best.totalCost).map((t) => t.name);
    const lead = projection.totals.length === 1 ? `${best.name}, the only plan compared, costs`
      : tied.length ? `${list([best.name, ...tied])} tie for the lowest total over ${term}; ${best.name}, first in the list, is recommended:`
        : `${best.name} has the lowest total over ${term}:`;
    return [`${lead} ${projection.totals.length === 1 ? `${money(best.totalCost)} over ${term}` : money(best.totalCost)}, `
      + `${money(subscription)} in subscription plus ${money(best.overageCost)} in overage.`];
  }
  const largest = projection.months.reduce((a, b) => (b.credits > a.credits ? b : a));
  const allocation = planById[best.plan].credits;
  const unset = projection.totals.filter((t) => t.totalCost == null).map((t) => t.name);
  const month = `the largest month (month ${largest.month}: ${count(largest.credits)} credits)`;
  const only = projection.totals.length === 1;
  // Plans of the same allocation cover alike: R24 takes the one first in the list.
  const alike = projection.totals.filter((t) => t.plan !== best.plan && planById[t.plan].credits === allocation).map((t) => t.name);
  // Covered at the expected rates, and maybe not at the high end of the range (R11): said so.
  const edge = largest.high > allocation ? ` at the expected rates, up to ${plural(largest.high - allocation, "credit", "credits")} short at the high end` : "";
  const why = allocation >= largest.credits
    ? alike.length ? `${list([best.name, ...alike])} each have ${count(allocation)} monthly credits, which cover ${month}${edge}; ${best.name}, first in the list, is recommended`
      : `${best.name}'s ${count(allocation)} monthly credits cover ${month}${edge}`
    // With one plan chosen, "no plan" and "the least" would speak of plans not compared.
    : only ? `${best.name}, the only plan compared, does not cover ${month}: ${money(best.overageCost)} in overage over ${term}`
      : `No plan compared has monthly credits that cover ${month}; ${leastOverage(best, { projection, planById })}`;
  const prices = unset.length === projection.totals.length
    ? "subscription prices are not set, so no plan's total is known"
    : `subscription prices are not set for ${list(unset)}, so plans are compared by what their credits cover`;
  // A plan whose known total is below the recommended one's would win on totals: the table
  // shows it "less", so the words say why it is not the recommendation (R24's basis).
  const cheaper = best.totalCost == null ? [] : projection.totals.filter((t) => t.totalCost != null && cents(t.totalCost) < cents(best.totalCost));
  const against = cheaper.length === 0 ? []
    : [`${list(cheaper.map((t) => `${t.name} (${versus(t, best)})`))} ${cheaper.length === 1 ? "costs" : "cost"} less than ${best.name} over ${term}, `
      + `overage included; set every plan's price to compare the plans by their totals.`];
  return [`${why}; ${prices}.`, ...against];
}

/** What the figures assume where the mix leaves a rate open (R11), or "" when none is. */
function ratesNote({ firstMonth, book, projection }) {
  const { low, high, byFeature } = firstMonth;
  if (low === high) return "";
  // The term's figures show a range only where the open rate moves a cost (overage).
  const ranged = projection.totals.some((t) => t.overageCostRange.low !== t.overageCostRange.high);
  const r = book.rates;
  const open = [];
  if (byFeature.voice.low !== byFeature.voice.high) open.push(`voice at ${r.voice.default} credits a minute (${r.voice.min} to ${r.voice.max} by provider and language)`);
  if (byFeature.workflow.low !== byFeature.workflow.high) open.push(`GPT steps at ${r.workflow.short} credit${r.workflow.short === 1 ? "" : "s"} (${r.workflow.long} for long steps)`);
  return `Credits and costs use the expected rates: ${list(open)}. Month 1 could need ${count(low)} to ${count(high)} credits instead of ${count(firstMonth.credits)}`
    + (ranged ? "; each plan's figures over the term show their range." : ", which moves no plan's cost over the term.");
}

function showRecommendation(model) {
  const { projection, names } = model;
  $("recommendation").replaceChildren(
    // With some prices set but not all, the plans are not weighed by their totals (R24): said
    // in the headline too, where a total beside it could be taken for the reason.
    el("p", { class: "recommended-plan" }, "Recommended: ", el("strong", {}, names[projection.recommended]),
      projection.basis === "allocation" && projection.totals.some((t) => t.totalCost != null) ? " (not by total cost: not every price is set)" : ""),
    ...recommendationSentences(model).map((s) => el("p", {}, s)));
  $("rates-note").textContent = ratesNote(model);
}

/** An amount with two decimals as whole cents, and back: exact differences. */
function cents(text) {
  const [whole, fraction = ""] = text.split(".");
  return BigInt(whole + fraction.padEnd(2, "0"));
}
function fromCents(value) {
  const digits = (value < 0n ? -value : value).toString().padStart(3, "0");
  return `${value < 0n ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** How a plan's total compares with the recommended plan's, when both are known. */
function versus(total, best) {
  if (total.plan === best.plan) return "recommended";
  if (total.totalCost == null || best.totalCost == null) return "not known";
  const words = (difference) => (difference === 0n ? "the same"
    : difference > 0n ? `${money(fromCents(difference))} more` : `${money(fromCents(-difference))} less`);
  const between = (a, b) => cents(a) - cents(b);
  const expected = between(total.totalCost, best.totalCost);
  // With a rate open (R11) the gap is a range too: at the low end of the rates and at the high.
  const [low, high] = [between(total.totalCostRange.low, best.totalCostRange.low), between(total.totalCostRange.high, best.totalCostRange.high)];
  if (low === expected && high === expected) return words(expected);
  // Every end on the same side: the range in amounts ("$143.10 less ($116.85 to $156.60)").
  const sign = (d) => (d > 0n ? 1 : d < 0n ? -1 : 0);
  if (sign(low) === sign(expected) && sign(high) === sign(expected) && expected !== 0n) {
    const [a, b] = [low < 0n ? -low : low, high < 0n ? -high : high].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    return `${words(expected)} (${money(fromCents(a))} to ${money(fromCents(b))})`;
  }
  return `${words(expected)} (${words(low)} to ${words(high)})`;
}

function showTotals({ projection, planById }) {
  const term = termOf(projection);
  const best = projection.totals.find((t) => t.plan === projection.recommended);
  const headers = ["Plan", "Monthly credits", "Monthly price", `Overage, ${term}`, `Total, ${term}`, `Compared with ${best.name}`];
  $("totals-caption").textContent = `Each plan over ${term}`;
  $("totals").tHead.replaceChildren(headerRow(headers));
  $("totals").tBodies[0].replaceChildren(...projection.totals.map((t) => {
    const plan = planById[t.plan];
    const tr = row([t.name, count(plan.credits), money(plan.monthlyPrice, "not set"), moneyRange(t.overageCost, t.overageCostRange),
      t.totalCost == null ? "not known" : moneyRange(t.totalCost, t.totalCostRange), versus(t, best)],
      { header: true, labels: ["", ...headers.slice(1)] });
    tr.dataset.plan = t.plan;
    if (t.plan === projection.recommended) {
      tr.classList.add("best");
      // The badge says its basis (R24), as the sentence above the table does.
      const largest = projection.months.reduce((a, b) => (b.credits > a.credits ? b : a));
      tr.cells[0].dataset.badge = badge(projection.basis, plan.credits < largest.credits ? null
        : largest.high > plan.credits ? "the largest month at the expected rates" : "the largest month");
    }
    return tr;
  }));
}

/** A month's (or the term's) cost of a plan: its total, or "not known" with the overage. */
const costCell = (cost) => (cost.totalCost != null ? money(cost.totalCost)
  : ["not known ", el("span", { class: "sub" }, `overage ${money(cost.overageCost)}`)]);

function showMonths({ projection, names }) {
  const { months } = projection;
  const term = termOf(projection);
  $("months-caption").textContent = `Cost a month of each plan (subscription + overage), ${monthSpan(months.length)}`;
  $("months-note").textContent = `Subscription plus overage, ${monthSpan(months.length)}; the recommended plan of each month is shaded.`
    + (months.length > 2 ? " Scroll the table sideways for later months: the plan names stay in view." : "");
  $("months-table").tHead.replaceChildren(headerRow(["Plan", ...months.map((m) => `Month ${m.month}`), `Total, ${term}`]));
  $("months-table").tBodies[0].replaceChildren(
    row(["Credits", ...months.map((m) => count(m.credits)), ""], { header: true }),
    ...projection.totals.map((total) => {
      const tr = row([total.name, ...months.map((m) => costCell(costOf(m, total.plan))), costCell(total)], { header: true });
      tr.dataset.plan = total.plan;
      months.forEach((m, i) => m.recommended === total.plan && tr.cells[i + 1].classList.add("recommended"));
      if (projection.recommended === total.plan) tr.cells[months.length + 1].classList.add("recommended");
      return tr;
    }),
    // Each month's recommended plan (R24 on that month), and over the term the recommendation.
    // (A long name is cut in its middle, so similar names stay apart, and is whole in its
    // tooltip and in the totals above: the month columns stay narrow.)
    row(["Recommended", ...[...months.map((m) => m.recommended), projection.recommended].map((id) => el("span", { class: "plan-name", title: names[id] }, shortName(names[id], 18)))],
      { header: true }));
}

// --- the chart, with the months where the recommendation changes marked ---

function drawChart(model) {
  const { projection, planById } = model;
  const { months, totals } = projection;
  const byCost = projection.basis === "totalCost";
  const holder = $("chart");
  const width = Math.max(320, holder.clientWidth);
  // A line where the recommended plan changes, named as the month's own recommendation (a
  // steep month can pass two break-evens at once); one already past in the first month is
  // no point on the chart. Numbered on the chart, in words in the list under it: long plan
  // names would cross each other's lines at 390 px.
  const changes = months.filter((m, i) => i > 0 && m.recommended !== months[i - 1].recommended)
    // (In grey: no plan's line has that colour.)
    .map((m, k) => ({ index: m.month - 1, label: String(k + 1), color: "#6e7781", detail: `${model.names[m.recommended]} is recommended for each month from month ${m.month}` }));
  const chart = lineChart({
    title: byCost ? `Total cost a month of each plan, ${monthSpan(months.length)}`
      : `Credits a month against each plan's monthly credits, ${monthSpan(months.length)}`,
    labels: months.map((m) => `M${m.month}`),
    // Numbers here only place the lines; every amount the page states is the engine's string.
    series: byCost ? totals.map((t) => ({ name: t.name, values: months.map((m) => Number(costOf(m, t.plan).totalCost)) }))
      : [{ name: "Credits a month", values: months.map((m) => m.credits) }],
    lines: byCost ? [] : totals.map((t) => ({ name: `${t.name} (${count(planById[t.plan].credits)})`, value: planById[t.plan].credits, dashed: true })),
    xLabel: "Month", yLabel: byCost ? "Total a month (USD)" : "Credits",
    format: byCost ? (v) => `$${count(Math.round(v))}` : (v) => count(Math.round(v)),
    // The markers' words are the list under the chart, for every reader: no tab stops inside the chart.
    markers: changes, markerFocus: false,
    width, height: width < 500 ? 300 : 340,
  });
  if (changes.length) chart.querySelector("title").textContent += `; marked: ${changes.map((m) => m.detail).join("; ")}`;
  holder.replaceChildren(chart);
  $("chart-marks").replaceChildren(...changes.map((m) => el("li", {}, `${m.detail}.`)));
  $("chart-marks").hidden = changes.length === 0;
  $("chart-note").textContent = (byCost
    ? "Each line is a plan's total a month (subscription + overage)."
    : "Not every compared plan has a price, so the chart shows the credits a month against each plan's monthly credits (dashed).")
    + (changes.length ? " Numbered vertical lines mark the months the recommended plan changes, listed under the chart;"
      + " the recommendation above weighs the whole term." : "");
}

function showBreakEvens({ projection, reached, names }) {
  const term = termOf(projection);
  const byCost = projection.basis === "totalCost";
  const items = reached.map((b) => {
    const change = byCost ? `From ${count(b.credits)} credits a month, ${names[b.to]} costs the least instead of ${names[b.from]}`
      : `From ${count(b.credits)} credits a month, ${names[b.to]} is recommended instead of ${names[b.from]}`;
    const at = (month) => `${count(projection.months[month - 1].credits)} credits`;
    const steps = b.changes.map(({ month, up }) => (up ? `reached in month ${month} (${at(month)})`
      : `usage falls below it in month ${month} (${at(month)}): ${names[projection.months[month - 1].recommended]} from then`));
    if (b.startsPast) steps.unshift(`already past in month 1 (${at(1)})`);
    const when = steps.length ? steps.join("; ") : `not reached within ${term}`;
    return el("li", {}, `${change}: ${when}.`);
  });
  if (!items.length) {
    items.push(el("li", {}, projection.totals.length < 2 ? "Choose two or more plans to see where the recommendation changes."
      : "The recommendation is the same at every level of usage for the chosen plans."));
  }
  $("break-evens").replaceChildren(...items);
  $("break-evens-note").textContent = byCost ? "Compared by the total a month: subscription plus overage."
    : "Compared by allocation: with a price not set, the recommendation is the smallest plan whose monthly credits cover the month, or, where none does, the one adding the least overage.";
}

// --- share link and CSV export ---

const encode = (value) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
  .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const decode = (text) => JSON.parse(new TextDecoder("utf-8", { fatal: true })
  .decode(Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))));

function saveToLink() {
  const state = {
    inputs: { ...Object.fromEntries(Object.keys(modelFields()).map((id) => [id, $(id).value.trim()])), stepSize: $("stepSize").value },
    published: Object.fromEntries(plans.filter((p) => p.published).map((p) => [p.id, { price: priceInput(p).value.trim(), on: p.on }])),
    custom: plans.filter((p) => !p.published).map(({ name, credits, price, rate: overage, tierAfter, tierRate, on }) =>
      ({ name, credits, price, rate: overage, tierAfter, tierRate, on })),
  };
  linkWritten = `#s=${encode(state)}`;
  history.replaceState(null, "", linkWritten);
}

const isObject = (value) => value != null && typeof value === "object" && !Array.isArray(value);
/** Number text as a number field takes it ("5e3", ".5", "-2"; not "+5" or "5."); its field then checks it as typed. */
const NUMBER_TEXT = /^(-?(\d+(\.\d+)?|\.\d+)(e[-+]?\d+)?)?$/i;

/** Reads the scenario in the link like typed input: numbers and prices go into their
 * fields (and are checked there), custom plans pass checkDraft. Anything else is left
 * out and listed in a notice; a link that cannot be read leaves the defaults. */
function loadFromLink() {
  if (!location.hash) return;
  const ignored = [];
  try {
    const match = /^#s=([\w-]+)$/.exec(location.hash);
    const saved = match ? decode(match[1]) : null;
    if (!isObject(saved)) throw new Error("not a scenario");
    for (const key of Object.keys(saved)) if (!["inputs", "published", "custom"].includes(key)) ignored.push(`“${key}” (not a setting of this page)`);
    const inputs = isObject(saved.inputs) ? saved.inputs : {};
    // The lines of calls the link holds, made first (at 0), then filled like the other fields.
    const lines = Object.keys(inputs).map((id) => Number(/^(?:calls|averageSeconds)(\d)$/.exec(id)?.[1])).filter((n) => n >= 2 && n <= MAX_CALL_LINES);
    while (callLines.length < Math.max(1, ...lines) - 1) addCallLine();
    // A line before the link's last that it does not hold is there at 0: said.
    for (const k of callLines) if (!(`calls${k}` in inputs) && !(`averageSeconds${k}` in inputs)) ignored.push(`calls ${k} (not in the link: 0 calls)`);
    const fields = modelFields(); // with the lines just made
    for (const [id, value] of Object.entries(inputs)) {
      if (id === "stepSize") {
        if (STEP_SIZES.includes(value)) $("stepSize").value = value;
        else ignored.push(`${labelOf($("stepSize"))} (“${String(value).slice(0, 20)}” is not a choice; “${$("stepSize").selectedOptions[0]?.textContent}” instead)`);
      } else if (!(id in fields)) ignored.push(`“${id}” (not a setting of this page)`);
      else if (!(typeof value === "string" && NUMBER_TEXT.test(value) && typeInto($(id), value))) {
        // Said with what stands instead: the page's value, 0 in a line the link added.
        const shown = typeof value === "string" ? `“${value.slice(0, 20)}” is not a number` : "not a number";
        ignored.push(`${labelOf($(id))} (${shown}; ${$(id).value === "" ? "blank" : $(id).value} instead)`);
      }
    }
    for (const [id, value] of Object.entries(isObject(saved.published) ? saved.published : {})) {
      const plan = plans.find((p) => p.published && p.id === id);
      if (!plan || !isObject(value)) { ignored.push(`plan “${id}” (not a plan of the price book)`); continue; }
      if (typeof value.price === "string" && value.price.length <= 24) priceInput(plan).value = value.price;
      else if (value.price !== undefined) ignored.push(`${labelOf(priceInput(plan))} (not an amount)`);
      if (typeof value.on === "boolean") plan.on = value.on;
    }
    const custom = Array.isArray(saved.custom) ? saved.custom : [];
    if (custom.length > MAX_LINK_PLANS) ignored.push(`custom plans after the first ${MAX_LINK_PLANS}`);
    custom.slice(0, MAX_LINK_PLANS).forEach((entry, i) => {
      const draft = draftFromLink(entry);
      const errors = draft ? checkDraft(draft, null) : [{ text: "not a plan" }];
      if (errors.length) ignored.push(`custom plan ${i + 1}${draft?.name ? ` (${draft.name})` : ""}: ${errors.map((e) => e.text).join("; ")}`);
      else addCustomPlan(draft, entry.on !== false);
    });
  } catch {
    showNotice("The scenario in this link could not be read, so the page shows the default scenario.");
    return;
  }
  if (ignored.length) showNotice(`Some of the link was left out: ${ignored.join("; ")}. The model uses the rest.`);
}

function draftFromLink(entry) {
  if (!isObject(entry)) return null;
  const draft = {};
  for (const key of Object.keys(DRAFT_INPUTS)) {
    const value = entry[key] ?? "";
    // As much as a field takes (the name field's maxlength); the plan's own checks follow.
    if (typeof value !== "string" || value.length > 2000) return null;
    draft[key] = value.trim();
  }
  return draft;
}

function showNotice(text) {
  $("link-notice").hidden = false;
  $("link-notice").textContent = text;
}

/**
 * Why the model cannot be shared or exported as it stands, or null: a wrong field, no plan
 * chosen, or a plan in the form that is not in the model yet (never left out in silence).
 */
function notReady(what) {
  if (!latest) {
    const wrong = $("model").querySelector(WRONG_SETTING);
    const fix = wrong ? `Correct “${labelOf(wrong)}”` : plans.some((p) => p.on) ? "Correct the setting marked in red" : "Choose at least one plan to compare";
    return `${fix} first.`;
  }
  const saved = unsavedPlan();
  if (saved === undefined) return null;
  return saved ? `Save or cancel the changes to ${saved.name} first: ${what} would leave them out.`
    : `Add the plan in the form, or clear it, first: ${what} would leave it out.`;
}

/**
 * The plan the form holds unsaved changes to: the saved plan being edited, `null` for a new
 * plan typed but not added, `undefined` when the form holds nothing the model lacks.
 */
function unsavedPlan() {
  const draft = readDraft();
  const saved = plans.find((p) => p.id === editing);
  if (saved) return Object.keys(DRAFT_INPUTS).some((key) => draft[key] !== String(saved[key])) ? saved : undefined;
  return Object.values(draft).some((v) => v !== "") ? null : undefined;
}

/**
 * Marks the results not updated while they do not match what is on screen: a wrong field,
 * no plan chosen, or a plan in the form that the model does not have yet.
 */
function markResults() {
  const sections = [$("summary-panel"), $("chart-panel"), $("table-panel")];
  if (!latest) return markStale(sections, true, staleNote());
  const saved = unsavedPlan();
  if (saved === undefined) return markStale(sections, false);
  markStale(sections, true, saved ? `Not updated: save or cancel the changes to ${saved.name} above; until then these figures use the saved plan.`
    : "Not updated: add the plan in the form above, or clear it; until then these figures leave it out.");
}

async function copyLink() {
  const problem = notReady("the link");
  if (problem) {
    $("share-status").textContent = problem;
    return;
  }
  await copyPageLink($("share-status"), "scenario");
}

const BASIS_WORDS = { totalCost: "lowest total", allocation: "allocation (not every price set)" };

/** A price as typed ("297", "297.5") written with two decimals, from its digits (R22). */
const cents2 = (text) => (text.includes(".") ? text.padEnd(text.indexOf(".") + 3, "0") : `${text}.00`);

/** The model as CSV, one row a month, with the engine's exact amounts ("not known" for an
 * unknown total), the recommended plan and its basis. */

export function projectionCsv(model) {
  const { projection, names } = model;
  const { months, totals } = projection;
  const lines = [["Month", "Credits", ...totals.flatMap((t) => [`${t.name} total`, `${t.name} overage`]), "Recommended plan (the month; the term on the Total row)", "Basis"]];
  for (const m of months) {
    lines.push([m.month, m.credits, ...totals.flatMap((t) => { const c = costOf(m, t.plan); return [c.totalCost ?? "not known", c.overageCost]; }),
      names[m.recommended], BASIS_WORDS[m.basis]]);
  }
  lines.push(["Total", "", ...totals.flatMap((t) => [t.totalCost ?? "not known", t.overageCost]), names[projection.recommended], BASIS_WORDS[projection.basis]]);
  // Where a rate is open (R11), the term's totals at its low and high end, so no reader of
  // the file takes the expected figure for a quote.
  if (totals.some((t) => t.overageCostRange.low !== t.overageCostRange.high)) {
    for (const end of ["low", "high"]) {
      lines.push([`Total at the ${end} end of the rates`, "", ...totals.flatMap((t) => [t.totalCostRange?.[end] ?? "not known", t.overageCostRange[end]]), "", ""]);
    }
  }
  // What the figures rest on, for a reader of the file alone: growth, each plan's terms, the rates.
  const { growth, mix, months: term } = model.input;
  const workflow = mix.workflow[0];
  const calls = mix.voice.flatMap((voice, i) => (i === 0 ? [["Voice calls", voice.calls], ["Call length (seconds)", voice.averageSeconds]]
    : [[`Calls ${i + 1}: voice calls`, voice.calls], [`Calls ${i + 1}: call length (seconds)`, voice.averageSeconds]]));
  lines.push([], ["Assumptions"], ["Month 1 usage"], ["AI messages", mix.conversation.aiMessages], ...calls, ["Text generations", mix.content.textGenerations],
    ["Image generations", mix.content.imageGenerations], ["Review responses", mix.reviews.responses],
    ["Workflow executions", workflow.executions], ["GPT steps per execution", workflow.gptSteps],
    ["Size of a GPT step (prompt + output)", stepSizeLabel(model.stepSize, model.book.rates.workflow)], ["Months", term],
    [`Growth a month, ${growth.byFeature?.voice != null ? "other" : "all"} features (%)`, growth.overall]);
  if (growth.byFeature?.voice != null) lines.push(["Voice AI growth a month (%)", growth.byFeature.voice]);
  lines.push(["Plan", "Monthly credits", "Monthly price (USD)", "Overage rate (USD a credit)", "Overage tiers"]);
  for (const t of totals) {
    const plan = model.planById[t.plan];
    const tiers = (plan.overageTiers ?? []).map((tier) => (tier.upTo == null ? `then ${tier.rate}` : `${tier.rate} up to ${tier.upTo} overage credits a month`)).join("; ");
    lines.push([t.name, plan.credits, plan.monthlyPrice == null ? "not set" : cents2(plan.monthlyPrice), plan.overageRate, tiers]);
  }
  const note = ratesNote(model);
  if (note) lines.push(["Rates", note]);
  return csvText(lines);
}

function exportCsv() {
  const problem = notReady("the export");
  if (problem) {
    $("share-status").textContent = problem;
    return;
  }
  download("hoopai-what-if.csv", projectionCsv(latest));
  $("share-status").textContent = "Exported the model as CSV.";
}
