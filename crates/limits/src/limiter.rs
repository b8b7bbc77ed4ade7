//! Admission: reserve on every counter that applies to a request, decide,
//! and later settle on the real usage.
//!
//! # Flow
//! ```text
//! let mut a = limiter.begin(&facts, &expected, now_ms);
//! a.reserve_local(&mut store);                 // shared data, CAS loops
//! if let Some(cmd) = a.global_request() {      // only with scope: global counters
//!     // dispatch cmd to Webdis, then on the reply:
//!     a.apply_global_reply(&mut store, status, &body);   // or a.global_failed(&mut store, why)
//! }
//! let (decision, reservation) = a.finish();
//! // ... request runs ...
//! let settlement = limiter.settle(&mut store, reservation, &usage);
//! // dispatch settlement.global if any
//! ```
//! [`Limiter::admit`] does the first three steps for configs without global
//! counters.
//!
//! # Reserve, then settle
//! * Each counter reserves the request's expected amount: 1 for `requests`,
//!   the estimated input tokens, the `max_tokens` (or the configured default)
//!   for output tokens, their sum for total tokens, and for budgets the cost of
//!   those tokens at the request's price. The reservation counts at once, so
//!   concurrent requests see each other's reservations: N requests can never
//!   together go over a limit (each check-and-add is one CAS write).
//! * All or nothing: when a counter denies, the reservations already made on
//!   the other counters are rolled back, and the remaining counters are only
//!   read (to report them and the longest retry time).
//! * Settlement replaces each reservation by the real amount (input/output
//!   tokens from the provider's usage; cost at the price used to reserve). A
//!   request that failed settles with what it used, possibly `Usage::default()`.
//!   Request counts are not settled: a request counts once. Settlement hits
//!   the window the reservation was made in (carried in the handle): if that
//!   window has rolled over, a sliding counter's `previous` count is adjusted
//!   and a fixed counter is left alone (the old window no longer counts; the
//!   new one is never touched). Counts never go below zero.
//! * A dropped `Reservation` keeps its reserved amounts counted (conservative).
//!
//! # The deciding counter
//! When a request is denied, among the counters that deny it the one with the
//! longest retry time decides (one that can never admit it decides first);
//! `retry_after_ms` is its wait. When admitted, the enforced rule with the
//! least remaining quota as a fraction of its limit decides: its values go
//! into the `RateLimit` header.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::cost::{Expected, Price, PriceTable, Usage};
use crate::global::{self, GlobalCounter, WebdisCommand};
use crate::key::{self, pattern_matches, KeyPart, RequestFacts, Subject};
use crate::rules::{FailMode, Mode, OnUnpriced, Scope, Unit};
use crate::slot::{self, OnTableFull, ReserveInput, ReservePlan, SettlePlan, SlotTable};
use crate::window::{Adjust, Counts, Window};
use aigw_shared_data::{SetError, SharedData};

/// Error code of a request denied by a rate or token limit.
pub const RATE_LIMITED: &str = "aigw_rate_limited";
/// Error code of a request denied by a spend budget.
pub const BUDGET_EXCEEDED: &str = "aigw_budget_exceeded";
/// Error code of an unreadable `x-aigw-custom-cost` header (status 400).
pub const INVALID_CUSTOM_COST: &str = "aigw_invalid_custom_cost";

/// A rule (rate or token limit) or a budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CounterKind {
    Rule,
    Budget,
}

/// `when` of a rule or budget, compiled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct When {
    pub tenants: Vec<String>,
    pub providers: Vec<String>,
    pub models: Vec<String>,
}

impl When {
    fn matches(&self, facts: &RequestFacts<'_>) -> bool {
        let one = |patterns: &[String], value: Option<&str>| {
            patterns.is_empty()
                || value.is_some_and(|v| patterns.iter().any(|p| pattern_matches(p, v)))
        };
        one(&self.tenants, facts.tenant)
            && one(&self.providers, facts.provider)
            && one(&self.models, facts.model)
    }
}

/// A compiled rule or budget.
#[derive(Debug, Clone)]
pub struct CounterSpec {
    pub(crate) name: String,
    pub(crate) kind: CounterKind,
    pub(crate) unit: Unit,
    pub(crate) window: Window,
    pub(crate) limit: u64,
    pub(crate) overrides: Vec<(String, u64)>,
    pub(crate) mode: Mode,
    pub(crate) scope: Scope,
    pub(crate) key: Vec<KeyPart>,
    pub(crate) missing_is_skip: bool,
    pub(crate) when: Option<When>,
    pub(crate) table: SlotTable,
    pub(crate) on_table_full: OnTableFull,
    pub(crate) on_unpriced: OnUnpriced,
    pub(crate) shape: u64,
}

