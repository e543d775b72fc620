// Small DOM helpers. Text always goes in through textContent: user-entered names are
// never parsed as HTML.
import { dayName, isoDay, list } from "./billing.js";

/** An element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.flat().filter((c) => c != null).map((c) => (typeof c === "string" || typeof c === "number" ? String(c) : c)));
  return node;
}

/** A table row of cells; `header` makes the first cell a row header; `labels` name each
 * cell for the narrow-screen card layout (`data-label`). */
export function row(cells, { header = false, labels = [] } = {}) {
  return el("tr", {}, cells.map((c, i) => el(header && i === 0 ? "th" : "td",
    { ...(header && i === 0 ? { scope: "row" } : {}), ...(labels[i] ? { "data-label": labels[i] } : {}) }, c)));
}

/** A header row of column headers. */
export function headerRow(names) {
  return el("tr", {}, names.map((name) => el("th", { scope: "col" }, name)));
}

/** The ISO day `days` before `date` (after, for a negative count). */
const dayBefore = (date, days = 1) => isoDay(Date.parse(date) - days * 86_400_000);

/**
 * The API's `reason` in plain words, for a sentence that starts with the field's label:
 * "must be a whole number >= 0, got -5" -> "enter a whole number, 0 or more".
 */
export function plainReason(reason = "") {
  const rules = [
    [/^must be a whole number >= 0/, () => "enter a whole number, 0 or more"],
    [/^must be a finite number >= 0/, () => "enter a number, 0 or more"],
    [/^must be a finite number/, () => "enter a number"],
    [/^must be at least (\d+)/, (m) => `enter at least ${m[1]}`],
    [/^must be at most (\d+)/, (m) => `enter at most ${m[1]}`],
    [/^must be (-?\d+) to (\d+)/, (m) => `enter a whole number from ${m[1]} to ${m[2]}`],
    [/^must be over (-?\d+) and at most (\d+)/, (m) => `enter a percentage over ${m[1]} and at most ${m[2]}`],
    [/^must have at most (\d+) decimals/, (m) => `use at most ${m[1]} decimal places`],
    [/^must have at most (\d+) digits/, (m) => `use at most ${m[1]} digits`],
    // A value of the wrong type for a count or a measure (a CSV cell "1,000" or "five").
    [/^invalid type: .*expected a whole number >= 0/, () => "use a whole number in digits, 0 or more, without commas or units, such as 1000"],
    [/^invalid type: .*expected a finite number >= 0/, () => "use a number in digits, 0 or more, without commas or units, such as 135.5"],
    // A date as a spreadsheet shows it (01.11.2026 08:30, 11/1/2026): the form to use, and how.
    [/^not a timestamp: .*got "(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}[^"]*)"$/,
      (m) => `“${m[1]}” is a date as a spreadsheet shows it; it needs the form 2026-11-03, or 2026-11-03T09:00:00Z with its zone: `
        + "load the export as it was downloaded, or format the column as text in that form"],
    // A rate the price book does not allow (R7, R10): its bounds, in a customer's words.
    [/^must be within the book's voice rate bounds (\d+)\.\.(\d+) credits a minute, got (\d+)/,
      (m) => `enter a rate from ${m[1]} to ${m[2]} credits a minute (what Voice AI can cost), not ${m[3]}`],
    [/^must be within the book's workflow step rates (\d+)\.\.(\d+) credits, got (\d+)/,
      (m) => `enter ${m[1]} to ${m[2]} credits a step (what a GPT step can cost), not ${m[3]}`],
    [/^must be a decimal string|^invalid type: .*expected a decimal string/, () => "type digits and at most one decimal point, without “$” or commas, such as 12.50"],
    [/^must be >= 0/, () => "enter an amount of 0 or more"],
    [/^by month (\d+) this growth makes the usage too large/, (m) => `by month ${m[1]} this growth makes the usage too large to compute exactly; use less growth, fewer months or less usage in the first month`],
    [/^the cycle's credits up to here exceed/, () => "the cycle's credits up to here are too large to compute exactly"],
    [/^the plan's (\d+) credits and the cycle's top-ups up to here pass/,
      (m) => `with the plan's ${Number(m[1]).toLocaleString("en-US")} credits, the top-ups pass 9,007,199,254,740,991 credits, the most that can be counted exactly`],
    [/would end after the year 9999/, () => "billing cycles must end by 9999-12-31; use earlier dates"],
    [/exceed|too large|^must be less than/, () => "this is too large to compute exactly; enter a smaller number"],
    [/^must not be empty/, () => "required"],
    [/^duplicate threshold (\d+)/, (m) => `enter each threshold once (${m[1]} is there twice)`],
    [/^must be inside the (simulated cycles|cycle shown), (\d{4}-\d\d-\d\d)\S* to (\d{4}-\d\d-\d\d)\S* \(exclusive\)/,
      (m) => `pick a day from ${dayName(m[2])} to ${dayName(dayBefore(m[3]))}, inside the ${m[1] === "cycle shown" ? "cycle shown" : "cycles shown"}`],
    [/^must be after the cycle's start and at most its end \((\d{4}-\d\d-\d\d)\S* to (\d{4}-\d\d-\d\d)\S*\)/,
      (m) => `pick a day from ${dayName(dayBefore(m[1], -1))} to ${dayName(m[2])}: the forecast is as of the start of that day (UTC)`],
  ];
  for (const [pattern, say] of rules) {
    const match = pattern.exec(reason);
    if (match) return say(match);
  }
  // The engine's words for a developer, said for a person: a list without code quotes,
  // no rule numbers.
  return reason.replace(/^unknown variant ("[^"]*"), expected one of (.*)$/, (_, got, list) => `${got} is not one of ${list.replaceAll("`", "")}`)
    .replaceAll("`", "").replace(/ \(R\d+\)/g, "");
}

