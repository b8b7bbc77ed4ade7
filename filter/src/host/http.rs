//! The per-request host glue: reads what the host holds, hands it to the
//! [`Exchange`] state machine and applies the answer.

use std::rc::Rc;

use proxy_wasm::traits::{Context, HttpContext};
use proxy_wasm::types::Action;

use super::{apply, BodyLens};
use crate::config::Config;
use crate::exchange::{BodyNeed, Exchange};
use crate::log_record::FILTER_STATE_KEY;

pub struct HttpFilter {
    exchange: Option<Exchange>,
}

impl HttpFilter {
    pub fn new(config: Option<Rc<Config>>) -> Self {
        HttpFilter { exchange: config.map(Exchange::new) }
    }
}

impl Context for HttpFilter {}

impl HttpContext for HttpFilter {
    fn on_http_request_headers(&mut self, _num_headers: usize, end_of_stream: bool) -> Action {
        let Some(ex) = self.exchange.as_mut() else {
            return fail_closed();
        };
        let headers = super::request_headers();
        let step = ex.on_request_headers(&headers, end_of_stream, super::now_ns());
        apply(step, BodyLens::default())
    }

    fn on_http_request_body(&mut self, body_size: usize, end_of_stream: bool) -> Action {
        let Some(ex) = self.exchange.as_mut() else {
            return Action::Pause;
        };
        match ex.request_body_need(body_size, end_of_stream) {
            BodyNeed::Pass => Action::Continue,
            BodyNeed::Buffer => Action::Pause,
            BodyNeed::Stop(step) => apply(step, BodyLens::default()),
            BodyNeed::Complete => {
                let body = super::request_body(body_size);
                let step = ex.on_request_body(&body);
                apply(step, BodyLens { request: body.len(), response: 0 })
            }
        }
    }

    fn on_http_request_trailers(&mut self, _num_trailers: usize) -> Action {
        let Some(ex) = self.exchange.as_mut() else {
            return Action::Pause;
        };
        if !ex.request_trailers_complete_body() {
            return Action::Continue;
        }
        // Trailers end the body: inspect it now or it would pass unchecked.
        let body = super::request_body(usize::MAX);
        let step = ex.on_request_body(&body);
        apply(step, BodyLens { request: body.len(), response: 0 })
    }

    fn on_http_response_headers(&mut self, _num_headers: usize, end_of_stream: bool) -> Action {
        let Some(ex) = self.exchange.as_mut() else {
            return Action::Continue;
        };
        let headers = super::response_headers();
        let step = ex.on_response_headers(&headers, super::now_ns());
        if end_of_stream {
            ex.on_response_complete_without_body();
        }
        apply(step, BodyLens::default())
    }

    fn on_http_response_body(&mut self, body_size: usize, end_of_stream: bool) -> Action {
        let Some(ex) = self.exchange.as_mut() else {
            return Action::Continue;
        };
        let chunk = super::response_body(body_size);
        let step = ex.on_response_body(&chunk, end_of_stream);
        apply(step, BodyLens { request: 0, response: chunk.len() })
    }

    fn on_log(&mut self) {
        if let Some(ex) = self.exchange.as_mut() {
            let record = ex.finish_log(super::now_ns());
            super::set_filter_state(FILTER_STATE_KEY, &record);
        }
    }
}

fn fail_closed() -> Action {
    super::log(super::Level::Error, "request without a configuration; failing closed");
    let body = br#"{"error":{"message":"the gateway has no valid configuration","type":"api_error","code":"aigw_internal_error"}}"#;
    let headers = crate::headers::encode(&[("content-type", b"application/json")]);
    let _ = super::abi::send_local_response(500, &headers, body);
    Action::Pause
}
