//! The limiter end to end over `MemStore`: reservation, settlement, rollback,
//! budgets, failure modes, global mode, headers.
// Test helpers outside #[test] fns (clippy.toml covers only those) may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use aigw_limits::calendar::{days_from_civil, DAY_MS};
use aigw_limits::{
    Advertise, CounterKind, Decision, Denial, Expected, Limiter, Outcome, Price, RequestFacts,
    Reservation, Usage,
};
use aigw_limits::{MemStore, SetError, SharedData};

const MIN: u64 = 60_000;
/// 2024-05-01T00:00:00Z
const T0: u64 = 1_714_521_600_000;

fn limiter(json: &str) -> Limiter {
    Limiter::from_json(json.as_bytes()).unwrap()
}

fn facts(tenant: &'static str) -> RequestFacts<'static> {
    RequestFacts {
        tenant: Some(tenant),
        provider: Some("openai"),
        model: Some("gpt-4o-mini"),
        client_ip: Some("10.1.2.3"),
        ..RequestFacts::default()
    }
}

fn tokens(input: u64, max_out: u64) -> Expected {
    Expected { input_tokens: input, max_output_tokens: Some(max_out), requests: None }
}

fn state<'d>(d: &'d Decision, name: &str) -> &'d aigw_limits::LimitState {
    d.limits.iter().find(|s| s.name == name).unwrap()
}

fn used_now(l: &Limiter, s: &mut MemStore, f: &RequestFacts<'_>, name: &str, now: u64) -> u64 {
    // a zero-amount peek: admit with nothing expected on a token rule
    let (d, r) = l.admit(s, f, &tokens(0, 0), now);
    let used = state(&d, name).used;
    l.settle(s, r, &Usage::default());
    used
}

#[test]
fn request_limit_fixed_window() {
    let l = limiter(
        r#"{"rules":[{"name":"rpm","key":["tenant"],"limit":3,"window":"1m","window_type":"fixed"}]}"#,
    );
    let mut s = MemStore::new();
    let now = T0 + 15_000;
    for i in 0..3u64 {
        let (d, r) = l.admit(&mut s, &facts("a"), &Expected::default(), now + i);
        assert!(d.admitted);
        assert_eq!(state(&d, "rpm").remaining, 2 - i);
        assert_eq!(r.entries.len(), 1);
        let h = d.ratelimit_headers(Advertise::Deciding).unwrap();
        assert_eq!(h.policy, r#""rpm";q=3;w=60"#);
        assert_eq!(h.ratelimit, format!(r#""rpm";r={};t=45"#, 2 - i));
    }
    let (d, r) = l.admit(&mut s, &facts("a"), &Expected::default(), now + 10);
    assert!(!d.admitted);
    assert!(r.is_empty());
    assert_eq!(d.denial, Some(Denial::RateLimited));
    assert_eq!(d.error_code(), Some("aigw_rate_limited"));
    assert_eq!(d.deciding_rule.as_deref(), Some("rpm"));
    assert_eq!(d.retry_after_ms, Some(MIN - 15_010));
    assert_eq!(d.retry_after_header().as_deref(), Some("45"));
    assert_eq!(d.ratelimit_headers(Advertise::Deciding).unwrap().ratelimit, r#""rpm";r=0;t=45"#);
    // another tenant has its own counter
    assert!(l.admit(&mut s, &facts("b"), &Expected::default(), now).0.admitted);
    // exactly at the window boundary: a new window
    assert!(l.admit(&mut s, &facts("a"), &Expected::default(), T0 + MIN).0.admitted);
    // request counts are not settled: a request counts once
    let (_, r) = l.admit(&mut s, &facts("c"), &Expected::default(), now);
    let st = l.settle(&mut s, r, &Usage { input_tokens: 500, ..Usage::default() });
    assert_eq!((st.applied, st.unchanged), (0, 1));
}

#[test]
fn sliding_window_retry_and_tenant_overrides() {
    let l = limiter(
        r#"{"rules":[{"name":"rpm","key":["tenant"],"limit":10,"window":"1m",
            "overrides":{"big":20}}]}"#,
    );
    let mut s = MemStore::new();
    for _ in 0..10 {
        assert!(l.admit(&mut s, &facts("a"), &Expected::default(), T0 + 1000).0.admitted);
    }
    assert!(!l.admit(&mut s, &facts("a"), &Expected::default(), T0 + 2000).0.admitted);
    // next window, a quarter in: 10 * 0.75 = 7.5 -> 8 in use, 2 more fit
    let t = T0 + MIN + MIN / 4;
    assert!(l.admit(&mut s, &facts("a"), &Expected::default(), t).0.admitted);
    assert!(l.admit(&mut s, &facts("a"), &Expected::default(), t).0.admitted);
    let (d, _) = l.admit(&mut s, &facts("a"), &Expected::default(), t);
    assert!(!d.admitted);
    // 2 current + ceil(10 * (60000 - e) / 60000) <= 9  <=>  e >= 18000
    assert_eq!(d.retry_after_ms, Some(18_000 - MIN / 4));
    assert_eq!(state(&d, "rpm").reset_ms, 18_000 - MIN / 4, "t is the retry time when denied");
    // the override
    for i in 0..20 {
        assert!(l.admit(&mut s, &facts("big"), &Expected::default(), T0).0.admitted, "{i}");
    }
    let (d, _) = l.admit(&mut s, &facts("big"), &Expected::default(), T0);
    assert!(!d.admitted);
    assert_eq!(state(&d, "rpm").limit, 20);
}

#[test]
fn token_limit_reserves_then_settles_on_real_usage() {
    let l = limiter(
        r#"{"rules":[{"name":"tpm","key":["tenant"],"unit":"total_tokens","limit":1000,
            "window":"1m","window_type":"fixed"}],
            "estimate":{"default_output_tokens":500}}"#,
    );
    let mut s = MemStore::new();
    let now = T0 + 1000;
    // reserve 100 input + 300 max output
    let (d, r1) = l.admit(&mut s, &facts("a"), &tokens(100, 300), now);
    assert!(d.admitted);
    assert_eq!(state(&d, "tpm").used, 400);
    // a concurrent request sees the reservation
    let (d, r2) = l.admit(&mut s, &facts("a"), &tokens(200, 400), now);
    assert!(d.admitted);
    assert_eq!(state(&d, "tpm").remaining, 0);
    let (d, _) = l.admit(&mut s, &facts("a"), &tokens(1, 0), now);
    assert!(!d.admitted, "reservations count at once");
    // the first used less than reserved: 100 + 50
    let st = l.settle(
        &mut s,
        r1,
        &Usage { input_tokens: 100, output_tokens: 50, cached_input_tokens: 0 },
    );
    assert_eq!(st.applied, 1);
    assert_eq!(used_now(&l, &mut s, &facts("a"), "tpm", now), 750);
    // the second failed before reaching the provider: settles to 0
    l.settle(&mut s, r2, &Usage::default());
    assert_eq!(used_now(&l, &mut s, &facts("a"), "tpm", now), 150);
    // more than reserved (no max_tokens: the default 500 reserved; 1500 used): counted
    let (d, r3) = l.admit(
        &mut s,
        &facts("b"),
        &Expected { input_tokens: 10, max_output_tokens: None, requests: None },
        now,
    );
    assert!(d.admitted);
    assert_eq!(state(&d, "tpm").requested, 10 + 500);
    l.settle(&mut s, r3, &Usage { input_tokens: 10, output_tokens: 1500, cached_input_tokens: 0 });
    assert_eq!(used_now(&l, &mut s, &facts("b"), "tpm", now), 1510);
    let (d, _) = l.admit(&mut s, &facts("b"), &tokens(1, 1), now);
    assert!(!d.admitted);
    assert_eq!(d.retry_after_ms, Some(MIN - 1000));
}

