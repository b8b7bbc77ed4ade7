//! Built-in DLP detectors: hand-written validators run at anchor positions
//! found by the engine's single Aho-Corasick pass.
//!
//! Each function gets the view, the anchor position (normalised bytes) and
//! the output; it returns the earliest start any candidate of this anchor
//! could have (used by streams while the result is not final).

use crate::small::Small;
use crate::view::{is_alnum, is_digit, is_ident, Cand, View};

/// Built-in detector ids (also their priority on exact ties: lower wins).
pub(crate) mod id {
    pub const PRIVATE_KEY: u16 = 0;
    pub const JWT: u16 = 1;
    pub const ANTHROPIC_KEY: u16 = 2;
    pub const OPENAI_KEY: u16 = 3;
    pub const GITHUB_TOKEN: u16 = 4;
    pub const SLACK_TOKEN: u16 = 5;
    pub const STRIPE_KEY: u16 = 6;
    pub const GOOGLE_API_KEY: u16 = 7;
    pub const AWS_ACCESS_KEY: u16 = 8;
    pub const AWS_SECRET_KEY: u16 = 9;
    pub const API_TOKEN: u16 = 10;
    pub const CREDENTIAL: u16 = 11;
    pub const CREDIT_CARD: u16 = 12;
    pub const IBAN: u16 = 13;
    pub const US_SSN: u16 = 14;
    pub const EMAIL: u16 = 15;
    pub const PHONE: u16 = 16;
    pub const IP_ADDRESS: u16 = 17;
    pub const PROMPT_INJECTION: u16 = 18;
    pub const JAILBREAK: u16 = 19;
    pub const VIOLENCE: u16 = 20;
    pub const SELF_HARM: u16 = 21;
    pub const HATE: u16 = 22;
    pub const SEXUAL_MINORS: u16 = 23;
    pub const WEAPONS: u16 = 24;
    /// The statistical scorer of untrusted content (`injection_model`).
    pub const INJECTION_MODEL: u16 = 25;
    /// Number of built-in detectors; custom detectors get ids from here.
    pub const BUILTIN_COUNT: u16 = 26;
    /// First guardrail id.
    pub const FIRST_GUARDRAIL: u16 = PROMPT_INJECTION;
}

use crate::types::Category;

/// Name, category and mask of each built-in detector, in id order.
pub(crate) const BUILTINS: [(&str, Category, &str); id::BUILTIN_COUNT as usize] = [
    ("private_key", Category::Secret, "PRIVATE_KEY"),
    ("jwt", Category::Secret, "JWT"),
    ("anthropic_key", Category::Secret, "ANTHROPIC_KEY"),
    ("openai_key", Category::Secret, "OPENAI_KEY"),
    ("github_token", Category::Secret, "GITHUB_TOKEN"),
    ("slack_token", Category::Secret, "SLACK_TOKEN"),
    ("stripe_key", Category::Secret, "STRIPE_KEY"),
    ("google_api_key", Category::Secret, "GOOGLE_API_KEY"),
    ("aws_access_key", Category::Secret, "AWS_ACCESS_KEY"),
    ("aws_secret_key", Category::Secret, "AWS_SECRET_KEY"),
    ("api_token", Category::Secret, "API_TOKEN"),
    ("credential", Category::Secret, "CREDENTIAL"),
    ("credit_card", Category::Financial, "CREDIT_CARD"),
    ("iban", Category::Financial, "IBAN"),
    ("us_ssn", Category::Pii, "US_SSN"),
    ("email", Category::Pii, "EMAIL"),
    ("phone", Category::Pii, "PHONE"),
    ("ip_address", Category::Pii, "IP_ADDRESS"),
    ("prompt_injection", Category::PromptInjection, "PROMPT_INJECTION"),
    ("jailbreak", Category::Jailbreak, "JAILBREAK"),
    ("violence", Category::Violence, "VIOLENCE"),
    ("self_harm", Category::SelfHarm, "SELF_HARM"),
    ("hate", Category::Hate, "HATE"),
    ("sexual_minors", Category::SexualMinors, "SEXUAL_MINORS"),
    ("weapons", Category::Weapons, "WEAPONS"),
    ("injection_model", Category::PromptInjection, "PROMPT_INJECTION"),
];

/// Longest private key block (header to footer) we wait for: an RSA-16384
/// key is ~12.6 KB of PEM. A longer block is cut here (the first 16 KiB are
/// one finding); see the crate docs.
pub(crate) const PEM_CAP: usize = 16 * 1024;
/// Longest JWT (or JWE) we wait for; a longer one is cut here.
pub(crate) const JWT_CAP: usize = 8 * 1024;
/// Longest email local part (RFC 5321).
pub(crate) const EMAIL_LOCAL_MAX: usize = 64;
/// Longest email domain.
pub(crate) const EMAIL_DOMAIN_MAX: usize = 253;
/// Longest run of hex digits, colons and dots an IPv6 address can span.
pub(crate) const IPV6_MAX: usize = 45;
/// How far before a bare 9-digit number the `us_ssn` context word may be.
pub(crate) const SSN_CONTEXT: usize = 48;

fn push(out: &mut Vec<Cand>, start: usize, end: usize, det: u16) {
    if end > start {
        out.push(Cand { start, end, det });
    }
}

