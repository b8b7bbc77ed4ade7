//! The per-request host glue: reads what the host holds, hands it to the
//! [`Exchange`] state machine and applies the answer.

use std::cell::RefCell;
use std::rc::Rc;

use proxy_wasm::traits::{Context, HttpContext};
use proxy_wasm::types::Action;

use super::registry::Owner;
use super::{apply, BodyLens, HostServices};
use aigw_core::config::Config;
use aigw_core::errors::{ErrorCode, GatewayError};
use aigw_core::exchange::{BodyNeed, Exchange, Step};
use aigw_core::formats::Format;
use aigw_core::log_record::FILTER_STATE_KEY;

pub struct HttpFilter {
    id: u32,
    /// Shared with the registry (callout answers and timers reach it there).
    exchange: Option<Rc<RefCell<Exchange>>>,
}

impl HttpFilter {
    pub fn new(id: u32, config: Option<Rc<Config>>) -> Self {
        HttpFilter { id, exchange: config.map(|c| Rc::new(RefCell::new(Exchange::new(c)))) }
    }

    fn owner(&self) -> Option<Owner> {
        let ex = self.exchange.as_ref()?;
        Some(Owner { context_id: self.id, exchange: Rc::downgrade(ex) })
    }

    /// The gateway's own answer (a cache hit, an error) needs no reading
    /// (saves copying it into the VM).
    fn replied(&self) -> bool {
        self.exchange.as_ref().and_then(|e| e.try_borrow().ok()).is_some_and(|ex| ex.replied())
    }

    /// Runs `f` on the exchange and applies its step. None without a
    /// config, or (never expected) when the exchange is already borrowed.
    fn drive(
        &self,
        lens: BodyLens,
        f: impl FnOnce(&mut Exchange, &mut HostServices) -> Step,
    ) -> Option<Action> {
        let owner = self.owner()?;
        let step = {
            let ex = self.exchange.as_ref()?;
            let mut ex = ex.try_borrow_mut().ok()?;
            f(&mut ex, &mut HostServices)
        };
        Some(apply(step, lens, &owner))
    }

    /// Hands the request's OpenTelemetry attributes to Envoy as filter
    /// state, once (nothing when `otel.attributes` is off).
    fn hand_otel_attributes(&self) {
        let attrs = self
            .exchange
            .as_ref()
            .and_then(|e| e.try_borrow_mut().ok())
            .and_then(|mut ex| ex.take_otel_attributes());
        for (key, value) in attrs.iter().flatten() {
            super::set_filter_state(key, value.as_bytes());
        }
    }
}

impl Context for HttpFilter {
    fn on_http_call_response(
        &mut self,
        token: u32,
        num_headers: usize,
        body_size: usize,
        _trailers: usize,
    ) {
        super::deliver_callout(token, num_headers, body_size);
    }
}

impl HttpContext for HttpFilter {
    fn on_http_request_headers(&mut self, _num_headers: usize, end_of_stream: bool) -> Action {
        let headers = super::request_headers();
        let id = self.id;
        self.drive(BodyLens::default(), |ex, svc| {
            let step = ex.on_request_headers(&headers, end_of_stream, svc);
            ex.set_owner(id);
            step
        })
        .unwrap_or_else(fail_closed)
    }

    fn on_http_request_body(&mut self, body_size: usize, end_of_stream: bool) -> Action {
        let need = match self.exchange.as_ref().and_then(|e| e.try_borrow_mut().ok()) {
            Some(mut ex) => ex.request_body_need(body_size, end_of_stream),
            None => return Action::Pause,
        };
        match need {
            BodyNeed::Pass => Action::Continue,
            BodyNeed::Buffer => Action::Pause,
            BodyNeed::Stop(step) => match self.owner() {
                Some(owner) => apply(step, BodyLens::default(), &owner),
                None => Action::Pause,
            },
            BodyNeed::Complete => {
                let body = super::request_body(body_size);
                let lens = BodyLens { request: body.len(), response: 0 };
                self.drive(lens, |ex, svc| ex.on_request_body(&body, svc)).unwrap_or(Action::Pause)
            }
        }
    }

