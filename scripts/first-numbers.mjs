// Time to first numbers on each page under Chromium's "Fast 3G" profile (562.5 ms latency,
// 1.6 Mbit/s down, 750 kbit/s up), from a cold cache. Prints a table; asserts nothing.
// Usage: node scripts/first-numbers.mjs (after scripts/build.sh; Debian's Chromium).
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const { chromium } = createRequire(join(root, "tools/package.json"))("playwright-core");
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };
const pages = [
  ["index.html", "#plans tbody tr"],
  ["sales.html", "#months-table tbody tr"],
  ["app.html", "#cards .card"],
];

const server = spawn(process.execPath, [join(root, "scripts/serve.mjs"), "0"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((done) => server.stdout.on("data", (chunk) => {
  const match = /serving (http:\/\/\S+)/.exec(String(chunk));
  if (match) done(match[1]);
}));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
console.log("page | first numbers on Fast 3G (ms) | bytes transferred");
for (const [path, selector] of pages) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  let bytes = 0;
  cdp.on("Network.loadingFinished", (event) => { bytes += event.encodedDataLength; });
  const start = Date.now();
  await page.goto(`${url}${path}`);
  await page.waitForSelector(selector, { timeout: 120_000 });
  console.log(`${path} | ${Date.now() - start} | ${bytes}`);
  await context.close();
}
await browser.close();
server.kill();