#[test]
fn request_larger_than_the_limit_can_never_fit() {
    let l =
        limiter(r#"{"rules":[{"name":"tpm","unit":"input_tokens","limit":100,"window":"1m"}]}"#);
    let mut s = MemStore::new();
    let (d, _) = l.admit(&mut s, &facts("a"), &tokens(101, 0), T0);
    assert!(!d.admitted);
    assert_eq!(d.retry_after_ms, None);
    assert_eq!(d.retry_after_header(), None);
}

#[test]
fn settlement_after_the_window_rolled_over() {
    let fixed = limiter(
        r#"{"rules":[{"name":"t","unit":"output_tokens","limit":1000,"window":"1m","window_type":"fixed"}]}"#,
    );
    let mut s = MemStore::new();
    let (_, r) = fixed.admit(&mut s, &facts("a"), &tokens(0, 800), T0 + MIN - 5);
    // the response ends in the next window: the old window's reservation no
    // longer counts, and the new window is not touched
    let (d, r2) = fixed.admit(&mut s, &facts("a"), &tokens(0, 100), T0 + MIN + 5);
    assert_eq!(state(&d, "t").used, 100);
    let st = fixed.settle(&mut s, r, &Usage { output_tokens: 10, ..Usage::default() });
    assert_eq!((st.applied, st.unchanged), (0, 1));
    assert_eq!(used_now(&fixed, &mut s, &facts("a"), "t", T0 + MIN + 6), 100);
    fixed.settle(&mut s, r2, &Usage { output_tokens: 100, ..Usage::default() });

    // sliding: the old window's count still weighs in; settlement corrects it
    let sliding =
        limiter(r#"{"rules":[{"name":"t","unit":"output_tokens","limit":1000,"window":"1m"}]}"#);
    let mut s = MemStore::new();
    let (_, r) = sliding.admit(&mut s, &facts("a"), &tokens(0, 800), T0 + MIN - 5);
    // at the start of the next window, previous = 800 weighs fully
    assert_eq!(used_now(&sliding, &mut s, &facts("a"), "t", T0 + MIN), 800);
    let st = sliding.settle(&mut s, r, &Usage { output_tokens: 200, ..Usage::default() });
    assert_eq!(st.applied, 1);
    assert_eq!(used_now(&sliding, &mut s, &facts("a"), "t", T0 + MIN), 200);
    assert_eq!(used_now(&sliding, &mut s, &facts("a"), "t", T0 + MIN + MIN / 2), 100);
    // settled two windows later: nothing to do
    let (_, r) = sliding.admit(&mut s, &facts("a"), &tokens(0, 800), T0 + 2 * MIN);
    let (_, r2) = sliding.admit(&mut s, &facts("a"), &tokens(0, 1), T0 + 4 * MIN);
    let st = sliding.settle(&mut s, r, &Usage::default());
    assert_eq!((st.applied, st.unchanged), (0, 1));
    sliding.settle(&mut s, r2, &Usage::default());
}

#[test]
fn a_denied_request_leaves_no_reservation_behind() {
    let l = limiter(
        r#"{"rules":[
            {"name":"rpm","key":["tenant"],"limit":100,"window":"1m"},
            {"name":"tpm","key":["tenant"],"unit":"total_tokens","limit":1000,"window":"1m"},
            {"name":"rpd","key":["tenant"],"limit":1000,"window":"1d","window_type":"fixed"}
        ]}"#,
    );
    let mut s = MemStore::new();
    let (d, r) = l.admit(&mut s, &facts("a"), &tokens(500, 400), T0);
    assert!(d.admitted);
    // too many tokens: denied by tpm after rpm reserved; rpm is rolled back
    // and rpd is only read
    let (d, r2) = l.admit(&mut s, &facts("a"), &tokens(100, 200), T0 + 1);
    assert!(!d.admitted);
    assert!(r2.is_empty());
    assert_eq!(d.deciding_rule.as_deref(), Some("tpm"));
    assert_eq!(state(&d, "rpm").outcome, Outcome::NotReserved);
    assert_eq!(state(&d, "rpm").used, 1);
    assert_eq!(state(&d, "tpm").outcome, Outcome::Denied);
    assert_eq!(state(&d, "rpd").outcome, Outcome::NotReserved);
    assert_eq!(state(&d, "rpd").used, 1);
    // the counters hold only the admitted request
    let (d, _) = l.admit(&mut s, &facts("a"), &tokens(0, 0), T0 + 2);
    assert_eq!(state(&d, "rpm").used, 2);
    assert_eq!(state(&d, "rpd").used, 2);
    assert_eq!(state(&d, "tpm").used, 900);
    l.settle(&mut s, r, &Usage::default());
}

