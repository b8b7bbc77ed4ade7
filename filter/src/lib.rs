//! AI gateway as a proxy-wasm HTTP filter for Envoy: the thin wasm wrapper.
//!
//! Every decision lives in `aigw-core`, which has no proxy-wasm dependency
//! and is tested natively; `host` is the only code that talks to Envoy: it
//! reads what the host holds, hands it to the core's `Exchange` and applies
//! the operations it answers with.

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
