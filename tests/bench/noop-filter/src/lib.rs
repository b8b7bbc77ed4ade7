//! An HTTP filter that does nothing: every callback continues. `make bench`
//! runs it beside the gateway to show what any proxy-wasm filter costs in
//! Envoy before it does any work (VM entries per request).
#![allow(unsafe_code)] // the SDK's entry macro calls the wasm constructors

use proxy_wasm::traits::{Context, HttpContext, RootContext};
use proxy_wasm::types::ContextType;

proxy_wasm::main! {{
    proxy_wasm::set_root_context(|_| -> Box<dyn RootContext> { Box::new(Root) });
}}

struct Root;
impl Context for Root {}
impl RootContext for Root {
    fn create_http_context(&self, _: u32) -> Option<Box<dyn HttpContext>> {
        Some(Box::new(Noop))
    }
    fn get_type(&self) -> Option<ContextType> {
        Some(ContextType::HttpContext)
    }
}

struct Noop;
impl Context for Noop {}
impl HttpContext for Noop {}
