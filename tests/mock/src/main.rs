//! aigw-mock: a deterministic stand-in for the OpenAI, Anthropic, Bedrock and Gemini APIs,
//! with fault injection and a record of received requests.
//!
//! ```text
//! aigw-mock --listen 127.0.0.1:18080 [--threads N] [--max-records N]
//! ```

mod anthropic;
mod bedrock;
mod body;
mod common;
mod control;
mod dialect;
mod faults;
mod gemini;
mod mcp;
mod openai;
mod record;
mod responses;
mod server;
mod text;

#[cfg(test)]
mod tests;

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use crate::faults::Script;
use crate::record::Recorder;
use crate::server::App;

const USAGE: &str = "usage: aigw-mock [--listen ADDR (default 127.0.0.1:18080)] [--threads N (default 1)] [--max-records N (default 10000)]";

#[derive(Debug, PartialEq, Eq)]
struct Args {
    listen: String,
    threads: usize,
    max_records: usize,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args { listen: "127.0.0.1:18080".into(), threads: 1, max_records: 10_000 };
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value =
            || inline.clone().or_else(|| it.next()).ok_or_else(|| format!("{name} needs a value"));
        match name.as_str() {
            "--listen" => args.listen = value()?,
            "--threads" => {
                args.threads = value()?
                    .parse()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or("--threads must be a positive integer")?;
            }
            "--max-records" => {
                args.max_records =
                    value()?.parse().map_err(|_| "--max-records must be a non-negative integer")?;
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("aigw-mock: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // One thread: a current-thread runtime (no work-stealing overhead).
    let rt = if args.threads == 1 {
        tokio::runtime::Builder::new_current_thread().enable_all().build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(args.threads)
            .enable_all()
            .build()
    };
    let rt = match rt {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("aigw-mock: cannot start runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(async {
        let listener = match tokio::net::TcpListener::bind(&args.listen).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("aigw-mock: cannot listen on {}: {e}", args.listen);
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().map_or_else(|_| args.listen.clone(), |a| a.to_string());
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "aigw-mock listening on {addr}");
        let _ = out.flush();
        drop(out);
        let app =
            Arc::new(App { records: Recorder::new(args.max_records), script: Script::default() });
        server::serve(listener, app, shutdown_signal()).await;
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod args_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parse(v: &[&str]) -> Result<Args, String> {
        parse_args(v.iter().map(|s| s.to_string()))
    }

    #[test]
    fn cli() {
        assert_eq!(
            parse(&[]).unwrap(),
            Args { listen: "127.0.0.1:18080".into(), threads: 1, max_records: 10_000 }
        );
        let a = parse(&["--listen", "127.0.0.1:0", "--threads=2", "--max-records", "5"]).unwrap();
        assert_eq!(a.listen, "127.0.0.1:0");
        assert_eq!(a.threads, 2);
        assert_eq!(a.max_records, 5);
        assert!(parse(&["--threads", "0"]).is_err());
        assert!(parse(&["--listen"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
        assert_eq!(parse(&["--help"]).unwrap_err(), "");
    }
}
