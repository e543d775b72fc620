// The public pricing estimator: a month of usage in; the credits it needs, where they go,
// and what each plan covers or costs out. Every number comes from the engine; this page
// reads inputs, says errors in words, and never shows a result the inputs no longer give.
import { FEATURE_NAMES, MAX_CALL_LINES, STEP_SIZES, count, lineKey, loadBilling, money, moneyRange, plural, rate, share, sizedWorkflow, stepSizeLabel } from "./lib/billing.js";
import { announce, clearErrors, copyPageLink, correctNote, el, labelOf, markStale, readNumber, readNumberText, row, showApiError, showFieldError, startPage, typeInto } from "./lib/dom.js";
import { badge, describeRecommendation, list } from "./lib/recommendation.js";

const $ = (id) => document.getElementById(id);
const FEATURES = Object.entries(FEATURE_NAMES);

/** Typical months that fill the inputs. */
export const PRESETS = {
  "Dental clinic": { messages: 1500, calls: 60, callMinutes: 3, callSeconds: 30, texts: 40, images: 20, reviews: 100, runs: 500, steps: 1, stepSize: "short" },
  "Real-estate team": { messages: 4000, calls: 300, callMinutes: 2, callSeconds: 30, texts: 200, images: 40, reviews: 150, runs: 800, steps: 2, stepSize: "unsure" },
  "Restaurant": { messages: 2500, calls: 200, callMinutes: 1, callSeconds: 30, texts: 30, images: 30, reviews: 400, runs: 300, steps: 1, stepSize: "short" },
  "Marketing agency": { messages: 6000, calls: 50, callMinutes: 5, callSeconds: 0, texts: 1200, images: 600, reviews: 300, runs: 2000, steps: 3, stepSize: "long" },
};

const DEFAULTS = PRESETS["Dental clinic"];

