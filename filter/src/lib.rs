//! AI gateway as a proxy-wasm HTTP filter for Envoy.
//!
//! The decisions live in plain modules that never touch the host and are
//! unit-tested natively; `host` is the thin layer that talks to proxy-wasm.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::exit
    )
)]
#![deny(unsafe_code)]

pub mod auth;
pub mod cache;
pub mod classifier;
pub mod config;
pub mod endpoints;
pub mod errors;
pub mod exchange;
pub mod headers;
pub mod json_text;
pub mod log_record;
pub mod memory;
pub mod metadata;
pub mod policy;
pub mod request_body;
pub mod request_id;
pub mod resilience;
pub mod routing;
pub mod scan;
pub mod services;
pub mod sse;
pub mod stream_guard;
pub mod usage;
pub mod wire;

mod host;

/// The VM entry point: a panic hook that logs at critical (a panic aborts the
/// VM, so the log line is all that is left), then the root context.
#[allow(unsafe_code)] // the SDK's entry macro calls the wasm constructors
mod entry {
    proxy_wasm::main! {{
        std::panic::set_hook(Box::new(|info| {
            crate::host::log(crate::host::Level::Critical, &format!("panic: {info}"));
        }));
        proxy_wasm::set_log_level(proxy_wasm::types::LogLevel::Info);
        proxy_wasm::set_root_context(|_| -> Box<dyn proxy_wasm::traits::RootContext> {
            Box::new(crate::host::root::Root::default())
        });
    }}
}
