//! The AI gateway's logic, free of any host: configuration, the per-request
//! state machine ([`exchange::Exchange`]) that takes events as plain data and
//! answers with operations, and everything it decides with (routing, cache,
//! limits, DLP scans, wire formats, the log record). It never calls
//! proxy-wasm (this crate does not depend on it), so all of it is tested
//! natively; `aigw-filter` is the thin wasm wrapper that talks to Envoy.

pub mod action;
pub mod auth;
pub mod azure;
pub mod bedrock;
pub mod cache;
pub mod classifier;
pub mod config;
pub mod endpoints;
pub mod errors;
pub mod eventstream;
pub mod eventstream_guard;
pub mod exchange;
pub mod formats;
pub mod headers;
pub mod json_text;
pub mod kinds;
pub mod log_controls;
pub mod log_record;
pub mod mcp;
pub mod memory;
pub mod metadata;
pub mod metrics;
pub mod otel;
pub mod policy;
pub mod presets;
pub mod request_body;
pub mod request_id;
pub mod resilience;
pub mod route_rules;
pub mod routing;
pub mod scan;
pub mod secret;
pub mod services;
pub mod sigv4;
pub mod sse;
pub mod stream_guard;
pub mod usage;
pub mod wire;
