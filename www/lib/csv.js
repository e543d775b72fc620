// CSV files the pages export: cells quoted where needed, a cell a spreadsheet would run
// as a formula kept as text, and a download that never leaves an object URL behind.
import { el } from "./dom.js";

/** A CSV cell. */
export function csvCell(value) {
  let text = String(value);
  // A cell a spreadsheet would run as a formula is kept as text; a plain number ("-99.5") is a number.
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text, one line each. */
export const csvText = (rows) => `${rows.map((cells) => cells.map(csvCell).join(",")).join("\n")}\n`;

/** Offers `text` as a download named `name`. */
export function download(name, text, type = "text/csv") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
