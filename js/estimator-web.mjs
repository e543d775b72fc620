// The estimator's web entry point (`@hoopai/billing/estimator` in a browser): the pricing
// page's build, `defaultPriceBook` and a `Calculator` with estimate, compare, capacity and
// breakEvens, behind the same recovery layer as the full build. `await init()` once.
import { estimatorApiFor } from "./recovery.mjs";
import { engine, init, initSync } from "./web-start.mjs";

export const { Calculator, defaultPriceBook } = estimatorApiFor(engine);
export { init as default, initSync };