#[test]
fn the_longest_wait_decides_a_denial_and_the_tightest_rule_an_admission() {
    let l = limiter(
        r#"{"rules":[
            {"name":"per-second","limit":1,"window":"1s","window_type":"fixed"},
            {"name":"per-minute","limit":2,"window":"1m","window_type":"fixed"},
            {"name":"per-hour","limit":100,"window":"1h","window_type":"fixed"}
        ]}"#,
    );
    let mut s = MemStore::new();
    let (d, _) = l.admit(&mut s, &facts("a"), &Expected::default(), T0);
    // remaining fractions: 0/1, 1/2, 99/100
    assert_eq!(d.deciding_rule.as_deref(), Some("per-second"));
    let (d, _) = l.admit(&mut s, &facts("a"), &Expected::default(), T0 + 1000);
    assert!(d.admitted);
    // both per-second (until T0+2000) and per-minute (until T0+60000) deny
    let (d, _) = l.admit(&mut s, &facts("a"), &Expected::default(), T0 + 1500);
    assert!(!d.admitted);
    assert_eq!(d.deciding_rule.as_deref(), Some("per-minute"));
    assert_eq!(d.retry_after_ms, Some(MIN - 1500));
    assert_eq!(state(&d, "per-second").outcome, Outcome::Denied);
    assert_eq!(state(&d, "per-second").retry_after_ms, Some(500));
    let all = d.ratelimit_headers(Advertise::AllRules).unwrap();
    assert_eq!(
        all.ratelimit,
        r#""per-second";r=0;t=1, "per-minute";r=0;t=59, "per-hour";r=98;t=3599"#
    );
}

#[test]
fn log_only_counts_and_admits() {
    let l = limiter(r#"{"rules":[{"name":"shadow","limit":1,"window":"1m","mode":"log_only"}]}"#);
    let mut s = MemStore::new();
    assert_eq!(
        state(&l.admit(&mut s, &facts("a"), &Expected::default(), T0).0, "shadow").outcome,
        Outcome::Reserved
    );
    let (d, r) = l.admit(&mut s, &facts("a"), &Expected::default(), T0);
    assert!(d.admitted);
    assert_eq!(state(&d, "shadow").outcome, Outcome::LoggedOverLimit);
    assert_eq!(d.notes[0].reason, "over the limit: would deny (mode: log_only)");
    assert_eq!(state(&d, "shadow").used, 2);
    assert_eq!(r.entries.len(), 1);
    assert_eq!(d.ratelimit_headers(Advertise::AllRules), None, "log-only rules are not advertised");
}

#[test]
fn when_filters_and_missing_keys() {
    let l = limiter(
        r#"{"rules":[
            {"name":"openai-only","limit":1,"window":"1m","when":{"providers":["openai"],"models":["gpt-4o*"]}},
            {"name":"per-user","key":[{"header":"x-user"}],"limit":1,"window":"1m","on_missing_key":"skip"},
            {"name":"per-user-grouped","key":[{"metadata":"user"}],"limit":5,"window":"1m"}
        ]}"#,
    );
    assert_eq!(l.key_headers(), ["x-user"]);
    let mut s = MemStore::new();
    let anthropic = RequestFacts { provider: Some("anthropic"), ..facts("a") };
    let (d, _) = l.admit(&mut s, &anthropic, &Expected::default(), T0);
    let names: Vec<&str> = d.limits.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["per-user-grouped"]);
    let headers: &[(&str, &[u8])] = &[("X-User", b"alice")];
    let alice = RequestFacts { headers, ..facts("a") };
    let (d, _) = l.admit(&mut s, &alice, &Expected::default(), T0);
    let names: Vec<&str> = d.limits.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["openai-only", "per-user", "per-user-grouped"]);
    assert_eq!(state(&d, "per-user-grouped").used, 2, "no metadata: one shared group");
}

