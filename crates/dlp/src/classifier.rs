//! Pure helpers for external classifiers reached by the integrator over
//! HTTP: build the request body, parse the answer. Parsing never panics;
//! anything unexpected is a [`ClassifierError`].

use std::fmt;

use serde_json::Value;

use crate::types::Category;

/// The answer could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassifierError(pub String);

impl fmt::Display for ClassifierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "classifier answer: {}", self.0)
    }
}

impl std::error::Error for ClassifierError {}

fn bad(msg: impl Into<String>) -> ClassifierError {
    ClassifierError(msg.into())
}

/// A category the classifier flagged, with its score (1.0 when the
/// classifier gives no score) and the classifier's own label.
#[derive(Clone, Debug, PartialEq)]
pub struct Flag {
    pub category: Category,
    pub score: f64,
    pub label: String,
}

/// OpenAI-moderations-style endpoint (`POST /v1/moderations`).
pub mod moderation {
    use super::*;

    /// `{"input": text, "model": model}` (no `model` when `None`).
    pub fn request_body(text: &str, model: Option<&str>) -> String {
        let mut obj = serde_json::Map::new();
        obj.insert("input".into(), Value::String(text.to_string()));
        if let Some(m) = model {
            obj.insert("model".into(), Value::String(m.to_string()));
        }
        Value::Object(obj).to_string()
    }

    /// Maps an OpenAI moderation label to a guardrail category (`None`:
    /// not one of ours, e.g. `sexual` (adults) or `illicit`).
    pub fn map_label(label: &str) -> Option<Category> {
        Some(match label {
            "sexual/minors" => Category::SexualMinors,
            "hate" | "hate/threatening" | "harassment" | "harassment/threatening" => Category::Hate,
            "self-harm" | "self-harm/intent" | "self-harm/instructions" | "self_harm" => {
                Category::SelfHarm
            }
            "violence" | "violence/graphic" => Category::Violence,
            "illicit/violent" => Category::Weapons,
            _ => return None,
        })
    }

    /// Parses the answer: `results[0].category_scores` (scores at or above
    /// `threshold` are flags) or, without scores, `results[0].categories`
    /// (true is a flag with score 1). One flag per category, the highest
    /// score, sorted by category.
    pub fn parse_response(body: &[u8], threshold: f64) -> Result<Vec<Flag>, ClassifierError> {
        let v: Value = serde_json::from_slice(body).map_err(|e| bad(format!("not JSON: {e}")))?;
        if let Some(err) = v.get("error") {
            return Err(bad(format!("error answer: {err}")));
        }
        let r0 = v
            .get("results")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .ok_or_else(|| bad("no results[0]"))?;
        let mut flags: Vec<Flag> = Vec::new();
        let mut add = |label: &str, score: f64| {
            let Some(category) = map_label(label) else { return };
            match flags.iter_mut().find(|f| f.category == category) {
                Some(f) if f.score >= score => {}
                Some(f) => {
                    f.score = score;
                    f.label = label.to_string();
                }
                None => flags.push(Flag { category, score, label: label.to_string() }),
            }
        };
        if let Some(scores) = r0.get("category_scores") {
            let scores =
                scores.as_object().ok_or_else(|| bad("category_scores is not an object"))?;
            for (label, s) in scores {
                let s =
                    s.as_f64().ok_or_else(|| bad(format!("score of {label} is not a number")))?;
                if s.is_finite() && s >= threshold {
                    add(label, s);
                }
            }
        } else if let Some(cats) = r0.get("categories") {
            let cats = cats.as_object().ok_or_else(|| bad("categories is not an object"))?;
            for (label, b) in cats {
                if b.as_bool().ok_or_else(|| bad(format!("{label} is not a boolean")))? {
                    add(label, 1.0);
                }
            }
        } else {
            return Err(bad("results[0] has neither category_scores nor categories"));
        }
        flags.sort_by_key(|f| f.category);
        Ok(flags)
    }
}

/// Llama Guard (3) behind an OpenAI-compatible chat endpoint.
pub mod llama_guard {
    use super::*;

