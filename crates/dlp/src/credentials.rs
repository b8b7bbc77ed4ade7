//! Secrets beyond the named vendor detectors (`builtin`):
//!
//! - `api_token`: tokens whose format a vendor documents by a fixed prefix
//!   ([`FORMATS`]: GitLab, Hugging Face, npm, PyPI, SendGrid, Shopify,
//!   DigitalOcean, Vault, Google OAuth, Databricks, Atlassian, Grafana,
//!   Postman, Linear, Notion, Supabase, Doppler, Pulumi, Square, Stripe
//!   webhooks, AI providers such as Groq, Replicate, Perplexity, xAI,
//!   LangSmith, Pinecone, Tavily), Slack and Discord webhook URLs, and
//!   Telegram bot tokens;
//! - `credential`: a secret known by where it stands rather than its
//!   shape: the password in a URL (`postgres://app:s3cret@db`), a `Bearer`
//!   token, and the value of a secret-named label (`password=`,
//!   `api_key: "..."`, `DB_PASSWORD=...`, `client_secret = ...`) as pasted
//!   from an `.env` file, a config or a shell. The finding is the value
//!   only: the label stays readable.
//!
//! Both refuse what documentation and code are full of: placeholders
//! (`<your-token>`, `sk_test_xxx`, `${DB_PASSWORD}`, `********`), variable
//! references and values without the mix of characters a generated secret
//! has.

use crate::builtin::{id, token_boundary_left};
use crate::view::{after_url_user, is_alnum, is_digit, userinfo_char, Cand, View};

/// What may follow a prefix.
#[derive(Clone, Copy)]
enum Body {
    /// `[A-Za-z0-9]`
    Alnum,
    /// `[0-9a-fA-F]`
    Hex,
    /// `[A-Za-z0-9_-]`
    Key,
    /// `[A-Za-z0-9_.-]` (dotted tokens: GitLab's routable ones, OAuth)
    Dotted,
    /// `[A-Za-z0-9+/=_-]`
    Base64,
}

impl Body {
    fn allows(self, b: u8) -> bool {
        match self {
            Body::Alnum => b.is_ascii_alphanumeric(),
            Body::Hex => b.is_ascii_hexdigit(),
            Body::Key => b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'),
            Body::Dotted => b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'),
            Body::Base64 => {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-')
            }
        }
    }
}

/// A documented token format: the exact prefix (case matters), the body's
/// characters and its length range.
pub(crate) struct Format {
    pub prefix: &'static [u8],
    body: Body,
    min: usize,
    max: usize,
}

const fn f(prefix: &'static [u8], body: Body, min: usize, max: usize) -> Format {
    Format { prefix, body, min, max }
}

