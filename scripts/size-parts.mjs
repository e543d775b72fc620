// Where the estimator's bytes go: `twiggy top` on the estimator's .wasm with names
// (Cargo profile `estimator`, after wasm-bindgen, before wasm-opt), each item put in
// one part. Prints each part's bytes and share of the code and data. Usage:
//   node scripts/size-parts.mjs <file.wasm>
import { execFileSync } from "node:child_process";

const file = process.argv[2];
const csv = execFileSync("twiggy", ["top", "-n", "1000000", "--format", "csv", file], { encoding: "utf8", maxBuffer: 1 << 28 });

// First match wins: [part, test on the item's name with crate hashes removed].
const PARTS = [
  ["names (a build artifact, not shipped)", (n) => n.includes("function names") || n.startsWith("custom section")],
  ["data: messages, field names, tables (.rodata)", (n) => n.startsWith("data segment")],
  ["the price book: its shapes' readers, serializers and validation", (n) => /hoopai_billing::price_book/.test(n)],
  ["reading input: the JSON reader, exact numbers, the strict shape reader", (n) => /hoopai_billing::(json|schema)|ReadValue/.test(n)],
  ["estimate, compare, capacity, breakEvens (R5..R24)", (n) => /hoopai_billing::(estimate|compare|capacity|break_even|recommend|overage|alerts|rating|usage_mix|credits|feature|calculator)/.test(n)],
  ["money: exact amounts (ours)", (n) => /hoopai_billing::money/.test(n)],
  ["the JS binding (ours) and errors", (n) => /hoopai_billing::(wasm|error)|^calculator_|^defaultpricebook|^__wbg/i.test(n)],
  ["results to JS: serde, serde-wasm-bindgen and its string cache", (n) => /serde|hashbrown|LocalKey|thread_local/.test(n)],
  ["rust_decimal", (n) => /rust_decimal/.test(n)],
  ["wasm-bindgen and js-sys glue", (n) => /wasm_bindgen|js_sys|externref|^import /.test(n)],
  ["the allocator (talc)", (n) => /talc|dlmalloc|__rdl_|__rust_(alloc|dealloc|realloc)|alloc::alloc/.test(n)],
  ["formatting (core::fmt, number printing)", (n) => /core::fmt|fmt::|_fmt|pad_integral|Display|Debug/.test(n)],
  ["Vec, String, sorting, iterators, str and panics (std)", (n) => /^<?(core|alloc|std)|compiler_builtins|^<?(u\d+|i\d+|usize|char|str|T)\b/.test(n)],
];

const totals = new Map(PARTS.map(([part]) => [part, 0]));
let other = 0;
for (const line of csv.trim().split("\n").slice(1)) {
  const match = line.match(/^"?(.*?)"?,(\d+),/);
  if (!match) continue;
  const name = match[1].replace(/\[[0-9a-f]+\]/g, "").replace(/::h[0-9a-f]{16}$/, "");
  const bytes = Number(match[2]);
  const part = PARTS.find(([, test]) => test(name));
  if (part) totals.set(part[0], totals.get(part[0]) + bytes);
  else other += bytes;
}
totals.set("other", other);
const [namesPart] = PARTS[0];
const shipped = [...totals].filter(([part]) => part !== namesPart).reduce((sum, [, bytes]) => sum + bytes, 0);
console.log(`estimator .wasm with names, after wasm-bindgen and before wasm-opt: ${shipped} bytes of code and data`);
for (const [part, bytes] of [...totals].filter(([part]) => part !== namesPart).sort((a, b) => b[1] - a[1])) {
  console.log(`  ${part}: ${bytes} bytes (${((100 * bytes) / shipped).toFixed(1)}%)`);
}