/// True when the number starting at `i` continues a number or a word on its
/// left: a letter or digit right before it, or a digit and one of
/// `-./,:`. A word glued by punctuation (`CC:4111...`, `card-4111...`,
/// `No.4111...`, `card,4111...`) does not make it part of that word.
fn glued_left(v: &View, i: usize) -> bool {
    match v.before(i) {
        None => false,
        Some(p) if is_alnum(p) => true,
        Some(b'-' | b'.' | b'/' | b',' | b':') => i >= 2 && v.before(i - 1).is_some_and(is_digit),
        Some(_) => false,
    }
}

/// True when the number ending at `e` continues on its right (a letter or
/// digit, or one of `-./,` and a digit).
fn glued_right(v: &View, e: usize) -> bool {
    match v.at(e) {
        None => false,
        Some(p) if is_alnum(p) => true,
        Some(b'-' | b'.' | b'/' | b',') => v.is(e + 1, is_digit),
        Some(_) => false,
    }
}

fn digits_of<const N: usize>(v: &View, a: usize, b: usize, out: &mut Small<u8, N>) {
    for c in v.slice(a, b).iter().filter(|c| is_digit(**c)) {
        out.push(c - b'0');
    }
}

// ---------------------------------------------------------------- cards

pub(crate) fn luhn(d: &[u8]) -> bool {
    let mut sum = 0u32;
    for (k, &x) in d.iter().rev().enumerate() {
        let x = u32::from(x);
        sum += if k % 2 == 1 {
            let y = x * 2;
            if y > 9 {
                y - 9
            } else {
                y
            }
        } else {
            x
        };
    }
    sum.is_multiple_of(10)
}

fn prefix(d: &[u8], k: usize) -> u32 {
    d.iter().take(k).fold(0u32, |a, &x| a * 10 + u32::from(x))
}

/// Known issuer ranges (IIN) with their lengths.
pub(crate) fn card_brand_ok(d: &[u8]) -> bool {
    let n = d.len();
    let (p1, p2, p3, p4, p6) =
        (prefix(d, 1), prefix(d, 2), prefix(d, 3), prefix(d, 4), prefix(d, 6));
    let visa = p1 == 4 && matches!(n, 13 | 16 | 19);
    let mastercard = ((51..=55).contains(&p2) || (2221..=2720).contains(&p4)) && n == 16;
    let amex = (p2 == 34 || p2 == 37) && n == 15;
    let discover =
        (p4 == 6011 || (644..=649).contains(&p3) || p2 == 65 || (622126..=622925).contains(&p6))
            && (16..=19).contains(&n);
    let jcb = (3528..=3589).contains(&p4) && (16..=19).contains(&n)
        || (p4 == 2131 || p4 == 1800) && n == 15;
    let diners = ((300..=305).contains(&p3) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39)
        && (14..=19).contains(&n);
    let unionpay = p2 == 62 && (16..=19).contains(&n);
    let maestro = (p2 == 50
        || (56..=69).contains(&p2)
        || [5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].contains(&p4))
        && (12..=19).contains(&n);
    let mir = (2200..=2204).contains(&p4) && (16..=19).contains(&n);
    visa || mastercard || amex || discover || jcb || diners || unionpay || maestro || mir
}

fn card_grouping_ok(groups: &[usize]) -> bool {
    let total: usize = groups.iter().sum();
    // 12 digits (Maestro) only as one run: 4-4-4 is every other grouped
    // number.
    if !(12..=19).contains(&total) || total == 12 && groups.len() > 1 {
        return false;
    }
    match groups {
        [_] => true,
        [4, 6, 5] | [4, 6, 4] => true,
        [init @ .., last] => init.iter().all(|&g| g == 4) && (1..=4).contains(last),
        [] => false,
    }
}

/// Bytes that separate digit groups of a card number as people write them
/// (normalisation has already folded NBSP, exotic spaces, dashes and dots
/// into these): space, tab, line breaks (and vertical tab, form feed), `-`,
/// `.`, `/`, `_`, `,`.
#[inline]
pub(crate) fn is_card_sep(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-' | b'.' | b'/' | b'_' | b',')
}

/// Longest separator between two groups (` - `, `, `, `\r\n`, ` -- `,
/// a few spaces).
pub(crate) const CARD_SEP_MAX: usize = 4;