/// Prefixed formats, as their vendors document them (lengths with some
/// slack for format revisions).
pub(crate) const FORMATS: &[Format] = &[
    // GitLab: personal, deploy, runner, trigger, CI job, incoming mail,
    // SCIM/OAuth app, feed, agent tokens.
    f(b"glpat-", Body::Dotted, 20, 200),
    f(b"gldt-", Body::Dotted, 20, 200),
    f(b"glrt-", Body::Dotted, 20, 200),
    f(b"glptt-", Body::Dotted, 20, 200),
    f(b"glcbt-", Body::Dotted, 20, 200),
    f(b"glimt-", Body::Dotted, 20, 200),
    f(b"glsoat-", Body::Dotted, 20, 200),
    f(b"gloas-", Body::Dotted, 20, 200),
    f(b"glft-", Body::Dotted, 20, 200),
    f(b"glagent-", Body::Dotted, 20, 200),
    // Hugging Face, npm, PyPI (a macaroon: its first bytes name pypi.org).
    f(b"hf_", Body::Alnum, 30, 40),
    f(b"npm_", Body::Alnum, 36, 36),
    f(b"pypi-AgEIcHlwaS5vcmc", Body::Key, 50, 400),
    // Shopify, DigitalOcean.
    f(b"shpat_", Body::Hex, 32, 32),
    f(b"shpca_", Body::Hex, 32, 32),
    f(b"shppa_", Body::Hex, 32, 32),
    f(b"shpss_", Body::Hex, 32, 32),
    f(b"dop_v1_", Body::Hex, 64, 64),
    f(b"doo_v1_", Body::Hex, 64, 64),
    f(b"dor_v1_", Body::Hex, 64, 64),
    // HashiCorp Vault service, batch and recovery tokens.
    f(b"hvs.", Body::Key, 24, 200),
    f(b"hvb.", Body::Key, 24, 300),
    f(b"hvr.", Body::Key, 24, 200),
    // Google OAuth access tokens and client secrets.
    f(b"ya29.", Body::Dotted, 30, 2048),
    f(b"GOCSPX-", Body::Key, 24, 40),
    // Databricks, Atlassian, Grafana, Postman.
    f(b"dapi", Body::Hex, 32, 34),
    f(b"ATATT3", Body::Base64, 60, 400),
    f(b"glc_", Body::Base64, 32, 400),
    f(b"glsa_", Body::Key, 32, 60),
    f(b"PMAK-", Body::Key, 50, 70),
    // Linear, Notion (new and old), Supabase, Doppler, Pulumi.
    f(b"lin_api_", Body::Alnum, 32, 64),
    f(b"ntn_", Body::Alnum, 36, 60),
    f(b"secret_", Body::Alnum, 43, 43),
    f(b"sbp_", Body::Hex, 40, 40),
    f(b"dp.pt.", Body::Alnum, 40, 44),
    f(b"dp.st.", Body::Key, 40, 80),
    f(b"dp.sa.", Body::Alnum, 40, 44),
    f(b"dp.ct.", Body::Alnum, 40, 44),
    f(b"pul-", Body::Hex, 40, 40),
    // Square, Stripe webhook signing secrets.
    f(b"sq0atp-", Body::Key, 22, 60),
    f(b"sq0csp-", Body::Key, 40, 60),
    f(b"EAAA", Body::Key, 60, 80),
    f(b"whsec_", Body::Base64, 32, 64),
    // AI providers without an `sk-` key: Groq, Replicate, Perplexity, xAI,
    // LangSmith, Pinecone, Tavily.
    f(b"gsk_", Body::Alnum, 48, 56),
    f(b"r8_", Body::Alnum, 30, 40),
    f(b"pplx-", Body::Alnum, 40, 56),
    f(b"xai-", Body::Alnum, 60, 100),
    f(b"lsv2_pt_", Body::Key, 32, 64),
    f(b"lsv2_sk_", Body::Key, 32, 64),
    f(b"pcsk_", Body::Key, 50, 120),
    f(b"tvly-", Body::Key, 24, 64),
    // Mailgun private keys.
    f(b"key-", Body::Hex, 32, 32),
];

/// Whether a token body looks generated: at least two of upper case, lower
/// case and digits, and not one character repeated (`xxxxxxxx...`).
fn generated(body: &[u8]) -> bool {
    let upper = body.iter().any(u8::is_ascii_uppercase);
    let lower = body.iter().any(u8::is_ascii_lowercase);
    let digit = body.iter().any(u8::is_ascii_digit);
    let classes = usize::from(upper) + usize::from(lower) + usize::from(digit);
    classes >= 2 && distinct(body) >= 6 && !placeholder(body)
}

/// Distinct bytes in `v` (up to 64 looked at).
fn distinct(v: &[u8]) -> usize {
    let mut seen = [false; 256];
    let mut n = 0;
    for &b in v.iter().take(64) {
        if let Some(s) = seen.get_mut(usize::from(b)) {
            if !*s {
                *s = true;
                n += 1;
            }
        }
    }
    n
}

