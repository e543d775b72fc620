// A small static server for the pages: www/ at /, the built package at /pkg/, gzip when
// the browser takes it, and ETags so an unchanged file is a 304.
// Usage: node scripts/serve.mjs [port]   (default 8080; 0 picks a free port)
// Prints "serving http://127.0.0.1:PORT/" once it listens.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
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

// Compressed bodies, kept while the file is unchanged (its size and time make the ETag).
const gzipped = new Map();

const server = createServer(async (req, res) => {
  const urlPath = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  const file = await resolveFile(urlPath);
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${urlPath}\n`);
    return;
  }
  const info = await stat(file);
  const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
  // Cached, but checked with the server each time (a rebuilt package is seen at once);
  // an unchanged file costs a 304 and no body.
  const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache", etag, vary: "accept-encoding" };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  let body = await readFile(file);
  if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && body.length > 1024 && !/\.(png)$/.test(file)) {
    const key = `${file}:${etag}`;
    if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
    body = gzipped.get(key);
    headers["content-encoding"] = "gzip";
  }
  res.writeHead(200, headers);
  res.end(body);
});

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
server.listen(port, "127.0.0.1", () => {
  console.log(`serving http://127.0.0.1:${server.address().port}/`);
});