/** The visible label of a form control (its <label>, else aria-label, else its name). */
export function labelOf(input) {
  const text = input.dataset.label ?? input.labels?.[0]?.textContent ?? input.getAttribute("aria-label") ?? input.name ?? "";
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Shows `text` as the error of `input`: the message right after its field, linked by
 * aria-describedby, the input marked invalid. Replaces an earlier error of the input.
 * `items`, if any, are listed under the text (a file's bad rows).
 */
export function showFieldError(input, text, items = []) {
  clearFieldError(input);
  // Announced as it appears: a file's error comes after a read, not as the user types.
  const attributes = { class: "field-error", id: `${input.id || input.name}-error`, ...(input.type === "file" ? { role: "alert" } : {}) };
  const message = items.length ? el("div", attributes, el("p", {}, text), el("ul", {}, ...items.map((item) => el("li", {}, item))))
    : el("p", attributes, text);
  input.setAttribute("aria-invalid", "true");
  noteUnder(input, message);
}

/** Puts `note` (an element with an id) under `input`, inside the field's own box so it stays
 * under its input in any grid, and names it among the input's descriptions. */
function noteUnder(input, note) {
  describe(input, note.id, true);
  const field = input.closest(".field");
  if (field) field.append(note);
  else input.after(note);
}

/** Adds `id` to `node`'s descriptions (`on`), or takes it out; the others stay. */
export function describe(node, id, on) {
  const ids = (node.getAttribute("aria-describedby") ?? "").split(" ").filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) node.setAttribute("aria-describedby", ids.join(" "));
  else node.removeAttribute("aria-describedby");
}

/** Takes the note of id `id` from under `input`, and from its descriptions (the others stay). */
function dropNote(input, id) {
  document.getElementById(id)?.remove();
  describe(input, id, false);
}

/** Removes `input`'s error, if any. */
export function clearFieldError(input) {
  input.removeAttribute("aria-invalid");
  dropNote(input, `${input.id || input.name}-error`);
}

/** Removes every field error in `root`. */
export function clearErrors(root) {
  for (const input of root.querySelectorAll("[aria-invalid]")) clearFieldError(input);
  for (const node of root.querySelectorAll(".field-error")) node.remove();
}

/** The input in `root` whose `data-field` the API error's field path names (the longest
 * match wins), or null. */
export function inputFor(root, field = "") {
  const inputs = [...root.querySelectorAll("[data-field]")];
  const paths = (input) => input.dataset.field.split(" ");
  const within = (path, outer) => path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);
  const exact = inputs.filter((input) => paths(input).some((f) => within(field, f)))
    .sort((a, b) => b.dataset.field.length - a.dataset.field.length)[0];
  if (exact) return exact;
  // An error about a whole line ("mix.voice[0]": its credits are too large) goes to the
  // line's field holding the largest number, the factor to lower (else its first); one
  // about the whole input ("mix") to none.
  const line = /[.[]/.test(field) ? inputs.filter((input) => paths(input).some((f) => within(f, field))) : [];
  return line.length ? line.reduce((a, b) => (Number(b.value) > Number(a.value) ? b : a)) : null;
}

/**
 * Shows an API Error in plain words next to the field it names ("Messages a month: enter
 * a whole number, 0 or more"), or in `fallback` with the same words when no field on the
 * page matches. Returns the input it marked, if any.
 */
export function showApiError(root, error, fallback) {
  const input = inputFor(root, error?.field);
  const reason = plainReason(error?.reason ?? error?.message ?? String(error));
  if (input) {
    showFieldError(input, `${labelOf(input)}: ${reason}`);
    return input;
  }
  // No field of the page: a CSV location is words a user reads; other paths are not shown.
  const text = /^csv\b/.test(error?.field ?? "") ? `The CSV file: ${csvProblem(error)}`
    : error?.reason ? reason[0].toUpperCase() + reason.slice(1) : (error?.message ?? String(error));
  fallback.replaceChildren(el("p", { class: "field-error", role: "alert" }, text));
  return null;
}

/** A CSV error in words, with its line and column: `line 2, column 3 ("messages"): enter a whole number, 0 or more`. */
export function csvProblem(error) {
  const place = (error?.field ?? "").replace(/^csv:?\s*/, "");
  // A file's cell is not typed in: "use a whole number", not "enter" one.
  const raw = error?.reason ?? error?.message ?? "";
  const reason = plainReason(raw).replace(/^enter /, "use ");
  // The cell's own text, where the engine quoted it and the plain words dropped it: found at once in the file.
  const held = /(?:, got |^invalid type: \w+ )"?(.*?)"?(?:, expected .*)?$/.exec(raw)?.[1];
  const cell = place && held && /column \d+/.test(place) && !reason.includes(held) ? ` (the cell holds “${held}”)` : "";
  return place ? `${place}: ${reason}${cell}` : reason;
}

/**
 * A file's problems (the engine's `problems`) in plain words, those alike but for their
 * line as one ("lines 4 to 12 and 15, column 2 ("feature"): …"), in the order found.
 */
export function csvProblems(problems) {
  const groups = [];
  // The header's unknown columns as one item: one list of what the columns can be, not one each.
  const unknown = problems.filter((p) => /^unknown column; /.test(p.reason ?? ""));
  const places = unknown.map((p) => /^csv line (\d+), column (\d+) \((".*")\)$/.exec(p.field ?? ""));
  if (unknown.length > 1 && places.every(Boolean)) {
    const names = places.map(([, , column, name]) => `${name} (column ${column})`);
    groups.push({ text: `line ${places[0][1]}: unknown columns ${list(names)}; ${unknown[0].reason.replace(/^unknown column; /, "")}` });
    problems = problems.filter((p) => !unknown.includes(p));
  }
  for (const problem of problems) {
    const text = csvProblem(problem);
    const [, line, rest] = /^line (\d+)((?:, |: ).*)$/.exec(text) ?? [];
    const same = rest && groups.find((g) => g.rest === rest);
    if (same) same.lines.push(Number(line));
    else groups.push(rest ? { lines: [Number(line)], rest } : { text });
  }
  return groups.map((g) => g.text ?? `${g.lines.length === 1 ? "line" : "lines"} ${lineRuns(g.lines)}${g.rest}`);
}

/** "4 to 6, 9 and 12": line numbers in order, runs of three or more joined. */
function lineRuns(lines) {
  const runs = [];
  for (const line of lines) {
    const last = runs.at(-1);
    if (last && line === last[1] + 1) last[1] = line;
    else runs.push([line, line]);
  }
  return list(runs.flatMap(([from, to]) => (to - from >= 2 ? [`${from} to ${to}`] : from === to ? [String(from)] : [String(from), String(to)])));
}

/** Puts `value` in number field `input` as typing would; false, the field unchanged, when it cannot hold it ("1."). */
export function typeInto(input, value) {
  const before = input.value;
  input.value = value;
  if (input.value === value) return true;
  input.value = before;
  return false;
}

/**
 * Reads a number field: `{ value }` when valid, else `{ error }` in plain words. A blank
 * field is "required", never NaN. `whole` asks for an integer; `min` and `max` bound it.
 */
export function readNumber(input, options) {
  // A number field holds "" for text it cannot read ("12e"): that is not a blank.
  if (input.value === "" && input.validity?.badInput) return { error: options?.whole === false ? "enter a number in digits" : "enter a whole number in digits" };
  return readNumberText(input.value, options);
}

/** [`readNumber`] for a text that is not in a field (a saved draft, a link's value). */
export function readNumberText(raw, { whole = true, min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const text = String(raw ?? "").trim();
  if (text === "") return { error: "required" };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return { error: whole ? "enter a whole number in digits" : "enter a number in digits" };
  // "2.000" is someone's 2,000 as often as it is 2: a count written like thousands is refused.
  if (whole && /^[-+]?\d{1,3}(\.\d{3})+$/.test(text)) return { error: "enter a whole number in digits, without a decimal point or a thousands separator (2000, not 2.000)" };
  // So is a decimal: "1.200" is 1.2 here and 1,200 in much of Europe.
  if (!whole && /^[-+]?[1-9]\d{0,2}(\.\d{3})+$/.test(text)) {
    const [decimal, thousands] = [String(Number(text)), text.replaceAll(".", "")];
    return { error: `“${text}” could be ${decimal} or ${thousands}: type ${decimal}, or ${thousands} without a separator` };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: whole ? "enter a whole number" : "enter a number" };
  if (whole && !Number.isInteger(value)) return { error: `enter a whole number, ${min} or more` };
  if (value < min) return { error: whole ? `enter a whole number, ${min} or more` : `enter ${min} or more` };
  if (value > max) return { error: `enter at most ${max.toLocaleString("en-US")}` };
  return { value };
}

/**
 * Says `text` to screen readers once the page has settled: a later call within `wait` ms
 * replaces it, so typing or a run's stages make one announcement, the last. One hidden
 * live region a page.
 */
let announcing = null;
export function announce(text, wait = 700) {
  let region = document.getElementById("announcer");
  if (!region) {
    region = el("p", { id: "announcer", class: "visually-hidden", role: "status" });
    document.body.append(region);
  }
  clearTimeout(announcing);
  announcing = setTimeout(() => { region.textContent = text; }, wait);
}

/** What to correct in `root`, by its first wrong field's label ("Not updated: correct “Top-up credits” (marked in red)."), or null. */
export function correctNote(root) {
  const wrong = root.querySelectorAll("[aria-invalid]");
  return wrong.length ? `Not updated: correct “${labelOf(wrong[0])}”${moreWrong(wrong.length)} (marked in red).` : null;
}

/** " and 2 more fields" past the first of `count` wrong fields; "" for one. */
export const moreWrong = (count) => (count > 1 ? ` and ${count - 1} more field${count > 2 ? "s" : ""}` : "");

let staleNotes = 0;

/**
 * Marks result `sections` as not updated (dimmed, with a short note) while an input is
 * invalid, or as current again. Screen readers hear the note once (not once a section);
 * it follows each section's heading and describes the section and its tables, so whoever
 * reaches the figures by heading or table hears that they are out of date.
 */
export function markStale(sections, stale, note = "Not updated: correct the field marked in red.") {
  if (stale && !sections.every((s) => s.classList.contains("stale") && s.querySelector(":scope > .stale-note")?.textContent === note)) announce(note);
  const described = (section) => [section, ...section.querySelectorAll("table")];
  for (const section of sections) {
    section.classList.toggle("stale", stale);
    let badge = section.querySelector(":scope > .stale-note");
    if (stale && !badge) {
      badge = el("p", { class: "stale-note", id: `stale-note-${++staleNotes}` }, note);
      const heading = section.querySelector(":scope > h2, :scope > h3");
      if (heading) heading.after(badge);
      else section.prepend(badge);
    } else if (stale) {
      badge.textContent = note;
    } else if (badge) {
      for (const part of described(section)) describe(part, badge.id, false);
      badge.remove();
    }
    // Tables drawn since the note came are described too.
    if (stale) for (const part of described(section)) describe(part, badge.id, true);
  }
}

/**
 * Replaces the page with a failure message (`what` failed, in words) and a button that
 * reloads it: nothing it could show would be right. A failed download (`offline`, by
 * default a browser's own words such as "Failed to fetch") is said as what a reader can do.
 */
export function showPageFailure(what, { offline = /failed to fetch|networkerror|load failed|importing a module script failed/i.test(what) } = {}) {
  const main = document.querySelector("main");
  main?.classList.add("failed");
  let status = document.getElementById("load-status");
  if (!status) {
    status = el("p", { id: "load-status" });
    main?.querySelector("h1, .lead")?.after(status);
  }
  status.className = "load-failed";
  status.setAttribute("role", "alert");
  // What a reader can do first, in plain words; what failed after it, in small print, for
  // whoever they ask for help.
  status.replaceChildren(
    offline ? "A part of this page did not download: check the connection, then reload the page."
      : "This page could not start because of a problem on our side; reloading it may help.",
    " ",
    el("button", { type: "button", onclick: () => location.reload() }, "Reload"),
    el("span", { class: "failure-detail" }, ` (What failed: ${what.replace(/^This page could not start: /, "")})`),
  );
  // The page's controls are gone: the keyboard goes to what can be done, not to the page's top.
  status.querySelector("button").focus();
}

/** What to type instead of a comma in number field `input`: a whole number's or a decimal's form. */
function commaAdvice(input) {
  return input.step === "1" || input.inputMode === "numeric" ? "type the whole number without a separator (2000)"
    : "type a decimal with a point (2.5), and thousands without a separator (2000)";
}

/**
 * A comma typed in a number field. A browser leaves it out, so "2,5" would become 25 with no
 * word: it is left out here too, and a note under the field says so, then, once the field is
 * left, what it read, until the field is edited again.
 */
export function noteNumberComma(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "number" || event.key !== ",") return;
  event.preventDefault();
  const id = `${input.id || input.name}-comma`;
  if (document.getElementById(id)) return;
  const note = el("p", { class: "field-note", id }, `${labelOf(input)}: a comma is left out here (2,5 would read as 25): ${commaAdvice(input)}.`);
  noteUnder(input, note);
  announce(note.textContent, 0);
  // Left, the field says what it read, so "2,5" read as 25 leaves a trace; the note goes at
  // the field's next edit (only this note: an error shown meanwhile keeps its place).
  input.addEventListener("blur", () => {
    const left = document.getElementById(id);
    if (!left) return;
    left.textContent = `${labelOf(input)}: reads ${input.value === "" ? "nothing" : input.value}, the comma left out: ${commaAdvice(input)}.`;
    input.addEventListener("input", () => dropNote(input, id), { once: true });
  }, { once: true });
}

/**
 * A paste into a number field with a comma in it. A browser drops the comma, so "2,5" (a
 * decimal in much of Europe) would become 25 in silence. Commas that group thousands
 * ("1,200") are taken out; any other is refused, the field left as it was and the reason
 * said at it.
 */
export function guardNumberPaste(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "number") return;
  const text = (event.clipboardData?.getData("text") ?? "").trim();
  if (!text.includes(",")) return;
  event.preventDefault();
  // Thousands grouped from a first digit that is not 0 ("0,025" is a decimal comma).
  const whole = /^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(text) ? text.replaceAll(",", "") : null;
  const before = input.value;
  if (whole != null) input.value = whole;
  if (whole != null && input.value === whole) {
    input.dispatchEvent(new Event("input", { bubbles: true }));
  } else {
    input.value = before; // a value the field cannot hold leaves it as it was
    showFieldError(input, `${labelOf(input)}: “${text}” was not pasted: a comma there groups no thousands, so it would read as another number; ${commaAdvice(input)}`);
  }
}