/// Words of documentation, templates and masks, and the passwords that
/// tutorials and models' code examples write (`password="secret123"`,
/// `P@ssw0rd`): an answer with sample code is not a leak.
fn placeholder(v: &[u8]) -> bool {
    const WORDS: &[&[u8]] = &[
        b"your",
        b"example",
        b"xxxx",
        b"****",
        b"....",
        b"changeme",
        b"change_me",
        b"placeholder",
        b"redacted",
        b"dummy",
        b"sample",
        b"replace",
        b"insert",
        b"here",
        b"todo",
        b"<",
        b">",
        b"abcdef0123",
        b"1234567890",
        b"0000000000",
        b"password",
        b"passw0rd",
        b"p@ssw0rd",
        b"p@ssword",
        b"secret",
        b"s3cr3t",
        b"pass123",
        b"pass1234",
        b"admin123",
        b"test123",
        b"hunter2",
        b"letmein",
        b"qwerty",
        b"123456",
        b"abc123",
    ];
    let lower: Vec<u8> = v.iter().map(u8::to_ascii_lowercase).collect();
    WORDS.iter().any(|w| lower.windows(w.len()).any(|x| x == *w))
}

/// `api_token` at a word start whose key is format `k`'s prefix.
pub(crate) fn token(v: &View, i: usize, k: usize, out: &mut Vec<Cand>) -> usize {
    let Some(fm) = FORMATS.get(k) else { return i };
    if !v.has(i, fm.prefix) || !token_boundary_left(v, i) {
        return i;
    }
    let p = i + fm.prefix.len();
    let mut n = v.run(p, fm.max, |b| fm.body.allows(b));
    if n > fm.max {
        return i;
    }
    // A sentence's full stop is not part of a dotted token.
    while n > 0 && matches!(fm.body, Body::Dotted) && v.at(p + n - 1) == Some(b'.') {
        n -= 1;
    }
    let end = p + n;
    let body = v.slice(p, end);
    let glued = v.is(end, |b| b.is_ascii_alphanumeric() || b == b'_');
    let hex_ok = !matches!(fm.body, Body::Hex) || body.iter().any(u8::is_ascii_digit);
    if n >= fm.min && !glued && hex_ok && generated(body) {
        push(out, i, end, id::API_TOKEN);
    }
    i
}

/// Webhook URLs whose path is the secret: Slack
/// (`hooks.slack.com/services/T../B../...`, `/workflows/`, `/triggers/`)
/// and Discord (`discord[app].com/api/webhooks/<id>/<token>`), at the
/// host's first word.
pub(crate) fn webhook(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    let path_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-');
    let hosts: [&[u8]; 5] = [
        b"hooks.slack.com/services/",
        b"hooks.slack.com/workflows/",
        b"hooks.slack.com/triggers/",
        b"discord.com/api/webhooks/",
        b"discordapp.com/api/webhooks/",
    ];
    let Some(host) = hosts.iter().find(|h| v.has(i, h)) else { return i };
    let p = i + host.len();
    let n = v.run(p, 200, path_char);
    if n > 200 {
        return i;
    }
    let path = v.slice(p, p + n);
    // Two or three segments, the last one long and generated.
    let segs: Vec<&[u8]> = path.split(|&b| b == b'/').filter(|s| !s.is_empty()).collect();
    let ok =
        matches!(segs.len(), 2 | 3) && segs.last().is_some_and(|s| s.len() >= 20 && generated(s));
    if ok {
        push(out, p, p + n, id::API_TOKEN);
    }
    i
}

/// Telegram bot tokens (`<bot id>:AA<33 characters>`), at the colon.
pub(crate) fn telegram(v: &View, at: usize, out: &mut Vec<Cand>) -> usize {
    let d = v.run_back(at, 10, is_digit);
    if !(8..=10).contains(&d) || v.before(at - d).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return at;
    }
    if !v.has(at + 1, b"AA") {
        return at - d;
    }
    let n = v.run(at + 1, 40, |b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'));
    if n == 35 {
        push(out, at - d, at + 1 + n, id::API_TOKEN);
    }
    at - d
}

// ------------------------------------------------------------ credential

/// The password of `scheme://user:password@host`, at the `@`. Returns
/// where the password starts (a stream holds it until the host after the
/// `@` is seen).
pub(crate) fn url_password(v: &View, at: usize, out: &mut Vec<Cand>) -> usize {
    let pw = v.run_back(at, 128, userinfo_char);
    if pw == 0 || pw > 128 || v.before(at - pw) != Some(b':') || !after_url_user(v, at - pw - 1) {
        return at;
    }
    let value = v.slice(at - pw, at);
    if v.is(at + 1, |b| b.is_ascii_alphanumeric() || b == b'[') && password_ok(value, true) {
        push(out, at - pw, at, id::CREDENTIAL);
    }
    at - pw
}

