// Loads the WASM package and the price book the pages use, and formats the engine's
// exact strings for display.
//
// The price book is configuration, not code: `www/price-book.json` (the published book,
// monthly prices null, as shipped). An operator sets real prices there; every page reads
// it through `loadBilling()` and the engine validates it.

/** Where the pages' price book lives, next to the pages. */
export const PRICE_BOOK_URL = new URL("../price-book.json", import.meta.url);

/** The package's web builds: the full engine, and the pricing page's small estimator. */
const BUILDS = { full: "/pkg/web/", estimator: "/pkg/estimator/web/" };

/**
 * The engine and a calculator on the configured price book. Throws an Error whose
 * message says, in words, what failed (the package, the book's file, or the book).
 * `build`: "full" (default) or "estimator" (estimate, compare, capacity, breakEvens).
 */
export async function loadBilling({ build = "full" } = {}) {
  if (!Object.hasOwn(BUILDS, build)) throw new Error(`the billing engine could not be loaded (no build named "${build}")`);
  // The book, the bindings and the compiled code load side by side (one round trip each
  // on a slow line); the engine's failure is reported before the book's.
  const bookLoad = readPriceBook();
  bookLoad.catch(() => {}); // awaited below; not an unhandled rejection if the engine fails first
  let api;
  let module;
  try {
    // Compiled once here; a worker gets the same module (`module`), never a second download.
    [api, module] = await Promise.all([import(`${BUILDS[build]}index.js`), compile(new URL(`${BUILDS[build]}hoopai_billing_bg.wasm`, import.meta.url))]);
    api.initSync({ module });
  } catch (error) {
    throw new Error(`the billing engine could not be loaded (${error.message})`);
  }
  const book = await bookLoad;
  let calculator;
  try {
    calculator = new api.Calculator(book);
  } catch (error) {
    throw new Error(`the price book (price-book.json) is not valid: ${error.message}`);
  }
  return { api, calculator, book: calculator.priceBook, module };
}

/** The configured price book's JSON; an Error in words if it cannot be read. */
async function readPriceBook() {
  const response = await fetch(PRICE_BOOK_URL, { cache: "no-cache" }).catch((error) => {
    throw new Error(`the price book could not be loaded (${error.message})`);
  });
  if (!response.ok) throw new Error(`the price book could not be loaded (HTTP ${response.status})`);
  return response.json().catch(() => {
    throw new Error("the price book (price-book.json) is not valid JSON");
  });
}

/** Fetches and compiles a .wasm, streaming where the server says it is wasm. */
async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.pathname}`);
  return response.headers.get("content-type") === "application/wasm"
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer());
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const whole = new Intl.NumberFormat("en-US");
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/**
 * "1234.50" -> "$1,234.50". Intl formats the decimal string exactly (no float). An
 * unknown amount (`null`) is never $0: it reads `unknown` (default "not known").
 */
export const money = (text, unknown = "not known") => (text == null ? unknown : usd.format(text));
/** An amount and, where an open rate makes it a range (R11), its low and high end: "$3.00 ($2.25 to $3.75)". */
export const moneyRange = (amount, range) => (range.low === range.high ? money(amount) : `${money(amount)} (${money(range.low)} to ${money(range.high)})`);
/** A moment (ms since 1970, UTC) as its ISO day: 1793491200000 -> "2026-11-01". */
export const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * A name of at most `max` characters (whole characters), cut in its middle so that names
 * alike at the start stay apart: "Enterprise Ultra Unlimited Bundle 4" -> "Enterprise…Bundle 4".
 */
export function shortName(name, max) {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const head = Math.ceil((max - 1) / 2);
  return `${chars.slice(0, head).join("").trimEnd()}…${chars.slice(chars.length - (max - 1 - head)).join("").trimStart()}`;
}

/** The features' names on the pages, in the book's order. */
export const FEATURE_NAMES = { conversation: "Conversation AI", voice: "Voice AI", content: "Content AI", reviews: "Reviews AI", workflow: "Workflow AI" };

const DAY_NAME = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
/** A day in people's words, "Oct 20, 2026", from an ISO date or moment (its UTC day). */
export const dayName = (iso) => DAY_NAME.format(new Date(iso.slice(0, 10)));
const SHORT_DAY = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
/** A day in a chart's few letters, "Oct 9" (never "10-09", which reads as 10 September to many). */
export const shortDay = (iso) => SHORT_DAY.format(new Date(iso.slice(0, 10)));
/** A moment in people's words: its day, "Oct 20, 2026", and its UTC time unless midnight, "Oct 20, 2026, 07:30 UTC". */
export const momentName = (iso) => {
  const time = new Date(iso).toISOString().slice(11, 19);
  if (time === "00:00:00") return dayName(iso);
  return `${dayName(iso)}, ${time.endsWith(":00") ? time.slice(0, 5) : time} UTC`;
};
/** Two days as one range in people's words: "Nov 15 – Dec 14, 2026". */
export const dayRange = (fromMs, toMs) => DAY_NAME.formatRange(new Date(fromMs), new Date(toMs));
/** 12345 -> "12,345". */
export const count = (n) => whole.format(n);
/** A share for display, from two whole numbers: (316, 3160) -> "10%". */
export const share = (part, total) => {
  if (!(total > 0)) return "0%";
  // A sliver is never "0%", nor most of it "100%": the rounding would say what is not so.
  if (part > 0 && part / total < 0.0005) return "<0.1%";
  if (part < total && part / total >= 0.9995) return ">99.9%";
  return percent.format(part / total);
};
/** A plan's overage rate for display: "0.025" -> "$0.025". */
export const rate = (text) => `$${text}`;
/** "3 credits" / "1 credit". */
export const plural = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;

/** "A, B and C". */
export function list(items) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The most lines of calls of different lengths a page takes (R7 rounds each call, so mixed
 * lengths are lines of their own). */
export const MAX_CALL_LINES = 5;
/** Line `n`'s key suffix in fields and links: line 1's have no number ("calls"), line 2's "2" ("calls2"). */
export const lineKey = (n) => (n === 1 ? "" : String(n));

/** The sizes of a GPT step a page offers (R10): at most the book's boundary, past it, or not known (R11). */
export const STEP_SIZES = ["short", "long", "unsure"];
/** A step size in the book's words: "Over 1,000 tokens: 2 credits". `w`: the book's workflow rates. */
export const stepSizeLabel = (size, w) => ({
  short: `Up to ${count(w.longAboveTokens)} tokens: ${plural(w.short, "credit", "credits")}`,
  long: `Over ${count(w.longAboveTokens)} tokens: ${plural(w.long, "credit", "credits")}`,
  unsure: `Not sure: ${w.short} to ${w.long} credits`,
})[size];

/** A workflow line of steps of `size`: at the book's boundary (short), just past it (long),
 * or without tokens (unsure: the short rate expected, the long one the high end, R11). */
export function sizedWorkflow(line, size, w) {
  const tokens = { short: w.longAboveTokens, long: w.longAboveTokens + 1 }[size];
  return tokens == null ? line : { ...line, averageTokens: tokens };
}
