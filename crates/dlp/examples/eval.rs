//! Evaluation runner: reads JSONL `{"text": ..., "labels": [...]}` on stdin,
//! writes one JSONL line of findings per input line on stdout, scanning with
//! the `builtin` profile: `{"findings": [{"detector", "category", "start",
//! "end"}]}` (byte offsets into the UTF-8 text). Used by `tests/eval/`.

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
        let text = serde_json::from_str::<Value>(&line)
            .ok()
            .and_then(|v| v.get("text").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_default();
        let findings: Vec<Value> = engine
            .scan(p, &text)
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
