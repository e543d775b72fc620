// The web entry point (`@hoopai/billing` in a browser): the bindings behind the recovery
// layer (recovery.mjs). `await init()` once; a spare instance is kept ready, so a call
// after a trap runs at once on a fresh engine.
import * as bindings from "./hoopai_billing.js";
import { apiFor, Engine } from "./recovery.mjs";
import { webStarter } from "./web-start.mjs";

const engine = new Engine();
export const { Calculator, UsageLog, UsageLogBuilder, defaultPriceBook, parseUsageCsv } = apiFor(engine);

const starter = webStarter(engine, bindings, new URL("./hoopai_billing_bg.wasm", import.meta.url),
  (n) => import(`./hoopai_billing.js?instance=${n}`));
/** Loads and compiles the engine once (default: the .wasm next to this file). */
export default starter.init;
/** Starts the engine from compiled code (`{ module }`: a WebAssembly.Module or its bytes). */
export const initSync = starter.initSync;