#[test]
fn budgets_reserve_estimated_cost_and_settle_real_cost() {
    let l = limiter(
        r#"{"budgets":[{"name":"daily","key":["tenant"],"period":"day","limit_usd":0.001}],
            "prices":{"openai":{"gpt-4o-mini":{"input":0.15,"output":0.6,"cached_input":0.075}}}}"#,
    );
    let mut s = MemStore::new();
    let now = T0 + 3_600_000;
    // estimate: 1000 in * 150 nUSD + 1000 out * 600 nUSD = 750 000 nUSD
    let (d, r) = l.admit(&mut s, &facts("a"), &tokens(1000, 1000), now);
    assert!(d.admitted);
    let b = state(&d, "daily");
    assert_eq!(
        (b.kind, b.requested, b.limit, b.remaining),
        (CounterKind::Budget, 750_000, 1_000_000, 250_000)
    );
    assert_eq!(r.entries[0].price.unwrap().input_pico, 150_000);
    // a second one does not fit while the first is reserved
    let (d, _) = l.admit(&mut s, &facts("a"), &tokens(1000, 1000), now);
    assert!(!d.admitted);
    assert_eq!(d.denial, Some(Denial::BudgetExceeded));
    assert_eq!(d.error_code(), Some("aigw_budget_exceeded"));
    assert_eq!(d.retry_after_ms, Some(DAY_MS - 3_600_000), "until the next UTC day");
    assert_eq!(d.ratelimit_headers(Advertise::Deciding), None);
    // real: 1000 in (400 cached) + 200 out = 600*150 + 400*75 + 200*600 = 240 000
    let usage = Usage { input_tokens: 1000, output_tokens: 200, cached_input_tokens: 400 };
    l.settle(&mut s, r, &usage);
    let (d, r) = l.admit(&mut s, &facts("a"), &tokens(1000, 1000), now);
    assert!(d.admitted);
    assert_eq!(state(&d, "daily").used, 240_000 + 750_000);
    l.settle(&mut s, r, &Usage::default());
}

#[test]
fn monthly_budget_resets_at_the_utc_month_boundary() {
    let l = limiter(
        r#"{"budgets":[{"name":"monthly","period":"month","limit_usd":1}],
            "prices":{"openai":{"*":{"input":1000,"output":0}}}}"#,
    );
    let mut s = MemStore::new();
    let feb29 = days_from_civil(2024, 2, 29).unwrap() * DAY_MS;
    let mar1 = days_from_civil(2024, 3, 1).unwrap() * DAY_MS;
    // 1000 tokens at $1000/M = $1: the whole budget
    let (d, r) = l.admit(&mut s, &facts("a"), &tokens(1000, 0), feb29 + 1000);
    assert!(d.admitted);
    assert_eq!(state(&d, "monthly").reset_ms, mar1 - feb29 - 1000);
    l.settle(&mut s, r, &Usage { input_tokens: 1000, ..Usage::default() });
    let (d, _) = l.admit(&mut s, &facts("a"), &tokens(1, 0), mar1 - 1);
    assert!(!d.admitted);
    assert_eq!(d.retry_after_ms, Some(1));
    assert_eq!(d.limits[0].window_s, 29 * 86_400);
    let (d, _) = l.admit(&mut s, &facts("a"), &tokens(1, 0), mar1);
    assert!(d.admitted);
    assert_eq!(d.limits[0].window_s, 31 * 86_400);
}

