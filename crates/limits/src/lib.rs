//! Rate limits, token limits and spend budgets for the aigw filter: the pure
//! part. No proxy-wasm and no clock: the host passes `now` in unix
//! milliseconds, a [`SharedData`] store (Envoy's shared data), and dispatches the
//! Webdis callouts this crate builds.
//!
//! * [`config`]: the `limits` config section and its compilation into a [`Limiter`].
//! * [`limiter`]: admission (reserve on every counter, all or nothing) and settlement.
//! * [`slot`]: counters in shared data: bounded slot tables, value encoding, CAS steps.
//! * [`window`]: fixed and sliding windows, clock edges, retry times.
//! * [`calendar`]: UTC days and months from unix milliseconds.
//! * [`cost`]: token estimates, prices, costs in nano-dollars, the custom-cost header.
//! * [`headers`]: `Retry-After`, `RateLimit-Policy` and `RateLimit`.
//! * [`global`]: Redis through Webdis for counters shared by many Envoys.
//!
//! Nothing here panics on any input: the crate denies `unwrap`, `expect`,
//! indexing and unchecked arithmetic outside tests (a panic would kill the
//! Wasm VM for every request on that Envoy worker).
// Counters and prices: overflow must saturate or fail, never wrap or panic
// (the rest of the lint policy is the workspace's, in the root Cargo.toml).
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod calendar;
pub mod config;
pub mod cost;
pub mod default_prices;
pub mod global;
pub mod headers;
pub mod key;
pub mod limiter;
pub mod pattern;
pub mod rules;
pub mod slot;
pub mod window;

pub use aigw_shared_data::{MemStore, SetError, SharedData, CREATE_CAS};
pub use config::{ConfigError, FailMode, LimitsConfig, Mode, Scope, Unit};
pub use cost::{estimate_tokens, parse_custom_cost, CustomCostError, Expected, Price, Usage};
pub use global::{GlobalError, WebdisCommand};
pub use headers::{retry_after_value, Advertise, RateLimitHeaders};
pub use key::{KeyPart, RequestFacts};
pub use limiter::{
    Admission, CounterKind, Decision, Denial, LimitState, Limiter, Note, Outcome, Reservation,
    ReservedEntry, Settlement, BUDGET_EXCEEDED, INVALID_CUSTOM_COST, RATE_LIMITED,
};
