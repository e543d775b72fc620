#!/usr/bin/env bash
# Builds the npm package into pkg/ from pkg.json: the full engine (web and node builds)
# and the estimator (`@hoopai/billing/estimator`, Cargo built without the default
# `simulator` feature: web and node builds), each with its types; runs wasm-opt from the
# npm binaryen package, and prints the sizes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

# build <dir under build/> <wasm-bindgen target> <cargo profile> <wasm-opt flags> [cargo args...]
# The full build is made for speed (profile release, opt-level "s"), the estimator for
# size (profile estimator, "z"): Cargo.toml says what each measured.
build() {
  local dir=$1 target=$2 profile=$3 level=$4
  shift 4
  step "wasm-pack build --profile $profile --target $target $* -> build/$dir"
  wasm-pack --quiet build --profile "$profile" --target "$target" --out-dir "build/$dir" --out-name hoopai_billing --no-pack -- "$@"
  step "wasm-opt $level build/$dir/hoopai_billing_bg.wasm"
  # shellcheck disable=SC2086 # the flags are words
  wasm-opt $level --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "build/$dir/hoopai_billing_bg.wasm" -o "build/$dir/hoopai_billing_bg.wasm"
  rm -f "build/$dir/.gitignore"
}

rm -rf build pkg
build web web release -Os
build node nodejs release -Os
build estimator/web web estimator "-Oz --converge" --no-default-features
build estimator/node nodejs estimator "-Oz --converge" --no-default-features

step "assemble pkg/ from pkg.json"
# The bindings, the .wasm, the types and snippets/ of each build, behind the recovery
# layer (js/): the public entry points are index.js (web) and index.mjs (node).
for dir in web node estimator/web estimator/node; do
  mkdir -p "pkg/$dir"
  cp -r "build/$dir/." "pkg/$dir/"
  cp js/recovery.mjs "pkg/$dir/recovery.mjs"
done
cp js/web.mjs pkg/web/index.js
cp js/node.mjs pkg/node/index.mjs
cp js/estimator-web.mjs pkg/estimator/web/index.js
cp js/estimator-node.mjs pkg/estimator/node/index.mjs
for dir in web estimator/web; do
  cp js/web-start.mjs "pkg/$dir/web-start.mjs"
  echo '{ "type": "module" }' > "pkg/$dir/package.json"
done
for dir in node estimator/node; do
  cp js/node-start.mjs "pkg/$dir/node-start.mjs"
  echo '{ "type": "commonjs" }' > "pkg/$dir/package.json"
  # The input replacer (src/wasm/json_text.js) is an ES module the bindings require().
  [[ -d "pkg/$dir/snippets" ]] || { echo "pkg/$dir has no snippets/: where is json_text.js?" >&2; exit 1; }
  echo '{ "type": "module" }' > "pkg/$dir/snippets/package.json"
done
cp pkg.json pkg/package.json
cp README.md pkg/README.md

gz() { gzip -9 -c "$1" | wc -c; }
size_line() {
  printf '  %-44s %8d bytes raw %8d bytes gzip -9\n' "$1" "$(wc -c < "$1")" "$(gz "$1")"
}
step "sizes (after wasm-opt)"
for dir in web node estimator/web estimator/node; do
  [[ $dir == */node || $dir == node ]] || size_line "pkg/$dir/hoopai_billing_bg.wasm"
  size_line "pkg/$dir/hoopai_billing.js"
done
for dir in web estimator/web; do
  printf '  %-44s %8s           %8d bytes gzip -9\n' "$dir bundle (.wasm + JS glue)" "" \
    "$(( $(gz "pkg/$dir/hoopai_billing_bg.wasm") + $(gz "pkg/$dir/hoopai_billing.js") ))"
done
