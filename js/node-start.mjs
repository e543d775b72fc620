// How a Node entry point starts its engine: on the bindings beside this file, loaded
// afresh after a trap. Shared by the full build's entry (node.mjs) and the estimator's
// (estimator-node.mjs); build.sh puts a copy beside each build's bindings.
import { createRequire } from "node:module";
import { Engine } from "./recovery.mjs";

const require = createRequire(import.meta.url);
const path = require.resolve("./hoopai_billing.js");

/** The engine the entry point's API runs on. */
export const engine = new Engine();
engine.start(require(path), () => {
  delete require.cache[path];
  return require(path);
});
