//! The worker's memo of recent request bodies: a repeated body (which is
//! what a cache hit is) skips the body's parse, its canonical walk and
//! SHA-256, at any size.
//!
//! An entry holds the exact bytes of a body, what the request parser read
//! from them ([`RequestSummary`]) and the cache keys computed for them, each
//! beside the exact key fields it was computed with (provider, path, query,
//! model, the caller's digest, stream, option headers). A body is found by a
//! cheap digest and then compared byte for byte; a key by an exact
//! comparison of its fields. So nothing here rests on a digest not
//! colliding, and the digest can be as cheap as it likes: xxh3 (fast, not
//! collision-resistant: fixed pairs of inputs collide for a noticeable share
//! of its seeds, xxHash issue #1127) over the length, the first and last
//! [`EDGE`] bytes and [`SAMPLES`] words spread over the rest. A collision
//! only sends a lookup to entries whose bytes then differ (a miss), and the
//! one pass a repeated body costs is the comparison. Two hot bodies of one
//! length that differ only between the sampled bytes share a set, which has
//! two ways for that. What a remembered entry gives is always what computing
//! it again would: the same summary, and the key for the same fields, so a
//! tenant, route or option header that differs never reuses another's key.
//!
//! Bounded: [`SLOTS`] direct-mapped slots holding at most [`MAX_BYTES`] of
//! bodies per worker, bodies up to [`MAX_BODY`] each.

use std::cell::RefCell;
use std::rc::Rc;

use super::key::Key;
use crate::request_body::RequestSummary;

/// Sets of remembered bodies per worker, each of [`WAYS`] entries.
const SETS: usize = 32;
const WAYS: usize = 2;
/// The digest reads this many bytes at each end of a body...
const EDGE: usize = 512;
/// ...and this many 8-byte words spread evenly between them.
const SAMPLES: usize = 64;
/// Bytes of bodies remembered per worker, at most.
pub const MAX_BYTES: usize = 4 << 20;
/// A larger body is not remembered.
pub const MAX_BODY: usize = 1 << 20;
/// Keys remembered per body (one per route, caller, option headers...).
const KEYS_PER_BODY: usize = 4;

/// One remembered body and what was learned from it.
#[derive(Debug)]
pub struct Remembered {
    /// The bytes as the client sent them (shared with the request that
    /// holds them, so a repeated request copies nothing).
    pub body: Rc<[u8]>,
    /// Whether it was parsed as an inference request (that changes what
    /// the parser accepts).
    inference: bool,
    pub summary: RequestSummary,
    /// (the key's fields other than the body, the key), newest last.
    keys: RefCell<Vec<(Box<[u8]>, Key)>>,
}

impl Remembered {
    /// The key remembered for exactly these fields.
    pub fn key(&self, fields: &[u8]) -> Option<Key> {
        let keys = self.keys.try_borrow().ok()?;
        keys.iter().find(|(f, _)| **f == *fields).map(|(_, k)| *k)
    }

    pub fn remember_key(&self, fields: &[u8], key: Key) {
        if let Ok(mut keys) = self.keys.try_borrow_mut() {
            if keys.len() >= KEYS_PER_BODY {
                keys.remove(0);
            }
            keys.push((fields.into(), key));
        }
    }
}

/// A body looked up: found, or where it would go.
pub struct Lookup {
    digest: u64,
    pub found: Option<Rc<Remembered>>,
}

struct Memo {
    sets: [Set; SETS],
    held: usize,
}

#[derive(Default)]
struct Set {
    ways: [Option<(u64, Rc<Remembered>)>; WAYS],
    /// The way used last (the other one is replaced first).
    recent: usize,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo { sets: Default::default(), held: 0 });
}

fn set_of(digest: u64) -> usize {
    (digest % SETS as u64) as usize
}

