// The estimator's web entry point (`@hoopai/billing/estimator` in a browser): the pricing
// page's build, `defaultPriceBook` and a `Calculator` with estimate, compare, capacity and
// breakEvens, behind the same recovery layer as the full build. `await init()` once.
import * as bindings from "./hoopai_billing.js";
import { estimatorApiFor, Engine } from "./recovery.mjs";
import { webStarter } from "./web-start.mjs";

const engine = new Engine();
export const { Calculator, defaultPriceBook } = estimatorApiFor(engine);

const starter = webStarter(engine, bindings, new URL("./hoopai_billing_bg.wasm", import.meta.url),
  (n) => import(`./hoopai_billing.js?instance=${n}`));
/** Loads and compiles the engine once (default: the .wasm next to this file). */
export default starter.init;
/** Starts the engine from compiled code (`{ module }`: a WebAssembly.Module or its bytes). */
export const initSync = starter.initSync;
