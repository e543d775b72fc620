// The Node entry point (`@hoopai/billing` in Node): the bindings behind the recovery layer
// (recovery.mjs); no init() needed. After a trap the bindings are loaded afresh.
import { createRequire } from "node:module";
import { apiFor, Engine } from "./recovery.mjs";

const require = createRequire(import.meta.url);
const path = require.resolve("./hoopai_billing.js");
const engine = new Engine();
engine.start(require(path), () => {
  delete require.cache[path];
  return require(path);
});

export const { Calculator, UsageLog, UsageLogBuilder, defaultPriceBook, parseUsageCsv } = apiFor(engine);
