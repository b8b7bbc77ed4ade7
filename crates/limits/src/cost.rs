//! Token estimates, prices and costs.
//!
//! # Units
//! * Prices are configured in USD per million tokens (as providers publish
//!   them) and held as integer **pico-dollars per token** (1 USD per million
//!   tokens = 1 000 000 pUSD per token): exact for prices with up to six
//!   decimals, e.g. 0.075 USD/M = 75 000 pUSD per token.
//! * Costs and budgets are integer **nano-dollars** (1e-9 USD; u64 holds up to
//!   18 billion USD). A request's cost is computed exactly in pico-dollars and
//!   rounded once to the nearest nano-dollar, halves up.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::pattern::pattern_matches;

/// Pico-dollars per USD-per-million-tokens.
const PICO_PER_USD_PER_MILLION: f64 = 1e6;
/// Pico-dollars per USD.
const PICO_PER_USD: f64 = 1e12;
/// Nano-dollars per USD.
pub const NANOS_PER_USD: u64 = 1_000_000_000;

/// The token estimate of a prompt of `prompt_chars` characters: one token per
/// four characters, rounded up.
///
/// Four characters per token is the usual figure for English text with the
/// BPE tokenizers of OpenAI and Anthropic models. Code and most other Latin
/// text are close to it; CJK text is closer to one token per character, so
/// the estimate can be 4x low there, and settlement then corrects the counter
/// with the provider's real count after the fact.
pub fn estimate_tokens(prompt_chars: usize) -> u64 {
    (prompt_chars as u64).div_ceil(4)
}

/// What a request is expected to use, for the reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Expected {
    /// Estimated input tokens (e.g. `estimate_tokens(prompt_chars)`).
    pub input_tokens: u64,
    /// The request's `max_tokens` / `max_completion_tokens` /
    /// `max_output_tokens`; `None` uses the configured default.
    pub max_output_tokens: Option<u64>,
    /// How many requests this one counts as on `requests` rules (`None`:
    /// one). An endpoint that carries many requests at once (a batch) is
    /// counted at the weight the operator gave it.
    pub requests: Option<u64>,
}

impl Expected {
    pub fn from_prompt_chars(prompt_chars: usize, max_output_tokens: Option<u64>) -> Expected {
        Expected { input_tokens: estimate_tokens(prompt_chars), max_output_tokens, requests: None }
    }
}

/// What a request actually used, from the provider's response. A request
/// that failed or never reached the provider settles with what it used,
/// often `Usage::default()` (zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Usage {
    /// All input tokens, cached ones included.
    pub input_tokens: u64,
    pub output_tokens: u64,
    /// The part of `input_tokens` read from the provider's prompt cache.
    pub cached_input_tokens: u64,
}

impl Usage {
    pub fn total_tokens(&self) -> u64 {
        self.input_tokens.saturating_add(self.output_tokens)
    }
}

/// A price, in pico-dollars per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Price {
    pub input_pico: u64,
    pub output_pico: u64,
    pub cached_input_pico: u64,
}

impl Price {
    /// The cost of `usage` in nano-dollars: uncached input, cached input and
    /// output tokens at their prices, summed in pico-dollars, rounded once.
    pub fn cost_nanos(&self, usage: &Usage) -> u64 {
        let cached = usage.cached_input_tokens.min(usage.input_tokens);
        let uncached = usage.input_tokens.saturating_sub(cached);
        let pico = mul(uncached, self.input_pico)
            .saturating_add(mul(cached, self.cached_input_pico))
            .saturating_add(mul(usage.output_tokens, self.output_pico));
        pico_to_nanos(pico)
    }

    /// The reservation for a request: every input token at the uncached price
    /// (the cache hit is not known in advance) plus the output allowance.
    pub fn estimate_nanos(&self, input_tokens: u64, output_tokens: u64) -> u64 {
        self.cost_nanos(&Usage { input_tokens, output_tokens, cached_input_tokens: 0 })
    }
}

fn mul(tokens: u64, pico: u64) -> u128 {
    u128::from(tokens).saturating_mul(u128::from(pico))
}

/// Rounds pico-dollars to the nearest nano-dollar, halves up; saturates.
pub fn pico_to_nanos(pico: u128) -> u64 {
    u64::try_from(pico.saturating_add(500) / 1000).unwrap_or(u64::MAX)
}

