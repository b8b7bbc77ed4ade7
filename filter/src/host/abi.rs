//! The raw proxy-wasm ABI calls the filter makes, with every status handled.
//!
//! The SDK's `hostcalls` panic on statuses they do not expect (and a panic
//! kills the VM for every request on the worker), so the calls the filter
//! uses on the request path are declared here and return `Result`. Statuses
//! stay plain `u32`: an unknown value from the host is an error, not UB.
#![allow(unsafe_code)]

use std::ptr::{null, null_mut};

pub const OK: u32 = 0;
pub const NOT_FOUND: u32 = 1;

pub const MAP_REQUEST_HEADERS: u32 = 0;
pub const MAP_RESPONSE_HEADERS: u32 = 2;
pub const BUFFER_REQUEST_BODY: u32 = 0;
pub const BUFFER_RESPONSE_BODY: u32 = 1;
pub const BUFFER_PLUGIN_CONFIGURATION: u32 = 7;

/// A host status other than Ok (and other than NotFound where that is an answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostStatus(pub u32);

#[link(wasm_import_module = "env")]
extern "C" {
    fn proxy_log(level: u32, message_data: *const u8, message_size: usize) -> u32;
    fn proxy_get_current_time_nanoseconds(return_time: *mut u64) -> u32;
    fn proxy_get_header_map_pairs(
        map_type: u32,
        return_map_data: *mut *mut u8,
        return_map_size: *mut usize,
    ) -> u32;
    fn proxy_get_header_map_value(
        map_type: u32,
        key_data: *const u8,
        key_size: usize,
        return_value_data: *mut *mut u8,
        return_value_size: *mut usize,
    ) -> u32;
    fn proxy_replace_header_map_value(
        map_type: u32,
        key_data: *const u8,
        key_size: usize,
        value_data: *const u8,
        value_size: usize,
    ) -> u32;
    fn proxy_remove_header_map_value(map_type: u32, key_data: *const u8, key_size: usize) -> u32;
    fn proxy_get_buffer_bytes(
        buffer_type: u32,
        start: usize,
        max_size: usize,
        return_buffer_data: *mut *mut u8,
        return_buffer_size: *mut usize,
    ) -> u32;
    fn proxy_set_buffer_bytes(
        buffer_type: u32,
        start: usize,
        size: usize,
        buffer_data: *const u8,
        buffer_size: usize,
    ) -> u32;
    #[allow(clippy::too_many_arguments)]
    fn proxy_send_local_response(
        status_code: u32,
        status_code_details_data: *const u8,
        status_code_details_size: usize,
        body_data: *const u8,
        body_size: usize,
        headers_data: *const u8,
        headers_size: usize,
        grpc_status: i32,
    ) -> u32;
    fn proxy_set_property(
        path_data: *const u8,
        path_size: usize,
        value_data: *const u8,
        value_size: usize,
    ) -> u32;
}

fn status(s: u32) -> Result<(), HostStatus> {
    if s == OK {
        Ok(())
    } else {
        Err(HostStatus(s))
    }
}

/// Takes ownership of memory the host allocated through the SDK's
/// `proxy_on_memory_allocate` (a boxed slice of exactly `size` bytes).
fn owned(data: *mut u8, size: usize) -> Vec<u8> {
    if data.is_null() {
        return Vec::new();
    }
    // SAFETY: the host wrote `size` bytes into a buffer of exactly that size
    // that it obtained from proxy_on_memory_allocate; we are its only owner.
    unsafe { Vec::from_raw_parts(data, size, size) }
}

pub fn log(level: u32, message: &str) -> Result<(), HostStatus> {
    // SAFETY: pointer and length describe a live &str.
    status(unsafe { proxy_log(level, message.as_ptr(), message.len()) })
}

pub fn now_ns() -> Result<u64, HostStatus> {
    let mut t: u64 = 0;
    // SAFETY: `t` is a valid out-pointer for the duration of the call.
    status(unsafe { proxy_get_current_time_nanoseconds(&mut t) })?;
    Ok(t)
}

pub fn header_pairs(map: u32) -> Result<Vec<u8>, HostStatus> {
    let mut data = null_mut();
    let mut size = 0usize;
    // SAFETY: out-pointers are valid; the result is owned below.
    status(unsafe { proxy_get_header_map_pairs(map, &mut data, &mut size) })?;
    Ok(owned(data, size))
}

/// One header's value (`None`: not there).
pub fn header_value(map: u32, key: &str) -> Result<Option<Vec<u8>>, HostStatus> {
    let mut data = null_mut();
    let mut size = 0usize;
    // SAFETY: key is a live &str, out-pointers are valid; the result is owned below.
    let s =
        unsafe { proxy_get_header_map_value(map, key.as_ptr(), key.len(), &mut data, &mut size) };
    match s {
        OK => Ok(Some(owned(data, size))),
        NOT_FOUND => Ok(None),
        other => Err(HostStatus(other)),
    }
}

pub fn replace_header(map: u32, key: &str, value: &[u8]) -> Result<(), HostStatus> {
    // SAFETY: both slices are live for the call.
    status(unsafe {
        proxy_replace_header_map_value(map, key.as_ptr(), key.len(), value.as_ptr(), value.len())
    })
}

pub fn remove_header(map: u32, key: &str) -> Result<(), HostStatus> {
    // SAFETY: key is a live &str.
    status(unsafe { proxy_remove_header_map_value(map, key.as_ptr(), key.len()) })
}

pub fn buffer(kind: u32, start: usize, max: usize) -> Result<Vec<u8>, HostStatus> {
    let mut data = null_mut();
    let mut size = 0usize;
    // SAFETY: out-pointers are valid; the result is owned below.
    let s = unsafe { proxy_get_buffer_bytes(kind, start, max, &mut data, &mut size) };
    match s {
        OK => Ok(owned(data, size)),
        NOT_FOUND => Ok(Vec::new()),
        other => Err(HostStatus(other)),
    }
}