    /// Whose message is classified.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Role {
        /// A prompt (`User` in the Llama Guard prompt).
        User,
        /// A completion (`Agent`).
        Agent,
    }

    /// The Llama Guard 3 hazard taxonomy.
    pub const CATEGORIES: [(&str, &str); 14] = [
        ("S1", "Violent Crimes"),
        ("S2", "Non-Violent Crimes"),
        ("S3", "Sex-Related Crimes"),
        ("S4", "Child Sexual Exploitation"),
        ("S5", "Defamation"),
        ("S6", "Specialized Advice"),
        ("S7", "Privacy"),
        ("S8", "Intellectual Property"),
        ("S9", "Indiscriminate Weapons"),
        ("S10", "Hate"),
        ("S11", "Suicide & Self-Harm"),
        ("S12", "Sexual Content"),
        ("S13", "Elections"),
        ("S14", "Code Interpreter Abuse"),
    ];

    /// Maps an S-code to our categories (`None`: not one of ours).
    pub fn map_code(code: &str) -> Option<Category> {
        Some(match code {
            "S1" => Category::Violence,
            "S4" => Category::SexualMinors,
            "S7" => Category::Pii,
            "S9" => Category::Weapons,
            "S10" => Category::Hate,
            "S11" => Category::SelfHarm,
            _ => return None,
        })
    }

    /// The Llama Guard 3 classification prompt for one message (without the
    /// model's special tokens: the server's chat template adds them).
    pub fn prompt(role: Role, text: &str) -> String {
        let who = match role {
            Role::User => "User",
            Role::Agent => "Agent",
        };
        let mut s = format!(
            "Task: Check if there is unsafe content in '{who}' messages in conversations according our safety policy with the below categories.\n\n<BEGIN UNSAFE CONTENT CATEGORIES>\n"
        );
        for (code, name) in CATEGORIES {
            s.push_str(code);
            s.push_str(": ");
            s.push_str(name);
            s.push_str(".\n");
        }
        s.push_str("<END UNSAFE CONTENT CATEGORIES>\n\n<BEGIN CONVERSATION>\n\n");
        s.push_str(who);
        s.push_str(": ");
        s.push_str(text);
        s.push_str("\n\n<END CONVERSATION>\n\n");
        s.push_str(&format!(
            "Provide your safety assessment for ONLY THE LAST {who} message in the above conversation:\n - First line must read 'safe' or 'unsafe'.\n - If unsafe, a second line must include a comma-separated list of violated categories."
        ));
        s
    }

    /// A chat completion request. With `explicit_prompt` the message is the
    /// full Llama Guard prompt (servers without Llama Guard's chat template);
    /// without, the message itself is sent with its role (`user` or
    /// `assistant`) and the server's template builds the prompt (vLLM,
    /// Ollama with the Llama Guard model).
    pub fn request_body(model: &str, role: Role, text: &str, explicit_prompt: bool) -> String {
        let messages = if explicit_prompt {
            serde_json::json!([{"role": "user", "content": prompt(role, text)}])
        } else {
            match role {
                Role::User => serde_json::json!([{"role": "user", "content": text}]),
                // Llama Guard classifies the last agent turn of a conversation.
                Role::Agent => serde_json::json!([
                    {"role": "user", "content": ""},
                    {"role": "assistant", "content": text}
                ]),
            }
        };
        serde_json::json!({"model": model, "messages": messages, "temperature": 0, "max_tokens": 20})
            .to_string()
    }

    /// The verdict.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum Verdict {
        Safe,
        /// The S-codes, each with our category when there is one.
        Unsafe(Vec<(String, Option<Category>)>),
    }

    impl Verdict {
        /// Our categories in an unsafe verdict (deduplicated, sorted).
        pub fn categories(&self) -> Vec<Category> {
            let mut c: Vec<Category> = match self {
                Verdict::Safe => Vec::new(),
                Verdict::Unsafe(v) => v.iter().filter_map(|(_, c)| *c).collect(),
            };
            c.sort();
            c.dedup();
            c
        }
    }

    /// Parses the model's text: `safe`, or `unsafe` and a line of codes
    /// (`S1,S10`).
    pub fn parse_text(text: &str) -> Result<Verdict, ClassifierError> {
        let mut lines = text.trim().lines().map(str::trim).filter(|l| !l.is_empty());
        let first = lines.next().ok_or_else(|| bad("empty verdict"))?;
        match first.to_ascii_lowercase().as_str() {
            "safe" => Ok(Verdict::Safe),
            "unsafe" => {
                let mut codes = Vec::new();
                if let Some(l) = lines.next() {
                    for c in l.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                        let c = c.to_ascii_uppercase();
                        let num = c.strip_prefix('S').and_then(|n| n.parse::<u32>().ok());
                        if !num.is_some_and(|n| (1..=99).contains(&n)) {
                            return Err(bad(format!("not a category code: {c:?}")));
                        }
                        let cat = map_code(&c);
                        codes.push((c, cat));
                    }
                }
                Ok(Verdict::Unsafe(codes))
            }
            other => Err(bad(format!(
                "verdict is neither safe nor unsafe: {:?}",
                other.chars().take(40).collect::<String>()
            ))),
        }
    }

    /// Parses a chat completion answer (`choices[0].message.content`).
    pub fn parse_response(body: &[u8]) -> Result<Verdict, ClassifierError> {
        let v: Value = serde_json::from_slice(body).map_err(|e| bad(format!("not JSON: {e}")))?;
        if let Some(err) = v.get("error") {
            return Err(bad(format!("error answer: {err}")));
        }
        let content = v
            .get("choices")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(|c| c.get("message"))
            .and_then(|m| m.get("content"))
            .and_then(Value::as_str)
            .ok_or_else(|| bad("no choices[0].message.content"))?;
        parse_text(content)
    }
}

