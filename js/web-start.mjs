// How a web entry point starts its engine: `init()` (fetch and compile the .wasm once)
// and `initSync({ module })`, with a spare instance kept ready for recovery. Shared by
// the full build's entry (web.mjs) and the estimator's (estimator-web.mjs).

/**
 * Starts `engine` on `bindings` (the generated module). `wasmUrl` is the default .wasm;
 * `freshCopy(n)` imports a new copy of the bindings module (its own instance and memory).
 */
export function webStarter(engine, bindings, wasmUrl, freshCopy) {
  let started = null;
  let live = null; // the first instance's exports, once started

  /** Loads and compiles the engine once (default: the .wasm next to the entry point). */
  function init(input) {
    started ??= start(input).catch((error) => {
      started = null;
      throw error;
    });
    return started;
  }

  async function start(input) {
    const source = input?.module_or_path ?? input ?? wasmUrl;
    return initSync({ module: source instanceof WebAssembly.Module ? source : await compile(source) });
  }

  /** Starts the engine from compiled code (`{ module }`: a WebAssembly.Module or its bytes). */
  function initSync(input) {
    if (live) return live; // started already: one engine (and one spare) per page
    const module = input?.module instanceof WebAssembly.Module ? input.module : new WebAssembly.Module(input?.module ?? input);
    const exports = bindings.initSync({ module });
    live = exports;
    let copies = 0;
    const fresh = async () => {
      const copy = await freshCopy(++copies);
      copy.initSync({ module });
      return copy;
    };
    engine.start(bindings, fresh, { spare: true });
    started ??= Promise.resolve(exports);
    return exports;
  }

  return { init, initSync };
}

async function compile(source) {
  const response = await fetch(source);
  if (!response.ok) throw new Error(`the billing engine could not be fetched: HTTP ${response.status} for ${response.url}`);
  return WebAssembly.compileStreaming && response.headers.get("content-type") === "application/wasm"
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer());
}