impl CounterSpec {
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn kind(&self) -> CounterKind {
        self.kind
    }
    pub fn unit(&self) -> Unit {
        self.unit
    }
    pub fn scope(&self) -> Scope {
        self.scope
    }
    pub fn mode(&self) -> Mode {
        self.mode
    }
    pub fn window(&self) -> Window {
        self.window
    }
    /// The limit for a tenant (its override, else the default).
    pub fn limit_for(&self, tenant: Option<&str>) -> u64 {
        tenant
            .and_then(|t| self.overrides.iter().find(|(n, _)| n == t))
            .map_or(self.limit, |(_, l)| *l)
    }
}

/// The `global` section, compiled: what the host needs for the callouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobalSettings {
    pub cluster: String,
    pub authority: String,
    pub timeout_ms: u64,
    pub on_error: FailMode,
    pub key_prefix: String,
}

/// The compiled `limits` section.
#[derive(Debug, Clone)]
pub struct Limiter {
    counters: Vec<Arc<CounterSpec>>,
    prices: PriceTable,
    default_output_tokens: u64,
    max_cas_attempts: u32,
    on_store_error: FailMode,
    global: Option<Arc<GlobalSettings>>,
    key_headers: Vec<String>,
    /// Tenants whose custom cost prices their budgets (`custom_cost_tenants`).
    pub(crate) custom_cost_tenants: Vec<String>,
}

/// How one counter came out for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Counted, within the limit.
    Reserved,
    /// `log_only` and over the limit: counted, would have denied.
    LoggedOverLimit,
    /// Over the limit: denies the request.
    Denied,
    /// Read only (another counter denied first); would have admitted.
    NotReserved,
    /// Not counted: store or Redis failure with `on_error: open`, slot table
    /// full with `admit`, or a budget without a price (see the notes).
    Skipped,
    /// Store or Redis failure with `on_error: closed`: denies the request.
    Failed,
    /// Not reached (a local counter denied before the global round trip).
    NotEvaluated,
}

/// One counter's state for a request: for the log and the RateLimit headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitState {
    pub name: String,
    pub kind: CounterKind,
    pub unit: Unit,
    pub mode: Mode,
    pub scope: Scope,
    pub outcome: Outcome,
    /// The limit applied (the tenant's override or the default).
    pub limit: u64,
    /// What this request reserved (or asked for, when denied).
    pub requested: u64,
    /// Quota in use, this request's reservation included when reserved.
    pub used: u64,
    pub remaining: u64,
    /// Milliseconds until quota comes back: the window's end, or when denied
    /// the retry time.
    pub reset_ms: u64,
    /// The window length in whole seconds (`w` of RateLimit-Policy).
    pub window_s: u64,
    /// When this counter denies: the wait before the request would fit
    /// (`None`: never, the request alone is over the limit, or unknown).
    pub retry_after_ms: Option<u64>,
}

/// Something for the log: a counter that could not be applied as configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub counter: String,
    pub reason: String,
}

/// Why a request was denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Denial {
    RateLimited,
    BudgetExceeded,
}

impl Denial {
    /// The gateway error code: `aigw_rate_limited` or `aigw_budget_exceeded`.
    pub fn code(self) -> &'static str {
        match self {
            Denial::RateLimited => RATE_LIMITED,
            Denial::BudgetExceeded => BUDGET_EXCEEDED,
        }
    }

    /// HTTP status: 429 for both.
    pub fn status(self) -> u16 {
        429
    }
}

/// The answer for one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub admitted: bool,
    pub denial: Option<Denial>,
    /// Name of the deciding counter (see the module doc).
    pub deciding_rule: Option<String>,
    /// Its index in `limits`.
    pub deciding: Option<usize>,
    /// When denied: the wait before retrying (`None`: the request can never fit).
    pub retry_after_ms: Option<u64>,
    /// Every counter that applied, in config order (rules, then budgets).
    pub limits: Vec<LimitState>,
    pub notes: Vec<Note>,
}

impl Decision {
    pub fn deciding_state(&self) -> Option<&LimitState> {
        self.limits.get(self.deciding?)
    }

    pub fn error_code(&self) -> Option<&'static str> {
        self.denial.map(Denial::code)
    }
}

/// One reserved amount: enough to settle it without the config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservedEntry {
    pub counter: String,
    pub kind: CounterKind,
    pub unit: Unit,
    pub scope: Scope,
    /// Shared-data slot key, or Redis key.
    pub key: String,
    /// The slot's owner when reserved (local).
    pub owner: u64,
    pub shape: u64,
    pub window: Window,
    pub window_index: u64,
    pub amount: u64,
    /// Budgets: the price the cost was estimated at, and will be settled at.
    pub price: Option<Price>,
}

/// The handle to settle a request's reservations later. Keep it with the
/// request (or serialise it with `to_bytes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    pub entries: Vec<ReservedEntry>,
}

impl Reservation {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Reservation> {
        serde_json::from_slice(bytes).ok()
    }
}

