//! Scanning a stream of text fragments (e.g. the deltas of a streamed
//! completion), releasing text as soon as no finding can still cover it.
//!
//! The scanner keeps the unreleased text and some left context, re-runs the
//! detectors whose anchors lie after the committed point at each fragment,
//! and commits (per layer) every candidate that starts before the frontier:
//! the earliest start of a detector that read past the end of the text so
//! far ("hungry"), or of a finding a future anchor could still produce given
//! how the text ends (a partial anchor, a run of email or IPv6 characters,
//! ...). Overlaps are resolved with the same leftmost-longest rule as
//! [`Engine::scan`], in the same order, so the released text is exactly
//! `redact(whole, scan(whole))` whatever the fragment boundaries.

use std::rc::Rc;

use crate::engine::{
    overlap_group, resolve, Engine, Gen, LayerOut, GROUPS, LAYER_DLP, LAYER_GUARD,
};
use crate::normalize::{normalize_into, orig_end};
use crate::types::{DetectorId, DetectorSet, Finding, ProfileId};

/// Dead text (released, and older than every detector's left context) is
/// dropped once there is at least this much of it.
const TRIM_MIN: usize = 2048;

/// What a push (or finish) releases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StreamChunk {
    /// Text that may go to the client now, redactions applied.
    pub text: String,
    /// Findings that became final, with offsets in the whole stream's
    /// original text (sorted by start).
    pub findings: Vec<Finding>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Layer {
    /// Absolute original offset before which every finding is final.
    committed: usize,
    /// The profile has detectors of this layer.
    active: bool,
    /// ... and some of them are redacted.
    relevant: bool,
}

pub struct StreamScanner {
    engine: Rc<Engine>,
    profile: ProfileId,
    redact: DetectorSet,
    /// Original text from `base` (absolute offset) on.
    buf: String,
    base: usize,
    norm: Vec<u8>,
    /// Offsets into `buf` of each normalised byte.
    map: Vec<u32>,
    /// Length of `buf` normalised so far (the rest: an unfinished escape).
    normed: usize,
    /// DLP and guardrail layers.
    layers: [Layer; 2],
    /// End of the last finding of each overlap group.
    last_end: [usize; GROUPS],
    released: usize,
    queue: Vec<Finding>,
    left_context: usize,
    trim_min: usize,
}

impl StreamScanner {
    /// Tests only: trim dead text after every push (exercises the offset
    /// bookkeeping on every fragment).
    #[doc(hidden)]
    pub fn trim_eagerly(&mut self) {
        self.trim_min = 1;
    }

    /// A scanner for one stream. `redact`: the detectors whose findings are
    /// replaced in the released text (others are only reported).
    pub fn new(engine: Rc<Engine>, profile: ProfileId, redact: DetectorSet) -> StreamScanner {
        let set = engine.profile_detectors(profile);
        let dlp = set.intersection(engine.dlp_detectors());
        let guard = set.intersection(engine.guardrail_detectors());
        let left_context =
            engine.profiles.get(usize::from(profile.0)).map_or(0, |p| engine.left_context(p));
        StreamScanner {
            profile,
            redact: redact.intersection(set),
            buf: String::new(),
            base: 0,
            norm: Vec::new(),
            map: Vec::new(),
            normed: 0,
            layers: [
                Layer {
                    active: !dlp.is_empty(),
                    relevant: !redact.intersection(dlp).is_empty(),
                    ..Layer::default()
                },
                Layer {
                    active: !guard.is_empty(),
                    relevant: !redact.intersection(guard).is_empty(),
                    ..Layer::default()
                },
            ],
            last_end: [0; GROUPS],
            released: 0,
            queue: Vec::new(),
            left_context,
            trim_min: TRIM_MIN,
            engine,
        }
    }

    /// Adds a fragment; returns what may be released now.
    pub fn push(&mut self, fragment: &str) -> StreamChunk {
        self.buf.push_str(fragment);
        self.normalize(false);
        self.process(false)
    }

    /// Ends the stream: releases everything that is left.
    pub fn finish(&mut self) -> StreamChunk {
        self.normalize(true);
        self.process(true)
    }

    /// Normalises what is new in `buf` (with `fin`, also an unfinished
    /// escape at the end).
    fn normalize(&mut self, fin: bool) {
        let start = self.normed;
        let new = self.buf.get(start..).unwrap_or("");
        self.normed = start + normalize_into(new, start as u32, fin, &mut self.norm, &mut self.map);
    }

    /// Bytes of original text received but not released yet.
    pub fn held_bytes(&self) -> usize {
        (self.base + self.buf.len()).saturating_sub(self.released)
    }

    /// Bytes of original text kept in memory (unreleased text and context).
    pub fn buffered_bytes(&self) -> usize {
        self.buf.len()
    }

