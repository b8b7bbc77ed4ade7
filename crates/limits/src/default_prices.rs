//! The default price table: what a request costs when the operator's
//! `prices` has no entry for its provider and model.
//!
//! Prices as of **2026-12-07**, in USD per million tokens (input, output,
//! cached input), transcribed from `model_prices_and_context_window_backup.json`
//! in the PyPI package `litellm` 1.110.2 (the latest on that day), which
//! collects the providers' public pricing pages (openai.com/api/pricing,
//! anthropic.com/pricing, mistral.ai/pricing, ai.google.dev's Gemini API
//! pricing, aws.amazon.com/bedrock/pricing, and the presets' own pages).
//! Prices change: operators override them per model in `limits.prices`
//! (docs/metrics.md). Notes on the sources:
//! - Gemini: the Gemini API (not Vertex) prices, for prompts up to 200k
//!   tokens (2.5 Pro and 3.x Pro cost more above). `gemini-2.0-flash*` is no
//!   longer in litellm's Gemini table; its row is Google's last published
//!   Gemini API price.
//! - Bedrock: on-demand prices by Bedrock model id (`anthropic.claude-...`,
//!   `amazon.nova-...`, `meta.llama...`, `mistral....`). Cross-region
//!   inference profiles (`global.`, `us.`, `eu.`, ...) use the model's row;
//!   Anthropic's regional (not `global.`) profiles of Claude 4.5 and later
//!   are 10 % dearer, which the `us.`/`eu.` rows below carry.
//! - Presets: the models each cloud serves most, by the id it takes.
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
const OPENAI: &[Row] = &[
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
];

#[rustfmt::skip]
const ANTHROPIC: &[Row] = &[
    ("anthropic", "claude-opus-4-5*", 5.0, 25.0, 0.5),
    ("anthropic", "claude-opus-4-6*", 5.0, 25.0, 0.5),
    ("anthropic", "claude-opus-4-7*", 5.0, 25.0, 0.5),
    ("anthropic", "claude-opus-4-8*", 5.0, 25.0, 0.5),
    ("anthropic", "claude-opus-5", 5.0, 25.0, 0.5),
    ("anthropic", "claude-sonnet-4-6*", 3.0, 15.0, 0.3),
    ("anthropic", "claude-sonnet-4-5*", 3.0, 15.0, 0.3),
    ("anthropic", "claude-sonnet-5", 2.0, 10.0, 0.2),
    ("anthropic", "claude-haiku-4-5*", 1.0, 5.0, 0.1),
];

#[rustfmt::skip]
const MISTRAL: &[Row] = &[
    ("mistral", "mistral-large-latest", 0.5, 1.5, 0.05),
    ("mistral", "mistral-medium-latest", 1.5, 7.5, 0.15),
    ("mistral", "mistral-small-latest", 0.15, 0.6, 0.015),
    ("mistral", "codestral-latest", 0.3, 0.9, 0.03),
    ("mistral", "ministral-8b-latest", 0.15, 0.15, 0.015),
    ("mistral", "ministral-3b-latest", 0.1, 0.1, 0.01),
    ("mistral", "mistral-embed", 0.1, 0.0, 0.1),
];

#[rustfmt::skip]
const GEMINI: &[Row] = &[
    ("gemini", "gemini-3.1-pro*", 2.0, 12.0, 0.2),
    ("gemini", "gemini-3-pro*", 2.0, 12.0, 0.2),
    ("gemini", "gemini-3.8-flash*", 0.75, 3.75, 0.075),
    ("gemini", "gemini-3.7-flash*", 0.75, 3.75, 0.075),
    ("gemini", "gemini-3.6-flash*", 0.75, 3.75, 0.075),
    ("gemini", "gemini-3.5-flash*", 1.5, 9.0, 0.15),
    ("gemini", "gemini-3.5-flash-lite*", 0.3, 2.5, 0.03),
    ("gemini", "gemini-3.1-flash-lite*", 0.25, 1.5, 0.025),
    ("gemini", "gemini-3-flash*", 0.5, 3.0, 0.05),
    ("gemini", "gemini-2.5-pro*", 1.25, 10.0, 0.125),
    ("gemini", "gemini-2.5-flash*", 0.3, 2.5, 0.03),
    ("gemini", "gemini-2.5-flash-lite*", 0.1, 0.4, 0.01),
    ("gemini", "gemini-2.0-flash*", 0.1, 0.4, 0.025),
    ("gemini", "gemini-2.0-flash-lite*", 0.075, 0.3, 0.075),
    ("gemini", "gemini-embedding-001", 0.15, 0.0, 0.15),
];