startPage(async () => {
  const { calculator, book } = await loadBilling({ build: "estimator" });
  const r = book.rates;
  const inputs = buildInputs(book);
  const form = $("mix");
  const results = [$("results"), $("plans-panel")];
  // The phone's summary bar grows with its words: a focused field, and the label above it,
  // are scrolled to below it (the bar is not shown on a wide screen: no padding then).
  new ResizeObserver(([entry]) => {
    const height = entry.target.offsetHeight;
    document.documentElement.style.scrollPaddingTop = height ? `${height + 40}px` : "";
  }).observe($("summary-bar"));

  /** The mix the inputs describe, or null after marking every field that is wrong. */
  function readMix() {
    clearErrors(form);
    $("form-error").replaceChildren();
    const values = {};
    let valid = true;
    for (const spec of inputs.numbers) {
      const read = readNumber(spec.input, { max: spec.max ?? Number.MAX_SAFE_INTEGER });
      if (read.error) {
        showFieldError(spec.input, `${spec.label}: ${read.error}`);
        valid = false;
      } else {
        values[spec.key] = read.value;
        if (spec.slider) spec.slider.value = String(Math.min(read.value, Number(spec.slider.max)));
      }
    }
    if (!valid) return null;
    const voice = inputs.voiceLines.map(({ n, rate: choose }) => {
      const k = lineKey(n);
      const line = { calls: values[`calls${k}`], averageSeconds: values[`callMinutes${k}`] * 60 + values[`callSeconds${k}`] };
      const choice = choose?.value ? book.rates.voice.table[Number(choose.value)] : null;
      return choice ? { ...line, provider: choice.provider, ...(choice.language ? { language: choice.language } : {}) } : line;
    });
    const workflow = sizedWorkflow({ executions: values.runs, gptSteps: values.steps }, inputs.stepSize.value, r.workflow);
    return {
      conversation: { aiMessages: values.messages },
      voice,
      content: { textGenerations: values.texts, imageGenerations: values.images },
      reviews: { responses: values.reviews },
      workflow: [workflow],
    };
  }

  function render() {
    $("share-status").textContent = ""; // "Link copied." is of the estimate it copied, not this one
    const mix = readMix();
    let comparison = null;
    let marked = true; // whether the problem is shown at a field
    if (mix) {
      try {
        comparison = calculator.compare(mix);
      } catch (error) {
        if (error.code === "OVERFLOW" && error.field === "mix") {
          // The whole month's credits are too many: no one field is wrong, but the largest
          // figure is the one to lower, so the error stands there, in words.
          const largest = inputs.numbers.reduce((a, b) => (Number(b.input.value) > Number(a.input.value) ? b : a));
          showFieldError(largest.input, `${largest.label}: with the other figures the month comes to more credits than can be computed exactly; enter a smaller number`);
        } else {
          marked = showApiError(form, error, $("form-error")) !== null;
        }
      }
    }
    const wrong = form.querySelector("[aria-invalid]");
    markStale(results, !comparison, (marked && correctNote(form)) || "Not updated: see the problem noted at the top of the form.");
    $("summary-bar").classList.toggle("invalid", !comparison);
    if (!comparison) {
      $("bar-credits").textContent = "";
      $("bar-plan").textContent = marked && wrong ? `Not updated: correct “${labelOf(wrong)}”.` : "Not updated: see the problem noted in the form.";
      return;
    }
    saveToUrl();
    showComparison(comparison);
    announce(`${$("credits").textContent}; ${$("bar-plan").textContent.replace(/^· /, "")}.`); // once typing settles
  }

  function showComparison(comparison) {
    const { estimate } = comparison;
    $("credits").textContent = `${plural(estimate.credits, "credit", "credits")} a month`;
    $("range").textContent = estimate.low === estimate.high
      ? "Every rate is known for this usage."
      : `${count(estimate.low)} to ${count(estimate.high)} credits, depending on ${openRates(estimate)}.`;
    $("recommended").replaceChildren(...describeRecommendation(comparison).map((s) => el("span", { class: "sentence" }, s, " ")));
    const best = comparison.plans.find((q) => q.plan === comparison.recommended);
    $("bar-credits").textContent = plural(estimate.credits, "credit", "credits");
    // The bar's figures carry their range as the table's do (R11).
    $("bar-plan").textContent = comparison.basis === "totalCost" ? `· ${best.name}: ${moneyRange(best.totalCost, best.totalCostRange)} a month`
      : best.overageCredits === 0 ? `· ${best.name} covers it${estimate.high > best.includedCredits ? " at the expected rates" : ""}`
        : `· ${best.name}: least overage, ${moneyRange(best.overageCost, best.overageCostRange)}`;
    $("breakdown").querySelector("tbody").replaceChildren(...FEATURES.map(([key, name]) => {
      const f = estimate.byFeature[key];
      return row([name, count(f.credits), share(f.credits, estimate.credits), f.low === f.high ? "exact" : `${count(f.low)} to ${count(f.high)}`],
        { header: true, labels: ["", "Credits", "Share", "Low to high"] });
    }));
    const labels = ["", "Monthly credits", "Covers your usage", "Overage a month", "Monthly price", "Total a month"];
    $("plans").querySelector("tbody").replaceChildren(...comparison.plans.map((q) => {
      const tr = row([q.name, count(q.includedCredits), covers(q, estimate), moneyRange(q.overageCost, q.overageCostRange), money(q.monthlyPrice, "not published"),
        q.totalCost == null ? "not known" : moneyRange(q.totalCost, q.totalCostRange)], { header: true, labels });
      tr.dataset.plan = q.plan;
      if (q.plan === comparison.recommended) {
        tr.classList.add("best");
        // The badge carries its basis (R24): alone, "recommended" reads as "the best buy".
        const covers = q.overageCredits > 0 ? null : estimate.high > q.includedCredits ? "your usage at the expected rates" : "your usage";
        tr.cells[0].dataset.badge = badge(comparison.basis, covers);
      }
      return tr;
    }));
    const unset = comparison.plans.filter((q) => q.monthlyPrice == null);
    $("prices-note").textContent = "Overage: the credits a month beyond a plan's monthly credits, billed at its overage rate. "
      + (unset.length ? "A subscription price not published here (ask sales) is not $0: a total that would include one is shown as not known."
        : "Totals are the monthly price plus the AI overage.");
  }

  /** Whether a plan's credits cover the usage, at the expected rates and across the range (R11),
   * and which alerts a covered month reaches (R14): a plan covered at its edge warns every month. */
  function covers(q, estimate) {
    if (q.overageCredits > 0) {
      // With a rate open the low end may fit (R11): the "No" is the expected rates', said so.
      return estimate.low <= q.includedCredits ? `No at the expected rates: ${plural(q.overageCredits, "credit", "credits")} over; covered at the low end`
        : `No: ${plural(q.overageCredits, "credit", "credits")} over`;
    }
    const alerts = q.alerts.map((t) => `${t}%`);
    const warned = (basis) => (alerts.length ? `; its ${list(alerts)} alert${alerts.length > 1 ? "s" : ""} fire${alerts.length > 1 ? "" : "s"} each month${basis}` : "");
    // The alerts are the expected usage's: with a rate open the low end may not reach them (R11).
    if (estimate.high <= q.includedCredits) return `Yes${warned(estimate.low === estimate.high ? "" : " at the expected rates")}`;
    return `Yes at the expected rates${warned("")}; up to ${plural(estimate.high - q.includedCredits, "credit", "credits")} over at the high end`;
  }

  function openRates(estimate) {
    const open = [];
    if (estimate.byFeature.voice.low !== estimate.byFeature.voice.high) open.push(`the voice provider and language (${r.voice.min} to ${r.voice.max} credits a minute)`);
    if (estimate.byFeature.workflow.low !== estimate.byFeature.workflow.high) open.push(`workflow step size (${r.workflow.short} or ${r.workflow.long} credits a step)`);
    return open.join(" and ");
  }

  // --- the share link: the inputs (never prices) in the query string ---
  function saveToUrl() {
    const params = new URLSearchParams();
    for (const spec of inputs.numbers) params.set(spec.key, spec.input.value.trim());
    params.set("stepSize", inputs.stepSize.value);
    for (const { rate: choose } of inputs.voiceLines) if (choose?.value) params.set(choose.name, choose.value);
    history.replaceState(history.state, "", `?${params}`); // the entry keeps its Undo
  }

  function loadFromUrl() {
    const params = new URLSearchParams(location.search);
    const ignored = [];
    // Lines of calls the link holds (calls2, callMinutes2, …): made first, then filled;
    // a key past the most lines is not a setting of this page.
    const lines = [...params.keys()].map((key) => Number(/^(?:calls|callMinutes|callSeconds|voiceRate)(\d)$/.exec(key)?.[1]))
      .filter((n) => n >= 2 && n <= MAX_CALL_LINES);
    voiceLinesTo(Math.max(1, ...lines));
    // A link that sets any of the usage is the whole of it: what it leaves out (or gets wrong)
    // is none of that usage, and a step size it does not name is not known (R23: nothing
    // defaulted in silence). Only a link without a setting of this page (a tracking tag
    // alone) shows the example.
    const settings = new Set([...inputs.numbers.map((spec) => spec.key), "stepSize"]);
    if ([...params.keys()].some((key) => settings.has(key))) {
      for (const spec of inputs.numbers) spec.input.value = "0";
      inputs.stepSize.value = "unsure";
    }
    const seen = new Set();
    for (const [key, value] of params) {
      const spec = inputs.numbers.find((s) => s.key === key);
      const voiceRate = inputs.voiceLines.find((l) => l.rate?.name === key)?.rate;
      // A setting given twice: the last stands, and the notice says so.
      if (seen.has(key) && (spec || voiceRate || key === "stepSize")) ignored.push(`“${key}” is given more than once; the last value is used`);
      seen.add(key);
      // A value is taken as typing it would be: the same check, the same limits, and a text
      // the field can hold ("1." it cannot).
      if (spec && !readNumberText(value, { max: spec.max ?? Number.MAX_SAFE_INTEGER }).error && typeInto(spec.input, value.trim())) continue;
      if (key === "stepSize" && STEP_SIZES.includes(value)) inputs.stepSize.value = value;
      else if (voiceRate && [...voiceRate.options].some((o) => o.value === value)) voiceRate.value = value;
      else if (spec) {
        spec.input.value = "0";
        ignored.push(`${spec.label} (“${value}” is not a valid value; 0 instead)`);
      }
      else if (key === "stepSize") ignored.push(`${labelOf(inputs.stepSize)} (“${value}” is not a choice; “Not sure” instead)`);
      else if (voiceRate) ignored.push(`${labelOf(voiceRate)} (“${value}” is not a choice; none is chosen)`);
      else ignored.push(`“${key}” (not a setting of this page)`);
    }
    if (ignored.length) {
      $("link-notice").hidden = false;
      $("link-notice").textContent = `Some of the link was ignored: ${ignored.join("; ")}. The rest is as shared.`;
    }
  }

  /** Puts `lines` lines of calls in the form, the last ones dropped or new ones at 0. */
  function voiceLinesTo(lines) {
    while (inputs.voiceLines.length > lines) inputs.dropLastVoiceLine();
    while (inputs.voiceLines.length < lines) inputs.addVoiceLine();
  }

  /** A preset's values: one line of calls. */
  function fill(values) {
    voiceLinesTo(1);
    for (const spec of inputs.numbers) spec.input.value = String(values[spec.key]);
    inputs.stepSize.value = values.stepSize;
    for (const { rate: choose } of inputs.voiceLines) if (choose) choose.value = "";
  }

  /** The form's values as typed, to put back. */
  function typed() {
    return { lines: inputs.voiceLines.length, numbers: inputs.numbers.map((spec) => spec.input.value), stepSize: inputs.stepSize.value,
      rates: inputs.voiceLines.map((l) => l.rate?.value) };
  }
  function retype(values) {
    voiceLinesTo(values.lines);
    inputs.numbers.forEach((spec, i) => { spec.input.value = values.numbers[i]; });
    inputs.stepSize.value = values.stepSize;
    inputs.voiceLines.forEach((l, i) => { if (l.rate) l.rate.value = values.rates[i] ?? ""; });
  }

  // A preset replaces every value: the values it replaced can be put back until the next edit,
  // also after leaving the page and coming Back (they are kept in its history entry).
  let beforePreset = null;
  /** Keeps the Undo (the values before preset `name`) in this page's history entry, or drops it. */
  const keepUndo = (name) => history.replaceState(beforePreset ? { beforePreset, preset: name } : null, "", location.href);
  /** Says preset `name` filled the form, with an Undo that puts the values before it back. */
  const offerUndo = (name) => $("preset-status").replaceChildren(`Filled in with the ${name} values. `, el("button", { type: "button", class: "link", onclick: () => {
    retype(beforePreset);
    beforePreset = null;
    keepUndo();
    render();
    $("preset-status").textContent = "Your values are back.";
    inputs.numbers[0]?.input.focus();
  } }, "Undo"));
  for (const name of Object.keys(PRESETS)) {
    $("presets").append(el("button", { type: "button", class: "secondary", onclick: () => {
      const before = typed();
      fill(PRESETS[name]);
      $("link-notice").hidden = true; // the link's values are replaced
      render();
      if (JSON.stringify(before) === JSON.stringify(typed())) return;
      beforePreset ??= before; // presets in a row undo to the values before the first
      keepUndo(name);
      offerUndo(name);
    } }, name));
  }
  form.addEventListener("input", () => {
    if (!beforePreset) return;
    beforePreset = null;
    keepUndo();
    $("preset-status").textContent = "";
  });
  $("share").addEventListener("click", () => {
    const wrong = form.querySelector("[aria-invalid]");
    // The link holds the last valid values: never hand out values the user did not mean.
    if (wrong) $("share-status").textContent = "Correct the field marked in red first: the link holds the last valid estimate.";
    else copyPageLink($("share-status"), "estimate");
  });
  form.addEventListener("input", () => { $("share-status").textContent = ""; });
  form.addEventListener("input", (event) => event.target.type !== "range" && render());
  // The link's notice is about the values it brought; once the user edits, it is history.
  form.addEventListener("input", () => { $("link-notice").hidden = true; }, { once: true });
  form.addEventListener("change", (event) => event.target.tagName === "SELECT" && render());

  document.querySelector("#capacity tbody").replaceChildren(...book.plans.map((plan) => {
    const c = calculator.capacity(plan.id);
    return row([plan.name, count(c.credits), count(c.perFeature.conversation.high),
      `${count(c.perFeature.voice.low)} to ${count(c.perFeature.voice.high)}`, `${rate(plan.overageRate)} per credit`],
    { header: true, labels: ["", "Monthly AI credits", "Conversation AI messages", "Voice AI minutes", "Overage rate"] });
  }));

  // What every plan promises, from the source document, with the book's own figures.
  const alerts = list(book.alertThresholds.map((t) => `${t}%`));
  $("how").replaceChildren(...[
    "Every AI feature draws on one pool of monthly credits: no separate bucket per feature.",
    "Unused credits do not roll over: they expire at the end of each billing cycle, and the next cycle starts with a full allocation.",
    "Going past a plan's credits never stops AI on its own: the extra credits are billed as overage, at the plan's overage rate, on the next invoice.",
    "Or turn on the hard cap: AI pauses when the credits run out, and there is no overage.",
    `Alerts at ${alerts} of the monthly credits tell you before they run out; you can set your own.`,
    "Any feature can be limited to a share of the credits or a number of credits; the others carry on when it reaches its limit.",
    "Top-up credits can be bought at any time, work at once and expire at the end of the cycle.",
    "Test traffic costs what live usage does; preview mode is free.",
    "Voice AI is billed by the minute, each call rounded up to the whole minute.",
    "Bigger needs: enterprise plans come with their own credits and volume pricing. Ask sales.",
  ].map((text) => el("li", {}, text)));

  fill(DEFAULTS);
  loadFromUrl();
  render();
  // Back to this page after a preset: its Undo is still offered.
  if (history.state?.beforePreset) {
    beforePreset = history.state.beforePreset;
    offerUndo(history.state.preset);
  }
});