/// `credit_card`: 13–19 digits, optionally in groups (see
/// `card_grouping_ok`) separated by short runs of separators (see
/// `is_card_sep`), Luhn-valid, in a known issuer range.
pub(crate) fn credit_card(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    if glued_left(v, i) {
        return i;
    }
    let mut groups: Small<(usize, usize), 8> = Small::new();
    // seps[k]: the separator between groups k and k + 1.
    let mut seps: Small<(usize, usize), 8> = Small::new();
    let mut p = i;
    loop {
        let n = v.run(p, 19, is_digit);
        groups.push((p, p + n));
        let total: usize = groups.as_slice().iter().map(|(a, b)| b - a).sum();
        if total > 19 || groups.len() > 6 {
            break;
        }
        let e = p + n;
        let s = v.run(e, CARD_SEP_MAX, is_card_sep);
        if (1..=CARD_SEP_MAX).contains(&s) && v.is(e + s, is_digit) {
            seps.push((e, e + s));
            p = e + s;
        } else {
            break;
        }
    }
    let sep = |k: usize| seps.as_slice().get(k).map_or(&[][..], |&(a, b)| v.slice(a, b));
    let group_len = |k: usize| groups.as_slice().get(k).map_or(0, |&(a, b)| b - a);
    // A grouped value that is the middle of a longer grouping (a group of
    // four and the same separator before it) is not a card.
    let continues_left = || {
        let s = v.run_back(i, CARD_SEP_MAX, is_card_sep);
        (1..=CARD_SEP_MAX).contains(&s)
            && v.slice(i - s, i) == sep(0)
            && v.run_back(i - s, 5, is_digit) == 4
    };
    let mut digits: Small<u8, 24> = Small::new();
    for g in (1..=groups.len()).rev() {
        let Some(prefix_groups) = groups.as_slice().get(..g) else { continue };
        let mut lens: Small<usize, 8> = Small::new();
        for (a, b) in prefix_groups {
            lens.push(b - a);
        }
        if !card_grouping_ok(lens.as_slice()) {
            continue;
        }
        let end = prefix_groups.last().map_or(i, |g| g.1);
        // The whole run must end the number; a lone digit run chosen
        // before more digits must not be a decimal's integer part
        // (`4111111111111111.5`), but may come before an expiry
        // (`4111111111111111/12/25`).
        let decimal = matches!(v.at(end), Some(b'.' | b',')) && v.is(end + 1, is_digit);
        if g == groups.len() && glued_right(v, end) || g == 1 && decimal {
            continue;
        }
        // Grouped: not cut out of a longer uniform grouping, on either side.
        if g > 1
            && (continues_left() || g < groups.len() && sep(g - 1) == sep(0) && group_len(g) == 4)
        {
            continue;
        }
        digits.clear();
        digits_of(v, i, end, &mut digits);
        if luhn(digits.as_slice()) && card_brand_ok(digits.as_slice()) {
            push(out, i, end, id::CREDIT_CARD);
            break;
        }
    }
    i
}

// ---------------------------------------------------------------- IBAN

/// Countries with IBANs and their lengths.
const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BI", 27),
    (b"BR", 29),
    (b"BY", 28),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DJ", 27),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FK", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"LY", 25),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MN", 20),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NI", 28),
    (b"NL", 18),
    (b"NO", 15),
    (b"OM", 23),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"RU", 33),
    (b"SA", 24),
    (b"SC", 31),
    (b"SD", 18),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"SO", 23),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
    (b"YE", 30),
];

pub(crate) fn iban_mod97(chars: &[u8]) -> bool {
    // Rearranged: BBAN, then country code and check digits.
    let mut rem = 0u32;
    let rearranged = chars.iter().skip(4).chain(chars.iter().take(4));
    for &c in rearranged {
        let c = c.to_ascii_uppercase();
        if c.is_ascii_digit() {
            rem = (rem * 10 + u32::from(c - b'0')) % 97;
        } else if c.is_ascii_uppercase() {
            let n = u32::from(c - b'A') + 10;
            rem = (rem * 100 + n) % 97;
        } else {
            return false;
        }
    }
    rem == 1
}

/// `iban`: country code (two letters) and two check digits, then the BBAN
/// (letters and digits, optionally in groups separated by single spaces or
/// single dashes),
/// exactly the country's length, mod-97 valid. Anchored at the check digits.
pub(crate) fn iban(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    let start = i.saturating_sub(2);
    if i < 2 || !v.before(i).is_some_and(|b| b.is_ascii_alphabetic()) {
        return i;
    }
    if !v.before(i - 1).is_some_and(|b| b.is_ascii_alphabetic()) {
        return i;
    }
    if v.before(start).is_some_and(is_ident) {
        return start;
    }
    let cc = [
        v.before(i - 1).unwrap_or(0).to_ascii_uppercase(),
        v.before(i).unwrap_or(0).to_ascii_uppercase(),
    ];
    let Some(&(_, len)) = IBAN_LENGTHS.iter().find(|(c, _)| **c == cc) else { return start };
    // Check digits: exactly two digits (then the BBAN, maybe after a space).
    if !(v.is(i, is_digit) && v.is(i + 1, is_digit)) {
        return start;
    }
    let mut chars: Small<u8, 40> = Small::new();
    chars.push(cc[0]);
    chars.push(cc[1]);
    let mut p = i;
    let mut end = p;
    // Groups are separated by single spaces or single dashes, one kind.
    let mut sep = None;
    while chars.len() < len {
        match v.at(p) {
            Some(b) if is_alnum(b) => {
                chars.push(b);
                p += 1;
                end = p;
            }
            Some(s @ (b' ' | b'-'))
                if v.is(p + 1, is_alnum) && p > i && sep.is_none_or(|k| k == s) =>
            {
                sep = Some(s);
                p += 1;
            }
            _ => break,
        }
    }
    if chars.len() != len || v.at(end).is_some_and(is_alnum) {
        return start;
    }
    if iban_mod97(chars.as_slice()) {
        push(out, start, end, id::IBAN);
    }
    start
}

// ---------------------------------------------------------------- SSN

pub(crate) fn ssn_valid(area: u32, group: u32, serial: u32) -> bool {
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
        // Never issued / publicly invalidated: the Woolworth wallet card and
        // the advertising example.
        && !(area == 78 && group == 5 && serial == 1120)
        && !(area == 123 && group == 45 && serial == 6789)
        && !(area == 219 && group == 9 && serial == 9999)
}

fn has_ssn_context(v: &View, i: usize) -> bool {
    let from = i.saturating_sub(SSN_CONTEXT);
    let w = v.slice(from, i);
    let lower: Vec<u8> = w.iter().map(|b| b.to_ascii_lowercase()).collect();
    let find = |needle: &[u8]| lower.windows(needle.len()).any(|x| x == needle);
    find(b"ssn") || find(b"social security") || find(b"social sec") || find(b"ss#") || find(b"ss #")
}

