// Loads the WASM package once and shares one calculator; formats exact strings for display.
import init, { Calculator, defaultPriceBook, parseUsageCsv } from "/pkg/web/hoopai_billing.js";

await init();

export { Calculator, defaultPriceBook, parseUsageCsv };
export const calculator = new Calculator();
export const book = calculator.priceBook;

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const whole = new Intl.NumberFormat("en-US");

/** "1234.50" -> "$1,234.50". Intl formats the decimal string exactly (no float). */
export const money = (text) => usd.format(text);
/** 12345 -> "12,345". */
export const count = (n) => whole.format(n);
/** A plan's overage rate for display: "0.025" -> "$0.025". */
export const rate = (text) => `$${text}`;
