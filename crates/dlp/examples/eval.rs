//! Evaluation runner: reads JSONL `{"text": ..., "labels": [...]}` on stdin,
//! writes one JSONL line of findings per input line on stdout, scanning with
//! the `builtin` profile: `{"findings": [{"detector", "category", "start",
//! "end"}]}` (byte offsets into the UTF-8 text). A line with
//! `"untrusted": true` is scanned as untrusted content (a tool result: the
//! statistical injection scorer runs too). Used by `tests/eval/`.

use std::io::{BufRead, BufWriter, Write};

use aigw_dlp::Engine;
use serde_json::{json, Value};

fn main() {
    let engine = Engine::builtin();
    let Some(p) = engine.profile("builtin") else { std::process::exit(2) };
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let v = serde_json::from_str::<Value>(&line).unwrap_or_default();
        let text = v.get("text").and_then(Value::as_str).unwrap_or_default();
        let found = if v.get("untrusted").and_then(Value::as_bool) == Some(true) {
            engine.scan_untrusted(p, text)
        } else {
            engine.scan(p, text)
        };
        let findings: Vec<Value> = found
            .iter()
            .map(|f| {
                json!({
                    "detector": engine.detector_name(f.detector),
                    "category": engine.category(f.detector).name(),
                    "start": f.start,
                    "end": f.end,
                })
            })
            .collect();
        if writeln!(out, "{}", json!({ "findings": findings })).is_err() {
            break;
        }
    }
    let _ = out.flush();
}
