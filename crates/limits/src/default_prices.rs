//! The default price table: what a request costs when the operator's
//! `prices` has no entry for its provider and model.
//!
//! Prices as of **2026-12-07**, in USD per million tokens (input, output,
//! cached input), transcribed from `model_prices_and_context_window_backup.json`
//! in the PyPI package `litellm` 1.110.2 (the latest on that day), which
//! collects the providers' public pricing pages (openai.com/api/pricing,
//! anthropic.com/pricing, mistral.ai/pricing). Prices change: operators
//! override them per model in `limits.prices` (docs/metrics.md).
//!
//! Rows are keyed by provider kind (`azure_openai` uses the `openai` rows);
//! a pattern is an exact model or `prefix*` (dated snapshots), and the
//! longest matching prefix wins, as in the operator's table.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::cost::{usd_per_million_to_pico, Price};
use crate::pattern::pattern_matches;

/// The date the prices below were taken.
pub const PRICES_DATE: &str = "2026-12-07";

/// (kind, model pattern, input, output, cached input), USD per million tokens.
type Row = (&'static str, &'static str, f64, f64, f64);

#[rustfmt::skip]
const ROWS: &[Row] = &[
    ("openai", "gpt-5.5*", 5.0, 30.0, 0.5),
    ("openai", "gpt-5.4*", 2.5, 15.0, 0.25),
    ("openai", "gpt-5.4-mini*", 0.75, 4.5, 0.075),
    ("openai", "gpt-5.4-nano*", 0.2, 1.25, 0.02),
    ("openai", "gpt-5.2*", 1.75, 14.0, 0.175),
    ("openai", "gpt-5.1*", 1.25, 10.0, 0.125),
    ("openai", "gpt-5.1-codex-mini*", 0.25, 2.0, 0.025),
    ("openai", "gpt-5*", 1.25, 10.0, 0.125),
    ("openai", "gpt-5-mini*", 0.25, 2.0, 0.025),
    ("openai", "gpt-5-nano*", 0.05, 0.4, 0.005),
    ("openai", "gpt-4.1*", 2.0, 8.0, 0.5),
    ("openai", "gpt-4.1-mini*", 0.4, 1.6, 0.1),
    ("openai", "gpt-4.1-nano*", 0.1, 0.4, 0.025),
    ("openai", "gpt-4o*", 2.5, 10.0, 1.25),
    ("openai", "gpt-4o-2024-05-13", 5.0, 15.0, 5.0),
    ("openai", "gpt-4o-mini*", 0.15, 0.6, 0.075),
    ("openai", "gpt-4-turbo*", 10.0, 30.0, 10.0),
    ("openai", "gpt-3.5-turbo*", 0.5, 1.5, 0.5),
    ("openai", "o1*", 15.0, 60.0, 7.5),
    ("openai", "o3*", 2.0, 8.0, 0.5),
    ("openai", "o3-mini*", 1.1, 4.4, 0.55),
    ("openai", "o4-mini*", 1.1, 4.4, 0.275),
    ("openai", "text-embedding-3-small", 0.02, 0.0, 0.02),
    ("openai", "text-embedding-3-large", 0.13, 0.0, 0.13),
    ("openai", "text-embedding-ada-002", 0.1, 0.0, 0.1),
    ("anthropic", "claude-opus-4-5*", 5.0, 25.0, 0.5),
    ("anthropic", "claude-opus-4-6*", 5.0, 25.0, 0.5),
    ("anthropic", "claude-opus-4-7*", 5.0, 25.0, 0.5),
    ("anthropic", "claude-opus-4-8*", 5.0, 25.0, 0.5),
    ("anthropic", "claude-opus-5", 5.0, 25.0, 0.5),
    ("anthropic", "claude-sonnet-4-6*", 3.0, 15.0, 0.3),
    ("anthropic", "claude-sonnet-4-5*", 3.0, 15.0, 0.3),
    ("anthropic", "claude-sonnet-5", 2.0, 10.0, 0.2),
    ("anthropic", "claude-haiku-4-5*", 1.0, 5.0, 0.1),
    ("mistral", "mistral-large-latest", 0.5, 1.5, 0.05),
    ("mistral", "mistral-medium-latest", 1.5, 7.5, 0.15),
    ("mistral", "mistral-small-latest", 0.15, 0.6, 0.015),
    ("mistral", "codestral-latest", 0.3, 0.9, 0.03),
    ("mistral", "ministral-8b-latest", 0.15, 0.15, 0.015),
    ("mistral", "ministral-3b-latest", 0.1, 0.1, 0.01),
    ("mistral", "mistral-embed", 0.1, 0.0, 0.1),
];

/// The kind whose rows a provider kind uses.
fn rows_kind(kind: &str) -> &str {
    match kind {
        "azure_openai" => "openai",
        k => k,
    }
}

