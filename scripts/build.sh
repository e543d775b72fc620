#!/usr/bin/env bash
# Builds the npm package into pkg/ (web build, node build, types) from pkg.json, runs
# wasm-opt from the npm binaryen package, and prints the sizes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

rm -rf build pkg
for target in web nodejs; do
  dir=${target%js}   # web, node
  step "wasm-pack build --release --target $target"
  wasm-pack --quiet build --release --target "$target" --out-dir "build/$dir" --out-name hoopai_billing --no-pack
  step "wasm-opt -Oz build/$dir/hoopai_billing_bg.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "build/$dir/hoopai_billing_bg.wasm" -o "build/$dir/hoopai_billing_bg.wasm"
done

step "assemble pkg/ from pkg.json"
mkdir -p pkg/web pkg/node
cp -r build/web/. pkg/web/     # the bindings, the .wasm, the types, snippets/
cp -r build/node/. pkg/node/
rm -f pkg/web/.gitignore pkg/node/.gitignore
# The public entry points: the bindings behind the recovery layer (js/).
cp js/recovery.mjs pkg/web/recovery.mjs
cp js/recovery.mjs pkg/node/recovery.mjs
cp js/web.mjs pkg/web/index.js
cp js/node.mjs pkg/node/index.mjs
echo '{ "type": "module" }' > pkg/web/package.json
echo '{ "type": "commonjs" }' > pkg/node/package.json
cp pkg.json pkg/package.json
cp README.md pkg/README.md

size_line() {
  printf '  %-34s %8d bytes raw %8d bytes gzip -9\n' "$1" "$(wc -c < "$1")" "$(gzip -9 -c "$1" | wc -c)"
}
step "sizes (release, after wasm-opt)"
size_line pkg/web/hoopai_billing_bg.wasm
size_line pkg/web/hoopai_billing.js
size_line pkg/node/hoopai_billing.js
total_gz=$(( $(gzip -9 -c pkg/web/hoopai_billing_bg.wasm | wc -c) + $(gzip -9 -c pkg/web/hoopai_billing.js | wc -c) ))
printf '  %-34s %8s           %8d bytes gzip -9\n' "web bundle (.wasm + JS glue)" "" "$total_gz"
