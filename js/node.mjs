// The Node entry point (`@hoopai/billing` in Node): the bindings behind the recovery layer
// (recovery.mjs); no init() needed. After a trap the bindings are loaded afresh.
import { apiFor } from "./recovery.mjs";
import { engine } from "./node-start.mjs";

export const { Calculator, UsageLog, UsageLogBuilder, defaultPriceBook, parseUsageCsv } = apiFor(engine);
