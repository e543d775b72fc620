// Small DOM helpers. Text always goes in through textContent: user-entered names are
// never parsed as HTML.

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

/** A table row of cells; `header` makes the first cell a row header. */
export function row(cells, { header = false } = {}) {
  return el("tr", {}, cells.map((c, i) => el(header && i === 0 ? "th" : "td", header && i === 0 ? { scope: "row" } : {}, c)));
}

/**
 * Shows an API error next to the input whose `data-field` the error's field path starts
 * with (the longest match wins), or in `fallback`; clears earlier errors in `root`.
 */
export function showError(root, error, fallback) {
  clearErrors(root);
  const field = error?.field ?? "";
  const inputs = [...root.querySelectorAll("[data-field]")]
    .filter((input) => field === input.dataset.field || field.startsWith(`${input.dataset.field}.`) || field.startsWith(`${input.dataset.field}[`))
    .sort((a, b) => b.dataset.field.length - a.dataset.field.length);
  const target = inputs[0];
  const message = el("p", { class: "field-error", role: "alert" }, error?.message ?? String(error));
  if (target) {
    target.setAttribute("aria-invalid", "true");
    message.id = `${target.id || target.name}-error`;
    target.setAttribute("aria-describedby", message.id);
    (target.closest("label, .field") ?? target).after(message);
  } else {
    fallback.replaceChildren(message);
  }
}

/** Removes every error shown by showError in `root`. */
export function clearErrors(root) {
  for (const node of root.querySelectorAll(".field-error")) node.remove();
  for (const input of root.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
  }
}