/// Where to look for a body: its length and sampled bytes (module doc).
fn digest(body: &[u8]) -> u64 {
    const SAMPLED: usize = 2 * EDGE + 8 * SAMPLES;
    let len = body.len();
    if len <= SAMPLED {
        return xxhash_rust::xxh3::xxh3_64(body);
    }
    let mut sample = [0u8; SAMPLED + 8];
    let (head, rest) = sample.split_at_mut(EDGE);
    let (words, tail) = rest.split_at_mut(8 * SAMPLES);
    head.copy_from_slice(body.get(..EDGE).unwrap_or_default());
    let middle = body.get(EDGE..len - EDGE).unwrap_or_default();
    let step = (middle.len().saturating_sub(8)) / SAMPLES;
    for (i, w) in words.chunks_exact_mut(8).enumerate() {
        w.copy_from_slice(middle.get(i * step..i * step + 8).unwrap_or(&[0; 8]));
    }
    let (edge, len_bytes) = tail.split_at_mut(EDGE);
    edge.copy_from_slice(body.get(len - EDGE..).unwrap_or_default());
    len_bytes.copy_from_slice(&(len as u64).to_le_bytes());
    xxhash_rust::xxh3::xxh3_64(&sample)
}

/// The remembered entry for exactly these bytes, parsed the same way.
pub fn find(body: &[u8], inference: bool) -> Lookup {
    if body.len() > MAX_BODY {
        return Lookup { digest: 0, found: None };
    }
    let digest = digest(body);
    let found = MEMO.with(|m| {
        let mut m = m.try_borrow_mut().ok()?;
        let set = m.sets.get_mut(set_of(digest))?;
        let way = set.ways.iter().position(|w| {
            w.as_ref().is_some_and(|(d, r)| {
                *d == digest && r.inference == inference && same_bytes(&r.body, body)
            })
        })?;
        set.recent = way;
        set.ways.get(way)?.as_ref().map(|(_, r)| Rc::clone(r))
    });
    Lookup { digest, found }
}

/// Remembers a body just parsed (replacing its slot's entry, and older
/// ones while the bound is exceeded). None when it is too large.
pub fn remember(
    lookup: &Lookup,
    body: Rc<[u8]>,
    inference: bool,
    summary: RequestSummary,
) -> Option<Rc<Remembered>> {
    if body.len() > MAX_BODY {
        return None;
    }
    let len = body.len();
    let entry = Rc::new(Remembered { body, inference, summary, keys: RefCell::new(Vec::new()) });
    MEMO.with(|m| {
        let mut m = m.try_borrow_mut().ok()?;
        let m = &mut *m;
        let at = set_of(lookup.digest);
        let set = m.sets.get_mut(at)?;
        // An empty way, else the one not used last.
        let way = set.ways.iter().position(Option::is_none).unwrap_or((set.recent + 1) % WAYS);
        set.recent = way;
        if let Some((_, old)) = set.ways.get_mut(way)?.take() {
            m.held = m.held.saturating_sub(old.body.len());
        }
        // Over the bound: forget entries of the sets after this one, in turn.
        let mut i = at;
        while m.held.saturating_add(len) > MAX_BYTES {
            i = (i + 1) % SETS;
            if i == at {
                break;
            }
            for w in m.sets.get_mut(i)?.ways.iter_mut() {
                if let Some((_, old)) = w.take() {
                    m.held = m.held.saturating_sub(old.body.len());
                }
            }
        }
        *m.sets.get_mut(at)?.ways.get_mut(way)? = Some((lookup.digest, Rc::clone(&entry)));
        m.held = m.held.saturating_add(len);
        Some(())
    });
    Some(entry)
}

/// Byte-for-byte equality, a word at a time: Wasm's `memcmp` (wasi-libc)
/// compares a byte at a time, and this runs over the whole body of every
/// repeated request.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (wa, wb) = (a.chunks_exact(32), b.chunks_exact(32));
    let (ta, tb) = (wa.remainder(), wb.remainder());
    for (x, y) in wa.zip(wb) {
        let mut diff = 0u64;
        for (p, q) in x.chunks_exact(8).zip(y.chunks_exact(8)) {
            let p = u64::from_ne_bytes(p.try_into().unwrap_or_default());
            let q = u64::from_ne_bytes(q.try_into().unwrap_or_default());
            diff |= p ^ q;
        }
        if diff != 0 {
            return false;
        }
    }
    ta == tb
}

