// The web entry point (`@hoopai/billing` in a browser): the bindings behind the recovery
// layer (recovery.mjs). `await init()` once; a spare instance is kept ready, so a call
// after a trap runs at once on a fresh engine.
import * as bindings from "./hoopai_billing.js";
import { apiFor, Engine } from "./recovery.mjs";

const engine = new Engine();
export const { Calculator, UsageLog, UsageLogBuilder, defaultPriceBook, parseUsageCsv } = apiFor(engine);

let started = null;

/** Loads and compiles the engine once (default: the .wasm next to this file). */
export default function init(input) {
  started ??= start(input).catch((error) => {
    started = null;
    throw error;
  });
  return started;
}

async function start(input) {
  const source = input?.module_or_path ?? input ?? new URL("./hoopai_billing_bg.wasm", import.meta.url);
  return initSync({ module: source instanceof WebAssembly.Module ? source : await compile(source) });
}

/** Starts the engine from compiled code (`{ module }`: a WebAssembly.Module or its bytes). */
let live = null; // the first instance's exports, once started

export function initSync(input) {
  if (live) return live; // started already: one engine (and one spare) per page
  const module = input?.module instanceof WebAssembly.Module ? input.module : new WebAssembly.Module(input?.module ?? input);
  const exports = bindings.initSync({ module });
  live = exports;
  let copies = 0;
  // A fresh copy of the bindings module (its own instance and memory), from the same compiled code.
  const fresh = async () => {
    const copy = await import(`./hoopai_billing.js?instance=${++copies}`);
    copy.initSync({ module });
    return copy;
  };
  engine.start(bindings, fresh, { spare: true });
  started ??= Promise.resolve(exports);
  return exports;
}

async function compile(source) {
  const response = await fetch(source);
  if (!response.ok) throw new Error(`the billing engine could not be fetched: HTTP ${response.status} for ${response.url}`);
  return WebAssembly.compileStreaming && response.headers.get("content-type") === "application/wasm"
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer());
}
