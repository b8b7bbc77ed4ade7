//! The root context: reads and compiles the config at `on_configure`, then
//! creates one [`HttpFilter`] per request.

use std::rc::Rc;

use proxy_wasm::traits::{Context, HttpContext, RootContext};
use proxy_wasm::types::ContextType;

use super::http::HttpFilter;
use super::{log, Level};
use crate::config::Config;

#[derive(Default)]
pub struct Root {
    config: Option<Rc<Config>>,
}

impl Context for Root {}

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
                true
            }
            Err(e) => {
                // Refusing here makes Envoy refuse the plugin (and, with a
                // static config, refuse to start) with this line in its log.
                log(Level::Critical, &format!("{e}"));
                false
            }
        }
    }

    fn create_http_context(&self, _context_id: u32) -> Option<Box<dyn HttpContext>> {
        // Never None: the SDK panics on None. Without a config (Envoy does not
        // create streams then, but be sure) requests fail closed.
        Some(Box::new(HttpFilter::new(self.config.clone())))
    }

    fn get_type(&self) -> Option<ContextType> {
        Some(ContextType::HttpContext)
    }
}
