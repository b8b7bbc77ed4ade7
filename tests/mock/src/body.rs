//! Response body: either complete, or a sequence of frames sent one per
//! write, with optional delays between them and an optional abort at the
//! end (which makes hyper drop the connection mid-body).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Body, Bytes, Frame, SizeHint};
use tokio::time::Sleep;

/// The error that aborts a response mid-body (`x-mock-break-after`).
#[derive(Debug)]
pub struct Broken;

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("mock: connection broken on purpose")
    }
}

impl std::error::Error for Broken {}

/// Pause before aborting, so data already handed to hyper reaches the
/// client first (with HTTP/2 a reset discards frames still queued).
const BREAK_GRACE: Duration = Duration::from_millis(20);

pub struct MockBody {
    state: State,
}

enum State {
    Full(Option<Bytes>),
    Frames(Frames),
}

struct Frames {
    frames: std::vec::IntoIter<Bytes>,
    delay: Option<Duration>,
    sleep: Option<Pin<Box<Sleep>>>,
    /// Fail after the last frame instead of ending cleanly.
    break_at_end: bool,
    /// Return `Pending` (and wake at once) before the next frame, so hyper
    /// flushes what it has: one event per write, and everything sent before
    /// an abort actually reaches the client.
    yield_next: bool,
    /// Whether the pause before an abort has been taken.
    grace_done: bool,
    /// Advertised length (a truncated fixed-length body), if any.
    size: Option<u64>,
}

impl MockBody {
    pub fn full(b: Bytes) -> MockBody {
        MockBody { state: State::Full(Some(b)) }
    }

    pub fn empty() -> MockBody {
        MockBody { state: State::Full(None) }
    }

    /// Streamed frames; `delay` between frames; abort after the last one if
    /// `break_at_end`.
    pub fn frames(frames: Vec<Bytes>, delay: Option<Duration>, break_at_end: bool) -> MockBody {
        MockBody {
            state: State::Frames(Frames {
                frames: frames.into_iter(),
                delay: delay.filter(|d| !d.is_zero()),
                sleep: None,
                break_at_end,
                yield_next: true,
                grace_done: false,
                size: None,
            }),
        }
    }

    /// A body advertising `full.len()` bytes that sends only the first half
    /// and then aborts.
    pub fn truncated(full: Bytes) -> MockBody {
        let size = full.len() as u64;
        let half = full.slice(..full.len() / 2);
        let mut b = MockBody::frames(vec![half], None, true);
        if let State::Frames(f) = &mut b.state {
            f.size = Some(size);
        }
        b
    }
}

impl Body for MockBody {
    type Data = Bytes;
    type Error = Broken;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Broken>>> {
        match &mut self.get_mut().state {
            State::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            State::Frames(f) => f.poll(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.state {
            State::Full(b) => b.is_none(),
            State::Frames(_) => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.state {
            State::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            State::Full(None) => SizeHint::with_exact(0),
            State::Frames(Frames { size: Some(n), .. }) => SizeHint::with_exact(*n),
            State::Frames(_) => SizeHint::default(),
        }
    }
}

impl Frames {
    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Broken>>> {
        if let Some(sleep) = self.sleep.as_mut() {
            if sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.sleep = None;
        } else if self.yield_next {
            self.yield_next = false;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        match self.frames.next() {
            Some(frame) => {
                let more = self.frames.len() > 0 || self.break_at_end;
                match self.delay {
                    // The sleep also lets hyper flush this frame.
                    Some(d) if more => self.sleep = Some(Box::pin(tokio::time::sleep(d))),
                    _ => self.yield_next = true,
                }
                Poll::Ready(Some(Ok(Frame::data(frame))))
            }
            None if self.break_at_end => {
                if !self.grace_done {
                    self.grace_done = true;
                    let mut grace = Box::pin(tokio::time::sleep(BREAK_GRACE));
                    if grace.as_mut().poll(cx).is_pending() {
                        self.sleep = Some(grace);
                        return Poll::Pending;
                    }
                }
                Poll::Ready(Some(Err(Broken)))
            }
            None => Poll::Ready(None),
        }
    }
}
