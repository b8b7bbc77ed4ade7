//! Gateway authentication: clients present a token in `x-aigw-authorization`
//! (alias `cf-aig-authorization`); the config holds only SHA-256 digests.

use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct Token {
    /// The tenant name the token stands for (logged; keys later policies).
    pub name: String,
    pub digest: [u8; 32],
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token").field("name", &self.name).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
pub struct Auth {
    /// Sorted by digest (the config rejects a digest configured twice).
    tokens: Vec<Token>,
}

impl Auth {
    pub fn new(mut tokens: Vec<Token>) -> Self {
        tokens.sort_unstable_by_key(|t| t.digest);
        Auth { tokens }
    }

    /// The name of the token that matches the presented header value
    /// (`Bearer <token>` or the bare token). A binary search on the
    /// presented token's digest, so the cost does not grow with the number
    /// of tenants. Its timing depends only on that digest, which the client
    /// can compute anyway: learning where it falls among the configured
    /// digests reveals nothing of a token (that would take a SHA-256 preimage).
    pub fn verify(&self, header_value: &[u8]) -> Option<&str> {
        let token = strip_bearer(header_value);
        if token.is_empty() {
            return None;
        }
        let digest: [u8; 32] = Sha256::digest(token).into();
        let i = self.tokens.binary_search_by(|t| t.digest.cmp(&digest)).ok()?;
        self.tokens.get(i).map(|t| t.name.as_str())
    }
}

fn strip_bearer(v: &[u8]) -> &[u8] {
    let v = v.trim_ascii();
    match v.get(..7) {
        Some(p) if p.eq_ignore_ascii_case(b"bearer ") => {
            v.get(7..).unwrap_or_default().trim_ascii()
        }
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth() -> Auth {
        Auth::new(vec![
            Token { name: "a".into(), digest: Sha256::digest(b"tok-a").into() },
            Token { name: "b".into(), digest: Sha256::digest(b"tok-b").into() },
        ])
    }

    #[test]
    fn accepts_bearer_and_bare_tokens() {
        let a = auth();
        assert_eq!(a.verify(b"Bearer tok-a"), Some("a"));
        assert_eq!(a.verify(b"bearer  tok-b "), Some("b"));
        assert_eq!(a.verify(b"tok-b"), Some("b"));
    }

    #[test]
    fn rejects_wrong_empty_and_binary() {
        let a = auth();
        assert_eq!(a.verify(b"Bearer tok-c"), None);
        assert_eq!(a.verify(b""), None);
        assert_eq!(a.verify(b"Bearer "), None);
        assert_eq!(a.verify(&[0xff, 0x00, 0xfe]), None);
    }

    #[test]
    fn finds_every_token_among_many() {
        // Configured in an order unrelated to the digests' order.
        let tokens = (0..1000)
            .map(|i| Token {
                name: format!("t{i}"),
                digest: Sha256::digest(format!("tok-{i}").as_bytes()).into(),
            })
            .collect();
        let a = Auth::new(tokens);
        for i in [0, 1, 499, 998, 999] {
            assert_eq!(
                a.verify(format!("Bearer tok-{i}").as_bytes()),
                Some(format!("t{i}").as_str())
            );
        }
        assert_eq!(a.verify(b"Bearer tok-1000"), None);
    }

    #[test]
    fn debug_hides_digest() {
        assert!(!format!("{:?}", auth()).contains("digest"));
    }
}