/// What a settlement did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settlement {
    /// Local counters adjusted.
    pub applied: usize,
    /// Local counters left alone (no change, window rolled over, slot reused).
    pub unchanged: usize,
    /// Local counters that could not be adjusted (store failure, contention).
    pub notes: Vec<Note>,
    /// The Webdis command settling the global counters, to dispatch.
    pub global: Option<WebdisCommand>,
}

/// What one counter asks of a request.
#[derive(Debug, Clone, Copy)]
struct Req {
    subject: Subject,
    amount: u64,
    limit: u64,
    price: Option<Price>,
}

struct Item {
    spec: Arc<CounterSpec>,
    req: Req,
    state: Option<LimitState>,
}

/// A request's admission in progress (see the module doc for the flow). It
/// owns what it needs (no borrow of the [`Limiter`]), so the host can keep it
/// in the request's context across the Webdis round trip.
pub struct Admission {
    max_cas_attempts: u32,
    on_store_error: FailMode,
    global: Option<Arc<GlobalSettings>>,
    now: u64,
    items: Vec<Item>,
    entries: Vec<ReservedEntry>,
    notes: Vec<Note>,
    denied: bool,
    local_done: bool,
    /// Items sent in the global reservation, with their current-window keys.
    global_sent: Vec<(usize, String)>,
    global_done: bool,
}

impl Limiter {
    pub(crate) fn new(
        counters: Vec<CounterSpec>,
        prices: PriceTable,
        default_output_tokens: u64,
        max_cas_attempts: u32,
        on_store_error: FailMode,
        global: Option<GlobalSettings>,
    ) -> Limiter {
        let mut key_headers: Vec<String> = Vec::new();
        for c in &counters {
            for part in &c.key {
                if let KeyPart::Header(h) = part {
                    let h = h.to_ascii_lowercase();
                    if !key_headers.contains(&h) {
                        key_headers.push(h);
                    }
                }
            }
        }
        Limiter {
            counters: counters.into_iter().map(Arc::new).collect(),
            prices,
            default_output_tokens,
            max_cas_attempts,
            on_store_error,
            global: global.map(Arc::new),
            key_headers,
            custom_cost_tenants: Vec::new(),
        }
    }

    pub fn counters(&self) -> &[Arc<CounterSpec>] {
        &self.counters
    }

    /// Whether some counter keys on the client's IP (the host then looks it
    /// up; it costs a host call).
    pub fn uses_client_ip(&self) -> bool {
        self.counters.iter().any(|c| c.key.contains(&KeyPart::ClientIp))
    }

    /// No rule or budget: nothing to do per request.
    pub fn is_empty(&self) -> bool {
        self.counters.is_empty()
    }

    /// Whether some counter needs what only a request's body tells: its
    /// tokens or price (a token rule, a budget) or its model (a `model`
    /// key part or `when.models`). Without one, every counter is a count
    /// of requests by what the headers say.
    pub fn reads_request_body(&self) -> bool {
        self.counters.iter().any(|c| {
            c.unit != Unit::Requests
                || c.kind == CounterKind::Budget
                || c.key.contains(&KeyPart::Model)
                || c.when.as_ref().is_some_and(|w| !w.models.is_empty())
        })
    }

    /// The request headers the keys read (lowercase): the host collects only these.
    pub fn key_headers(&self) -> &[String] {
        &self.key_headers
    }

    /// Whether some counter is global (the host needs the Webdis round trip).
    pub fn has_global(&self) -> bool {
        self.counters.iter().any(|c| c.scope == Scope::Global)
    }

    pub fn global(&self) -> Option<&GlobalSettings> {
        self.global.as_deref()
    }

    /// The price a request is reported at (the log's cost): its custom
    /// cost, else the table's.
    pub fn price_for(&self, facts: &RequestFacts<'_>) -> Option<Price> {
        facts.custom_price.or_else(|| self.table_price(facts))
    }

    /// The price budgets count a request at: the table's, unless the
    /// operator lets this tenant's custom cost count
    /// (`custom_cost_tenants`). A client's own price never switches a
    /// budget off.
    pub fn budget_price(&self, facts: &RequestFacts<'_>) -> Option<Price> {
        let trusted = facts.tenant.is_some_and(|t| {
            self.custom_cost_tenants.iter().any(|p| crate::key::pattern_matches(p, t))
        });
        match facts.custom_price {
            Some(p) if trusted => Some(p),
            _ => self.table_price(facts),
        }
    }

    /// The operator's price entry a model matches (`PriceTable::model_name`).
    pub fn model_name(&self, provider: &str, model: &str) -> Option<&str> {
        self.prices.model_name(provider, model)
    }

    fn table_price(&self, facts: &RequestFacts<'_>) -> Option<Price> {
        // The operator's prices first, then the shipped defaults.
        let table = facts.provider.zip(facts.model).and_then(|(p, m)| self.prices.lookup(p, m));
        table.or(facts.default_price)
    }