/// Bytes of bodies the memo holds now (tests).
#[cfg(test)]
fn held() -> usize {
    MEMO.with(|m| m.borrow().held)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(model: &str) -> RequestSummary {
        RequestSummary { model: Some(model.into()), ..Default::default() }
    }

    #[test]
    fn finds_only_the_same_bytes_parsed_the_same_way() {
        let body: &[u8] = br#"{"model":"m","messages":[{"role":"user","content":"recent"}]}"#;
        let l = find(body, true);
        assert!(l.found.is_none());
        let r = remember(&l, body.into(), true, summary("m")).unwrap();
        let again = find(body, true).found.unwrap();
        assert!(Rc::ptr_eq(&r, &again));
        assert_eq!(again.summary, summary("m"));
        assert!(find(body, false).found.is_none());
        // One byte apart, anywhere, is another body.
        for at in [0, 20, body.len() - 1] {
            let mut other = body.to_vec();
            other[at] ^= 1;
            assert!(find(&other, true).found.is_none(), "{at}");
        }
    }

    #[test]
    fn bodies_alike_but_for_unsampled_bytes_are_told_apart() {
        // Same length, same sampled bytes: one set, two ways, both found.
        let a = format!(r#"{{"model":"m","pad":"{}"}}"#, "x".repeat(50_000));
        // A byte the sample skips (between the first two middle words).
        let mut c = a.clone().into_bytes();
        c[EDGE + 9] = b'y';
        assert_eq!(digest(a.as_bytes()), digest(&c));
        let ra = remember(&find(a.as_bytes(), true), a.as_bytes().into(), true, summary("a"));
        assert!(find(&c, true).found.is_none());
        let rc = remember(&find(&c, true), c.as_slice().into(), true, summary("c"));
        let (ra, rc) = (ra.unwrap(), rc.unwrap());
        assert!(Rc::ptr_eq(&find(a.as_bytes(), true).found.unwrap(), &ra));
        assert!(Rc::ptr_eq(&find(&c, true).found.unwrap(), &rc));
        assert_eq!(find(&c, true).found.unwrap().summary, summary("c"));
    }

    #[test]
    fn same_bytes_compares_every_byte() {
        let a: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        assert!(same_bytes(&a, &a.clone()));
        for at in [0, 7, 31, 32, 500, 991, 999] {
            let mut b = a.clone();
            b[at] = b[at].wrapping_add(1);
            assert!(!same_bytes(&a, &b), "{at}");
        }
        assert!(!same_bytes(&a, &a[..999]));
        assert!(same_bytes(b"", b""));
    }

    #[test]
    fn keys_are_found_by_their_exact_fields() {
        let body: &[u8] = br#"{"model":"m","messages":[{"role":"user","content":"keys"}]}"#;
        let r = remember(&find(body, true), body.into(), true, summary("m")).unwrap();
        r.remember_key(b"tenant-a", [1; 32]);
        r.remember_key(b"tenant-b", [2; 32]);
        assert_eq!(r.key(b"tenant-a"), Some([1; 32]));
        assert_eq!(r.key(b"tenant-b"), Some([2; 32]));
        assert_eq!(r.key(b"tenant-"), None);
        assert_eq!(r.key(b"tenant-ab"), None);
        for i in 0..KEYS_PER_BODY {
            r.remember_key(format!("other-{i}").as_bytes(), [9; 32]);
        }
        // Bounded: the oldest went first.
        assert_eq!(r.key(b"tenant-a"), None);
    }

    #[test]
    fn holds_at_most_its_bound() {
        let big = |i: usize| {
            let mut b = vec![b' '; MAX_BODY];
            b[..8].copy_from_slice(&(i as u64).to_le_bytes());
            b
        };
        for i in 0..3 * SETS * WAYS {
            let b = big(i);
            let l = find(&b, true);
            remember(&l, b.into(), true, summary("m")).unwrap();
            assert!(held() <= MAX_BYTES, "{}", held());
        }
        let too_big = vec![b' '; MAX_BODY + 1];
        assert!(remember(&find(&too_big, true), too_big.into(), true, summary("m")).is_none());
        assert!(held() <= MAX_BYTES);
    }
}
