//! The JS API in a browser: `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

mod js_api;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