/** Builds the inputs for `book`'s rates; returns the number fields and the selects. */
function buildInputs(book) {
  const r = book.rates;
  const holder = $("inputs");
  const numbers = [];
  const number = (key, label, { slider, unit, max, short } = {}) => {
    const id = `in-${key}`;
    const input = el("input", { id, name: key, type: "number", min: 0, step: 1, inputmode: "numeric", "data-label": label });
    const spec = { key, label, input, max };
    let control = input;
    if (slider) {
      spec.slider = el("input", { type: "range", min: 0, max: slider, step: 1, "aria-label": `${label} (slider)`, tabindex: -1 });
      spec.slider.addEventListener("input", () => {
        input.value = spec.slider.value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      control = el("div", { class: "pair" }, spec.slider, input);
    }
    numbers.push(spec);
    // The field's hint is read with it (a rate, a billing rule), not only seen beside it.
    if (unit) input.setAttribute("aria-describedby", `${id}-unit`);
    return el("div", { class: "field" }, el("label", { for: id }, short ?? label), control, unit ? el("span", { class: "unit", id: `${id}-unit` }, unit) : null);
  };
  const group = (legend, ...children) => el("fieldset", { class: "group" }, el("legend", {}, legend), ...children);
  const stepSize = el("select", { id: "in-stepSize", name: "stepSize" },
    ...STEP_SIZES.map((size) => el("option", { value: size }, stepSizeLabel(size, r.workflow))));
  // Calls of one length each: R7 rounds every call up to the minute, so calls of different
  // lengths bill as their own lines, not as one average. Line 1's keys have no number.
  const voiceLines = [];
  const voiceBox = el("div", { id: "voice-lines" });
  const addLine = el("button", { type: "button", class: "secondary", id: "add-voice-line" }, "Add calls of another length");
  /** In the button's place once every line is taken: the limit said, not a button gone without a word. */
  const linesFull = el("p", { class: "unit", id: "voice-lines-full", hidden: true }, `${MAX_CALL_LINES} lines of calls at most: remove one to add another.`);
  const showRoom = () => { addLine.hidden = voiceLines.length >= MAX_CALL_LINES; linesFull.hidden = !addLine.hidden; };
  const voiceLine = (n) => {
    const k = lineKey(n);
    // Line 1 in the group's words; a later line's labels name it ("Calls 2, length of each call, minutes").
    const of = n === 1 ? "" : `Calls ${n}, `;
    const at = numbers.length;
    const fields = [
      n === 1 ? number("calls", "Voice AI calls a month", { slider: 2000, unit: `${r.voice.min} to ${r.voice.max} credits a minute by voice provider and language; estimated at ${r.voice.default}` })
        : number(`calls${k}`, `${of}calls a month`, { short: "Calls a month" }),
      el("div", { class: "field" }, el("span", { id: `call-length${k}`, class: "label-like" }, "Length of each call"),
        el("div", { class: "two", role: "group", "aria-labelledby": `call-length${k}` },
          number(`callMinutes${k}`, `${of}${n === 1 ? "Length" : "length"} of each call, minutes`, { short: "Minutes" }),
          number(`callSeconds${k}`, `${of}${n === 1 ? "Length" : "length"} of each call, seconds`, { short: "Seconds", max: 59 })),
        n === 1 ? el("span", { class: "unit", id: "call-length-hint" }, "each call is billed on its own, rounded up to the whole minute (2:01 bills 3 minutes), so an average of calls of different lengths can bill too little or too much: add a line for each length") : null),
    ];
    // A later line's fields follow the line before in reading order (the link, the checks).
    const specs = numbers.splice(at);
    const after = voiceLines.length ? numbers.indexOf(voiceLines.at(-1).specs.at(-1)) + 1 : at;
    numbers.splice(after, 0, ...specs);
    specs.forEach((spec, i) => { spec.input.dataset.field = `mix.voice[${n - 1}].${["calls", "averageSeconds", "averageSeconds"][i]}`; });
    // Every line's length is billed call by call: line 1's hint says so for each.
    for (const spec of specs.slice(1)) spec.input.setAttribute("aria-describedby", "call-length-hint");
    let rate = null;
    if (r.voice.table.length) {
      rate = el("select", { id: `in-voiceRate${k}`, name: `voiceRate${k}`, "data-field": `mix.voice[${n - 1}].provider mix.voice[${n - 1}].language`,
        "data-label": `${of}${n === 1 ? "Voice" : "voice"} provider and language` },
        el("option", { value: "" }, `Not sure (${r.voice.min} to ${r.voice.max} credits a minute)`),
        r.voice.table.map((t, i) => el("option", { value: String(i) }, `${t.provider}${t.language ? `, ${t.language}` : ""}: ${plural(t.creditsPerMinute, "credit", "credits")} a minute`)));
      fields.push(el("div", { class: "field" }, el("label", { for: rate.id }, "Voice provider and language"), rate));
    }
    const line = { n, specs, rate, box: null };
    if (n > 1) {
      fields.push(el("button", { type: "button", class: "secondary", onclick: () => removeVoiceLine(line) }, `Remove calls ${n}`));
    }
    line.box = n === 1 ? el("div", {}, ...fields) : el("fieldset", { class: "group voice-line" }, el("legend", {}, `Calls ${n}`), ...fields);
    voiceLines.push(line);
    voiceBox.append(line.box);
    showRoom();
    return line;
  };
  /** Removes a line of calls; the lines after it keep their values, renumbered. */
  const removeVoiceLine = (line) => {
    const after = voiceLines.slice(voiceLines.indexOf(line) + 1).map((l) => [l.specs.map((s) => s.input.value), l.rate?.value]);
    while (voiceLines.length >= line.n) dropLastVoiceLine();
    for (const [values, rateValue] of after) {
      const added = addVoiceLine();
      added.specs.forEach((s, i) => { s.input.value = values[i]; });
      if (added.rate) added.rate.value = rateValue ?? "";
    }
    const focus = voiceLines[line.n - 1]?.specs[0].input ?? addLine;
    holder.dispatchEvent(new Event("input", { bubbles: true }));
    focus.focus();
  };
  const dropLastVoiceLine = () => {
    const last = voiceLines.pop();
    last.box.remove();
    for (const spec of last.specs) numbers.splice(numbers.indexOf(spec), 1);
    showRoom();
  };
  /** A new line of calls, at 0 (a count typed in next). */
  const addVoiceLine = () => {
    const line = voiceLine(voiceLines.length + 1);
    for (const spec of line.specs) spec.input.value = "0";
    return line;
  };
  addLine.addEventListener("click", () => {
    const line = addVoiceLine();
    holder.dispatchEvent(new Event("input", { bubbles: true }));
    line.specs[0].input.select();
    line.specs[0].input.focus();
    // Below the sticky summary, where it is seen (focus alone left it under the fold).
    line.specs[0].input.scrollIntoView({ block: "center" });
  });
  // The fields in reading order (the link and the checks follow it): messages, then the calls.
  const conversation = group("Conversation AI",
    number("messages", "AI messages a month", { slider: 20000, unit: `${plural(r.conversation.perMessage, "credit", "credits")} per AI reply; customer messages are free` }));
  voiceLine(1);
  holder.replaceChildren(
    conversation,
    group("Voice AI", voiceBox, addLine, linesFull),
    group("Content AI",
      number("texts", "Text generations a month", { slider: 5000, unit: `${plural(r.content.text, "credit", "credits")} each` }),
      number("images", "Image generations a month", { slider: 2000, unit: `${plural(r.content.image, "credit", "credits")} each` })),
    group("Reviews AI",
      number("reviews", "Review replies sent a month", { slider: 5000, unit: `${plural(r.reviews.perResponse, "credit", "credits")} each` })),
    group("Workflow AI",
      number("runs", "Workflow runs a month", { slider: 10000, unit: "each GPT step is billed on its own" }),
      number("steps", "GPT steps per run", { slider: 10 }),
      el("div", { class: "field" }, el("label", { for: "in-stepSize" }, "Size of a GPT step (prompt + output)"), stepSize)),
  );
  // API errors name mix paths: map them to the fields.
  const paths = { messages: "mix.conversation.aiMessages", texts: "mix.content.textGenerations",
    images: "mix.content.imageGenerations", reviews: "mix.reviews.responses", runs: "mix.workflow[0].executions", steps: "mix.workflow[0].gptSteps" };
  for (const spec of numbers) if (paths[spec.key]) spec.input.dataset.field = paths[spec.key];
  stepSize.dataset.field = "mix.workflow[0].averageTokens";
  return { numbers, stepSize, voiceLines, addVoiceLine, dropLastVoiceLine };
}
