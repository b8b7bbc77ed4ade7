//! Presets for OpenAI-compatible clouds: `"kind": "groq"` instead of
//! `"kind": "openai_compatible"` and a base URL. A preset is one row of
//! [`PRESETS`]; everything else about these clouds is OpenAI's format (the
//! key as `Authorization: Bearer`, errors, usage). Their usage quirks are
//! read by OpenAI's reader (`formats::openai::usage`, `usage::Envelope`),
//! where they cannot be mistaken for anything else.
//!
//! Each base URL stops before `/v1`, so a client's base URL is always
//! `http://<gateway>/<provider>/v1`, as for OpenAI. `base_url` in the config
//! overrides the preset's (a regional endpoint, a proxy, a test mock).

/// One OpenAI-compatible cloud.
#[derive(Debug, PartialEq, Eq)]
pub struct Preset {
    /// The `kind` that names it.
    pub name: &'static str,
    pub base_url: &'static str,
    /// Whether it accepts `stream_options`. Mistral refuses the field
    /// (422 `extra_forbidden`) and puts usage in the last chunk of every
    /// stream anyway: the gateway never adds it there.
    pub stream_options: bool,
}

/// The presets, by name. Quirks the gateway handles (see the module doc):
/// Groq also reports stream usage in `x_groq.usage` on the last chunk;
/// DeepSeek counts cached prompt tokens in `prompt_cache_hit_tokens`.
pub const PRESETS: &[Preset] = &[
    Preset { name: "groq", base_url: "https://api.groq.com/openai", stream_options: true },
    Preset { name: "mistral", base_url: "https://api.mistral.ai", stream_options: false },
    Preset { name: "deepseek", base_url: "https://api.deepseek.com", stream_options: true },
    Preset { name: "xai", base_url: "https://api.x.ai", stream_options: true },
    Preset { name: "cerebras", base_url: "https://api.cerebras.ai", stream_options: true },
    Preset { name: "together", base_url: "https://api.together.xyz", stream_options: true },
    Preset {
        name: "fireworks",
        base_url: "https://api.fireworks.ai/inference",
        stream_options: true,
    },
    Preset { name: "openrouter", base_url: "https://openrouter.ai/api", stream_options: true },
    Preset { name: "huggingface", base_url: "https://router.huggingface.co", stream_options: true },
];

/// The preset named `name`.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_base_urls_stop_before_v1() {
        for (i, p) in PRESETS.iter().enumerate() {
            assert!(PRESETS.iter().skip(i + 1).all(|q| q.name != p.name), "{}", p.name);
            assert!(p.base_url.starts_with("https://") && !p.base_url.ends_with("/v1"));
            assert_eq!(find(p.name), Some(p));
        }
        assert_eq!(find("gpt"), None);
    }
}