/// A password as written in text: not a placeholder, a variable or a
/// mask, and more than letters alone (`Kx7!mPq2` is one, `password` and
/// `secret` are words). `in_url`: `%` starts an escape, not a template.
fn password_ok(v: &[u8], in_url: bool) -> bool {
    let letter = v.iter().any(u8::is_ascii_alphabetic);
    let other = v.iter().any(|b| !b.is_ascii_alphabetic());
    (6..=128).contains(&v.len())
        && letter
        && other
        && distinct(v) >= 4
        && !reference(v, in_url)
        && !placeholder(v)
}

fn ident(w: &[u8]) -> bool {
    w.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        && w.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

/// A value that names a secret instead of being one: `${DB_PASS}`,
/// `$DB_PASS`, `$(pass show db)`, `%(pw)s`, `{{ .Values.pw }}`, `<pw>`,
/// YAML `*alias` / `&anchor`, `@Value`, or code (`os.environ.get(...)`,
/// `settings.DB_PASSWORD`).
fn reference(v: &[u8], in_url: bool) -> bool {
    let rest = v.get(1..).unwrap_or_default();
    match v.first() {
        Some(b'$') => {
            matches!(rest.first(), Some(b'{' | b'(') | None)
                || ident(rest)
                    && (rest.iter().all(|b| !b.is_ascii_lowercase())
                        || rest.iter().all(|b| !b.is_ascii_uppercase()))
        }
        Some(b'%') => !in_url && matches!(rest.first(), Some(b'(' | b'{' | b's' | b'%')),
        Some(b'{' | b'<' | b'@') => true,
        Some(b'*' | b'&') => ident(rest),
        // Code does not stand in a URL.
        _ if in_url => false,
        _ => {
            // A call (`get_pw()`, `os.environ.get(` before a quote), or a
            // dotted path of identifiers.
            let open = v.iter().position(|&b| b == b'(');
            let head = open.and_then(|i| v.get(..i)).unwrap_or(v);
            let name = head.len() >= 3
                && head.iter().all(|b| b.is_ascii_alphabetic() || b"_.".contains(b));
            let call = open.is_some_and(|i| i + 1 == v.len() || v.last() == Some(&b')') || name);
            head.split(|&b| b == b'.').all(ident)
                && (call || open.is_none() && head.contains(&b'.'))
        }
    }
}

/// `Bearer <token>` (an `Authorization` header pasted into text), at the
/// word `Bearer`.
pub(crate) fn bearer(v: &View, i: usize, out: &mut Vec<Cand>) -> usize {
    let word = v.slice(i, i + 6);
    if !word.eq_ignore_ascii_case(b"bearer") || v.at(i + 6) != Some(b' ') {
        return i;
    }
    let p = i + 7;
    let n = v.run(p, 4096, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'=')
    });
    if n > 4096 {
        return i;
    }
    let tok = v.slice(p, p + n);
    if n >= 20 && generated(tok) && distinct(tok) >= 10 {
        push(out, p, p + n, id::CREDENTIAL);
    }
    i
}

/// What a label names, lower-cased without separators: a password (any
/// value with more than letters) or a key or token (a generated value).
enum Named {
    Password,
    Token,
}