#[test]
fn custom_cost_and_unpriced_requests() {
    let allow = limiter(r#"{"budgets":[{"name":"b","period":"day","limit_usd":1}]}"#);
    let deny = limiter(
        r#"{"budgets":[{"name":"b","period":"day","limit_usd":1,"on_unpriced":"deny"}],
            "custom_cost_tenants":["a"]}"#,
    );
    let mut s = MemStore::new();
    let (d, r) = allow.admit(&mut s, &facts("a"), &tokens(10, 10), T0);
    assert!(d.admitted);
    assert!(r.is_empty());
    assert_eq!(d.limits[0].outcome, Outcome::Skipped);
    assert!(d.notes[0].reason.contains("no price for openai/gpt-4o-mini"), "{:?}", d.notes);
    let (d, _) = deny.admit(&mut s, &facts("a"), &tokens(10, 10), T0);
    assert!(!d.admitted);
    assert_eq!(d.denial, Some(Denial::BudgetExceeded));
    // Nothing to price (no tokens expected, e.g. a model listing): admitted.
    let bare = RequestFacts { model: None, ..facts("a") };
    assert!(deny.admit(&mut s, &bare, &tokens(0, 0), T0).0.admitted);
    // a custom cost prices the request: $0.01/token in, $0.02 out
    let price =
        aigw_limits::parse_custom_cost(br#"{"per_token_in":0.01,"per_token_out":0.02}"#).unwrap();
    let f = RequestFacts { custom_price: Some(price), ..facts("a") };
    let (d, r) = deny.admit(&mut s, &f, &tokens(10, 20), T0);
    assert!(d.admitted);
    assert_eq!(d.limits[0].requested, 500_000_000); // $0.50
    l_settle(
        &deny,
        &mut s,
        r,
        Usage { input_tokens: 10, output_tokens: 5, cached_input_tokens: 0 },
    );
    let (d, _) = deny.admit(&mut s, &f, &tokens(0, 0), T0);
    assert_eq!(d.limits[0].used, 200_000_000); // $0.20
    assert_eq!(deny.price_for(&f), Some(price));
    assert_eq!(deny.price_for(&facts("a")), None);
}

#[test]
fn custom_cost_prices_budgets_only_for_trusted_tenants() {
    let l = limiter(
        r#"{"budgets":[{"name":"b","key":["tenant"],"period":"day","limit_usd":0.1}],
            "prices":{"openai":{"*":{"input":1000,"output":1000}}},
            "custom_cost_tenants":["trusted-*"]}"#,
    );
    let zero = aigw_limits::parse_custom_cost(br#"{"per_token_in":0,"per_token_out":0}"#).unwrap();
    let mut s = MemStore::new();
    for tenant in ["a", "trusted-1"] {
        // Exhaust the budget at the table's price ($0.001/token: 100 tokens).
        let (d, r) = l.admit(&mut s, &facts(tenant), &tokens(50, 50), T0);
        assert!(d.admitted, "{tenant}");
        l_settle(&l, &mut s, r, Usage { input_tokens: 50, output_tokens: 50, ..Usage::default() });
        assert!(!l.admit(&mut s, &facts(tenant), &tokens(1, 1), T0).0.admitted, "{tenant}");
    }
    // A zero custom cost does not switch an exhausted budget off...
    let f = RequestFacts { custom_price: Some(zero), ..facts("a") };
    let (d, _) = l.admit(&mut s, &f, &tokens(1, 1), T0);
    assert!(!d.admitted);
    assert_eq!(d.denial, Some(Denial::BudgetExceeded));
    assert_eq!(l.budget_price(&f), l.budget_price(&facts("a")));
    // ...but it is the reported price.
    assert_eq!(l.price_for(&f), Some(zero));
    // The operator lets trusted tenants price their own requests.
    let f = RequestFacts { custom_price: Some(zero), ..facts("trusted-1") };
    assert!(l.admit(&mut s, &f, &tokens(1, 1), T0).0.admitted);
    assert_eq!(l.budget_price(&f), Some(zero));
    // The field is checked.
    let e = Limiter::from_json(br#"{"custom_cost_tenants":["a*b"]}"#).unwrap_err();
    assert_eq!(e.field, "custom_cost_tenants[0]");
}

#[test]
fn unreported_usage_keeps_at_least_the_reservation() {
    let l = limiter(
        r#"{"rules":[{"name":"tok","key":["tenant"],"unit":"total_tokens","limit":1000,"window":"1m"},
                    {"name":"out","key":["tenant"],"unit":"output_tokens","limit":1000,"window":"1m"}],
            "budgets":[{"name":"b","key":["tenant"],"period":"day","limit_usd":100}],
            "prices":{"openai":{"*":{"input":1000,"output":1000}}}}"#,
    );
    let mut s = MemStore::new();
    // Reserved 10 in + 20 out; nothing reported: the reservation stays.
    let (_, r) = l.admit(&mut s, &facts("a"), &tokens(10, 20), T0);
    let st = l.settle_unreported(&mut s, r, &Usage::default(), 1);
    assert!(st.notes.is_empty());
    assert_eq!(used_now(&l, &mut s, &facts("a"), "tok", T0), 30);
    assert_eq!(used_now(&l, &mut s, &facts("a"), "out", T0), 20);
    assert_eq!(used_now(&l, &mut s, &facts("a"), "b", T0), 30_000_000); // 30 tokens at $1e-3
                                                                        // More delivered than reserved: what was delivered counts.
    let (_, r) = l.admit(&mut s, &facts("b"), &tokens(10, 20), T0);
    l.settle_unreported(
        &mut s,
        r,
        &Usage { input_tokens: 4, output_tokens: 300, ..Usage::default() },
        1,
    );
    assert_eq!(used_now(&l, &mut s, &facts("b"), "tok", T0), 304);
    assert_eq!(used_now(&l, &mut s, &facts("b"), "out", T0), 300);
    // Reported usage still settles below the reservation.
    let (_, r) = l.admit(&mut s, &facts("c"), &tokens(10, 20), T0);
    l_settle(&l, &mut s, r, Usage { input_tokens: 2, output_tokens: 1, ..Usage::default() });
    assert_eq!(used_now(&l, &mut s, &facts("c"), "tok", T0), 3);
}

#[test]
fn weighted_requests_count_their_weight() {
    let l = limiter(r#"{"rules":[{"name":"rpm","key":["tenant"],"limit":10,"window":"1m"}]}"#);
    let mut s = MemStore::new();
    let batch = Expected { requests: Some(8), ..Expected::default() };
    let (d, r) = l.admit(&mut s, &facts("a"), &batch, T0);
    assert!(d.admitted);
    assert_eq!(state(&d, "rpm").remaining, 2);
    l.settle_unreported(&mut s, r, &Usage::default(), 1);
    assert!(!l.admit(&mut s, &facts("a"), &batch, T0).0.admitted);
    assert!(l.admit(&mut s, &facts("a"), &Expected::default(), T0).0.admitted);
}

fn l_settle(l: &Limiter, s: &mut MemStore, r: Reservation, u: Usage) {
    let st = l.settle(s, r, &u);
    assert!(st.notes.is_empty(), "{:?}", st.notes);
}

#[test]
fn store_failures_fail_open_or_closed() {
    let open = limiter(r#"{"rules":[{"name":"r","limit":1,"window":"1m"}]}"#);
    let closed = limiter(
        r#"{"rules":[{"name":"r","limit":1,"window":"1m"}],"store":{"on_error":"closed"}}"#,
    );
    let mut s = MemStore::new();
    s.fail_writes = true;
    let (d, r) = open.admit(&mut s, &facts("a"), &Expected::default(), T0);
    assert!(d.admitted);
    assert!(r.is_empty());
    assert_eq!(d.limits[0].outcome, Outcome::Skipped);
    assert!(d.notes[0].reason.contains("shared data write failed"), "{:?}", d.notes);
    let (d, _) = closed.admit(&mut s, &facts("a"), &Expected::default(), T0);
    assert!(!d.admitted);
    assert_eq!(d.limits[0].outcome, Outcome::Failed);
    assert_eq!(d.denial, Some(Denial::RateLimited));
    assert_eq!(d.retry_after_ms, None);
}

/// A store where another worker writes every key between our read and our
/// write: every CAS fails.
struct Contended(MemStore);

impl SharedData for Contended {
    fn get(&self, key: &str) -> Option<(Vec<u8>, u32)> {
        self.0.get(key)
    }
    fn set(&mut self, key: &str, value: &[u8], cas: Option<u32>) -> Result<(), SetError> {
        let current = self.0.get(key).map(|(v, _)| v).unwrap_or_default();
        self.0.set(key, &current, None)?;
        self.0.set(key, value, cas)
    }
}

#[test]
fn cas_contention_is_bounded() {
    let l = limiter(
        r#"{"rules":[{"name":"r","limit":5,"window":"1m"}],"store":{"max_cas_attempts":3}}"#,
    );
    let mut s = Contended(MemStore::new());
    let (d, _) = l.admit(&mut s, &facts("a"), &Expected::default(), T0);
    assert!(d.admitted);
    assert_eq!(d.limits[0].outcome, Outcome::Skipped);
    assert!(d.notes[0].reason.starts_with("CAS contention"), "{:?}", d.notes);
    assert_eq!(s.0.writes, 3, "3 attempts, each beaten by another worker's write");
}

/// Another worker's steps, run against the shared store.
type OtherWorker<'a> = Box<dyn FnOnce(&mut MemStore) + 'a>;

/// A store that runs another worker's admission just before our first write.
struct Interleaved<'a> {
    inner: MemStore,
    other: Option<OtherWorker<'a>>,
}

impl SharedData for Interleaved<'_> {
    fn get(&self, key: &str) -> Option<(Vec<u8>, u32)> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &[u8], cas: Option<u32>) -> Result<(), SetError> {
        if let Some(other) = self.other.take() {
            other(&mut self.inner);
        }
        self.inner.set(key, value, cas)
    }
}

