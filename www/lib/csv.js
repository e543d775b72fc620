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

/**
 * Offers CSV `text` as a download named `name`: UTF-8 with a byte-order mark, which tells
 * a spreadsheet the encoding (without it Excel reads "Zoë" or a Japanese plan name as
 * another encoding's characters).
 */
export function download(name, text) {
  const url = URL.createObjectURL(new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
