// CSV files the pages export: cells quoted where needed, a cell a spreadsheet would run
// as a formula kept as text, and a download that never leaves an object URL behind.
import { el } from "./dom.js";

/** A number in digits, never in exponent form ("1e-7" -> "0.0000001"), as a spreadsheet reads it typed. */
export function plainNumber(n) {
  const text = String(n);
  const [, sign, lead, rest = "", exponent] = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text) ?? [];
  if (!lead) return text;
  const digits = lead + rest;
  const point = 1 + Number(exponent); // where the decimal point falls among the digits
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A CSV cell. */
export function csvCell(value) {
  let text = typeof value === "number" ? plainNumber(value) : String(value);
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
