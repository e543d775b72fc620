// The estimator's Node entry point (`@hoopai/billing/estimator` in Node): defaultPriceBook
// and a Calculator with estimate, compare, capacity and breakEvens; no init() needed.
import { estimatorApiFor } from "./recovery.mjs";
import { engine } from "./node-start.mjs";

export const { Calculator, defaultPriceBook } = estimatorApiFor(engine);