#[rustfmt::skip]
const BEDROCK: &[Row] = &[
    ("bedrock", "anthropic.claude-opus-5-5*", 4.0, 20.0, 0.2),
    ("bedrock", "anthropic.claude-opus-5*", 5.0, 25.0, 0.5),
    ("bedrock", "anthropic.claude-sonnet-5-5*", 2.0, 10.0, 0.1),
    ("bedrock", "anthropic.claude-sonnet-5*", 2.0, 10.0, 0.2),
    ("bedrock", "anthropic.claude-opus-4-8*", 5.0, 25.0, 0.5),
    ("bedrock", "anthropic.claude-opus-4-7*", 5.0, 25.0, 0.5),
    ("bedrock", "anthropic.claude-opus-4-6*", 5.0, 25.0, 0.5),
    ("bedrock", "anthropic.claude-opus-4-5*", 5.0, 25.0, 0.5),
    ("bedrock", "anthropic.claude-opus-4-1*", 15.0, 75.0, 1.5),
    ("bedrock", "anthropic.claude-opus-4-2*", 15.0, 75.0, 1.5),
    ("bedrock", "anthropic.claude-sonnet-4-6*", 3.0, 15.0, 0.3),
    ("bedrock", "anthropic.claude-sonnet-4-5*", 3.0, 15.0, 0.3),
    ("bedrock", "anthropic.claude-sonnet-4-2*", 3.0, 15.0, 0.3),
    ("bedrock", "anthropic.claude-haiku-4-5*", 1.0, 5.0, 0.1),
    ("bedrock", "anthropic.claude-3-7-sonnet*", 3.0, 15.0, 0.3),
    ("bedrock", "anthropic.claude-3-5-haiku*", 0.8, 4.0, 0.08),
    ("bedrock", "us.anthropic.claude-opus-5-5*", 4.4, 22.0, 0.22),
    ("bedrock", "us.anthropic.claude-opus-5*", 5.5, 27.5, 0.55),
    ("bedrock", "us.anthropic.claude-sonnet-5-5*", 2.2, 11.0, 0.11),
    ("bedrock", "us.anthropic.claude-sonnet-5*", 2.2, 11.0, 0.22),
    ("bedrock", "us.anthropic.claude-opus-4-8*", 5.5, 27.5, 0.55),
    ("bedrock", "us.anthropic.claude-opus-4-7*", 5.5, 27.5, 0.55),
    ("bedrock", "us.anthropic.claude-opus-4-6*", 5.5, 27.5, 0.55),
    ("bedrock", "us.anthropic.claude-opus-4-5*", 5.5, 27.5, 0.55),
    ("bedrock", "us.anthropic.claude-sonnet-4-6*", 3.3, 16.5, 0.33),
    ("bedrock", "us.anthropic.claude-sonnet-4-5*", 3.3, 16.5, 0.33),
    ("bedrock", "us.anthropic.claude-haiku-4-5*", 1.1, 5.5, 0.11),
    ("bedrock", "eu.anthropic.claude-opus-5-5*", 4.4, 22.0, 0.22),
    ("bedrock", "eu.anthropic.claude-opus-5*", 5.5, 27.5, 0.55),
    ("bedrock", "eu.anthropic.claude-sonnet-5-5*", 2.2, 11.0, 0.11),
    ("bedrock", "eu.anthropic.claude-sonnet-5*", 2.2, 11.0, 0.22),
    ("bedrock", "eu.anthropic.claude-opus-4-8*", 5.5, 27.5, 0.55),
    ("bedrock", "eu.anthropic.claude-opus-4-7*", 5.5, 27.5, 0.55),
    ("bedrock", "eu.anthropic.claude-opus-4-6*", 5.5, 27.5, 0.55),
    ("bedrock", "eu.anthropic.claude-opus-4-5*", 5.5, 27.5, 0.55),
    ("bedrock", "eu.anthropic.claude-sonnet-4-6*", 3.3, 16.5, 0.33),
    ("bedrock", "eu.anthropic.claude-sonnet-4-5*", 3.3, 16.5, 0.33),
    ("bedrock", "eu.anthropic.claude-haiku-4-5*", 1.1, 5.5, 0.11),
    ("bedrock", "amazon.nova-premier*", 2.5, 12.5, 0.625),
    ("bedrock", "amazon.nova-pro*", 0.8, 3.2, 0.2),
    ("bedrock", "amazon.nova-lite*", 0.06, 0.24, 0.015),
    ("bedrock", "amazon.nova-micro*", 0.035, 0.14, 0.00875),
    ("bedrock", "amazon.nova-2-lite*", 0.3, 2.5, 0.075),
    ("bedrock", "amazon.titan-embed-text-v2*", 0.02, 0.0, 0.02),
    ("bedrock", "meta.llama3-3-70b-instruct*", 0.72, 0.72, 0.72),
    ("bedrock", "meta.llama4-maverick-17b-instruct*", 0.24, 0.97, 0.24),
    ("bedrock", "meta.llama4-scout-17b-instruct*", 0.17, 0.66, 0.17),
    ("bedrock", "mistral.mistral-large-3-675b-instruct*", 0.5, 1.5, 0.5),
    ("bedrock", "mistral.mistral-large-2407*", 2.0, 6.0, 2.0),
    ("bedrock", "mistral.pixtral-large-2502*", 2.0, 6.0, 2.0),
    ("bedrock", "mistral.ministral-3-14b-instruct*", 0.2, 0.2, 0.2),
    ("bedrock", "mistral.ministral-3-8b-instruct*", 0.15, 0.15, 0.15),
    ("bedrock", "mistral.ministral-3-3b-instruct*", 0.1, 0.1, 0.1),
    ("bedrock", "mistral.magistral-small-2509*", 0.5, 1.5, 0.5),
    ("bedrock", "mistral.devstral-2-123b*", 0.4, 2.0, 0.4),
];