#[test]
fn two_workers_admitting_across_two_rules() {
    let l = limiter(
        r#"{"rules":[
            {"name":"rpm","limit":2,"window":"1m"},
            {"name":"tpm","unit":"total_tokens","limit":100,"window":"1m"}
        ]}"#,
    );
    // worker B admits a 60-token request between worker A's read and write of
    // rpm: A retries, then is denied by tpm (60 + 50 > 100) and rolls rpm back
    let mut s = Interleaved {
        inner: MemStore::new(),
        other: Some(Box::new(|inner: &mut MemStore| {
            let (d, _) = l.admit(inner, &facts("x"), &tokens(30, 30), T0);
            assert!(d.admitted);
        })),
    };
    let (d, _) = l.admit(&mut s, &facts("x"), &tokens(25, 25), T0);
    assert!(!d.admitted);
    assert_eq!(d.deciding_rule.as_deref(), Some("tpm"));
    let (d, _) = l.admit(&mut s.inner, &facts("x"), &tokens(0, 0), T0);
    assert_eq!(state(&d, "rpm").used, 2, "B's request and this one; A's rolled back");
    assert_eq!(state(&d, "tpm").used, 60);
}

#[test]
fn slot_table_full() {
    let share =
        limiter(r#"{"rules":[{"name":"r","key":["tenant"],"limit":3,"window":"1m","slots":1}]}"#);
    let admit = limiter(
        r#"{"rules":[{"name":"r","key":["tenant"],"limit":3,"window":"1m","slots":1,"on_table_full":"admit"}]}"#,
    );
    let mut s = MemStore::new();
    assert!(share.admit(&mut s, &facts("a"), &Expected::default(), T0).0.admitted);
    let (d, _) = share.admit(&mut s, &facts("b"), &Expected::default(), T0);
    assert!(d.admitted);
    assert!(d.notes[0].reason.contains("counted together with another subject"));
    assert_eq!(d.limits[0].used, 2);
    let (d, r) = admit.admit(&mut s, &facts("c"), &Expected::default(), T0);
    assert!(d.admitted);
    assert!(r.is_empty());
    assert_eq!(d.limits[0].outcome, Outcome::Skipped);
    assert_eq!(s.len(), 1, "one slot, one key");
}

#[test]
fn reservations_serialise() {
    let l = limiter(
        r#"{"rules":[{"name":"t","unit":"total_tokens","limit":1000,"window":"1m"}],
            "budgets":[{"name":"b","period":"month","limit_usd":10}],
            "prices":{"openai":{"*":{"input":1,"output":2}}}}"#,
    );
    let mut s = MemStore::new();
    let (_, r) = l.admit(&mut s, &facts("a"), &tokens(100, 100), T0);
    assert_eq!(r.entries.len(), 2);
    let bytes = r.to_bytes();
    let back = Reservation::from_bytes(&bytes).unwrap();
    assert_eq!(back, r);
    assert_eq!(Reservation::from_bytes(b"garbage"), None);
    let st = l.settle(
        &mut s,
        back,
        &Usage { input_tokens: 10, output_tokens: 10, cached_input_tokens: 0 },
    );
    assert_eq!(st.applied, 2);
    let (d, _) = l.admit(&mut s, &facts("a"), &tokens(0, 0), T0);
    assert_eq!(state(&d, "t").used, 20);
    assert_eq!(state(&d, "b").used, 10 * 1000 + 10 * 2000);
}

