// How a web entry point starts its engine: the engine on the bindings beside this file,
// `init()` (fetch and compile the .wasm once) and `initSync({ module })`, with a spare
// instance kept ready for recovery. Shared by the full build's entry (web.mjs) and the
// estimator's (estimator-web.mjs); build.sh puts a copy beside each build's bindings.
import * as bindings from "./hoopai_billing.js";
import { Engine } from "./recovery.mjs";

/** The engine the entry point's API runs on. */
export const engine = new Engine();

let started = null;
let live = null; // the first instance's exports, once started

/** Loads and compiles the engine once (default: the .wasm beside this file). */
export function init(input) {
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