/// USD (e.g. a budget's `limit_usd`) to nano-dollars, to the nearest; `None`
/// for negative, non-finite or absurd (over 1e9 USD) amounts.
pub fn usd_to_nanos(usd: f64) -> Option<u64> {
    if !usd.is_finite() || !(0.0..=1e9).contains(&usd) {
        return None;
    }
    Some((usd * 1e9).round() as u64)
}

/// Nano-dollars as USD, for logs.
pub fn nanos_to_usd(nanos: u64) -> f64 {
    nanos as f64 / 1e9
}

/// A configured price (USD per million tokens) to pico-dollars per token;
/// `None` for negative, non-finite or absurd (over 1e6 USD/M) prices.
pub fn usd_per_million_to_pico(usd_per_million: f64) -> Option<u64> {
    if !usd_per_million.is_finite() || !(0.0..=1e6).contains(&usd_per_million) {
        return None;
    }
    Some((usd_per_million * PICO_PER_USD_PER_MILLION).round() as u64)
}

/// The most a custom per-token price may be (USD per token).
const MAX_CUSTOM_USD_PER_TOKEN: f64 = 1.0;
/// Largest custom-cost header read.
const MAX_CUSTOM_COST_BYTES: usize = 1024;

/// Why an `x-aigw-custom-cost` / `cf-aig-custom-cost` header was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomCostError(pub String);

