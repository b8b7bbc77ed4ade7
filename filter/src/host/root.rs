//! The root context: reads and compiles the config at `on_configure`, then
//! creates one [`HttpFilter`] per request.

use std::rc::Rc;

use proxy_wasm::traits::{Context, HttpContext, RootContext};
use proxy_wasm::types::ContextType;

use super::http::HttpFilter;
use super::{log, Level};
use aigw_core::config::Config;

#[derive(Default)]
pub struct Root {
    config: Option<Rc<Config>>,
}

/// How often (ms) the root wakes waiting requests (coalescing, retries) and
/// answers callouts that failed to dispatch.
const TICK_MS: u32 = 10;

impl Context for Root {
    /// Callouts dispatched from the root's tick (timers, detached callouts)
    /// are answered to the root: pass them on.
    fn on_http_call_response(
        &mut self,
        token: u32,
        num_headers: usize,
        body_size: usize,
        _trailers: usize,
    ) {
        super::deliver_callout(token, num_headers, body_size);
    }
}

impl RootContext for Root {
    fn on_configure(&mut self, _size: usize) -> bool {
        let raw = super::plugin_configuration();
        let env = |name: &str| std::env::var(name).ok();
        match Config::parse(&raw, &env) {
            Ok((config, warnings)) => {
                for w in warnings {
                    log(Level::Warn, &w);
                }
                log(
                    Level::Info,
                    &format!("configured with {} provider(s)", config.providers.len()),
                );
                self.config = Some(Rc::new(config));
                if let Err(super::HostStatus(s)) = super::abi::set_tick_period_ms(TICK_MS) {
                    log(Level::Error, &format!("cannot start the timer: status {s}"));
                    return false;
                }
                true
            }
            Err(e) => {
                // Refusing here makes Envoy refuse the plugin (and, with a
                // static config, refuse to start) with this line in its log.
                log(Level::Critical, &format!("invalid config: {e}"));
                false
            }
        }
    }

    fn on_tick(&mut self) {
        super::send_detached();
        super::run_due();
        super::metrics::tick();
    }

    fn create_http_context(&self, context_id: u32) -> Option<Box<dyn HttpContext>> {
        // Never None: the SDK panics on None. Without a config (Envoy does not
        // create streams then, but be sure) requests fail closed.
        Some(Box::new(HttpFilter::new(context_id, self.config.clone())))
    }

    fn get_type(&self) -> Option<ContextType> {
        Some(ContextType::HttpContext)
    }
}