#[rustfmt::skip]
const GROQ: &[Row] = &[
    ("groq", "openai/gpt-oss-120b", 0.15, 0.6, 0.075),
    ("groq", "openai/gpt-oss-20b", 0.075, 0.3, 0.0375),
    ("groq", "qwen/qwen3.8-27b", 0.8, 4.0, 0.8),
];

#[rustfmt::skip]
const DEEPSEEK: &[Row] = &[
    ("deepseek", "deepseek-chat", 0.28, 0.42, 0.028),
    ("deepseek", "deepseek-reasoner", 0.28, 0.42, 0.028),
    ("deepseek", "deepseek-v4-flash*", 0.3, 1.2, 0.006),
    ("deepseek", "deepseek-v4-pro*", 1.32, 3.96, 0.044),
];

#[rustfmt::skip]
const XAI: &[Row] = &[
    ("xai", "grok-4.7*", 2.0, 6.0, 0.5),
    ("xai", "grok-4.6*", 2.0, 6.0, 0.5),
    ("xai", "grok-4.5*", 2.0, 6.0, 0.3),
    ("xai", "grok-4.3*", 1.25, 2.5, 0.2),
    ("xai", "grok-4.20*", 1.25, 2.5, 0.2),
    ("xai", "grok-code-fast*", 1.0, 2.0, 0.2),
];

#[rustfmt::skip]
const CEREBRAS: &[Row] = &[
    ("cerebras", "gpt-oss-120b", 0.35, 0.75, 0.35),
    ("cerebras", "llama3.1-8b", 0.1, 0.1, 0.1),
    ("cerebras", "llama-3.3-70b", 0.85, 1.2, 0.85),
    ("cerebras", "qwen-3-32b", 0.4, 0.8, 0.4),
];

