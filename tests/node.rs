//! The JS API in Node: `wasm-pack test --node`.
#![cfg(target_arch = "wasm32")]

mod js_api;