    /// Starts a request's admission: works out which counters apply, their
    /// subjects, limits and amounts. Touches no store.
    pub fn begin(&self, facts: &RequestFacts<'_>, expected: &Expected, now: u64) -> Admission {
        let mut a = Admission {
            max_cas_attempts: self.max_cas_attempts,
            on_store_error: self.on_store_error,
            global: self.global.clone(),
            now,
            items: Vec::new(),
            entries: Vec::new(),
            notes: Vec::new(),
            denied: false,
            local_done: false,
            global_sent: Vec::new(),
            global_done: false,
        };
        let output = expected.max_output_tokens.unwrap_or(self.default_output_tokens);
        let input = expected.input_tokens;
        for c in &self.counters {
            if c.when.as_ref().is_some_and(|w| !w.matches(facts)) {
                continue;
            }
            let Some(subject) = key::subject(&c.name, &c.key, facts, c.missing_is_skip) else {
                continue;
            };
            let limit = c.limit_for(facts.tenant);
            let (amount, price) = match c.unit {
                Unit::Requests => (expected.requests.unwrap_or(1), None),
                Unit::InputTokens => (input, None),
                Unit::OutputTokens => (output, None),
                Unit::TotalTokens => (input.saturating_add(output), None),
                Unit::NanoUsd => match self.budget_price(facts) {
                    Some(p) => (p.estimate_nanos(input, output), Some(p)),
                    None => (0, None),
                },
            };
            let req = Req { subject, amount, limit, price };
            let mut state = None;
            if c.unit == Unit::NanoUsd && price.is_none() {
                let what = format!(
                    "no price for {}/{}",
                    facts.provider.unwrap_or("-"),
                    facts.model.unwrap_or("-")
                );
                // A request expected to use no tokens (a model listing)
                // needs no price.
                let tokens = input.saturating_add(output);
                let deny =
                    c.on_unpriced == OnUnpriced::Deny && c.mode == Mode::Enforce && tokens > 0;
                a.notes.push(Note {
                    counter: c.name.clone(),
                    reason: if deny {
                        format!("{what}: denied (on_unpriced: deny)")
                    } else {
                        format!("{what}: not counted")
                    },
                });
                let outcome = if deny { Outcome::Denied } else { Outcome::Skipped };
                state = Some(a.state(c, &req, outcome, None, 0, None));
                a.denied |= deny;
            }
            a.items.push(Item { spec: Arc::clone(c), req, state });
        }
        a
    }

    /// `begin` + `reserve_local` + `finish`, for configs without global
    /// counters (global ones are treated as a failed round trip).
    pub fn admit(
        &self,
        store: &mut dyn SharedData,
        facts: &RequestFacts<'_>,
        expected: &Expected,
        now: u64,
    ) -> (Decision, Reservation) {
        let mut a = self.begin(facts, expected, now);
        a.reserve_local(store);
        if a.global_request().is_some() {
            a.global_failed(store, "admit() makes no global round trip");
        }
        a.finish()
    }

    /// Replaces the reservations by the real usage (see the module doc).
    pub fn settle(
        &self,
        store: &mut dyn SharedData,
        reservation: Reservation,
        usage: &Usage,
    ) -> Settlement {
        self.settle_attempts(store, reservation, usage, 1)
    }

    /// What a request is assumed to have used when its usage is unknown
    /// (an attempt abandoned after a timeout): the reservation's estimate.
    pub fn estimated_usage(&self, expected: &Expected) -> Usage {
        Usage {
            input_tokens: expected.input_tokens,
            output_tokens: expected.max_output_tokens.unwrap_or(self.default_output_tokens),
            cached_input_tokens: 0,
        }
    }

    /// [`Limiter::settle`] for a request that made `requests` provider calls
    /// (retries and fallbacks): request counters count each of them.
    pub fn settle_attempts(
        &self,
        store: &mut dyn SharedData,
        reservation: Reservation,
        usage: &Usage,
        requests: u64,
    ) -> Settlement {
        self.settle_at(store, reservation, |entry| actual_amount(entry, usage, requests))
    }

    /// Settles a request whose usage never (fully) arrived: the client
    /// closed the stream before its usage, the upstream was cut, or the
    /// endpoint reports none. `floor` is what is known to have been used
    /// (partial usage reports, the estimate of what was delivered); each
    /// counter keeps the larger of its reservation and that, so leaving
    /// before the usage never counts less than was reserved. `requests`:
    /// the provider calls made, as for [`Limiter::settle_attempts`].
    pub fn settle_unreported(
        &self,
        store: &mut dyn SharedData,
        reservation: Reservation,
        floor: &Usage,
        requests: u64,
    ) -> Settlement {
        self.settle_at(store, reservation, |entry| {
            entry.amount.max(actual_amount(entry, floor, requests))
        })
    }