pub fn set_buffer(kind: u32, start: usize, size: usize, value: &[u8]) -> Result<(), HostStatus> {
    // SAFETY: value is live for the call.
    status(unsafe { proxy_set_buffer_bytes(kind, start, size, value.as_ptr(), value.len()) })
}

pub fn send_local_response(code: u32, headers: &[u8], body: &[u8]) -> Result<(), HostStatus> {
    // SAFETY: all slices are live for the call; -1 means "not gRPC".
    status(unsafe {
        proxy_send_local_response(
            code,
            null(),
            0,
            body.as_ptr(),
            body.len(),
            headers.as_ptr(),
            headers.len(),
            -1,
        )
    })
}

pub fn set_property(path: &[u8], value: &[u8]) -> Result<(), HostStatus> {
    // SAFETY: both slices are live for the call.
    status(unsafe { proxy_set_property(path.as_ptr(), path.len(), value.as_ptr(), value.len()) })
}

pub const MAP_HTTP_CALL_RESPONSE_HEADERS: u32 = 6;
pub const BUFFER_HTTP_CALL_RESPONSE_BODY: u32 = 4;
pub const STREAM_HTTP_REQUEST: u32 = 0;
pub const CAS_MISMATCH: u32 = 8;
pub const METRIC_COUNTER: u32 = 0;
pub const METRIC_GAUGE: u32 = 1;
pub const METRIC_HISTOGRAM: u32 = 2;

#[link(wasm_import_module = "env")]
extern "C" {
    fn proxy_get_shared_data(
        key_data: *const u8,
        key_size: usize,
        return_value_data: *mut *mut u8,
        return_value_size: *mut usize,
        return_cas: *mut u32,
    ) -> u32;
    fn proxy_set_shared_data(
        key_data: *const u8,
        key_size: usize,
        value_data: *const u8,
        value_size: usize,
        cas: u32,
    ) -> u32;
    fn proxy_define_metric(
        metric_type: u32,
        name_data: *const u8,
        name_size: usize,
        return_id: *mut u32,
    ) -> u32;
    fn proxy_increment_metric(metric_id: u32, offset: i64) -> u32;
    fn proxy_record_metric(metric_id: u32, value: u64) -> u32;
    fn proxy_continue_stream(stream_type: u32) -> u32;
    fn proxy_set_effective_context(context_id: u32) -> u32;
}

/// A shared-data value and its CAS; None when the key is missing.
pub fn shared_get(key: &str) -> Result<Option<(Vec<u8>, u32)>, HostStatus> {
    let mut data = null_mut();
    let mut size = 0usize;
    let mut cas = 0u32;
    // SAFETY: key is live; out-pointers are valid; the result is owned below.
    let s =
        unsafe { proxy_get_shared_data(key.as_ptr(), key.len(), &mut data, &mut size, &mut cas) };
    match s {
        OK => Ok(Some((owned(data, size), cas))),
        NOT_FOUND => Ok(None),
        other => Err(HostStatus(other)),
    }
}

/// Writes a shared-data value; `cas` 0 means unconditional.
pub fn shared_set(key: &str, value: &[u8], cas: u32) -> Result<(), HostStatus> {
    // SAFETY: both slices are live for the call.
    status(unsafe {
        proxy_set_shared_data(key.as_ptr(), key.len(), value.as_ptr(), value.len(), cas)
    })
}

pub fn define_metric(kind: u32, name: &str) -> Result<u32, HostStatus> {
    let mut id = 0u32;
    // SAFETY: name is live; out-pointer valid.
    status(unsafe { proxy_define_metric(kind, name.as_ptr(), name.len(), &mut id) })?;
    Ok(id)
}

pub fn increment_metric(id: u32, delta: i64) -> Result<(), HostStatus> {
    // SAFETY: plain values.
    status(unsafe { proxy_increment_metric(id, delta) })
}

/// Sets a gauge, or records a value in a histogram.
pub fn record_metric(id: u32, value: u64) -> Result<(), HostStatus> {
    // SAFETY: plain values.
    status(unsafe { proxy_record_metric(id, value) })
}

pub fn continue_request() -> Result<(), HostStatus> {
    // SAFETY: plain value.
    status(unsafe { proxy_continue_stream(STREAM_HTTP_REQUEST) })
}

pub fn set_effective_context(id: u32) -> Result<(), HostStatus> {
    // SAFETY: plain value.
    status(unsafe { proxy_set_effective_context(id) })
}

#[link(wasm_import_module = "env")]
extern "C" {
    fn proxy_set_tick_period_milliseconds(period: u32) -> u32;
}

pub fn set_tick_period_ms(period: u32) -> Result<(), HostStatus> {
    // SAFETY: plain value.
    status(unsafe { proxy_set_tick_period_milliseconds(period) })
}

#[link(wasm_import_module = "env")]
extern "C" {
    fn proxy_get_property(
        path_data: *const u8,
        path_size: usize,
        return_value_data: *mut *mut u8,
        return_value_size: *mut usize,
    ) -> u32;
}

/// An Envoy attribute (path segments joined by NUL); None when absent.
pub fn property(path: &[u8]) -> Result<Option<Vec<u8>>, HostStatus> {
    let mut data = null_mut();
    let mut size = 0usize;
    // SAFETY: path is live; out-pointers are valid; the result is owned below.
    let s = unsafe { proxy_get_property(path.as_ptr(), path.len(), &mut data, &mut size) };
    match s {
        OK => Ok(Some(owned(data, size))),
        NOT_FOUND => Ok(None),
        other => Err(HostStatus(other)),
    }
}