fn label_names(label: &[u8]) -> Option<Named> {
    let l: Vec<u8> =
        label.iter().filter(|b| b.is_ascii_alphanumeric()).map(u8::to_ascii_lowercase).collect();
    let ends = |words: &[&[u8]]| words.iter().any(|w| l.ends_with(w));
    // The label ends with what it names: `DB_PASSWORD`, not
    // `password_encryption`; `PWD`/`OLDPWD` are the shell's directories.
    let pass = ends(&[b"pass"]) && !ends(&[b"bypass", b"compass"]);
    if ends(&[b"password", b"passwd", b"passphrase", b"pwd"]) && l != b"pwd" && l != b"oldpwd"
        || pass
    {
        return Some(Named::Password);
    }
    let token: [&[u8]; 14] = [
        b"secret",
        b"token",
        b"apikey",
        b"accesskey",
        b"secretkey",
        b"authkey",
        b"signingkey",
        b"encryptionkey",
        b"credential",
        b"credentials",
        // Azure: storage accounts, Service Bus / Event Hubs, API Management,
        // Cosmos DB.
        b"accountkey",
        b"sharedaccesskey",
        b"subscriptionkey",
        b"masterkey",
    ];
    // Cursors and handles named `...token` that grant nothing: pages
    // (`nextPageToken`), continuation, sync, MCP `progressToken`, CSRF.
    let handle: [&[u8]; 12] = [
        b"page",
        b"continuation",
        b"continue",
        b"cursor",
        b"progress",
        b"sync",
        b"resume",
        b"resumption",
        b"delta",
        b"idempotency",
        b"csrf",
        b"xsrf",
    ];
    let handle =
        l.ends_with(b"token") && handle.iter().any(|w| l.windows(w.len()).any(|x| x == *w));
    (ends(&token) && !handle).then_some(Named::Token)
}

/// Characters of an unquoted value (`&` ends a URL query's parameter).
fn value_char(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'`' | b',' | b';' | b'&')
}

/// An unquoted value that is code or a path: a call or an index after a
/// name (`config['pw']`, `typing.Optional[bytes]`, `getpass()`), a
/// bracket or `:` first (`(optional)`, `:py:data:`), a path (`/home/me`).
fn code_or_path(v: &[u8]) -> bool {
    if matches!(v.first(), Some(b'(' | b'[' | b':' | b'/' | b'~')) {
        return true;
    }
    // `a=b=c`: assignments (base64 padding is only at the end).
    let unpadded = v.iter().rposition(|&b| b != b'=').and_then(|i| v.get(..=i)).unwrap_or(v);
    if unpadded.contains(&b'=') {
        return true;
    }
    // `os.environ.get(`, `Xxh3Builder::new(`.
    let head = v.iter().position(|b| matches!(b, b'(' | b'[')).and_then(|i| v.get(..i));
    head.is_some_and(|h| {
        h.len() >= 2
            && h.split(|&b| b == b'.' || b == b':').all(|seg| seg.is_empty() || ident(seg))
            && h.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    })
}

/// The value of a secret-named label, at its `=` or `:`.
pub(crate) fn labelled(v: &View, at: usize, out: &mut Vec<Cand>) -> usize {
    // `key: value`, `KEY=value`, `"key": "value"`, `key := value`.
    // `:=` is one operator; a second `:` (`:type pw: :role:`) is not.
    let walrus = usize::from(v.at(at) == Some(b'=') && v.before(at) == Some(b':'));
    let q = walrus + v.run_back(at - walrus, 4, |b| matches!(b, b' ' | b'"' | b'\'' | b'\t'));
    if q > 4 {
        return at;
    }
    let l = v.run_back(at - q, 48, |b| is_alnum(b) || matches!(b, b'_' | b'-' | b'.'));
    if l == 0 || l > 48 {
        return at;
    }
    let Some(named) = label_names(v.slice(at - q - l, at - q)) else { return at };
    // `==`, `=>` and comparisons are code, not an assignment.
    if matches!(v.at(at + 1), Some(b'=' | b'>'))
        || v.before(at).is_some_and(|b| matches!(b, b'!' | b'<' | b'>' | b'='))
    {
        return at;
    }
    let mut p = at + 1;
    let mut k = 0;
    while k < 6 && v.is(p, |b| matches!(b, b' ' | b'\t')) {
        p += 1;
        k += 1;
    }
    let quote = v.at(p).filter(|b| matches!(b, b'"' | b'\'' | b'`'));
    if quote.is_some() {
        p += 1;
    }
    let mut n = match quote {
        Some(qc) => v.run(p, 256, |b| b != qc && b != b'\n' && b != b'\\'),
        None => v.run(p, 256, value_char),
    };
    if n > 256 {
        return at;
    }
    match quote {
        Some(qc) if v.at(p + n) != Some(qc) => return at,
        Some(_) => {}
        // A sentence's full stop or a closing bracket after an unquoted
        // value is not part of it.
        None => {
            while n > 0 && matches!(v.at(p + n - 1), Some(b'.' | b')' | b']' | b'}' | b':')) {
                n -= 1;
            }
            if code_or_path(v.slice(p, p + n)) {
                return at;
            }
        }
    }
    let value = v.slice(p, p + n);
    // In code, a variable holding the secret: `password = user_pass`.
    let variable = quote.is_none() && value.contains(&b'_') && ident(value);
    if !variable && value_ok(&named, value) {
        push(out, p, p + n, id::CREDENTIAL);
    }
    at
}