    /// The one settlement loop: `actual_of` says what each reserved counter
    /// ends at.
    fn settle_at(
        &self,
        store: &mut dyn SharedData,
        reservation: Reservation,
        actual_of: impl Fn(&ReservedEntry) -> u64,
    ) -> Settlement {
        let mut out = Settlement::default();
        let mut global_adjust = Vec::new();
        for entry in reservation.entries {
            let actual = actual_of(&entry);
            let adjust = Adjust::between(entry.amount, actual);
            match entry.scope {
                Scope::Global => global_adjust.push((entry.key, adjust)),
                Scope::Local => match adjust_local(store, &entry, adjust, self.max_cas_attempts) {
                    Ok(true) => out.applied = out.applied.saturating_add(1),
                    Ok(false) => out.unchanged = out.unchanged.saturating_add(1),
                    Err(why) => out.notes.push(Note {
                        counter: entry.counter.clone(),
                        reason: format!("settlement lost ({why}); the reservation stays counted"),
                    }),
                },
            }
        }
        out.global = global::settle_command(&global_adjust);
        out
    }
}

/// What a usage amounts to on one reserved counter. Request counters are
/// not settled on usage: they count what was reserved for each of the
/// `requests` provider calls made.
fn actual_amount(entry: &ReservedEntry, usage: &Usage, requests: u64) -> u64 {
    match entry.unit {
        Unit::Requests => entry.amount.saturating_mul(requests),
        Unit::InputTokens => usage.input_tokens,
        Unit::OutputTokens => usage.output_tokens,
        Unit::TotalTokens => usage.total_tokens(),
        Unit::NanoUsd => entry.price.map_or(0, |p| p.cost_nanos(usage)),
    }
}

/// Applies an adjustment to a local slot with a bounded CAS loop:
/// `Ok(true)` written, `Ok(false)` nothing to do.
fn adjust_local(
    store: &mut dyn SharedData,
    entry: &ReservedEntry,
    adjust: Adjust,
    max_cas_attempts: u32,
) -> Result<bool, &'static str> {
    if adjust.is_zero() {
        return Ok(false);
    }
    for _ in 0..max_cas_attempts {
        let found = store.get(&entry.key);
        let plan = slot::plan_settle(
            found.as_ref(),
            entry.owner,
            entry.shape,
            &entry.window,
            entry.window_index,
            adjust,
        );
        match plan {
            SettlePlan::Nothing(_) => return Ok(false),
            SettlePlan::Write { cas, value } => {
                match slot::commit(store, &entry.key, &value, cas) {
                    Ok(()) => return Ok(true),
                    Err(SetError::CasMismatch) => continue,
                    Err(SetError::Host(_)) => return Err("shared data write failed"),
                }
            }
        }
    }
    Err("CAS contention")
}

/// Result of one local reservation attempt loop.
enum Local {
    Written(slot::WritePlan),
    Deny { used: u64, counts: Counts },
    Untracked,
    Failed(&'static str),
}

impl Admission {
    /// The spec and request of item `i` (cloned handles: the caller may then
    /// mutate `self`).
    fn item(&self, i: usize) -> Option<(Arc<CounterSpec>, Req)> {
        self.items.get(i).map(|it| (Arc::clone(&it.spec), it.req))
    }

    fn state(
        &self,
        c: &CounterSpec,
        item: &Req,
        outcome: Outcome,
        counts: Option<&Counts>,
        used: u64,
        retry_after_ms: Option<u64>,
    ) -> LimitState {
        let now = self.now;
        let window_reset = counts.map_or_else(
            || c.window.reset_ms(&Counts { index: c.window.index(now), ..Counts::default() }, now),
            |k| c.window.reset_ms(k, now),
        );
        let reset_ms = match (outcome, retry_after_ms) {
            (Outcome::Denied, Some(r)) => r,
            _ => window_reset,
        };
        LimitState {
            name: c.name.clone(),
            kind: c.kind,
            unit: c.unit,
            mode: c.mode,
            scope: c.scope,
            outcome,
            limit: item.limit,
            requested: item.amount,
            used,
            remaining: item.limit.saturating_sub(used),
            reset_ms,
            window_s: c.window.seconds(now),
            retry_after_ms: if outcome == Outcome::Denied { retry_after_ms } else { None },
        }
    }

    fn input(&self, c: &CounterSpec, item: &Req) -> ReserveInput {
        ReserveInput {
            window: c.window,
            shape: c.shape,
            subject: item.subject.hash64,
            amount: item.amount,
            limit: item.limit,
            enforce: c.mode == Mode::Enforce,
            on_full: c.on_table_full,
            now: self.now,
        }
    }