    fn on_http_request_trailers(&mut self, _num_trailers: usize) -> Action {
        // Trailers end the body: inspect it now or it would pass unchecked.
        let need = match self.exchange.as_ref().and_then(|e| e.try_borrow_mut().ok()) {
            Some(mut ex) => ex.request_trailers_need(),
            None => return Action::Continue,
        };
        match need {
            BodyNeed::Pass | BodyNeed::Buffer => Action::Continue,
            BodyNeed::Stop(step) => match self.owner() {
                Some(owner) => apply(step, BodyLens::default(), &owner),
                None => Action::Pause,
            },
            BodyNeed::Complete => {
                let body = super::request_body(usize::MAX);
                let lens = BodyLens { request: body.len(), response: 0 };
                self.drive(lens, |ex, svc| ex.on_request_body(&body, svc)).unwrap_or(Action::Pause)
            }
        }
    }

    fn on_http_response_headers(&mut self, _num_headers: usize, end_of_stream: bool) -> Action {
        let action = if self.replied() {
            self.drive(BodyLens::default(), |ex, _| ex.on_local_reply_headers())
                .unwrap_or(Action::Continue)
        } else {
            let status_only = self
                .exchange
                .as_ref()
                .and_then(|e| e.try_borrow().ok())
                .is_some_and(|ex| ex.response_reads_only_status());
            let headers =
                if status_only { super::response_status() } else { super::response_headers() };
            self.drive(BodyLens::default(), |ex, svc| {
                let step = ex.on_response_headers(&headers, svc);
                if end_of_stream {
                    return ex.on_response_complete_without_body(step);
                }
                step
            })
            .unwrap_or(Action::Continue)
        };
        if end_of_stream && action == Action::Continue {
            self.hand_otel_attributes();
        }
        action
    }

    fn on_http_response_body(&mut self, body_size: usize, end_of_stream: bool) -> Action {
        let action = self.response_body(body_size, end_of_stream);
        // The answer the client gets is complete (a paused one may still be
        // replaced, by a fallback's): before Envoy closes the trace span,
        // which it does before on_log.
        if end_of_stream && action == Action::Continue {
            self.hand_otel_attributes();
        }
        action
    }

    fn on_log(&mut self) {
        // A request that ended without a response's end still has them.
        self.hand_otel_attributes();
        let done = self
            .exchange
            .as_ref()
            .and_then(|e| e.try_borrow_mut().ok())
            .map(|mut ex| (ex.finish_log(&mut HostServices), ex.take_deferred()));
        if let Some((record, deferred)) = done {
            super::set_filter_state(FILTER_STATE_KEY, &record);
            if let (false, Some(owner)) = (deferred.is_empty(), self.owner()) {
                // Fire-and-forget callouts (settlements) outlive the request.
                apply(
                    Step { ops: deferred, flow: aigw_core::exchange::Flow::Continue },
                    BodyLens::default(),
                    &owner,
                );
            }
        }
    }
}

impl HttpFilter {
    fn response_body(&mut self, body_size: usize, end_of_stream: bool) -> Action {
        if self.replied() {
            return Action::Continue;
        }
        if let Some(mut ex) = self.exchange.as_ref().and_then(|e| e.try_borrow_mut().ok()) {
            if ex.response_passes_unread() {
                // Nothing reads it (an MCP answer no policy inspects).
                ex.on_response_passed(body_size, end_of_stream);
                return Action::Continue;
            }
        }
        // An answer held whole is read on the memory budget, or refused.
        let hold = match self.exchange.as_ref().and_then(|e| e.try_borrow_mut().ok()) {
            Some(mut ex) => ex.reserve_whole_response(body_size, end_of_stream),
            None => Ok(None),
        };
        let _hold = match hold {
            Ok(h) => h,
            Err(step) => {
                return match self.owner() {
                    Some(owner) => apply(step, BodyLens::default(), &owner),
                    None => Action::Pause,
                }
            }
        };
        let chunk = super::response_body(body_size);
        let lens = BodyLens { request: 0, response: chunk.len() };
        self.drive(lens, |ex, svc| ex.on_response_body(&chunk, end_of_stream, svc))
            .unwrap_or(Action::Continue)
    }
}

fn fail_closed() -> Action {
    super::log(super::Level::Error, "request without a configuration; failing closed");
    let e = GatewayError::new(ErrorCode::Internal, "the gateway has no valid configuration");
    let headers = aigw_core::headers::encode(&[("content-type", b"application/json")]);
    let _ =
        super::abi::send_local_response(u32::from(e.status()), &headers, &e.body(Format::OpenAi));
    Action::Pause
}