impl std::fmt::Display for CustomCostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses the per-request price override `x-aigw-custom-cost` (alias
/// `cf-aig-custom-cost`): a JSON object `{"per_token_in": n, "per_token_out": n}`
/// in USD per token, as Cloudflare AI Gateway takes it. Both are optional but
/// at least one must be present; a missing one is 0. Each must be a finite
/// number from 0 to 1. Cached input tokens are charged at `per_token_in`.
/// Anything else is an error for the caller to answer (400).
pub fn parse_custom_cost(raw: &[u8]) -> Result<Price, CustomCostError> {
    let bad = |why: &str| CustomCostError(format!("x-aigw-custom-cost {why}"));
    if raw.len() > MAX_CUSTOM_COST_BYTES {
        return Err(bad("is too large"));
    }
    let value: Value = serde_json::from_slice(raw).map_err(|_| bad("must be a JSON object"))?;
    let Value::Object(map) = value else { return Err(bad("must be a JSON object")) };
    if map.is_empty() {
        return Err(bad("needs per_token_in and/or per_token_out"));
    }
    let mut price = Price::default();
    for (k, v) in &map {
        let usd = v.as_f64().ok_or_else(|| bad(&format!("{k} must be a number")))?;
        if !usd.is_finite() || !(0.0..=MAX_CUSTOM_USD_PER_TOKEN).contains(&usd) {
            return Err(bad(&format!(
                "{k} must be between 0 and {MAX_CUSTOM_USD_PER_TOKEN} (USD per token)"
            )));
        }
        let pico = (usd * PICO_PER_USD).round() as u64;
        match k.as_str() {
            "per_token_in" => {
                price.input_pico = pico;
                price.cached_input_pico = pico;
            }
            "per_token_out" => price.output_pico = pico,
            other => return Err(bad(&format!("has an unknown field `{other}`"))),
        }
    }
    Ok(price)
}

/// Prices per provider and model pattern (`exact`, `prefix*`, `*`).
#[derive(Debug, Clone, Default)]
pub struct PriceTable {
    /// provider -> patterns; looked up exact first, then the longest prefix
    /// pattern, then `*`.
    providers: Vec<(String, Vec<(String, Price)>)>,
}

impl PriceTable {
    pub fn insert(&mut self, provider: &str, pattern: &str, price: Price) {
        let idx = match self.providers.iter().position(|(p, _)| p == provider) {
            Some(i) => i,
            None => {
                self.providers.push((provider.to_string(), Vec::new()));
                self.providers.len().saturating_sub(1)
            }
        };
        if let Some((_, list)) = self.providers.get_mut(idx) {
            list.push((pattern.to_string(), price));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.providers.is_empty()
    }

    /// The price of `model` at `provider`: the exact model, else the longest
    /// matching `prefix*`, else the provider's `*`.
    pub fn lookup(&self, provider: &str, model: &str) -> Option<Price> {
        let (_, list) = self.providers.iter().find(|(p, _)| p == provider)?;
        if let Some((_, price)) = list.iter().find(|(pat, _)| pat == model) {
            return Some(*price);
        }
        list.iter()
            .filter(|(pat, _)| pat.ends_with('*') && pattern_matches(pat, model))
            .max_by_key(|(pat, _)| pat.len())
            .map(|(_, price)| *price)
    }
}

impl PriceTable {
    /// The entry `model` matches at `provider`, as a bounded name: the exact
    /// model, else the longest matching `prefix*` without its `*` (never `*`).
    pub fn model_name(&self, provider: &str, model: &str) -> Option<&str> {
        let (_, list) = self.providers.iter().find(|(p, _)| p == provider)?;
        if let Some((pat, _)) = list.iter().find(|(pat, _)| pat == model) {
            return Some(pat);
        }
        list.iter()
            .filter(|(pat, _)| pat.len() > 1 && pat.ends_with('*') && pattern_matches(pat, model))
            .max_by_key(|(pat, _)| pat.len())
            .map(|(pat, _)| pat.trim_end_matches('*'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(input: f64, output: f64, cached: f64) -> Price {
        Price {
            input_pico: usd_per_million_to_pico(input).unwrap(),
            output_pico: usd_per_million_to_pico(output).unwrap(),
            cached_input_pico: usd_per_million_to_pico(cached).unwrap(),
        }
    }

    #[test]
    fn estimates() {
        assert_eq!(estimate_tokens(0), 0);
        assert_eq!(estimate_tokens(1), 1);
        assert_eq!(estimate_tokens(4), 1);
        assert_eq!(estimate_tokens(5), 2);
        assert_eq!(estimate_tokens(4000), 1000);
        assert_eq!(estimate_tokens(usize::MAX), (usize::MAX as u64).div_ceil(4));
        assert_eq!(
            Expected::from_prompt_chars(10, Some(5)),
            Expected { input_tokens: 3, max_output_tokens: Some(5), requests: None }
        );
    }

    #[test]
    fn prices_convert_exactly() {
        assert_eq!(usd_per_million_to_pico(0.15), Some(150_000));
        assert_eq!(usd_per_million_to_pico(0.075), Some(75_000));
        assert_eq!(usd_per_million_to_pico(2.5), Some(2_500_000));
        assert_eq!(usd_per_million_to_pico(0.000001), Some(1));
        assert_eq!(usd_per_million_to_pico(75.0), Some(75_000_000));
        assert_eq!(usd_per_million_to_pico(-1.0), None);
        assert_eq!(usd_per_million_to_pico(f64::NAN), None);
        assert_eq!(usd_per_million_to_pico(f64::INFINITY), None);
        assert_eq!(usd_to_nanos(100.0), Some(100 * NANOS_PER_USD));
        assert_eq!(usd_to_nanos(0.01), Some(10_000_000));
        assert_eq!(usd_to_nanos(-0.01), None);
        assert_eq!(nanos_to_usd(1_500_000_000), 1.5);
    }

    #[test]
    fn costs_round_once_to_the_nearest_nano_dollar() {
        // gpt-4o-mini: 0.15 in, 0.60 out, 0.075 cached (USD per million)
        let p = price(0.15, 0.60, 0.075);
        let u = Usage { input_tokens: 1000, output_tokens: 500, cached_input_tokens: 0 };
        // 1000*0.15e-6 + 500*0.6e-6 = 0.00015 + 0.0003 = 0.00045 USD
        assert_eq!(p.cost_nanos(&u), 450_000);
        // cached tokens at the cached price: 600 uncached + 400 cached
        let u = Usage { input_tokens: 1000, output_tokens: 0, cached_input_tokens: 400 };
        assert_eq!(p.cost_nanos(&u), 600 * 150 + 400 * 75);
        // a single token: 150 000 pUSD = 150 nUSD exactly
        assert_eq!(p.cost_nanos(&Usage { input_tokens: 1, ..Usage::default() }), 150);
        // rounding: 0.0375 USD/M = 37 500 pUSD/token = 37.5 nUSD -> 38 (half up)
        let cheap = price(0.0375, 0.0, 0.0);
        assert_eq!(cheap.cost_nanos(&Usage { input_tokens: 1, ..Usage::default() }), 38);
        // ... but summed before rounding: 2 tokens = 75 exactly, not 76
        assert_eq!(cheap.cost_nanos(&Usage { input_tokens: 2, ..Usage::default() }), 75);
        // 0.0004 USD/M = 400 pUSD -> 0.4 nUSD rounds to 0; 0.0005 -> 1
        assert_eq!(
            price(0.0004, 0.0, 0.0).cost_nanos(&Usage { input_tokens: 1, ..Usage::default() }),
            0
        );
        assert_eq!(
            price(0.0005, 0.0, 0.0).cost_nanos(&Usage { input_tokens: 1, ..Usage::default() }),
            1
        );
        // cached above input is capped; no overflow at the extremes
        let u = Usage { input_tokens: 10, output_tokens: 0, cached_input_tokens: 50 };
        assert_eq!(p.cost_nanos(&u), 10 * 75);
        let max = Usage { input_tokens: u64::MAX, output_tokens: u64::MAX, cached_input_tokens: 0 };
        assert_eq!(price(1e6, 1e6, 1e6).cost_nanos(&max), u64::MAX);
        // estimate: all input uncached
        assert_eq!(p.estimate_nanos(1000, 500), 450_000);
    }

    #[test]
    fn custom_cost_header() {
        let p =
            parse_custom_cost(br#"{"per_token_in":0.000001,"per_token_out":0.000002}"#).unwrap();
        assert_eq!(
            p,
            Price { input_pico: 1_000_000, output_pico: 2_000_000, cached_input_pico: 1_000_000 }
        );
        let u = Usage { input_tokens: 100, output_tokens: 50, cached_input_tokens: 0 };
        assert_eq!(p.cost_nanos(&u), 200_000); // 100 * 1e-6 + 50 * 2e-6 = 0.0002 USD
        let p = parse_custom_cost(br#"{"per_token_out":1e-6}"#).unwrap();
        assert_eq!(p.input_pico, 0);
        assert_eq!(parse_custom_cost(br#"{"per_token_in":0}"#).unwrap(), Price::default());
        for bad in [
            &b"{}"[..],
            b"[]",
            b"1",
            b"not json",
            br#"{"per_token_in":"0.1"}"#,
            br#"{"per_token_in":-1e-6}"#,
            br#"{"per_token_in":2}"#,
            br#"{"per_token_in":1e-6,"extra":1}"#,
            br#"{"per_token_in":null}"#,
            br#"{"per_token_in":1e400}"#,
            &[0xff, 0xfe],
        ] {
            assert!(parse_custom_cost(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
        let big = format!(r#"{{"per_token_in":0.{}1}}"#, "0".repeat(2000));
        assert!(parse_custom_cost(big.as_bytes()).is_err());
    }

    #[test]
    fn price_lookup() {
        let mut t = PriceTable::default();
        t.insert("openai", "gpt-4o", price(2.5, 10.0, 1.25));
        t.insert("openai", "gpt-4o*", price(1.0, 1.0, 1.0));
        t.insert("openai", "gpt-4o-mini*", price(0.15, 0.6, 0.075));
        t.insert("openai", "*", price(5.0, 5.0, 5.0));
        t.insert("anthropic", "claude-3-5-haiku-latest", price(0.8, 4.0, 0.08));
        assert_eq!(t.lookup("openai", "gpt-4o"), Some(price(2.5, 10.0, 1.25)));
        assert_eq!(t.lookup("openai", "gpt-4o-mini-2024-07-18"), Some(price(0.15, 0.6, 0.075)));
        assert_eq!(t.lookup("openai", "gpt-4o-2024-08-06"), Some(price(1.0, 1.0, 1.0)));
        assert_eq!(t.lookup("openai", "o3"), Some(price(5.0, 5.0, 5.0)));
        assert_eq!(t.lookup("anthropic", "claude-3-opus"), None);
        assert_eq!(t.lookup("groq", "llama"), None);
        assert!(!t.is_empty());
    }
}
