//! Notices a filter loaded without `allow_on_headers_stop_iteration: true`.
//!
//! The gateway pauses the request headers until it has read the body. Without
//! that flag Envoy turns the pause into "stop everything" and never hands the
//! filter the body (istio/istio#30213): the request would hang until the
//! client gives up. Istio's `WasmPlugin` cannot set the flag, so this is what
//! a plain `WasmPlugin` deployment gets.
//!
//! The filter cannot ask Envoy for its own config, but it can see the
//! symptom: Envoy counts the bytes it has received on the stream
//! (`request.total_size`) whether or not a filter got them. A request paused
//! for its body checks on a timer: once Envoy holds more of the request than
//! at the headers and no body callback came, the flag is missing (with it,
//! each chunk reaches the filter as it arrives). The request then gets a 500
//! naming the flag, and Envoy's log says so once per worker. A slow client
//! whose body has not arrived yet is never mistaken for it: the bytes have
//! not grown.
//!
//! Answers are held the same way (a DLP response policy holds a JSON answer
//! until it is scanned). Envoy tells nothing of what it has received from
//! upstream, so until the VM knows, a held answer whose body does not reach
//! the filter within [`RESPONSE_WAIT_NS`] of its headers is taken as the
//! same sign. The VM knows as soon as one paused request or held answer got
//! its body (the flag is there: nothing is watched any more), or one did
//! not (it is missing: a request with a body to come and an answer to hold
//! are refused at once, never passed unscanned).

use super::{Exchange, Op, Stage, Step, TimerPurpose};
use crate::errors::{ErrorCode, GatewayError};
use crate::services::Services;

/// How often a request waiting for its body looks (ns).
pub(super) const INTERVAL_NS: u64 = 50_000_000;

pub const MISSING_FLAG: &str = "the gateway's Envoy filter is loaded without \
     allow_on_headers_stop_iteration: true, so Envoy never hands it a request body; \
     load it with the flag (under Istio: the EnvoyFilter in k8s/, not a WasmPlugin)";

/// How long a held answer may wait for its body after its headers (ns).
/// JSON APIs send the body right behind the headers.
pub(super) const RESPONSE_WAIT_NS: u64 = 2_000_000_000;

/// What a request's watch waits for: one at a time (a request paused for
/// its body has no answer yet; a held answer's request is over).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Watch {
    Off,
    /// The request's body, paused at its headers: what Envoy had received
    /// then.
    RequestBody {
        seen: u64,
    },
    /// A held answer's body.
    ResponseBody,
}

impl Exchange {
    /// A request paused at its headers for a body that is still to come:
    /// remember what Envoy had received, and look again shortly.
    /// Not once the VM knows the flag is there (the common case costs nothing).
    pub(super) fn watch_body(&mut self, svc: &mut dyn Services) -> Option<Op> {
        if self.config.stop_iteration_allowed.get() == Some(true) {
            return None;
        }
        let seen = svc.request_bytes_received()?;
        self.watch = Watch::RequestBody { seen };
        Some(Op::WakeAt {
            at: svc.now_ns().saturating_add(INTERVAL_NS),
            purpose: TimerPurpose::BodyWatch,
        })
    }

    pub(super) fn flag_missing(&self) -> bool {
        self.config.stop_iteration_allowed.get() == Some(false)
    }

    /// A body callback came. If the headers were paused for it, the flag is
    /// there (and no answer of this VM needs watching).
    pub(super) fn body_arrived(&mut self) {
        if matches!(self.watch, Watch::RequestBody { .. }) {
            self.watch = Watch::Off;
        }
        if self.stage == Stage::RequestBody {
            self.config.stop_iteration_allowed.set(Some(true));
        }
    }

    /// The flag is missing: this request is answered with the error (from a
    /// callback or a timer: the local reply ends it either way).
    pub(super) fn missing_flag(&mut self, svc: &mut dyn Services) -> Step {
        // Known VM-wide (one VM per Envoy worker): the log says it once,
        // and later requests are refused without waiting.
        if self.config.stop_iteration_allowed.replace(Some(false)) != Some(false) {
            svc.warn(&format!("requests that the gateway holds fail: {MISSING_FLAG}"));
        }
        self.reply(GatewayError::new(ErrorCode::Internal, MISSING_FLAG))
    }

    /// An answer is held at its headers: its body must follow. Watched only
    /// while the VM does not know yet whether the flag is there.
    pub(super) fn watch_response(&mut self, svc: &mut dyn Services) -> Option<Op> {
        if self.config.stop_iteration_allowed.get().is_some() {
            return None;
        }
        self.watch = Watch::ResponseBody;
        Some(Op::WakeAt {
            at: svc.now_ns().saturating_add(RESPONSE_WAIT_NS),
            purpose: TimerPurpose::ResponseBodyWatch,
        })
    }

    pub(super) fn response_body_arrived(&mut self) {
        if self.end_response_watch() {
            self.config.stop_iteration_allowed.set(Some(true));
        }
    }

    /// Ends the watch of a held answer; true if there was one.
    pub(super) fn end_response_watch(&mut self) -> bool {
        let watched = self.watch == Watch::ResponseBody;
        if watched {
            self.watch = Watch::Off;
        }
        watched
    }

    pub(super) fn response_watch_due(&mut self, svc: &mut dyn Services) -> Step {
        if !self.end_response_watch()
            || self.stage != Stage::Responding
            || !self.dlp_holds_response()
        {
            return Step::cont(Vec::new());
        }
        self.missing_flag(svc)
    }

    pub(super) fn body_watch_due(&mut self, svc: &mut dyn Services) -> Step {
        let Watch::RequestBody { seen: before } = self.watch else {
            return Step::cont(Vec::new());
        };
        if self.stage != Stage::RequestBody {
            self.watch = Watch::Off;
            return Step::cont(Vec::new());
        }
        match svc.request_bytes_received() {
            Some(now) if now > before => {
                self.watch = Watch::Off;
                self.missing_flag(svc)
            }
            Some(_) => Step::pause(vec![Op::WakeAt {
                at: svc.now_ns().saturating_add(INTERVAL_NS),
                purpose: TimerPurpose::BodyWatch,
            }]),
            None => {
                self.watch = Watch::Off;
                Step::cont(Vec::new())
            }
        }
    }
}