/** Runs a page: shows `#load-status` while `start()` runs, and a plain failure message
 * (with what failed) if it throws. Buttons marked `data-needs-engine` (disabled in the
 * page) are enabled once it has started: before, they could only do nothing. Number
 * fields refuse an ambiguous paste ([`guardNumberPaste`]) and say when a typed comma is
 * left out ([`noteNumberComma`]). */
export async function startPage(start) {
  document.addEventListener("paste", guardNumberPaste);
  document.addEventListener("keydown", noteNumberComma);
  const status = document.getElementById("load-status");
  document.querySelector("main")?.setAttribute("aria-busy", "true");
  try {
    await start();
    status?.remove();
    for (const button of document.querySelectorAll("[data-needs-engine]")) button.disabled = false;
  } catch (error) {
    console.warn(error);
    showPageFailure(`This page could not start: ${error.message}.`);
  } finally {
    document.querySelector("main")?.removeAttribute("aria-busy");
  }
}

/** Copies the page's address (its share link) and says so in `status`; where the
 * clipboard is not allowed, asks the user to copy the address of `what` themselves. */
export async function copyPageLink(status, what) {
  try {
    await navigator.clipboard.writeText(location.href);
    status.textContent = "Link copied.";
  } catch {
    status.textContent = `Copy this page's address to share the ${what}.`;
  }
}