#[test]
fn clock_skew_between_workers_through_the_limiter() {
    let l = limiter(r#"{"rules":[{"name":"r","limit":2,"window":"1m","window_type":"fixed"}]}"#);
    let mut s = MemStore::new();
    // worker A's clock is 20 ms ahead, past the boundary
    assert!(l.admit(&mut s, &facts("a"), &Expected::default(), T0 + MIN + 10).0.admitted);
    // worker B is still in the previous window: its request counts in A's window
    let (d, r) = l.admit(&mut s, &facts("a"), &Expected::default(), T0 + MIN - 10);
    assert!(d.admitted);
    assert_eq!(d.limits[0].used, 2);
    assert_eq!(d.limits[0].reset_ms, MIN + 10);
    let (d, _) = l.admit(&mut s, &facts("a"), &Expected::default(), T0 + MIN - 9);
    assert!(!d.admitted);
    assert_eq!(d.retry_after_ms, Some(MIN + 9));
    // a rollback from B's clock still finds the window it reserved in
    assert_eq!(r.entries[0].window_index, (T0 + MIN) / MIN);
    // a wild clock far ahead does not lock the subject out
    assert!(l.admit(&mut s, &facts("z"), &Expected::default(), T0 + 1_000 * MIN).0.admitted);
    let (d, _) = l.admit(&mut s, &facts("z"), &Expected::default(), T0 + MIN);
    assert!(d.admitted);
    assert_eq!(d.limits[0].used, 1);
}

// ---------------------------------------------------------------- global

const GLOBAL: &str = r#"{
    "rules":[
        {"name":"local-rpm","limit":10,"window":"1m"},
        {"name":"global-tpm","key":["tenant"],"unit":"total_tokens","limit":1000,"window":"1m","scope":"global"}
    ],
    "budgets":[{"name":"global-spend","key":["tenant"],"period":"month","limit_usd":5,"scope":"global"}],
    "prices":{"openai":{"*":{"input":1,"output":1}}},
    "global":{"cluster":"webdis","timeout_ms":50}
}"#;

fn global_args(cmd: &aigw_limits::WebdisCommand) -> Vec<String> {
    cmd.args.iter().skip(2).map(|a| String::from_utf8(a.clone()).unwrap()).collect()
}

