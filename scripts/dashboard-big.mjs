// The dashboard on the export in process.env.BIG_CSV (1,000,000 rows) for scripts/bench.sh
// (issue 10 item 8): the file chosen in the picker, streamed into a UsageLog in the page's
// worker. Prints the time to the numbers and the longest gap between animation frames on
// the page meanwhile; asserts nothing.
import { join, resolve } from "node:path";
import { launchBrowser, startServer } from "../tests/pages/harness.mjs";

const server = await startServer();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const settled = (text) => page.waitForFunction((t) => document.getElementById("stage").textContent.startsWith(t)
  && document.getElementById("progress").classList.contains("idle"), text, { timeout: 300_000 });
await page.goto(`${server.url}app.html`);
await settled("Priced 3,000 events");
await page.evaluate(() => {
  window.frameGap = 0;
  window.stages = new Set();
  let last = performance.now();
  const tick = (now) => {
    window.frameGap = Math.max(window.frameGap, now - last);
    last = now;
    window.stages.add(document.getElementById("stage").textContent.replace(/[\d,]+/g, "#"));
    window.ticking = requestAnimationFrame(tick);
  };
  window.ticking = requestAnimationFrame(tick);
});
const start = Date.now();
await page.setInputFiles("#csv", resolve(process.env.BIG_CSV));
await settled("Priced 1,000,000 events");
const seconds = (Date.now() - start) / 1000;
const { gap, stages } = await page.evaluate(() => {
  cancelAnimationFrame(window.ticking);
  return { gap: window.frameGap, stages: [...window.stages].filter(Boolean) };
});
console.log(`dashboard, a 1,000,000-row CSV chosen in the picker (Chromium, 1280 px): numbers after ${seconds.toFixed(1)} s; `
  + `longest frame gap ${gap.toFixed(0)} ms; stages shown: ${stages.join(" | ")}`);
await browser.close();
server.stop();
