// A small static server for the pages: www/ at /, the built package at /pkg/.
// Usage: node scripts/serve.mjs [port]   (default 8080; 0 picks a free port)
// Prints "serving http://127.0.0.1:PORT/" once it listens.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const mounts = [["/pkg/", join(root, "pkg")], ["/", join(root, "www")]];
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml",
  ".csv": "text/csv; charset=utf-8", ".png": "image/png", ".ts": "text/plain; charset=utf-8",
};

async function resolveFile(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = normalize(join(dir, urlPath.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return null; // no escaping the mount
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) return resolveFile(urlPath.replace(/\/?$/, "/index.html"));
    return info?.isFile() ? file : null;
  }
  return null;
}

const server = createServer(async (req, res) => {
  const urlPath = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  const file = await resolveFile(urlPath);
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${urlPath}\n`);
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
  res.end(body);
});

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
server.listen(port, "127.0.0.1", () => {
  console.log(`serving http://127.0.0.1:${server.address().port}/`);
});