#[test]
fn global_reservation_round_trip() {
    let l = limiter(GLOBAL);
    assert!(l.has_global());
    assert_eq!(l.global().unwrap().authority, "webdis");
    let mut s = MemStore::new();
    let now = T0 + 15_000;
    let mut a = l.begin(&facts("a"), &tokens(100, 100), now);
    a.reserve_local(&mut s);
    let cmd = a.global_request().unwrap();
    assert_eq!(cmd.verb(), "EVAL");
    let args = global_args(&cmd);
    let idx = now / MIN;
    let month = aigw_limits::window::Window::month().index(now);
    assert_eq!(args[0], "4");
    assert!(args[1].starts_with(&format!("aigw:lim:v1:r:global-tpm:{idx}:")), "{}", args[1]);
    assert!(args[2].starts_with(&format!("aigw:lim:v1:r:global-tpm:{}:", idx - 1)), "{}", args[2]);
    assert!(args[3].starts_with(&format!("aigw:lim:v1:b:global-spend:{month}:")), "{}", args[3]);
    assert_eq!(args[3], args[4], "fixed windows read no previous key");
    // n, then amount, limit, enforce, weight, window, ttl per counter
    assert_eq!(args[5], "2");
    assert_eq!(&args[6..12], ["200", "1000", "1", "45000", "60000", "106000"]);
    assert_eq!(&args[12..15], ["200000", "5000000000", "1"]);
    assert_eq!(args[15], "0");
    assert!(a.global_request().is_none(), "asked once");
    a.apply_global_reply(&mut s, 200, br#"{"EVAL":[1,700,400,300000,0]}"#);
    let (d, r) = a.finish();
    assert!(d.admitted);
    // sliding estimate: 700 + ceil(400 * 45000/60000) = 1000
    assert_eq!(state(&d, "global-tpm").used, 1000);
    assert_eq!(state(&d, "global-tpm").remaining, 0);
    assert_eq!(state(&d, "global-spend").used, 300_000);
    assert_eq!(state(&d, "local-rpm").used, 1);
    assert_eq!(r.entries.len(), 3);
    // settlement: local directly, global through one EVAL
    let st = l.settle(
        &mut s,
        r,
        &Usage { input_tokens: 100, output_tokens: 20, cached_input_tokens: 0 },
    );
    assert_eq!(st.applied, 0, "requests are not settled");
    let cmd = st.global.unwrap();
    let args = global_args(&cmd);
    assert_eq!(args[0], "2");
    assert!(args[1].contains(":global-tpm:"));
    assert!(args[2].contains(":global-spend:"));
    assert_eq!(&args[3..], ["-80", "-80000"]);
}

#[test]
fn global_denial_rolls_back_local_reservations() {
    let l = limiter(GLOBAL);
    let mut s = MemStore::new();
    let mut a = l.begin(&facts("a"), &tokens(100, 100), T0);
    a.reserve_local(&mut s);
    assert!(a.global_request().is_some());
    a.apply_global_reply(&mut s, 200, br#"{"EVAL":[0,900,0,0,0]}"#);
    let (d, r) = a.finish();
    assert!(!d.admitted);
    assert!(r.is_empty());
    assert_eq!(d.deciding_rule.as_deref(), Some("global-tpm"));
    // next window: ceil(900 * (60000 - e) / 60000) + 200 <= 1000 from e = 6667
    assert_eq!(d.retry_after_ms, Some(MIN + 6667));
    assert_eq!(state(&d, "global-spend").outcome, Outcome::NotReserved);
    let (d, _) = l.admit(
        &mut s,
        &RequestFacts { tenant: Some("b"), ..facts("b") },
        &Expected::default(),
        T0,
    );
    assert_eq!(state(&d, "local-rpm").used, 1, "the denied request's local count was rolled back");
}

#[test]
fn global_failures_follow_on_error() {
    let mut s = MemStore::new();
    for (reply_status, body) in [
        (503u32, &b"Service Unavailable"[..]),
        (200, b"{\"EVAL\":[false,\"ERR Error running script\"]}"),
        (200, b"garbage"),
        (200, b"{\"EVAL\":[1,2]}"),
    ] {
        let l = limiter(GLOBAL);
        let mut a = l.begin(&facts("a"), &tokens(1, 1), T0);
        a.reserve_local(&mut s);
        a.global_request().unwrap();
        a.apply_global_reply(&mut s, reply_status, body);
        let (d, r) = a.finish();
        assert!(d.admitted, "open by default");
        assert_eq!(r.entries.len(), 1, "only the local rule");
        assert_eq!(state(&d, "global-tpm").outcome, Outcome::Skipped);
        assert!(d.notes.iter().any(|n| n.counter == "global-tpm"), "{:?}", d.notes);
        l.settle(&mut s, r, &Usage::default());
    }
    let closed =
        limiter(&GLOBAL.replace(r#""timeout_ms":50"#, r#""timeout_ms":50,"on_error":"closed""#));
    let mut a = closed.begin(&facts("a"), &tokens(1, 1), T0);
    a.reserve_local(&mut s);
    a.global_request().unwrap();
    a.global_failed(&mut s, "timeout");
    let (d, r) = a.finish();
    assert!(!d.admitted);
    assert!(r.is_empty());
    assert_eq!(state(&d, "global-tpm").outcome, Outcome::Failed);
    assert!(d.notes.iter().any(|n| n.reason.contains("timeout")));
    // admit() cannot do the round trip: on_error applies
    let (d, _) = closed.admit(&mut s, &facts("a"), &tokens(1, 1), T0);
    assert!(!d.admitted);
    // the four admitted requests count locally; the denied ones were rolled back
    let (d, _) = limiter(GLOBAL).admit(&mut s, &facts("z"), &Expected::default(), T0);
    assert_eq!(state(&d, "local-rpm").used, 5);
}

#[test]
fn local_denial_skips_the_global_round_trip() {
    let l = limiter(&GLOBAL.replace(r#""limit":10,"window":"1m""#, r#""limit":0,"window":"1m""#));
    let mut s = MemStore::new();
    let mut a = l.begin(&facts("a"), &tokens(1, 1), T0);
    a.reserve_local(&mut s);
    assert!(a.global_request().is_none());
    let (d, _) = a.finish();
    assert!(!d.admitted);
    assert_eq!(state(&d, "global-tpm").outcome, Outcome::NotEvaluated);
    assert!(d.notes.is_empty(), "{:?}", d.notes);
}

#[test]
fn nothing_applies() {
    let l = limiter("{}");
    let mut s = MemStore::new();
    let (d, r) = l.admit(&mut s, &facts("a"), &Expected::default(), T0);
    assert!(d.admitted);
    assert!(d.limits.is_empty() && r.is_empty() && d.deciding.is_none());
    assert_eq!(d.ratelimit_headers(Advertise::Deciding), None);
    assert!(s.is_empty());
    let _ = Price::default();
}

#[test]
fn an_admission_can_be_kept_across_the_round_trip() {
    // the host stores it in the request's context: no borrow of the limiter
    fn owned<T: 'static>(_: &T) {}
    let l = limiter(GLOBAL);
    let a = l.begin(&facts("a"), &Expected::default(), T0);
    drop(l);
    owned(&a);
    let (d, _) = a.finish();
    assert!(d.admitted);
}

/// Counts host calls.
struct Counting {
    inner: MemStore,
    gets: std::cell::Cell<usize>,
    sets: usize,
}

impl SharedData for Counting {
    fn get(&self, key: &str) -> Option<(Vec<u8>, u32)> {
        self.gets.set(self.gets.get() + 1);
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &[u8], cas: Option<u32>) -> Result<(), SetError> {
        self.sets += 1;
        self.inner.set(key, value, cas)
    }
}

#[test]
fn one_get_and_one_set_per_counter_in_the_common_case() {
    let l = limiter(r#"{"rules":[{"name":"r","key":["tenant"],"limit":100,"window":"1m"}]}"#);
    let mut s = Counting { inner: MemStore::new(), gets: Default::default(), sets: 0 };
    let (_, r) = l.admit(&mut s, &facts("a"), &Expected::default(), T0);
    assert_eq!((s.gets.get(), s.sets), (1, 1), "first probe missing: create it");
    let (_, r2) = l.admit(&mut s, &facts("a"), &Expected::default(), T0 + 1);
    assert_eq!((s.gets.get(), s.sets), (2, 2), "first probe owned");
    l.settle(&mut s, r, &Usage::default());
    l.settle(&mut s, r2, &Usage::default());
    assert_eq!((s.gets.get(), s.sets), (2, 2), "request counts settle without a store call");
}

#[test]
fn only_counts_of_requests_by_header_facts_read_no_body() {
    let by_body = [
        r#"{"rules":[{"name":"t","unit":"total_tokens","limit":10,"window":"1m"}]}"#,
        r#"{"rules":[{"name":"i","unit":"input_tokens","limit":10,"window":"1m"}]}"#,
        r#"{"budgets":[{"name":"b","period":"day","limit_usd":1}]}"#,
        r#"{"rules":[{"name":"m","key":["model"],"limit":10,"window":"1m"}]}"#,
        r#"{"rules":[{"name":"w","when":{"models":["gpt-*"]},"limit":10,"window":"1m"}]}"#,
    ];
    for json in by_body {
        assert!(limiter(json).reads_request_body(), "{json}");
    }
    let by_headers = [
        r#"{}"#,
        r#"{"rules":[{"name":"r","key":["tenant","client_ip"],"limit":10,"window":"1m"}]}"#,
        r#"{"rules":[{"name":"p","when":{"providers":["openai"]},"limit":10,"window":"1m"}]}"#,
    ];
    for json in by_headers {
        assert!(!limiter(json).reads_request_body(), "{json}");
    }
}