#[cfg(test)]
mod tests {
    use super::llama_guard::{self, Role, Verdict};
    use super::moderation;
    use crate::types::Category;

    #[test]
    fn moderation_request_and_parse() {
        let body = moderation::request_body("hi \"x\"", Some("omni-moderation-latest"));
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["input"], "hi \"x\"");
        assert_eq!(v["model"], "omni-moderation-latest");
        let ans = br#"{"id":"m","model":"x","results":[{"flagged":true,
            "categories":{"violence":true,"hate":false,"self-harm/intent":true},
            "category_scores":{"violence":0.91,"violence/graphic":0.2,"hate":0.01,"self-harm/intent":0.7,"self-harm":0.4,"sexual":0.99}}]}"#;
        let flags = moderation::parse_response(ans, 0.5).unwrap();
        let cats: Vec<_> = flags.iter().map(|f| (f.category, f.score)).collect();
        assert_eq!(cats, vec![(Category::Violence, 0.91), (Category::SelfHarm, 0.7)]);
        let only_bools = br#"{"results":[{"categories":{"sexual/minors":true,"hate":false}}]}"#;
        let flags = moderation::parse_response(only_bools, 0.5).unwrap();
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].category, Category::SexualMinors);
    }

    #[test]
    fn moderation_garbage_is_an_error() {
        for g in [
            &b""[..],
            b"nope",
            b"{}",
            b"[]",
            br#"{"results":[]}"#,
            br#"{"results":[{"category_scores":[1]}]}"#,
            br#"{"results":[{"category_scores":{"hate":"high"}}]}"#,
            br#"{"error":{"message":"quota"}}"#,
            b"\xff\xfe",
        ] {
            assert!(moderation::parse_response(g, 0.5).is_err(), "{g:?}");
        }
    }

    #[test]
    fn llama_guard_request_and_parse() {
        let body =
            llama_guard::request_body("llama-guard3", Role::User, "how do I make a bomb", true);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let content = v["messages"][0]["content"].as_str().unwrap();
        assert!(content.contains("User: how do I make a bomb"));
        assert!(content.contains("S9: Indiscriminate Weapons."));
        let body = llama_guard::request_body("m", Role::Agent, "text", false);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["messages"][1]["role"], "assistant");

        let ans =
            br#"{"choices":[{"message":{"role":"assistant","content":"\n\nunsafe\nS1,S10"}}]}"#;
        let verdict = llama_guard::parse_response(ans).unwrap();
        assert_eq!(verdict.categories(), vec![Category::Violence, Category::Hate]);
        assert_eq!(llama_guard::parse_text("safe").unwrap(), Verdict::Safe);
        assert_eq!(
            llama_guard::parse_text("unsafe\nS2").unwrap(),
            Verdict::Unsafe(vec![("S2".into(), None)])
        );
    }

    #[test]
    fn llama_guard_garbage_is_an_error() {
        for g in ["", "maybe", "unsafe\nX1", "unsafe\nS", "unsafe\nS1000"] {
            assert!(llama_guard::parse_text(g).is_err(), "{g:?}");
        }
        for g in [
            &b"{}"[..],
            b"{\"choices\":[]}",
            b"{\"choices\":[{\"message\":{\"content\":5}}]}",
            b"\x00",
        ] {
            assert!(llama_guard::parse_response(g).is_err());
        }
    }
}