    /// The CAS loop of one local reservation.
    fn reserve_one(&self, store: &mut dyn SharedData, c: &CounterSpec, item: &Req) -> Local {
        let input = self.input(c, item);
        for _ in 0..self.max_cas_attempts {
            let reads = slot::read_slots(store, &c.table, input.subject, input.shape);
            match slot::plan_reserve(&reads, &input) {
                ReservePlan::Write(w) => match slot::commit(store, &w.key, &w.value, w.cas) {
                    Ok(()) => return Local::Written(w),
                    Err(SetError::CasMismatch) => continue,
                    Err(SetError::Host(_)) => return Local::Failed("shared data write failed"),
                },
                ReservePlan::Deny { used, counts } => return Local::Deny { used, counts },
                ReservePlan::Untracked => return Local::Untracked,
            }
        }
        Local::Failed("CAS contention")
    }

    /// Reserves on every local counter, in config order; stops at the first
    /// denial, rolls back what was reserved and reads the rest.
    pub fn reserve_local(&mut self, store: &mut dyn SharedData) {
        if self.local_done {
            return;
        }
        self.local_done = true;
        for i in 0..self.items.len() {
            let Some((c, req)) = self.item(i) else { break };
            let pending = self.items.get(i).is_some_and(|it| it.state.is_none());
            if !pending || c.scope != Scope::Local {
                continue;
            }
            let state = if self.denied {
                self.peek(store, &c, &req)
            } else {
                self.reserve_item(store, &c, &req)
            };
            if let Some(item) = self.items.get_mut(i) {
                item.state = Some(state);
            }
            if self.denied && !self.entries.is_empty() {
                self.rollback_local(store);
            }
        }
    }

    fn reserve_item(
        &mut self,
        store: &mut dyn SharedData,
        c: &CounterSpec,
        item: &Req,
    ) -> LimitState {
        let now = self.now;
        match self.reserve_one(store, c, item) {
            Local::Written(w) => {
                let used = c.window.used(&w.counts_after, now);
                let outcome =
                    if w.over_limit { Outcome::LoggedOverLimit } else { Outcome::Reserved };
                if w.shared {
                    self.notes.push(Note {
                        counter: c.name.clone(),
                        reason: "slot table full: counted together with another subject".into(),
                    });
                }
                if w.over_limit {
                    self.notes.push(log_only_note(c));
                }
                self.entries.push(ReservedEntry {
                    counter: c.name.clone(),
                    kind: c.kind,
                    unit: c.unit,
                    scope: Scope::Local,
                    key: w.key.clone(),
                    owner: w.value.owner,
                    shape: c.shape,
                    window: c.window,
                    window_index: w.value.counts.index,
                    amount: item.amount,
                    price: item.price,
                });
                self.state(c, item, outcome, Some(&w.counts_after), used, None)
            }
            Local::Deny { used, counts } => {
                self.denied = true;
                let retry = c.window.retry_after(&counts, now, item.amount, item.limit);
                self.state(c, item, Outcome::Denied, Some(&counts), used, retry)
            }
            Local::Untracked => {
                self.notes.push(Note {
                    counter: c.name.clone(),
                    reason: "slot table full: not counted (on_table_full: admit)".into(),
                });
                self.state(c, item, Outcome::Skipped, None, 0, None)
            }
            Local::Failed(why) => self.fail(c, item, why, self.on_store_error),
        }
    }

    fn fail(&mut self, c: &CounterSpec, item: &Req, why: &str, mode: FailMode) -> LimitState {
        let (outcome, what) = match mode {
            FailMode::Open => (Outcome::Skipped, "not counted (on_error: open)"),
            FailMode::Closed => (Outcome::Failed, "denied (on_error: closed)"),
        };
        self.notes.push(Note { counter: c.name.clone(), reason: format!("{why}: {what}") });
        if mode == FailMode::Closed {
            self.denied = true;
        }
        self.state(c, item, outcome, None, 0, None)
    }

    /// Reads a counter without reserving (after another one denied).
    fn peek(&mut self, store: &mut dyn SharedData, c: &CounterSpec, item: &Req) -> LimitState {
        let input = self.input(c, item);
        let reads = slot::read_slots(store, &c.table, input.subject, input.shape);
        match slot::plan_reserve(&reads, &input) {
            ReservePlan::Write(w) => self.state(
                c,
                item,
                Outcome::NotReserved,
                Some(&w.counts_after),
                w.used_before,
                None,
            ),
            ReservePlan::Deny { used, counts } => {
                let retry = c.window.retry_after(&counts, self.now, item.amount, item.limit);
                self.state(c, item, Outcome::Denied, Some(&counts), used, retry)
            }
            ReservePlan::Untracked => self.state(c, item, Outcome::Skipped, None, 0, None),
        }
    }