/// `us_ssn`: `AAA-GG-SSSS` or `AAA GG SSSS` (one kind of separator), or
/// nine bare digits only when a context word (`SSN`, `social security`,
/// `SS#`) is within 48 characters before. Area not 000, 666 or 9xx, group
/// not 00, serial not 0000.
pub(crate) fn us_ssn(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    if glued_left(v, i) {
        return i;
    }
    let n1 = v.run(i, 9, is_digit);
    let num =
        |a: usize, b: usize| v.slice(a, b).iter().fold(0u32, |x, &c| x * 10 + u32::from(c - b'0'));
    let (end, area, group, serial) = if n1 == 3 {
        let Some(sep @ (b'-' | b' ')) = v.at(i + 3) else { return i };
        if v.run(i + 4, 2, is_digit) != 2
            || v.at(i + 6) != Some(sep)
            || v.run(i + 7, 4, is_digit) != 4
        {
            return i;
        }
        (i + 11, num(i, i + 3), num(i + 4, i + 6), num(i + 7, i + 11))
    } else if n1 == 9 && has_ssn_context(v, i) {
        (i + 9, num(i, i + 3), num(i + 3, i + 5), num(i + 5, i + 9))
    } else {
        return i;
    };
    if glued_right(v, end) || matches!(v.at(end), Some(b' ')) && v.is(end + 1, is_digit) {
        return i;
    }
    if ssn_valid(area, group, serial) {
        push(out, i, end, id::US_SSN);
    }
    i
}

// ---------------------------------------------------------------- phone

/// `phone`: international `+CC ...` (8–15 digits, E.164), NANP
/// `(NXX) NXX-XXXX` / `NXX-NXX-XXXX` / `1 NXX NXX XXXX`, national numbers
/// with a trunk `0` in 2–5 groups (10–11 digits) and `00`-prefixed
/// international numbers. Not: dates, versions, bare runs of digits, card
/// numbers (no `+` and more than 11 digits).
pub(crate) fn phone(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    let prev = v.before(i);
    let intl = prev == Some(b'+');
    // A bracket closed after the first group is an area code (`(415)
    // 555-2671`); one around the whole number only encloses it (`(020 7946
    // 0958)`). Until the window shows which, the bracket may belong to it.
    let paren = prev == Some(b'(') && {
        let n = v.run(i, 6, is_digit);
        v.at(i + n).is_none_or(|b| b == b')')
    };
    let start = if intl || paren { i - 1 } else { i };
    match v.before(start) {
        Some(p) if is_ident(p) || p == b'+' => return start,
        Some(b'-' | b'.' | b'/' | b',' | b':')
            if start >= 1 && v.before(start - 1).is_some_and(is_digit) =>
        {
            return start
        }
        _ => {}
    }
    if intl && v.before(start) == Some(b'(') {
        // "(+44 ...": fine.
    }
    let mut groups: Small<usize, 8> = Small::new();
    let mut seps: Small<u8, 8> = Small::new();
    let mut open = paren;
    let mut closed_paren = false;
    let mut p = i;
    let mut end;
    loop {
        let n = v.run(p, 15, is_digit);
        if n > 15 {
            return start;
        }
        groups.push(n);
        end = p + n;
        if groups.len() > 6 {
            return start;
        }
        let mut q = end;
        if open {
            if v.at(q) != Some(b')') {
                return start;
            }
            open = false;
            closed_paren = true;
            q += 1;
            if matches!(v.at(q), Some(b' ' | b'-')) {
                q += 1;
            }
            if v.is(q, is_digit) {
                seps.push(b')');
                p = q;
                continue;
            }
            break;
        }
        match v.at(q) {
            Some(b'(') if v.is(q + 1, is_digit) => {
                seps.push(b'(');
                open = true;
                p = q + 1;
                continue;
            }
            Some(s @ (b' ' | b'-' | b'.')) => {
                let mut r = q + 1;
                if v.at(r) == Some(b'(') {
                    r += 1;
                    open = true;
                }
                if v.is(r, is_digit) {
                    seps.push(s);
                    p = r;
                    continue;
                }
                open = false;
                break;
            }
            _ => break,
        }
    }
    if open {
        return start;
    }
    // An extension ("x123", "ext. 123") may follow; it is not part of the finding.
    let ext = matches!(v.at(end), Some(b'x' | b'X')) && v.is(end + 1, is_digit);
    match v.at(end) {
        _ if ext => {}
        Some(b) if is_ident(b) || b == b'@' => return start,
        Some(b'.' | b'-' | b'/' | b',' | b':') if v.is(end + 1, is_digit) => return start,
        _ => {}
    }
    let total: usize = groups.as_slice().iter().sum();
    let (groups, seps) = (groups.as_slice(), seps.as_slice());
    let first = v.at(i).unwrap_or(b'0');
    let second = v.at(i + 1).unwrap_or(b'0');
    let consistent = seps.windows(2).all(|w| matches!(w, [a, b] if a == b));
    let ok = if intl {
        (8..=15).contains(&total)
    } else if paren || closed_paren {
        // (NXX) NXX-XXXX, (0xx) xxxx xxxx
        matches!(groups, [3, 3, 4] | [3, 7]) && first != b'1'
            || first == b'0' && (10..=11).contains(&total) && groups.len() >= 2
    } else {
        let nanp = |g: &[usize], off: usize| {
            matches!(g, [3, 3, 4])
                && v.at(i + off).is_some_and(|b| (b'2'..=b'9').contains(&b))
                && v.at(i + off + 4).is_some_and(|b| (b'2'..=b'9').contains(&b))
        };
        let nanp_plain = consistent && nanp(groups, 0);
        let nanp_one = consistent
            && first == b'1'
            && groups.first() == Some(&1)
            && groups.get(1..).is_some_and(|g| nanp(g, 2));
        let trunk = consistent
            && first == b'0'
            && second != b'0'
            && (10..=11).contains(&total)
            && (1..=5).contains(&groups.len())
            && (groups.len() == 1 || groups.iter().all(|&g| (2..=8).contains(&g)));
        let intl00 = consistent
            && first == b'0'
            && second == b'0'
            && (11..=17).contains(&total)
            && (2..=6).contains(&groups.len());
        nanp_plain || nanp_one || trunk || intl00
    };
    if ok {
        push(out, start, end, id::PHONE);
    }
    start
}

