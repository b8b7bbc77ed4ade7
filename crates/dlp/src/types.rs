//! Public value types: categories, detector ids and sets, findings.

use std::fmt;

/// What a detector finds. DLP categories are `pii`, `financial` and
/// `secret`; the others are guardrail categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Pii,
    Financial,
    Secret,
    PromptInjection,
    Jailbreak,
    Violence,
    SelfHarm,
    Hate,
    SexualMinors,
    Weapons,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Pii,
        Category::Financial,
        Category::Secret,
        Category::PromptInjection,
        Category::Jailbreak,
        Category::Violence,
        Category::SelfHarm,
        Category::Hate,
        Category::SexualMinors,
        Category::Weapons,
    ];

    /// The snake_case name (`pii`, `prompt_injection`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Category::Pii => "pii",
            Category::Financial => "financial",
            Category::Secret => "secret",
            Category::PromptInjection => "prompt_injection",
            Category::Jailbreak => "jailbreak",
            Category::Violence => "violence",
            Category::SelfHarm => "self_harm",
            Category::Hate => "hate",
            Category::SexualMinors => "sexual_minors",
            Category::Weapons => "weapons",
        }
    }

    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }

    /// True for the guardrail categories (everything but `pii`,
    /// `financial`, `secret`).
    pub fn is_guardrail(self) -> bool {
        !matches!(self, Category::Pii | Category::Financial | Category::Secret)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A detector of an [`crate::Engine`] (built-in or custom). Ids are small
/// integers, stable for a given engine; built-in detectors have the same id
/// in every engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DetectorId(pub(crate) u16);

impl DetectorId {
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A profile of an [`crate::Engine`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProfileId(pub(crate) u16);

/// Most detectors an engine can hold (built-in and custom).
pub const MAX_DETECTORS: usize = 256;

/// A set of detectors (a 256-bit bitset).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DetectorSet([u64; 4]);

impl DetectorSet {
    pub const EMPTY: DetectorSet = DetectorSet([0; 4]);

    pub fn insert(&mut self, id: DetectorId) {
        let i = id.index();
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1u64 << (i % 64);
        }
    }

    pub fn remove(&mut self, id: DetectorId) {
        let i = id.index();
        if let Some(w) = self.0.get_mut(i / 64) {
            *w &= !(1u64 << (i % 64));
        }
    }

    pub fn contains(&self, id: DetectorId) -> bool {
        let i = id.index();
        self.0.get(i / 64).is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    pub fn union(self, other: DetectorSet) -> DetectorSet {
        let mut out = self;
        for (a, b) in out.0.iter_mut().zip(other.0) {
            *a |= b;
        }
        out
    }

    pub fn intersection(self, other: DetectorSet) -> DetectorSet {
        let mut out = self;
        for (a, b) in out.0.iter_mut().zip(other.0) {
            *a &= b;
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The members, in id order.
    pub fn iter(&self) -> impl Iterator<Item = DetectorId> + '_ {
        (0..MAX_DETECTORS as u16).map(DetectorId).filter(|d| self.contains(*d))
    }
}

impl FromIterator<DetectorId> for DetectorSet {
    fn from_iter<T: IntoIterator<Item = DetectorId>>(iter: T) -> Self {
        let mut s = DetectorSet::EMPTY;
        for d in iter {
            s.insert(d);
        }
        s
    }
}

impl fmt::Debug for DetectorSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter().map(|d| d.0)).finish()
    }
}

/// One finding: detector and byte range `[start, end)` of the ORIGINAL
/// text (for a stream: of the whole stream so far). Ranges fall on character
/// boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    pub detector: DetectorId,
    pub start: usize,
    pub end: usize,
}

impl Finding {
    /// The order of [`crate::Engine::scan`]'s output and of redaction:
    /// by start, then longest first, then detector id.
    pub(crate) fn order_key(&self) -> (usize, std::cmp::Reverse<usize>, DetectorId) {
        (self.start, std::cmp::Reverse(self.end), self.detector)
    }
}