    /// Rolls back the local reservations made so far (the request is denied).
    fn rollback_local(&mut self, store: &mut dyn SharedData) {
        let entries = std::mem::take(&mut self.entries);
        for entry in entries.iter().rev() {
            if entry.scope != Scope::Local {
                continue;
            }
            if let Err(why) =
                adjust_local(store, entry, Adjust::Down(entry.amount), self.max_cas_attempts)
            {
                self.notes.push(Note {
                    counter: entry.counter.clone(),
                    reason: format!("rollback failed ({why}); the reservation stays counted"),
                });
            }
        }
        for item in &mut self.items {
            if let Some(s) = &mut item.state {
                if matches!(s.outcome, Outcome::Reserved | Outcome::LoggedOverLimit) {
                    s.outcome = Outcome::NotReserved;
                    s.used = s.used.saturating_sub(item.req.amount);
                    s.remaining = s.limit.saturating_sub(s.used);
                }
            }
        }
    }

    /// The Webdis command reserving on the global counters, once local
    /// reservation admitted the request; `None` when there is nothing to ask
    /// (no global counter applies, or already denied).
    pub fn global_request(&mut self) -> Option<WebdisCommand> {
        if !self.local_done || self.denied || self.global_done || !self.global_sent.is_empty() {
            return None;
        }
        let settings = self.global.clone()?;
        let now = self.now;
        let mut counters = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            let c = &item.spec;
            if item.state.is_some() || c.scope != Scope::Global {
                continue;
            }
            let item = &item.req;
            let w = &c.window;
            let n = w.index(now);
            let kind = match c.kind {
                CounterKind::Rule => 'r',
                CounterKind::Budget => 'b',
            };
            let hex = item.subject.hex128();
            let key =
                |index: u64| format!("{}:{kind}:{}:{index}:{hex}", settings.key_prefix, c.name);
            let len = w.length(n).get();
            let elapsed = now.saturating_sub(w.start(n));
            let current_key = key(n);
            let previous_key =
                if w.sliding { key(n.saturating_sub(1)) } else { current_key.clone() };
            counters.push(GlobalCounter {
                current_key: current_key.clone(),
                previous_key,
                amount: item.amount,
                limit: item.limit,
                enforce: c.mode == Mode::Enforce,
                weight_ms: if w.sliding { len.saturating_sub(elapsed) } else { 0 },
                window_ms: len,
                ttl_ms: w
                    .reset_ms(&Counts { index: n, ..Counts::default() }, now)
                    .saturating_add(len)
                    .saturating_add(1000),
            });
            self.global_sent.push((i, current_key));
        }
        if counters.is_empty() {
            return None;
        }
        Some(global::reserve_command(&counters))
    }

    /// Applies Webdis's reply to the global reservation (status and body of
    /// the callout). A global denial rolls back the local reservations.
    pub fn apply_global_reply(&mut self, store: &mut dyn SharedData, status: u32, body: &[u8]) {
        if self.global_sent.is_empty() || self.global_done {
            return;
        }
        let reply = match global::parse_reserve_reply(status, body, self.global_sent.len()) {
            Ok(r) => r,
            Err(e) => return self.global_failed(store, &e.to_string()),
        };
        self.global_done = true;
        let now = self.now;
        let sent = std::mem::take(&mut self.global_sent);
        let mut any_denied = false;
        for ((i, key), (cur, prev)) in sent.iter().zip(reply.counts.iter()) {
            let Some((c, item)) = self.item(*i) else { continue };
            let item = &item;
            let c = &*c;
            let counts = Counts { index: c.window.index(now), current: *cur, previous: *prev };
            let state = if reply.admitted {
                let used = c.window.used(&counts, now);
                self.entries.push(ReservedEntry {
                    counter: c.name.clone(),
                    kind: c.kind,
                    unit: c.unit,
                    scope: Scope::Global,
                    key: key.clone(),
                    owner: 0,
                    shape: c.shape,
                    window: c.window,
                    window_index: counts.index,
                    amount: item.amount,
                    price: item.price,
                });
                let outcome =
                    if used > item.limit { Outcome::LoggedOverLimit } else { Outcome::Reserved };
                if outcome == Outcome::LoggedOverLimit {
                    self.notes.push(log_only_note(c));
                }
                self.state(c, item, outcome, Some(&counts), used, None)
            } else {
                let used = c.window.used(&counts, now);
                let fits = c.window.fits(&counts, now, item.amount, item.limit);
                if c.mode == Mode::Enforce && !fits {
                    any_denied = true;
                    let retry = c.window.retry_after(&counts, now, item.amount, item.limit);
                    self.state(c, item, Outcome::Denied, Some(&counts), used, retry)
                } else {
                    self.state(c, item, Outcome::NotReserved, Some(&counts), used, None)
                }
            };
            if let Some(item) = self.items.get_mut(*i) {
                item.state = Some(state);
            }
        }
        if !reply.admitted {
            if !any_denied {
                // Redis saw it over a limit that our copy of the counts does
                // not show (rounding): deny on the enforced global counters.
                for (i, _) in &sent {
                    if let Some(item) = self.items.get_mut(*i) {
                        let enforce = item.spec.mode == Mode::Enforce;
                        if let (true, Some(s)) = (enforce, &mut item.state) {
                            s.outcome = Outcome::Denied;
                        }
                    }
                }
            }
            self.denied = true;
            self.rollback_local(store);
        }
    }