// ---------------------------------------------------------------- IP

/// `ip_address` (IPv4): four dotted octets 0–255 without leading zeros, not
/// part of a longer dotted number (versions like `1.2.3.4.5`); a word and a
/// dot before it are a label (`ip.10.0.0.1`).
pub(crate) fn ipv4(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    match v.before(i) {
        Some(b) if is_ident(b) => return i,
        Some(b'.') if i >= 2 && v.before(i - 1).is_some_and(is_digit) => return i,
        _ => {}
    }
    let mut p = i;
    for k in 0..4 {
        let n = v.run(p, 3, is_digit);
        if n == 0 || n > 3 {
            return i;
        }
        let oct = v.slice(p, p + n);
        if n > 1 && oct.first() == Some(&b'0') {
            return i;
        }
        let val = oct.iter().fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'));
        if val > 255 {
            return i;
        }
        p += n;
        if k < 3 {
            if v.at(p) != Some(b'.') {
                return i;
            }
            p += 1;
        }
    }
    match v.at(p) {
        Some(b) if is_ident(b) => return i,
        Some(b'.') if v.is(p + 1, is_alnum) => return i,
        _ => {}
    }
    push(out, i, p, id::IP_ADDRESS);
    i
}

fn is_hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

/// `ip_address` (IPv6): full and `::`-compressed forms, optionally ending in
/// a dotted IPv4; needs at least two colons and, when compressed, two groups
/// one of which has two or more hex digits (so `a::b`, `::1`, `std::vec`,
/// MAC addresses and times are not matched).
pub(crate) fn ipv6(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    let back = v.run_back(i, IPV6_MAX, |b| is_hex(b) || b == b':' || b == b'.');
    if back > IPV6_MAX {
        return i;
    }
    let mut s = i - back;
    if v.before(s).is_some_and(|b| is_ident(b) || b == b':') {
        // Glued to a word ("addr:fe80::1"): start after its first colon.
        let mut q = s;
        while q < i + 8 && v.at(q).is_some_and(|b| b != b':') {
            q += 1;
        }
        if v.at(q) != Some(b':') {
            return s;
        }
        s = if v.at(q + 1) == Some(b':') { q } else { q + 1 };
    }
    let earliest = s;
    let mut p = s;
    let mut groups = 0usize;
    let mut colons = 0usize;
    let mut dcolon = false;
    let mut long_group = false;
    let mut end = s;
    if v.has(p, b"::") {
        dcolon = true;
        colons += 2;
        p += 2;
        end = p;
    }
    loop {
        let n = v.run(p, 4, is_hex);
        if n == 0 {
            break;
        }
        if n > 4 {
            // Maybe an embedded IPv4 ("::ffff:192.0.2.1").
            return earliest;
        }
        // Embedded IPv4 at the end (digits, a dot and a digit; not a
        // sentence's full stop).
        if v.at(p + n) == Some(b'.')
            && v.slice(p, p + n).iter().all(|b| is_digit(*b))
            && v.is(p + n + 1, is_digit)
        {
            let mut tmp = Vec::new();
            ipv4(v, p, &mut tmp);
            match tmp.first() {
                Some(c) if groups <= 6 => {
                    groups += 2;
                    end = c.end;
                    long_group = true;
                }
                _ => return earliest,
            }
            break;
        }
        groups += 1;
        long_group |= n >= 2;
        p += n;
        end = p;
        if v.has(p, b"::") {
            if dcolon {
                return earliest;
            }
            dcolon = true;
            colons += 2;
            p += 2;
            end = p;
        } else if v.at(p) == Some(b':') && v.is(p + 1, is_hex) {
            colons += 1;
            p += 1;
        } else {
            break;
        }
        if groups > 8 {
            return earliest;
        }
    }
    if v.at(end).is_some_and(|b| is_ident(b) || b == b':') {
        return earliest;
    }
    if v.at(end) == Some(b'.') && v.is(end + 1, is_alnum) {
        return earliest;
    }
    let ok = if dcolon { (2..=7).contains(&groups) && long_group } else { groups == 8 };
    if ok && colons >= 2 && end > s {
        push(out, s, end, id::IP_ADDRESS);
    }
    earliest
}

// ---------------------------------------------------------------- email

fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn is_label(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// `email`: `local@domain.tld`: local part of `[A-Za-z0-9._%+-]` (1–64, no
/// leading/trailing dot, no `..`), domain of at least two labels
/// (`[A-Za-z0-9-]`, not starting or ending with `-`), alphabetic TLD of 2+
/// letters (or `xn--`). Anchored at `@`.
pub(crate) fn email(v: &View, at: usize, out: &mut Vec<Cand>) -> usize {
    let n = v.run_back(at, EMAIL_LOCAL_MAX, is_local);
    if n == 0 || n > EMAIL_LOCAL_MAX {
        return at;
    }
    let mut s = at - n;
    while s < at && v.at(s) == Some(b'.') {
        s += 1;
    }
    let local = v.slice(s, at);
    if local.is_empty() || local.last() == Some(&b'.') || local.windows(2).any(|w| w == b"..") {
        return s;
    }
    // `scheme://user:password@host`: a password (`credential`), not an
    // address.
    if v.before(s) == Some(b':') && crate::view::after_url_user(v, s - 1) {
        return s;
    }
    // Domain labels.
    let mut p = at + 1;
    let mut labels = 0usize;
    let mut end = p;
    let mut last_label = (p, p);
    loop {
        let n = v.run(p, 63, is_label);
        if n == 0 || n > 63 {
            break;
        }
        let lab = v.slice(p, p + n);
        if lab.first() == Some(&b'-') || lab.last() == Some(&b'-') {
            break;
        }
        labels += 1;
        last_label = (p, p + n);
        end = p + n;
        if end - at > EMAIL_DOMAIN_MAX {
            return s;
        }
        if v.at(end) == Some(b'.') && v.is(end + 1, is_label) {
            p = end + 1;
        } else {
            break;
        }
    }
    if labels < 2 {
        return s;
    }
    let tld = v.slice(last_label.0, last_label.1);
    let tld_ok = tld.len() >= 2
        && (tld.iter().all(|b| b.is_ascii_alphabetic())
            || tld.len() > 4 && tld.get(..4).is_some_and(|x| x.eq_ignore_ascii_case(b"xn--")));
    if !tld_ok || v.at(end).is_some_and(|b| b == b'@' || is_ident(b)) {
        return s;
    }
    push(out, s, end, id::EMAIL);
    s
}

// ---------------------------------------------------------------- secrets

/// A key starts a word: not inside an identifier, nor inside a longer
/// dash-joined token (`abc-def-ghp_...`); a word glued by one dash is a
/// label (`token-ghp_...`).
pub(crate) fn token_boundary_left(v: &View, i: usize) -> bool {
    match v.before(i) {
        Some(b) if is_ident(b) => false,
        Some(b'-') => {
            let w = v.run_back(i - 1, 64, is_alnum);
            !matches!(v.before(i - 1 - w), Some(b'-' | b'_'))
        }
        _ => true,
    }
}

fn mixed(tok: &[u8]) -> bool {
    tok.iter().any(|b| b.is_ascii_digit())
        && tok.iter().any(|b| b.is_ascii_uppercase())
        && tok.iter().any(|b| b.is_ascii_lowercase())
}

fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `openai_key` (`sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-` and 20+
/// key characters) and `anthropic_key` (`sk-ant-` and 32+); the body must
/// mix digits, upper and lower case letters (real keys do, placeholders
/// like `sk-your-key-here` do not).
pub(crate) fn sk_key(
    v: &View,
    i: usize,
    out: &mut Vec<Cand>,
    openai: bool,
    anthropic: bool,
) -> usize {
    if !v.has(i, b"sk-") || !token_boundary_left(v, i) {
        return i;
    }
    let n = v.run(i + 3, 250, is_key_char);
    if n > 250 {
        return i;
    }
    let body = v.slice(i + 3, i + 3 + n);
    let end = i + 3 + n;
    if body.starts_with(b"ant-") {
        if anthropic && n >= 36 && mixed(body) {
            push(out, i, end, id::ANTHROPIC_KEY);
        }
    } else if openai && n >= 20 && mixed(body) {
        push(out, i, end, id::OPENAI_KEY);
    }
    i
}

/// `github_token`: `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` and 36+ letters and
/// digits, or `github_pat_` and 22+ of `[A-Za-z0-9_]`.
pub(crate) fn github(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    if !token_boundary_left(v, i) {
        return i;
    }
    if v.has(i, b"github_pat_") {
        let n = v.run(i + 11, 240, is_ident);
        if (22..=240).contains(&n) {
            push(out, i, i + 11 + n, id::GITHUB_TOKEN);
        }
        return i;
    }
    let ok_prefix = [b"ghp_", b"gho_", b"ghu_", b"ghs_", b"ghr_"].iter().any(|p| v.has(i, *p));
    if !ok_prefix {
        return i;
    }
    let n = v.run(i + 4, 251, |b| b.is_ascii_alphanumeric());
    if (36..=251).contains(&n) && !v.is(i + 4 + n, |b| b == b'_' || b == b'-') {
        push(out, i, i + 4 + n, id::GITHUB_TOKEN);
    }
    i
}

/// `slack_token`: `xox[abposre]-` or `xapp-` and 10+ of `[A-Za-z0-9-]`
/// containing a digit.
pub(crate) fn slack(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    if !token_boundary_left(v, i) {
        return i;
    }
    let xapp = v.has(i, b"xapp-");
    let xox =
        v.has(i, b"xox") && v.is(i + 3, |b| b"abposre".contains(&b)) && v.at(i + 4) == Some(b'-');
    if !xapp && !xox {
        return i;
    }
    let plen = 5;
    let n = v.run(i + plen, 250, |b| b.is_ascii_alphanumeric() || b == b'-');
    let body = v.slice(i + plen, i + plen + n);
    if (10..=250).contains(&n) && body.iter().any(|b| b.is_ascii_digit()) {
        push(out, i, i + plen + n, id::SLACK_TOKEN);
    }
    i
}

/// `stripe_key`: `sk_`/`rk_`/`pk_` + `live_`/`test_` + 16+ letters and
/// digits.
pub(crate) fn stripe(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    if !token_boundary_left(v, i) {
        return i;
    }
    let pre_ok = [b"sk_", b"rk_", b"pk_"].iter().any(|p| v.has(i, *p));
    if !pre_ok || !(v.has(i + 3, b"live_") || v.has(i + 3, b"test_")) {
        return i;
    }
    let n = v.run(i + 8, 247, |b| b.is_ascii_alphanumeric());
    if (16..=247).contains(&n) && !v.is(i + 8 + n, |b| b == b'_' || b == b'-') {
        push(out, i, i + 8 + n, id::STRIPE_KEY);
    }
    i
}

/// `google_api_key`: `AIza` and exactly 35 of `[A-Za-z0-9_-]`.
pub(crate) fn google(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    if !v.has(i, b"AIza") || !token_boundary_left(v, i) {
        return i;
    }
    let n = v.run(i + 4, 35, is_key_char);
    if n == 35 {
        push(out, i, i + 39, id::GOOGLE_API_KEY);
    }
    i
}

pub(crate) const AWS_PREFIXES: [&[u8; 4]; 12] = [
    b"AKIA", b"ASIA", b"ABIA", b"ACCA", b"AGPA", b"AIDA", b"AIPA", b"ANPA", b"ANVA", b"AROA",
    b"APKA", b"ASCA",
];

/// `aws_access_key`: `AKIA`/`ASIA`/... and 16 of `[A-Z0-9]` (20 in all).
pub(crate) fn aws_access(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    if v.at(i) != Some(b'A')
        || !AWS_PREFIXES.iter().any(|p| v.has(i, *p))
        || !token_boundary_left(v, i)
    {
        return i;
    }
    let n = v.run(i + 4, 16, |b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if n == 16 && !v.is(i + 20, |b| is_alnum(b) || b == b'_') {
        push(out, i, i + 20, id::AWS_ACCESS_KEY);
    }
    i
}

/// `aws_secret_key`: at a `:` or `=` whose label (the identifier or words
/// just before, e.g. `aws_secret_access_key`, `SecretAccessKey`, `AWS
/// secret access key`) contains `secret` and `aws` or `access`, a value of
/// exactly 40 of `[A-Za-z0-9/+]` mixing upper and lower case with a digit,
/// `/` or `+` (quotes and spaces allowed around). The finding is the value.
pub(crate) fn aws_secret(v: &View, at: usize, out: &mut Vec<Cand>) -> usize {
    // Label: skip quotes/spaces, then identifier characters and spaces.
    let q = v.run_back(at, 4, |b| matches!(b, b' ' | b'"' | b'\'' | b'\t'));
    if q > 4 {
        return at;
    }
    let l = v.run_back(at - q, 48, |b| is_ident(b) || b == b' ');
    if l == 0 || l > 48 {
        return at;
    }
    let label: Vec<u8> =
        v.slice(at - q - l, at - q).iter().map(|b| b.to_ascii_lowercase()).collect();
    let has = |n: &[u8]| label.windows(n.len()).any(|w| w == n);
    if !has(b"secret") || !(has(b"aws") || has(b"access")) {
        return at;
    }
    let mut p = at + 1;
    let mut k = 0;
    while k < 6 && v.is(p, |b| matches!(b, b' ' | b'"' | b'\'' | b'\t')) {
        p += 1;
        k += 1;
    }
    let n = v.run(p, 40, |b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+');
    if n != 40 || v.at(p + n) == Some(b'=') || v.before(p).is_some_and(is_alnum) {
        return at;
    }
    let tok = v.slice(p, p + 40);
    let has_upper = tok.iter().any(|b| b.is_ascii_uppercase());
    let has_lower = tok.iter().any(|b| b.is_ascii_lowercase());
    let has_other = tok.iter().any(|b| b.is_ascii_digit() || *b == b'/' || *b == b'+');
    if has_upper && has_lower && has_other {
        push(out, p, p + 40, id::AWS_SECRET_KEY);
    }
    at
}

fn is_pem_body(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'+' | b'/' | b'=' | b' ' | b'\t' | b'\r' | b'\n' | b'\\' | b':' | b',' | b'-'
        )
}

/// Parses `-----BEGIN|END <label>-----` at `p`; returns the end and whether
/// the label names a private key.
fn pem_line(v: &View, p: usize, word: &[u8]) -> Option<(usize, bool)> {
    if !(v.has(p, b"-----") && v.has(p + 5, word) && v.at(p + 5 + word.len()) == Some(b' ')) {
        return None;
    }
    let l0 = p + 6 + word.len();
    let n = v.run(l0, 48, |b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ');
    if n > 48 || !v.has(l0 + n, b"-----") {
        return None;
    }
    let label = v.slice(l0, l0 + n);
    let private = label.windows(11).any(|w| w == b"PRIVATE KEY");
    Some((l0 + n + 5, private))
}

/// `private_key`: a PEM block from `-----BEGIN ... PRIVATE KEY-----` to the
/// matching `-----END ...-----`. A block whose body stops early (text that
/// is not base64) ends at its last body character; a block longer than
/// [`PEM_CAP`] is cut there.
pub(crate) fn private_key(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    let Some((h_end, true)) = pem_line(v, i, b"BEGIN") else { return i };
    let mut p = h_end;
    let mut last_body = h_end;
    loop {
        if p - i >= PEM_CAP {
            push(out, i, p, id::PRIVATE_KEY);
            return i;
        }
        let Some(b) = v.at(p) else { break };
        if b == b'-' && v.has(p, b"-----BEGIN") {
            // Another block starts: this one ends here (and scanning stays
            // linear on text made of headers).
            break;
        }
        if b == b'-' && v.has(p, b"-----END") {
            if let Some((e, _)) = pem_line(v, p, b"END") {
                if e - i <= PEM_CAP {
                    push(out, i, e, id::PRIVATE_KEY);
                } else {
                    push(out, i, i + PEM_CAP, id::PRIVATE_KEY);
                }
                return i;
            }
            break;
        }
        if !is_pem_body(b) {
            break;
        }
        p += 1;
        if !b.is_ascii_whitespace() {
            last_body = p;
        }
    }
    push(out, i, last_body, id::PRIVATE_KEY);
    i
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

pub(crate) fn b64url_decode(s: &[u8]) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        })
    };
    let s = s.strip_suffix(b"==").or_else(|| s.strip_suffix(b"=")).unwrap_or(s);
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for &c in s {
        acc = (acc << 6) | val(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// `jwt`: three (or five, JWE) base64url segments separated by dots; the
/// first decodes to a JSON object with an `"alg"` member. A token longer
/// than [`JWT_CAP`] is cut there.
pub(crate) fn jwt(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    if !v.has(i, b"eyJ") || v.before(i).is_some_and(|b| is_b64url(b) || b == b'.') {
        return i;
    }
    let h = v.run(i, 1024, is_b64url);
    if h > 1024 || v.at(i + h) != Some(b'.') {
        return i;
    }
    let header = v.slice(i, i + h);
    let ok = b64url_decode(header)
        .and_then(|bytes| {
            serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes).ok()
        })
        .is_some_and(|m| m.get("alg").is_some_and(|a| a.is_string()));
    if !ok {
        return i;
    }
    let mut p = i + h;
    let mut segs = 1;
    while segs < 5 && v.at(p) == Some(b'.') {
        let room = JWT_CAP.saturating_sub(p + 1 - i);
        let n = v.run(p + 1, room, is_b64url);
        if n > room {
            // Longer than the cap: the finding ends at the cap.
            push(out, i, i + JWT_CAP, id::JWT);
            return i;
        }
        if n == 0 && segs != 2 {
            break;
        }
        p += 1 + n;
        segs += 1;
    }
    if segs == 3 || segs == 5 {
        push(out, i, p, id::JWT);
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        f: impl Fn(&View, usize, &mut Vec<Cand>) -> usize,
        text: &str,
        at: usize,
    ) -> Vec<(usize, usize)> {
        let v = View::new(text.as_bytes(), true);
        let mut out = Vec::new();
        f(&v, at, &mut out);
        out.iter().map(|c| (c.start, c.end)).collect()
    }

    #[test]
    fn luhn_and_brands() {
        let d = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<_>>();
        assert!(luhn(&d("4111111111111111")));
        assert!(!luhn(&d("4111111111111112")));
        assert!(card_brand_ok(&d("4111111111111111")));
        assert!(card_brand_ok(&d("378282246310005")));
        assert!(card_brand_ok(&d("5555555555554444")));
        assert!(card_brand_ok(&d("2223003122003222")));
        assert!(!card_brand_ok(&d("1111111111111117")));
    }

    #[test]
    fn iban_checksum() {
        assert!(iban_mod97(b"DE89370400440532013000"));
        assert!(iban_mod97(b"GB82WEST12345698765432"));
        assert!(!iban_mod97(b"GB82WEST12345698765433"));
    }

    #[test]
    fn b64url() {
        assert_eq!(b64url_decode(b"eyJhbGciOiJIUzI1NiJ9").unwrap(), br#"{"alg":"HS256"}"#);
        assert!(b64url_decode(b"ab$c").is_none());
    }

    #[test]
    fn card_groupings() {
        assert_eq!(run(credit_card, "4111 1111 1111 1111", 0), vec![(0, 19)]);
        assert_eq!(run(credit_card, "4111-1111-1111-1111 2024", 0), vec![(0, 19)]);
        assert_eq!(run(credit_card, "4111 1111-1111 1111", 0), vec![(0, 19)]);
        assert_eq!(run(credit_card, "3782 822463 10005", 0), vec![(0, 17)]);
        assert_eq!(run(credit_card, "x4111111111111111", 1), vec![]);
    }

    #[test]
    fn phone_shapes() {
        let p = |s: &str, at| run(phone, s, at);
        assert_eq!(p("+1 415 555 2671", 1), vec![(0, 15)]);
        assert_eq!(p("(415) 555-2671", 1), vec![(0, 14)]);
        assert_eq!(p("415-555-2671", 0), vec![(0, 12)]);
        assert_eq!(p("020 7946 0958", 0), vec![(0, 13)]);
        assert_eq!(p("+44 (0)20 7946 0958", 1), vec![(0, 19)]);
        assert_eq!(p("2024-01-15", 0), vec![]);
        assert_eq!(p("1.2.3", 0), vec![]);
        assert_eq!(p("4111 1111 1111 1111", 0), vec![]);
        assert_eq!(p("115-555-2671", 0), vec![]);
    }
}