    /// Normalised index of an absolute original offset.
    fn idx(&self, abs: usize) -> usize {
        let rel = abs.saturating_sub(self.base);
        self.map.partition_point(|&x| (x as usize) < rel)
    }

    fn orig_at(&self, i: usize) -> usize {
        self.base + self.map.get(i).map_or(self.normed, |&x| x as usize)
    }

    fn process(&mut self, fin: bool) -> StreamChunk {
        // Only normalised text can be scanned and released.
        let end_abs = self.base + self.normed;
        let mut findings = Vec::new();
        let engine = Rc::clone(&self.engine);
        if let Some(p) = engine.profiles.get(usize::from(self.profile.0)) {
            let from = [
                self.idx(self.layers[LAYER_DLP].committed),
                self.idx(self.layers[LAYER_GUARD].committed),
            ];
            let mut outs = [LayerOut::default(), LayerOut::default()];
            let g = Gen { bytes: &self.norm, map: Some(&self.map), orig_len: self.normed, fin };
            engine.generate(p, &g, from, &mut outs);
            let len = self.norm.len();
            let buf = self.buf.as_bytes().get(..self.normed).unwrap_or(&[]);
            let (base, map, norm) = (self.base, &self.map, &self.norm);
            let redact = self.redact;
            let queue = &mut self.queue;
            for ((l, out), (layer, &from_l)) in
                outs.iter_mut().enumerate().zip(self.layers.iter_mut().zip(from.iter()))
            {
                if !layer.active {
                    layer.committed = end_abs;
                    continue;
                }
                let mut f = if fin {
                    len
                } else {
                    let mut f = len - engine.tail_hold(p, l, norm);
                    if let Some(pe) = out.pending {
                        f = f.min(pe);
                    }
                    f
                };
                f = f.max(from_l).min(len);
                while f > from_l && f < len && norm.get(f).is_some_and(|b| b & 0xC0 == 0x80) {
                    f -= 1;
                }
                out.cands.retain(|c| c.start >= from_l && c.start < f);
                let last_end = &mut self.last_end;
                let relevant = layer.relevant;
                resolve(&mut out.cands, |c| {
                    let s = base + map.get(c.start).map_or(buf.len(), |&x| x as usize);
                    let e = base + orig_end(Some(map), norm, buf, c.end);
                    let Some(last_end) = last_end.get_mut(overlap_group(c.det)) else { return };
                    if s >= *last_end {
                        *last_end = e;
                        let fd = Finding { detector: DetectorId(c.det), start: s, end: e };
                        findings.push(fd);
                        if relevant && redact.contains(fd.detector) {
                            queue.push(fd);
                        }
                    }
                });
                layer.committed = base + map.get(f).map_or(buf.len(), |&x| x as usize);
            }
        }
        let mut release_to = end_abs;
        if !fin {
            for layer in &self.layers {
                if layer.active && layer.relevant {
                    release_to = release_to.min(layer.committed);
                }
            }
        }
        self.queue.sort_unstable_by_key(Finding::order_key);
        let text = self.release(release_to);
        self.trim();
        findings.sort_unstable_by_key(Finding::order_key);
        StreamChunk { text, findings }
    }

    fn release(&mut self, to: usize) -> String {
        let mut out = String::new();
        let mut k = 0;
        while let Some(f) = self.queue.get(k).copied() {
            if f.start >= to {
                break;
            }
            k += 1;
            if f.start < self.released {
                continue;
            }
            out.push_str(
                self.buf.get(self.released - self.base..f.start - self.base).unwrap_or(""),
            );
            out.push_str(self.engine.replacement(f.detector));
            self.released = f.end;
        }
        self.queue.drain(..k);
        if to > self.released {
            out.push_str(self.buf.get(self.released - self.base..to - self.base).unwrap_or(""));
            self.released = to;
        }
        out
    }

    /// Drops text that is released and no longer needed as context.
    fn trim(&mut self) {
        let mut keep = self.released;
        for layer in &self.layers {
            if layer.active {
                keep = keep.min(layer.committed);
            }
        }
        let mut k = self.idx(keep).saturating_sub(self.left_context);
        while k > 0 && self.norm.get(k).is_some_and(|b| b & 0xC0 == 0x80) {
            k -= 1;
        }
        let t = (self.orig_at(k) - self.base).min(self.released - self.base);
        // Amortised: drop text only once there is a good chunk of it.
        if t < self.trim_min || !self.buf.is_char_boundary(t) {
            return;
        }
        let kn = self.map.partition_point(|&x| (x as usize) < t);
        self.norm.drain(..kn);
        self.map.drain(..kn);
        for m in &mut self.map {
            *m -= t as u32;
        }
        self.buf.drain(..t);
        self.normed = self.normed.saturating_sub(t);
        self.base += t;
    }
}