#[rustfmt::skip]
const TOGETHER: &[Row] = &[
    ("together", "openai/gpt-oss-120b", 0.15, 0.6, 0.15),
    ("together", "openai/gpt-oss-20b", 0.05, 0.2, 0.05),
    ("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", 1.04, 1.04, 1.04),
    ("together", "deepseek-ai/DeepSeek-V3.1", 0.6, 1.7, 0.6),
    ("together", "moonshotai/Kimi-K2.6", 1.2, 4.5, 0.2),
    ("together", "zai-org/GLM-5.1", 1.4, 4.4, 0.26),
];

#[rustfmt::skip]
const FIREWORKS: &[Row] = &[
    ("fireworks", "accounts/fireworks/models/gpt-oss-120b", 0.15, 0.6, 0.015),
    ("fireworks", "accounts/fireworks/models/gpt-oss-20b", 0.07, 0.3, 0.035),
    ("fireworks", "accounts/fireworks/models/deepseek-v4-flash", 0.14, 0.28, 0.028),
    ("fireworks", "accounts/fireworks/models/kimi-k2p6", 0.95, 4.0, 0.16),
    ("fireworks", "accounts/fireworks/models/glm-5p1", 1.4, 4.4, 0.26),
    ("fireworks", "accounts/fireworks/models/llama4-maverick-instruct-basic", 0.22, 0.88, 0.22),
];

/// The tables, one per kind: a lookup scans only its kind's rows (it runs
/// on every request).
const TABLES: &[&[Row]] = &[
    OPENAI, ANTHROPIC, MISTRAL, GEMINI, BEDROCK, GROQ, DEEPSEEK, XAI, CEREBRAS, TOGETHER, FIREWORKS,
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
                let k = table(kind)?.first()?.0;
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

/// Bedrock's cross-region inference profiles: `<geo>.<model id>`.
const BEDROCK_GEOS: &[&str] = &["global.", "us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov."];

/// The table scan for a rows kind.
fn lookup(kind: &str, model: &str) -> Hit {
    let row = match kind {
        // A foundation-model ARN ends in the model id; an inference profile
        // without a row of its own costs what its model costs.
        "bedrock" => {
            let id = model.rsplit('/').next().unwrap_or(model);
            find_row(kind, id).or_else(|| {
                let base = BEDROCK_GEOS.iter().find_map(|g| id.strip_prefix(g))?;
                find_row(kind, base)
            })
        }
        _ => find_row(kind, model),
    }?;
    let price = Price {
        input_pico: usd_per_million_to_pico(row.2)?,
        output_pico: usd_per_million_to_pico(row.3)?,
        cached_input_pico: usd_per_million_to_pico(row.4)?,
    };
    Some((price, row.1.trim_end_matches('*')))
}

/// The rows of one kind.
fn table(kind: &str) -> Option<&'static [Row]> {
    TABLES.iter().find(|t| t.first().is_some_and(|r| r.0 == kind)).copied()
}

