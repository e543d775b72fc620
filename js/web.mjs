// The web entry point (`@hoopai/billing` in a browser): the bindings behind the recovery
// layer (recovery.mjs). `await init()` once; a spare instance is kept ready, so a call
// after a trap runs at once on a fresh engine.
import { apiFor } from "./recovery.mjs";
import { engine, init, initSync } from "./web-start.mjs";

export const { Calculator, UsageLog, UsageLogBuilder, defaultPriceBook, parseUsageCsv } = apiFor(engine);
export { init as default, initSync };
