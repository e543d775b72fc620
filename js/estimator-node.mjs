// The estimator's Node entry point (`@hoopai/billing/estimator` in Node): defaultPriceBook
// and a Calculator with estimate, compare, capacity and breakEvens; no init() needed.
import { createRequire } from "node:module";
import { estimatorApiFor, Engine } from "./recovery.mjs";

const require = createRequire(import.meta.url);
const path = require.resolve("./hoopai_billing.js");
const engine = new Engine();
engine.start(require(path), () => {
  delete require.cache[path];
  return require(path);
});

export const { Calculator, defaultPriceBook } = estimatorApiFor(engine);
