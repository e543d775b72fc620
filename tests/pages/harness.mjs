// Shared set-up for the page tests: the static server and Debian's Chromium, driven by
// playwright-core (no browser download: shared/TOOLCHAIN.md).
import { spawn } from "node:child_process";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

export const root = resolve(import.meta.dirname, "../..");
const require = createRequire(join(root, "tools/package.json"));
const { chromium } = require("playwright-core");

/** The node build of the package, to compute the numbers a page must show. */
export const billing = require(join(root, "pkg/node/hoopai_billing.js"));

/** Where screenshots go, to be looked at. */
export const shots = join(root, "test-results/screenshots");
mkdirSync(shots, { recursive: true });

/** Starts scripts/serve.mjs on a free port; resolves to { url, stop }. */
export function startServer() {
  const child = spawn(process.execPath, [join(root, "scripts/serve.mjs"), "0"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolvePromise, reject) => {
    child.once("error", reject);
    child.stdout.on("data", (chunk) => {
      const match = /serving (http:\/\/\S+)/.exec(String(chunk));
      if (match) resolvePromise({ url: match[1], stop: () => child.kill() });
    });
  });
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"], // playwright gives each launch a fresh profile dir
  });
}

/** Dollars as the pages show them: Intl formats the exact decimal string. */
export const money = (text) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(text);
/** Whole numbers as the pages show them. */
export const count = (n) => new Intl.NumberFormat("en-US").format(n);

/** A CSV the page exported, as text: it must start with UTF-8's byte-order mark (so a spreadsheet reads its names right). */
export function csvDownloaded(path) {
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the export starts with a UTF-8 byte-order mark");
  return bytes.subarray(3).toString("utf8");
}

const axeSource = join(root, "tools/node_modules/axe-core/axe.min.js");

/**
 * Runs axe-core on the page as it is now and returns its serious and critical
 * violations, each as "rule-id: target, target" (an empty list when clean).
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axeSource });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  // Every violation, moderate and minor ones too: a page is axe-clean or it is not.
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Runs `body(browser, server)` for a page test file: one server and browser for all. */
export function pageSuite(hooks) {
  const context = {};
  hooks.before(async () => {
    context.server = await startServer();
    context.browser = await launchBrowser();
  });
  hooks.after(async () => {
    await context.browser?.close();
    context.server?.stop();
  });
  return context;
}

/** A page that records console errors and page errors into `errors`. */
/**
 * Opens `url` at 390 px with the files matching `blocked` failing to download, and waits
 * for the page's failure message: the page, and that message's text.
 */
export async function openFailing(browser, url, blocked) {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await page.route(blocked, (route) => route.abort());
  await page.goto(url);
  await page.waitForSelector("#load-status.load-failed");
  assert.equal(await page.getAttribute("#load-status", "role"), "alert");
  assert.equal(await page.isVisible("#load-status button"), true, "a Reload button");
  // The page's controls are gone: the keyboard is on what can be done.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Reload", "the keyboard on the Reload button");
  return { page, message: await page.textContent("#load-status") };
}

export async function openPage(browser, url, width) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  return { page, errors };
}