/// A looked-up default price, with its row's name.
type Hit = Option<(Price, &'static str)>;

/// Per rows kind, the models already looked up.
type Memo = Vec<(&'static str, HashMap<Box<str>, Hit>)>;

/// Models remembered per VM (client-chosen names: bounded).
const MEMO_MAX: usize = 512;

thread_local! {
    /// Lookups already made, per rows kind: a request asks up to three
    /// times (admission, cost, metrics label), and most traffic names a
    /// handful of models, where the table scan compares every row.
    static MEMO: RefCell<Memo> = const { RefCell::new(Vec::new()) };
}

/// The default price of `model` at a provider of `kind`, with the row's
/// name (the pattern without its `*`: a bounded label for metrics).
pub fn default_price(kind: &str, model: &str) -> Option<(Price, &'static str)> {
    let kind = rows_kind(kind);
    MEMO.with(|memo| {
        let Ok(mut memo) = memo.try_borrow_mut() else { return lookup(kind, model) };
        let i = match memo.iter().position(|(k, _)| *k == kind) {
            Some(i) => i,
            None => {
                // Only the table's own kinds are remembered (a static name).
                let k = ROWS.iter().find(|r| r.0 == kind).map(|r| r.0)?;
                memo.push((k, HashMap::new()));
                memo.len().saturating_sub(1)
            }
        };
        let map = &mut memo.get_mut(i)?.1;
        if let Some(hit) = map.get(model) {
            return *hit;
        }
        let hit = lookup(kind, model);
        if map.len() < MEMO_MAX {
            map.insert(model.into(), hit);
        }
        hit
    })
}

/// The table scan: exact name first, then the longest matching prefix.
fn lookup(kind: &str, model: &str) -> Hit {
    let rows = || ROWS.iter().filter(move |r| r.0 == kind);
    let row = rows().find(|r| r.1 == model).or_else(|| {
        rows()
            .filter(|r| r.1.ends_with('*') && pattern_matches(r.1, model))
            .max_by_key(|r| r.1.len())
    })?;
    let price = Price {
        input_pico: usd_per_million_to_pico(row.2)?,
        output_pico: usd_per_million_to_pico(row.3)?,
        cached_input_pico: usd_per_million_to_pico(row.4)?,
    };
    Some((price, row.1.trim_end_matches('*')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::Usage;

    #[test]
    fn exact_then_longest_prefix() {
        let (p, name) = default_price("openai", "gpt-4o-mini-2024-07-18").unwrap();
        assert_eq!(name, "gpt-4o-mini");
        assert_eq!(p.input_pico, 150_000);
        assert_eq!(default_price("openai", "gpt-4o-2024-05-13").unwrap().1, "gpt-4o-2024-05-13");
        assert_eq!(default_price("openai", "gpt-4o-2024-08-06").unwrap().1, "gpt-4o");
        assert_eq!(default_price("azure_openai", "gpt-4.1-mini").unwrap().1, "gpt-4.1-mini");
        assert_eq!(
            default_price("anthropic", "claude-sonnet-4-5-20250929").unwrap().1,
            "claude-sonnet-4-5"
        );
    }

    #[test]
    fn remembered_answers_equal_the_table_and_stay_bounded() {
        for i in 0..(MEMO_MAX + 50) {
            let m = format!("gpt-4o-mini-{i}");
            for _ in 0..2 {
                assert_eq!(default_price("openai", &m), lookup("openai", &m));
                assert_eq!(default_price("azure_openai", "o3"), lookup("openai", "o3"));
            }
        }
        let sizes: Vec<usize> = MEMO.with(|m| m.borrow().iter().map(|(_, v)| v.len()).collect());
        assert!(sizes.iter().all(|n| *n <= MEMO_MAX), "{sizes:?}");
        assert!(default_price("no_such_kind", "gpt-4o").is_none());
    }

    #[test]
    fn unknown_is_unpriced_not_zero() {
        assert!(default_price("openai", "my-finetune").is_none());
        assert!(default_price("openai_compatible", "gpt-4o").is_none());
        assert!(default_price("anthropic", "gpt-4o").is_none());
    }

    #[test]
    fn every_row_is_a_valid_price() {
        for r in ROWS {
            let (p, _) = default_price(r.0, r.1.trim_end_matches('*')).unwrap();
            // 1M input + 1M output tokens cost input + output USD.
            let usd = p.cost_nanos(&Usage {
                input_tokens: 1_000_000,
                output_tokens: 1_000_000,
                cached_input_tokens: 0,
            }) as f64
                / 1e9;
            assert!((usd - (r.2 + r.3)).abs() < 1e-9, "{r:?}");
        }
    }
}