/// The exact row, else the longest matching prefix.
fn find_row(kind: &str, model: &str) -> Option<&'static Row> {
    let table = table(kind)?;
    let rows = || table.iter();
    rows().find(|r| r.1 == model).or_else(|| {
        rows()
            .filter(|r| r.1.ends_with('*') && pattern_matches(r.1, model))
            .max_by_key(|r| r.1.len())
    })
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
        let profile = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
        assert_eq!(default_price("bedrock", profile), lookup("bedrock", profile));
    }

    #[test]
    fn unknown_is_unpriced_not_zero() {
        assert!(default_price("openai", "my-finetune").is_none());
        assert!(default_price("openai_compatible", "gpt-4o").is_none());
        assert!(default_price("anthropic", "gpt-4o").is_none());
    }

    #[test]
    fn gemini_models() {
        let (p, name) = default_price("gemini", "gemini-2.5-flash").unwrap();
        assert_eq!(name, "gemini-2.5-flash");
        assert_eq!(
            (p.input_pico, p.output_pico, p.cached_input_pico),
            (300_000, 2_500_000, 30_000)
        );
        assert_eq!(
            default_price("gemini", "gemini-2.5-flash-lite").unwrap().1,
            "gemini-2.5-flash-lite"
        );
        assert_eq!(default_price("gemini", "gemini-2.5-pro").unwrap().0.input_pico, 1_250_000);
        assert_eq!(default_price("gemini", "gemini-2.0-flash-001").unwrap().1, "gemini-2.0-flash");
        assert_eq!(
            default_price("gemini", "gemini-2.0-flash-lite").unwrap().1,
            "gemini-2.0-flash-lite"
        );
        assert_eq!(default_price("gemini", "gemini-3.1-pro-preview").unwrap().1, "gemini-3.1-pro");
        // Rows are per kind: Gemini's model at OpenAI is unpriced.
        assert!(default_price("openai", "gemini-2.5-flash").is_none());
        assert!(default_price("gemini", "gemini-1.0-pro").is_none());
    }

    #[test]
    fn bedrock_ids_profiles_and_arns() {
        let id = "anthropic.claude-sonnet-4-5-20250929-v1:0";
        let (p, name) = default_price("bedrock", id).unwrap();
        assert_eq!(name, "anthropic.claude-sonnet-4-5");
        assert_eq!(p.input_pico, 3_000_000);
        // A global profile costs the model's price, a regional one 10 % more.
        assert_eq!(default_price("bedrock", &format!("global.{id}")).unwrap(), (p, name));
        let (us, us_name) = default_price("bedrock", &format!("us.{id}")).unwrap();
        assert_eq!((us.input_pico, us_name), (3_300_000, "us.anthropic.claude-sonnet-4-5"));
        // Older models: every profile costs the model's price.
        let old = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
        assert_eq!(default_price("bedrock", old).unwrap().1, "anthropic.claude-3-7-sonnet");
        let arn = format!("arn:aws:bedrock:us-east-1::foundation-model/{id}");
        assert_eq!(default_price("bedrock", &arn).unwrap().1, "anthropic.claude-sonnet-4-5");
        assert_eq!(
            default_price("bedrock", "amazon.nova-pro-v1:0").unwrap().0.output_pico,
            3_200_000
        );
        assert_eq!(
            default_price("bedrock", "amazon.nova-lite-v1:0").unwrap().1,
            "amazon.nova-lite"
        );
        assert_eq!(
            default_price("bedrock", "us.meta.llama4-maverick-17b-instruct-v1:0").unwrap().1,
            "meta.llama4-maverick-17b-instruct"
        );
        assert_eq!(
            default_price("bedrock", "mistral.mistral-large-2407-v1:0").unwrap().1,
            "mistral.mistral-large-2407"
        );
        // Anthropic's own ids are not Bedrock's.
        assert!(default_price("bedrock", "claude-sonnet-4-5").is_none());
        assert!(default_price("bedrock", "xx.anthropic.claude-sonnet-4-5-v1:0").is_none());
    }

    #[test]
    fn preset_models() {
        assert_eq!(default_price("groq", "openai/gpt-oss-120b").unwrap().0.input_pico, 150_000);
        assert_eq!(default_price("deepseek", "deepseek-chat").unwrap().0.output_pico, 420_000);
        assert_eq!(default_price("xai", "grok-4.20-0309-reasoning").unwrap().1, "grok-4.20");
        assert_eq!(default_price("cerebras", "gpt-oss-120b").unwrap().1, "gpt-oss-120b");
        assert!(default_price("together", "openai/gpt-oss-120b").is_some());
        assert!(default_price("fireworks", "accounts/fireworks/models/gpt-oss-120b").is_some());
        // A preset's rows are its own: another cloud's price is not guessed.
        assert!(default_price("openrouter", "openai/gpt-oss-120b").is_none());
    }

    #[test]
    fn one_table_per_kind() {
        for (i, t) in TABLES.iter().enumerate() {
            assert!(!t.is_empty());
            assert!(TABLES.iter().skip(i + 1).all(|u| u[0].0 != t[0].0), "{}", t[0].0);
        }
    }

    #[test]
    fn every_row_is_a_valid_price() {
        for r in TABLES.iter().flat_map(|t| {
            assert!(t.iter().all(|r| r.0 == t[0].0), "one kind per table");
            t.iter()
        }) {
            let (p, name) = default_price(r.0, r.1.trim_end_matches('*')).unwrap();
            assert_eq!(name, r.1.trim_end_matches('*'), "{r:?} finds its own row");
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