    /// The global round trip failed (callout error, timeout, bad reply):
    /// `global.on_error` decides. With `closed`, the local reservations are
    /// rolled back.
    pub fn global_failed(&mut self, store: &mut dyn SharedData, why: &str) {
        if self.global_done {
            return;
        }
        self.global_done = true;
        let mode = self.global.as_ref().map_or(FailMode::Open, |g| g.on_error);
        let sent = std::mem::take(&mut self.global_sent);
        let indices: Vec<usize> = if sent.is_empty() {
            self.items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.state.is_none() && it.spec.scope == Scope::Global)
                .map(|(i, _)| i)
                .collect()
        } else {
            sent.into_iter().map(|(i, _)| i).collect()
        };
        for i in indices {
            let Some((c, req)) = self.item(i) else { continue };
            let state = self.fail(&c, &req, why, mode);
            if let Some(item) = self.items.get_mut(i) {
                item.state = Some(state);
            }
        }
        if self.denied {
            self.rollback_local(store);
        }
    }

    /// The decision and the handle to settle later.
    pub fn finish(self) -> (Decision, Reservation) {
        let mut notes = self.notes;
        let mut limits = Vec::with_capacity(self.items.len());
        for item in self.items {
            match item.state {
                Some(s) => limits.push(s),
                None => {
                    let c = &item.spec;
                    if c.scope == Scope::Global && !self.denied {
                        notes.push(Note {
                            counter: c.name.clone(),
                            reason: "global counter not checked (no round trip)".into(),
                        });
                    }
                    let now = self.now;
                    let counts = Counts { index: c.window.index(now), ..Counts::default() };
                    limits.push(LimitState {
                        name: c.name.clone(),
                        kind: c.kind,
                        unit: c.unit,
                        mode: c.mode,
                        scope: c.scope,
                        outcome: Outcome::NotEvaluated,
                        limit: item.req.limit,
                        requested: item.req.amount,
                        used: 0,
                        remaining: item.req.limit,
                        reset_ms: c.window.reset_ms(&counts, now),
                        window_s: c.window.seconds(now),
                        retry_after_ms: None,
                    });
                }
            }
        }
        let admitted = !self.denied;
        let deciding = if admitted { tightest(&limits) } else { longest_denial(&limits) };
        let deciding_state = deciding.and_then(|i| limits.get(i));
        let denial = match (admitted, deciding_state) {
            (true, _) => None,
            (false, Some(s)) if s.kind == CounterKind::Budget => Some(Denial::BudgetExceeded),
            (false, _) => Some(Denial::RateLimited),
        };
        let decision = Decision {
            admitted,
            denial,
            deciding_rule: deciding_state.map(|s| s.name.clone()),
            retry_after_ms: if admitted {
                None
            } else {
                deciding_state.and_then(|s| s.retry_after_ms)
            },
            deciding,
            limits,
            notes,
        };
        let reservation = Reservation { entries: if admitted { self.entries } else { Vec::new() } };
        (decision, reservation)
    }
}

fn log_only_note(c: &CounterSpec) -> Note {
    Note { counter: c.name.clone(), reason: "over the limit: would deny (mode: log_only)".into() }
}

/// Admitted: the enforced, reserved rule with the least remaining quota as a
/// fraction of its limit.
fn tightest(limits: &[LimitState]) -> Option<usize> {
    limits
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.kind == CounterKind::Rule && s.mode == Mode::Enforce && s.outcome == Outcome::Reserved
        })
        .min_by(|(_, a), (_, b)| {
            let fa = u128::from(a.remaining).saturating_mul(u128::from(b.limit));
            let fb = u128::from(b.remaining).saturating_mul(u128::from(a.limit));
            fa.cmp(&fb).then(a.reset_ms.cmp(&b.reset_ms))
        })
        .map(|(i, _)| i)
}

/// Denied: among the denying counters, the longest wait (never = longest);
/// failures (closed mode) only when no counter denied on its count.
fn longest_denial(limits: &[LimitState]) -> Option<usize> {
    let wait = |s: &LimitState| s.retry_after_ms.unwrap_or(u64::MAX);
    limits
        .iter()
        .enumerate()
        .filter(|(_, s)| s.outcome == Outcome::Denied)
        .max_by_key(|(_, s)| wait(s))
        .or_else(|| limits.iter().enumerate().find(|(_, s)| s.outcome == Outcome::Failed))
        .map(|(i, _)| i)
}