/// Whether the value of a label naming a password or a secret is one.
fn value_ok(named: &Named, value: &[u8]) -> bool {
    !value.contains(&b' ')
        && match named {
            Named::Password => password_ok(value, false),
            Named::Token => {
                value.len() >= 16
                    && generated(value)
                    && value.iter().any(u8::is_ascii_digit)
                    && !reference(value, false)
            }
        }
}

/// A JSON member whose key names a password or a secret (`"password":
/// "..."`, `"client_secret": "..."`): whether its string value is one, by
/// the rules of `password=...` in text. In a JSON document the key and the
/// value are separate strings, so the text detector never sees them side
/// by side.
pub(crate) fn keyed_value(key: &[u8], value: &[u8]) -> bool {
    // Most keys of a request or an answer (`model`, `role`, `id`, ...) are
    // turned away here, without the label's lower-cased copy.
    let stems: [&[u8]; 6] = [b"pas", b"pwd", b"sec", b"tok", b"key", b"cre"];
    let maybe = key.windows(3).any(|w| stems.iter().any(|s| w.eq_ignore_ascii_case(s)));
    maybe && label_names(key).is_some_and(|named| value_ok(&named, value))
}

/// What a stream holds back at the end of a window for these detectors,
/// whose anchor comes after the start of the finding: a Telegram bot id
/// (its colon may come next) with the token begun after it, and a URL's
/// password before its `@`.
pub(crate) fn tail_hold(b: &[u8], api_token: bool, credential: bool) -> usize {
    let back = |b: &[u8], f: &dyn Fn(u8) -> bool| b.iter().rev().take_while(|c| f(**c)).count();
    let mut hold = 0;
    if api_token {
        let t = back(b, &|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'));
        let rest = b.get(..b.len() - t).unwrap_or_default();
        if t <= 36 && rest.last() == Some(&b':') {
            let d = back(rest.get(..rest.len() - 1).unwrap_or_default(), &|c| c.is_ascii_digit());
            if (8..=10).contains(&d) {
                hold = t + 1 + d;
            }
        }
        let d = back(b, &|c| c.is_ascii_digit());
        if d <= 10 {
            hold = hold.max(d);
        }
    }
    if credential {
        let n = back(b, &userinfo_char);
        if n <= 128 && n < b.len() && b.get(b.len() - n - 1) == Some(&b':') {
            let v = View::new(b, true);
            if after_url_user(&v, b.len() - n - 1) {
                hold = hold.max(n);
            }
        }
    }
    hold
}

fn push(out: &mut Vec<Cand>, start: usize, end: usize, det: u16) {
    if end > start {
        out.push(Cand { start, end, det });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_starts_a_word() {
        // The engine anchors a format at the word its prefix starts.
        for fm in FORMATS {
            assert!(fm.prefix.first().is_some_and(u8::is_ascii_alphanumeric));
            assert!(fm.min <= fm.max);
        }
    }

    #[test]
    fn labels() {
        assert!(matches!(label_names(b"DB_PASSWORD"), Some(Named::Password)));
        assert!(matches!(label_names(b"client_secret"), Some(Named::Token)));
        assert!(matches!(label_names(b"apiKey"), Some(Named::Token)));
        assert!(label_names(b"max_tokens").is_none());
        assert!(label_names(b"nextPageToken").is_none());
        assert!(label_names(b"progressToken").is_none());
        assert!(matches!(label_names(b"refresh_token"), Some(Named::Token)));
        assert!(label_names(b"primary key").is_none());
        assert!(label_names(b"model").is_none());
    }
}
