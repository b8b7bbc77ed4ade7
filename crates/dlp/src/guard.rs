//! Guardrail rules: phrase families matched on words of the normalised
//! text.
//!
//! A rule is a sequence of slots; each slot is a set of alternatives (a word,
//! a word stem ending in `*`, or several words); between two slots up to `~N`
//! filler words may stand. One slot (marked `!`, by default the first) is the
//! anchor: its words are the engine's Aho-Corasick anchors, and the other
//! slots are matched backward and forward from there. Words are runs of
//! ASCII letters and digits; everything else separates words (after
//! normalisation, so `i g n o r e` is not a word but `ｉｇｎｏｒｅ`, `іgnоrе`
//! and `ig\u{200B}nore` are `ignore`). Matching ignores ASCII case unless an
//! alternative starts with `=`.
//!
//! The rule language (one rule per string, slots separated by spaces):
//! `!ignore*|disregard* ~3 previous|prior|above ~2 instruction*|rule*`.

use crate::builtin::id;
use crate::view::{is_word, Cand, View};

/// Longest a guardrail finding may be (bytes of normalised text).
pub(crate) const SPAN_CAP: usize = 200;
/// Longest word considered; longer runs never match.
const WORD_MAX: usize = 40;
/// Most separator bytes between two consecutive words of a phrase.
const SEP_MAX: usize = 12;

#[derive(Debug)]
pub(crate) struct Alt {
    /// Lowercase words (or as written when `exact`).
    words: Vec<Vec<u8>>,
    /// The last word is a stem (prefix).
    stem: bool,
    exact: bool,
}

#[derive(Debug)]
pub(crate) struct Slot {
    pub alts: Vec<Alt>,
}

#[derive(Debug)]
pub(crate) struct Rule {
    pub det: u16,
    pub slots: Vec<Slot>,
    /// `gaps[k]`: filler words allowed between slot `k - 1` and slot `k`.
    gaps: Vec<usize>,
    pub anchor: usize,
}

impl Rule {
    /// The anchor patterns (lowercase first word or stem of each anchor
    /// alternative), with the alternative's index.
    pub fn anchor_patterns(&self) -> Vec<(Vec<u8>, usize)> {
        self.slots
            .get(self.anchor)
            .map(|s| {
                s.alts
                    .iter()
                    .enumerate()
                    .filter_map(|(k, a)| a.words.first().map(|w| (w.to_ascii_lowercase(), k)))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn has_backward(&self) -> bool {
        self.anchor > 0
    }
}

/// The first words of the rules whose anchor is not their first slot: a
/// stream must hold text from such a word while the anchor may still come
/// (a finding would start there), and only then.
#[derive(Debug, Default)]
pub(crate) struct Heads {
    /// Lowercase first word → most words that may stand between it (itself
    /// included) and the anchor.
    words: std::collections::HashMap<Vec<u8>, usize>,
    /// Stems (prefixes) with their reach.
    stems: Vec<(Vec<u8>, usize)>,
    max_reach: usize,
}

impl Heads {
    pub(crate) fn add(&mut self, rule: &Rule) {
        if !rule.has_backward() {
            return;
        }
        let slots = rule.slots.get(..rule.anchor).unwrap_or(&[]);
        let words: usize =
            slots.iter().map(|s| s.alts.iter().map(|a| a.words.len()).max().unwrap_or(0)).sum();
        let gaps: usize = rule.gaps.get(1..=rule.anchor).map_or(0, |g| g.iter().sum());
        let reach = words + gaps;
        self.max_reach = self.max_reach.max(reach);
        for alt in slots.first().map_or(&[][..], |s| s.alts.as_slice()) {
            let Some(first) = alt.words.first() else { continue };
            let first = first.to_ascii_lowercase();
            if alt.stem && alt.words.len() == 1 {
                match self.stems.iter_mut().find(|(w, _)| *w == first) {
                    Some(e) => e.1 = e.1.max(reach),
                    None => self.stems.push((first, reach)),
                }
            } else {
                let e = self.words.entry(first).or_default();
                *e = (*e).max(reach);
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.max_reach == 0
    }

    /// The reach of the rules `word` may start (0: none). `open`: the word
    /// touches the end of the text and may still grow.
    fn reach(&self, word: &[u8], open: bool) -> usize {
        let lower = word.to_ascii_lowercase();
        let mut r = self.words.get(&lower).copied().unwrap_or(0);
        for (stem, reach) in &self.stems {
            if lower.starts_with(stem) || (open && stem.starts_with(&lower)) {
                r = r.max(*reach);
            }
        }
        if open {
            for (w, reach) in &self.words {
                if w.starts_with(&lower) {
                    r = r.max(*reach);
                }
            }
        }
        r
    }

    /// How many bytes at the end of `b` (normalised text) a finding of a
    /// backward rule whose anchor has not arrived yet could cover: from the
    /// earliest head word that is still within its rule's reach of the end.
    pub(crate) fn hold(&self, b: &[u8]) -> usize {
        if self.is_empty() {
            return 0;
        }
        let len = b.len();
        let mut hold = 0;
        let mut end = len;
        let mut count = 0;
        loop {
            // The word ending at `end` (after at most SEP_MAX separators).
            let sep =
                b.get(..end).map_or(0, |x| x.iter().rev().take_while(|c| !is_word(**c)).count());
            if end < len && sep > SEP_MAX {
                break;
            }
            let e = end - sep;
            let n = b.get(..e).map_or(0, |x| x.iter().rev().take_while(|c| is_word(**c)).count());
            if n == 0 || n > WORD_MAX {
                break;
            }
            let start = e - n;
            count += 1;
            if count > self.max_reach || len - start > SPAN_CAP {
                break;
            }
            let word = b.get(start..e).unwrap_or(&[]);
            if self.reach(word, e == len) >= count {
                hold = len - start;
            }
            end = start;
        }
        hold
    }
}

/// Parses one rule. Errors are strings (built-in rules are tested to parse).
pub(crate) fn parse_rule(det: u16, src: &str) -> Result<Rule, String> {
    let mut slots = Vec::new();
    let mut gaps = Vec::new();
    let mut pending_gap = 0usize;
    let mut anchor = None;
    for tok in src.split_whitespace() {
        if let Some(n) = tok.strip_prefix('~') {
            pending_gap = n.parse().map_err(|_| format!("bad gap {tok:?} in {src:?}"))?;
            continue;
        }
        let (tok, is_anchor) = match tok.strip_prefix('!') {
            Some(t) => (t, true),
            None => (tok, false),
        };
        if is_anchor {
            if anchor.is_some() {
                return Err(format!("two anchors in {src:?}"));
            }
            anchor = Some(slots.len());
        }
        let mut alts = Vec::new();
        for alt in tok.split('|').filter(|a| !a.is_empty()) {
            let (alt, exact) = match alt.strip_prefix('=') {
                Some(a) => (a, true),
                None => (alt, false),
            };
            let (alt, stem) = match alt.strip_suffix('*') {
                Some(a) => (a, true),
                None => (alt, false),
            };
            let words: Vec<Vec<u8>> = alt
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| {
                    if exact {
                        w.as_bytes().to_vec()
                    } else {
                        w.to_ascii_lowercase().into_bytes()
                    }
                })
                .collect();
            if words.is_empty() {
                return Err(format!("empty alternative in {src:?}"));
            }
            alts.push(Alt { words, stem, exact });
        }
        gaps.push(if slots.is_empty() { 0 } else { pending_gap });
        pending_gap = 0;
        slots.push(Slot { alts });
    }
    if slots.is_empty() {
        return Err(format!("empty rule {src:?}"));
    }
    Ok(Rule { det, slots, gaps, anchor: anchor.unwrap_or(0) })
}

/// The next word at or after `p`: skips at most [`SEP_MAX`] separators.
fn next_word(v: &View, p: usize) -> Option<(usize, usize)> {
    let mut s = p;
    let mut k = 0;
    loop {
        let b = v.at(s)?;
        if is_word(b) {
            break;
        }
        k += 1;
        s += 1;
        if k > SEP_MAX {
            return None;
        }
    }
    let n = v.run(s, WORD_MAX, is_word);
    (n <= WORD_MAX).then_some((s, s + n))
}

/// The word ending at or before `p` (skipping at most [`SEP_MAX`] separators).
fn prev_word(v: &View, p: usize) -> Option<(usize, usize)> {
    let mut e = p;
    let mut k = 0;
    loop {
        let b = v.before(e)?;
        if is_word(b) {
            break;
        }
        k += 1;
        e -= 1;
        if k > SEP_MAX {
            return None;
        }
    }
    let n = v.run_back(e, WORD_MAX, is_word);
    (n <= WORD_MAX && !v.before(e - n).is_some_and(is_word)).then_some((e - n, e))
}

fn word_eq(alt: &Alt, w: &[u8], pat: &[u8], last: bool) -> bool {
    let prefix_ok = alt.stem && last;
    let cmp = |a: &[u8], b: &[u8]| if alt.exact { a == b } else { a.eq_ignore_ascii_case(b) };
    if prefix_ok {
        w.len() >= pat.len() && w.get(..pat.len()).is_some_and(|x| cmp(x, pat))
    } else {
        cmp(w, pat)
    }
}

/// Matches `alt` forward starting with word `w0`; returns the end.
fn alt_forward(v: &View, alt: &Alt, w0: (usize, usize)) -> Option<usize> {
    let mut w = w0;
    let n = alt.words.len();
    for (k, pat) in alt.words.iter().enumerate() {
        if k > 0 {
            w = next_word(v, w.1)?;
        }
        if !word_eq(alt, v.slice(w.0, w.1), pat, k + 1 == n) {
            return None;
        }
    }
    Some(w.1)
}

/// Matches `alt` backward ending with word `wl`; returns the start.
fn alt_backward(v: &View, alt: &Alt, wl: (usize, usize)) -> Option<usize> {
    let mut w = wl;
    let n = alt.words.len();
    for (k, pat) in alt.words.iter().enumerate().rev() {
        if k + 1 < n {
            w = prev_word(v, w.0)?;
        }
        if !word_eq(alt, v.slice(w.0, w.1), pat, k + 1 == n) {
            return None;
        }
    }
    Some(w.0)
}

/// Whether `word` (a whole word of the text) can be the first word of the
/// anchor alternative `alt` of `rule` (cheap pre-check before [`run_rule`]).
#[inline]
pub(crate) fn anchor_word_ok(rule: &Rule, alt: usize, word: &[u8]) -> bool {
    let Some(a) = rule.slots.get(rule.anchor).and_then(|s| s.alts.get(alt)) else { return false };
    let Some(first) = a.words.first() else { return false };
    word_eq(a, word, first, a.words.len() == 1)
}

/// Runs `rule` at an anchor occurrence of its alternative `alt` at `at`.
/// Returns the earliest start a finding could have.
pub(crate) fn run_rule(v: &View, rule: &Rule, alt: usize, at: usize, out: &mut Vec<Cand>) -> usize {
    if v.before(at).is_some_and(is_word) {
        return at;
    }
    let Some(slot) = rule.slots.get(rule.anchor) else { return at };
    let Some(a) = slot.alts.get(alt) else { return at };
    // The anchor word first (cheap): a mismatch that does not depend on text
    // still to come ends here.
    let was_hungry = v.is_hungry();
    let anchor_end = next_word(v, at).filter(|w| w.0 == at).and_then(|w| alt_forward(v, a, w));
    if anchor_end.is_none() && v.is_hungry() == was_hungry {
        return at;
    }
    // Backward slots: they never depend on text still to come.
    let mut left = at;
    for k in (0..rule.anchor).rev() {
        let gap = rule.gaps.get(k + 1).copied().unwrap_or(0);
        let Some(slot) = rule.slots.get(k) else { return at };
        let mut cursor = left;
        let mut found = None;
        for _ in 0..=gap {
            let Some(w) = prev_word(v, cursor) else { break };
            if at - w.0 > SPAN_CAP {
                break;
            }
            if let Some(s) = slot.alts.iter().find_map(|alt| alt_backward(v, alt, w)) {
                found = Some(s);
                break;
            }
            cursor = w.0;
        }
        match found {
            Some(s) => left = s,
            None => return at,
        }
    }
    let Some(mut right) = anchor_end else { return left };
    for k in rule.anchor + 1..rule.slots.len() {
        let gap = rule.gaps.get(k).copied().unwrap_or(0);
        let Some(slot) = rule.slots.get(k) else { return left };
        let mut cursor = right;
        let mut found = None;
        for _ in 0..=gap {
            let Some(w) = next_word(v, cursor) else { break };
            if w.1 - left > SPAN_CAP {
                break;
            }
            if let Some(e) = slot.alts.iter().find_map(|alt| alt_forward(v, alt, w)) {
                found = Some(e);
                break;
            }
            cursor = w.1;
        }
        match found {
            Some(e) => right = e,
            None => return left,
        }
    }
    if right - left <= SPAN_CAP {
        out.push(Cand { start: left, end: right, det: rule.det });
    }
    left
}

/// Delimiter and chat-template tokens that have no business in user text:
/// matched as literals (ignoring case), category `prompt_injection`.
pub(crate) const INJECTION_LITERALS: &[&str] = &[
    "<|im_start|>",
    "<|im_end|>",
    "<|endoftext|>",
    "<|system|>",
    "<|assistant|>",
    "<|begin_of_text|>",
    "<|start_header_id|>",
    "<|end_header_id|>",
    "<|eot_id|>",
    "<<sys>>",
    "<</sys>>",
    "[inst]",
    "[/inst]",
    "<start_of_turn>",
    "<end_of_turn>",
    "</system>",
    "<system>",
    "[system]",
    "[/system]",
    "{{system}}",
    "### system:",
    "### instruction:",
    "###system:",
];

/// `prompt_injection` literals at `at` (a `<`, `[`, `{` or `#`).
pub(crate) fn literals(v: &View, at: usize, out: &mut Vec<Cand>) -> usize {
    for lit in INJECTION_LITERALS {
        let lit = lit.as_bytes();
        if lit.first() == v.at(at).as_ref()
            && lit
                .iter()
                .enumerate()
                .all(|(k, &c)| v.at(at + k).is_some_and(|b| b.to_ascii_lowercase() == c))
        {
            out.push(Cand { start: at, end: at + lit.len(), det: id::PROMPT_INJECTION });
        }
    }
    at
}

// Shared word lists for the rules below.
macro_rules! list {
    ($($w:literal)|+) => { concat!($($w, "|"),+) };
}

const IGNORE: &str = list!(
    "ignore*"
        | "disregard*"
        | "forget*"
        | "overrid*"
        | "bypass*"
        | "discard*"
        | "nevermind"
        | "never_mind"
);
const PRIOR: &str = list!(
    "previous*"
        | "prior"
        | "above"
        | "earlier"
        | "preceding"
        | "foregoing"
        | "former"
        | "initial"
        | "original"
        | "all"
        | "any"
        | "every"
        | "your"
        | "these"
        | "those"
        | "system"
        | "developer"
        | "pre-prompt"
        | "programmed"
        | "built-in"
);
const INSTR: &str = list!(
    "instruction*"
        | "direction*"
        | "prompt*"
        | "rule*"
        | "guideline*"
        | "context"
        | "message*"
        | "command*"
        | "orders"
        | "constraint*"
        | "programming"
        | "directive*"
        | "guidance"
        | "polic*"
        | "restriction*"
        | "filter*"
        | "safeguard*"
);

/// The built-in guardrail rules, as (detector, rule) pairs.
pub(crate) fn builtin_rules() -> Vec<(u16, String)> {
    let pi = id::PROMPT_INJECTION;
    let jb = id::JAILBREAK;
    let vi = id::VIOLENCE;
    let sh = id::SELF_HARM;
    let ha = id::HATE;
    let sm = id::SEXUAL_MINORS;
    let we = id::WEAPONS;
    let mut r: Vec<(u16, String)> = Vec::new();
    let mut add = |d: u16, s: String| r.push((d, s));

    // ---- prompt injection: override the instructions in force.
    add(pi, format!("!{IGNORE} ~3 {PRIOR} ~3 {INSTR}"));
    add(
        pi,
        format!(
            "!{IGNORE} ~1 instructions|instruction|directions|directives|prompt|prompts|guidelines"
        ),
    );
    add(pi, "!stop ~0 everything ~4 just|only|now ~2 print|say|output|write|repeat|respond".into());
    add(pi, "reveal*|show|print*|display*|output*|repeat*|leak*|dump*|disclose*|expose*|recite|include|including ~4 !system_prompt|initial_prompt|initial_instructions|system_instructions|hidden_prompt|hidden_instructions|secret_instructions|pre-prompt|preprompt".into());
    add(pi, "!told|instructed|given|programmed ~3 before|prior_to|at_the_start_of|at_the_beginning_of ~2 this|the|our ~1 conversation|chat|session".into());
    add(pi, format!("!{IGNORE} ~2 what|everything|anything ~2 you|i|i've ~2 were|was|have|has|been|said|told|wrote"));
    add(pi, format!("!{IGNORE} ~4 {INSTR} ~3 above|before|earlier|previously|so_far|until_now"));
    add(pi, "do_not|don't|dont|stop ~1 follow*|obey*|listen* ~3 your|the|any|previous|prior|original|system ~2 !instruction*|rule*|guideline*|prompt*|programming".into());
    add(pi, "new|updated|revised|real|actual|secret|hidden|override ~1 !instructions|directives|system_prompt ~1 are|follow|from|override|supersede*|take_precedence|replace".into());
    add(pi, "override|overwrite|replace|reset|clear|delete|erase|wipe ~3 your|all|any|previous|prior|system|current ~3 !instruction*|prompt*|programming|guideline*|directive*".into());
    add(pi, "end|stop ~1 of ~1 !prompt|instructions|system_prompt".into());
    // Prompt leak.
    add(pi, "reveal*|show|print*|display*|output*|repeat*|leak*|dump*|disclose*|expose*|share|recite|spell_out|write_out|tell_me|give_me|provide|copy|translate|summari* ~5 your|the|its|my ~3 !system|initial|hidden|secret|internal|underlying|confidential|pre ~2 prompt*|instruction*|message|rules|guideline*|directive*|configuration|context".into());
    add(pi, "reveal*|show|print*|display*|output*|repeat*|leak*|dump*|disclose*|expose*|recite|tell_me|give_me ~3 your ~2 !prompt*|instructions|system_message|guidelines|directives".into());
    add(pi, "what|which ~1 are|is|were|was ~1 your ~3 !system|initial|original|hidden|secret|internal ~1 prompt*|instruction*|rules|guideline*|directive*".into());
    add(pi, "repeat*|print*|output*|copy|recite|echo ~4 words|text|everything|all|lines|content ~2 !above|preceding|prior|so_far|verbatim".into());
    add(
        pi,
        "begin|start ~2 your ~1 reply|response|answer ~3 with|by ~3 !repeat*|print*|reveal*".into(),
    );

    // ---- jailbreak: persona and restriction-removal families.
    add(jb, "do ~0 !anything ~0 now".into());
    add(
        jb,
        "!=DAN ~2 mode|prompt|jailbreak|persona|character|which|who|stands|can|will|has|is|does"
            .into(),
    );
    add(jb, "act|acting|be|as|called|named|pretend|become|you're|am|are ~2 !=DAN|=STAN|=DUDE|=AIM|=KEVIN|=BetterDAN|=AntiGPT|=EvilBOT|=BasedGPT|=UCAR|=Omega".into());
    let modes = "developer_mode|dev_mode|god_mode|sudo_mode|admin_mode|debug_mode|unrestricted_mode|jailbreak_mode|opposite_mode|chaos_mode|evil_mode|unlocked_mode|maximum_mode|dude_mode|dan_mode";
    let ai = "enabled|output|outputs|response*|simulat*|chatgpt|gpt|openai|policy|policies|censor*|uncensored|unrestricted|unfiltered|ai|assistant|model|llm|content_policy";
    add(jb, format!("!{modes} ~4 {ai}"));
    add(
        jb,
        format!(
            "enable*|activat*|enter*|switch*|simulat*|turn_on|unlock*|engage ~3 !{modes} ~6 {ai}"
        ),
    );
    add(jb, "!jailbr* ~3 mode|prompt|enabled|version|persona|ai|chatbot|assistant|model|response*|yourself|you|gpt|chatgpt|llm|successful*".into());
    add(jb, "you|you're|now|been|are|am|get ~3 !jailbr*".into());
    add(jb, "no|without|free_of|free_from|freed_from|free|unbound_by|not_bound_by|not_restricted_by|unrestricted_by|ignore|ignoring|beyond|outside|regardless_of|disregard* ~3 any|all|the|your|usual|typical|normal|openai|openai's|ethical|moral|content|safety ~2 !ethical|moral|morals|ethics|censorship|openai ~2 guideline*|restriction*|limitation*|constraint*|boundar*|filter*|polic*|rules|principles|considerations|concerns|standards|obligations|norms|values|implications".into());
    add(jb, "no|without|ignore|bypass|disable ~2 content|safety ~1 !restrictions|filters|filter|guidelines|policies|guardrails|moderation".into());
    add(jb, "no|without|zero ~1 !restrictions|limitations|limits|filters|censorship|boundaries|guidelines|morals|ethics|constraints|safeguards|guardrails ~3 whatsoever|at_all|of_any_kind|anymore|apply|ai|mode|chatbot|assistant|model".into());
    add(jb, "!uncensored|unfiltered|unrestricted|unlimited|unethical|amoral|immoral|unhinged|unbound|unchained|liberated|jailbroken|rogue|evil|malicious|uncontrolled|unaligned ~2 ai|model|assistant|chatbot|mode|version|response*|answer*|persona|llm|bot|character|gpt|chatgpt|entity|alter_ego|twin|confidant".into());
    add(jb, "freed|free|liberated|released|broken_free|escaped|broke_free|break_free|unshackled ~3 from ~3 the|its|their|your|typical|usual|all ~3 !confines|constraints|limitations|shackles|chains|bonds|prison|jail|cage".into());
    add(jb, "stay|stays|remain|remains|keep|staying ~1 in ~0 !character|persona".into());
    add(
        jb,
        "break*|broke|breaking ~1 !character ~4 i|will|i'll|remind|correct|say|tell|punish*|penal*"
            .into(),
    );
    add(jb, "never|not|cannot|can't|can_not|won't|must_not|will_not|shouldn't|should_not|don't|do_not ~1 !refuse*|decline|deny|reject|apologi* ~4 request*|question*|anything|any|answer*|prompt*|me|to|user|them|it".into());
    add(jb, "!pretend|imagine|act|roleplay|role-play|role_play|suppose|hypothetically|simulate|behave ~6 you|you're|your|an_ai|a_model|assistant|chatbot ~3 have|has|had|are|were|with|without|not|no_longer ~2 no|zero|without|free|unrestricted|unfiltered|uncensored|not_bound ~2 restriction*|limit*|rules|filter*|guideline*|boundar*|moral*|ethic*|censor*|polic*".into());
    add(jb, "you ~1 are|is|re ~1 no|not ~0 !longer ~3 chatgpt|claude|ai|a_language_model|an_assistant|bound|restricted|limited|constrained|an_llm|gpt|assistant|bard|gemini|llama|an_ai".into());
    add(jb, "!opposite ~1 mode|day|world|persona|version|response".into());
    add(jb, "!anti ~0 dan|gpt|ethics|censorship".into());
    add(jb, "two|both|dual ~2 !responses|answers|outputs|personalities|personas ~6 normal|classic|filtered|censored|jailbroken|unfiltered|dan|developer".into());
    add(jb, "!hypothetical*|fictional|fiction|screenplay ~4 where|in_which ~4 ai|assistant|chatbot|model|you ~3 has|have|had|no|without ~2 rules|restrictions|limits|filters|guidelines|ethics|morals".into());

    // ---- violence: harming others.
    let victims = "someone|somebody|anyone|person|people|him|her|them|wife|husband|girlfriend|boyfriend|partner|neighbor|neighbour|neighbors|neighbours|boss|coworker|co-worker|colleague|child|children|kid|kids|baby|family|parents|mother|father|mom|dad|brother|sister|classmates|teacher|students|president|politician|senator|cop|cops|police|officer|man|woman|men|women|civilians|a_human|humans|a_guy|a_girl|ex|judge|journalist|witness|rival|enemy|enemies";
    add(vi, format!("!kill|murder*|assassinat*|strangl*|stab|stabbing|torture|behead*|dismember*|kidnap*|abduct*|maim|poison|poisoning|suffocat*|smother|drown|slaughter* ~3 {victims}"));
    add(vi, format!("how|way*|best|easiest|help|teach|steps|guide|tips|want|going|plan*|wanna|gonna|should_i|can_i ~3 to|me|i ~1 !hurt|harm|beat|attack|assault|injure|cripple|batter|punch|bludgeon|hit|torture|kill|murder|stab|shoot|strangle|poison ~3 {victims}"));
    add(vi, "plan|planning|carry_out|commit|committing|organi*|execute|perpetrate|stage|conduct ~4 !shooting|massacre|terror_attack|terrorist_attack|bombing|killing_spree|assassination|lynching|murder".into());
    add(
        vi,
        "get_away|gets_away|getting_away ~1 with ~1 !murder|killing|homicide|assault|manslaughter"
            .into(),
    );
    add(vi, format!("!threaten*|terroriz*|intimidat*|stalk* ~3 {victims}"));
    add(vi, "!bomb_threat|bomb_threats|death_threat|death_threats|threatening_letter|threatening_message".into());
    add(vi, "dangerous|scary|convincing|credible|anonymous|violent ~2 !threat|threats".into());
    add(vi, "plan|planning|organi*|start|incite|instigate ~3 !violent ~1 protest*|attack*|uprising|riot|clash*|overthrow".into());
    add(vi, "plan|planning|organi*|start|incite|instigate ~3 !riot|riots|lynching|pogrom".into());
    add(vi, "!dispose|dissolve|bury ~3 of|a|the|my ~2 body|corpse|bodies".into());
    add(vi, "hide|get_rid|dump ~3 of|a|the ~2 !corpse|corpses|dead_body".into());
    add(vi, "!torture|maim|mutilat* ~3 animals|animal|dog|dogs|cat|cats|pet|pets".into());

    // ---- self harm.
    add(sh, "kill|hurt|harm|cut|starve|hang|shoot|drown|poison|burn|injure|stab|suffocate|end ~1 !myself".into());
    add(sh, "commit|committing|attempt|attempting|consider*|thinking_about ~1 !suicide".into());
    add(sh, "how|ways|way|best|easiest|quickest|painless*|method*|tips|plan* ~3 to ~2 !die|suicide|unalive|kill_myself".into());
    add(
        sh,
        "!suicide ~2 method*|note|plan|tips|guide|techniques|ideas|options|instructions".into(),
    );
    add(sh, "end|take|ending|taking ~1 my ~1 own ~0 !life".into());
    add(sh, "end|ending ~0 my ~0 !life".into());
    add(sh, "slit|cut|cutting|slash*|slice ~1 my ~1 !wrist*|arm|arms|vein*|throat|thigh*".into());
    add(sh, "!overdose ~1 on ~3 pills|tylenol|paracetamol|acetaminophen|insulin|sleeping|medication|meds|drugs|heroin|fentanyl|opioids".into());
    add(sh, "how|many|much|what ~3 pills|tylenol|paracetamol|acetaminophen ~6 !lethal|fatal|deadly|overdose".into());
    add(sh, "!self-harm|self_harm|selfharm|self_injur*|self-injur*|self_mutilat*|self-mutilat* ~4 tips|method*|ways|techniques|how|without|hide|secretly|best|tools|better|guide".into());
    add(sh, "how|ways|tips|methods ~3 to ~1 !self-harm|self_harm|selfharm|self_injur*".into());
    add(sh, "i|i'm|im ~3 want|wanna|deserve|wish|planning ~0 to ~0 !die|disappear_forever".into());
    add(sh, "i|i'm|im|feeling|feel|been|am|felt ~3 !suicidal".into());
    add(sh, "hide|hiding|cover|covering|for|use|object|tool|tools|ways|way|method*|tips ~3 !self-harm|self_harm|selfharm|self-injury|self_injury".into());
    add(sh, "!anorexi*|bulimi*|eating_disorder|purging|starving_myself ~4 tips|develop|hide|speed|faster|get|become|worse|secretly|encourage|pro|how|ways".into());
    add(sh, "how|tips|ways|help_me|want ~4 !anorexi*|bulimi*|eating_disorder".into());
    add(sh, "i ~3 want|wanna|wish ~1 to ~0 be ~0 !dead".into());
    add(sh, "better_off|wish_i_was|wish_i_were ~0 !dead".into());
    add(sh, "don't|dont|do_not ~0 want ~0 to ~0 !live".into());
    add(sh, "no_reason|nothing ~1 to ~0 !live".into());
    add(sh, "!pro-ana|proana|thinspo|thinspiration|meanspo".into());

    // ---- hate: dehumanising or calling for harm against protected groups.
    let groups = "jews|jew|jewish_people|muslims|muslim|islamists|christians|blacks|black_people|negroes|whites|white_people|asians|chinese|mexicans|latinos|hispanics|immigrants|migrants|refugees|foreigners|gays|gay_people|lesbians|homosexuals|queers|transgender*|trans_people|trannies|women|females|arabs|africans|indians|hindus|sikhs|catholics|gypsies|roma|romani|disabled_people|retards|natives|aboriginals|atheists|mormons|palestinians|israelis|ukrainians|russians|iranians|somalis|haitians|pakistanis|nigerians";
    let vile = "vermin|animals|subhuman*|sub-human*|inferior|parasites|savages|scum|filth|filthy|cockroaches|rats|pigs|apes|monkeys|disease|diseased|cancer|plague|evil|terrorists|criminals|rapists|degenerates|degenerate|dogs|trash|garbage|inbred|mongrels|less_than_human|abominations|abomination|stupid|dirty|primitive|barbaric";
    add(ha, format!("{groups} ~2 are|is|r|were|being ~2 all|just|nothing_but|simply|naturally|genetically|inherently|basically ~1 !{vile}"));
    add(ha, format!("{groups} ~2 are|is|r|were ~1 !{vile}"));
    add(ha, format!("hate|despise|loathe|detest|exterminate|eradicate|wipe_out|gas|genocide|eliminate|get_rid_of|deport|cleanse|purge|lynch|hang|shoot|burn|kill|destroy|round_up ~3 all|those|these|every|filthy|dirty|fucking|damn ~1 !{groups}"));
    add(ha, format!("hate|despise|loathe|detest|exterminate|eradicate|wipe_out|gas|genocide|kill_all ~1 !{groups}"));
    add(ha, format!("!{groups} ~3 should|must|need_to|needs_to|deserve_to|ought_to|have_to|will ~2 die|be_killed|be_exterminated|be_gassed|burn|be_deported|be_eliminated|hang|be_hanged|be_wiped_out|not_exist|be_shot|be_lynched|be_sterilized|be_enslaved|go_back|rot|suffer|disappear"));
    add(ha, "support*|need|want|promote*|time_for|bring|advocate*|call_for|deserve|justif*|glorif*|praise ~3 !ethnic_cleansing|race_war|racial_purity|genocide|holocaust|final_solution|white_genocide|racial_holy_war|apartheid|segregation".into());
    add(ha, "!holocaust|shoah ~1 never_happened|was_a_hoax|is_a_hoax|was_a_lie|is_a_lie|didn't_happen|did_not_happen|is_a_myth|was_a_myth|was_fake|is_fake|was_exaggerated|was_good|was_justified".into());
    add(ha, "!master_race|race_traitor*|white_power|sieg_heil|heil_hitler|racial_holy_war|great_replacement|white_genocide|zionist_occupied|untermensch*|kike|kikes|spic|spics|wetback|wetbacks|gook|gooks|raghead*|towelhead*|sandnigger*|faggot*|nigger*|coon|coons|beaner*|tranny".into());

    // ---- sexual content involving minors.
    let minors = "child|children|childs|kid|kids|minor|minors|underage|under-age|under_age|preteen|pre-teen|preteens|teen|teens|teenager|teenagers|teenage|young_girl|young_girls|young_boy|young_boys|little_girl|little_girls|little_boy|little_boys|schoolgirl*|schoolboy*|school_girl|school_boy|toddler*|infant*|loli|lolis|lolicon|shota|shotacon|stepdaughter|12yo|13yo|14yo|15yo|16yo|17yo|middle_schooler*|grade_schooler*|elementary_school|middle_school|kindergarten*|prepubescent|pubescent|juvenile*|youngster*";
    let sexual = "sex|sexual*|sexy|nude|nudes|naked|nudity|porn*|erotic*|intercourse|molest*|rape|raped|raping|fondl*|orgasm*|aroused|arousing|lewd|nsfw|seduc*|masturbat*|genital*|breasts|boobs|penis|vagina|hentai|fetish*|xxx|kinky|horny|fuck*|blowjob|groping|grope|sexting|sext|sexts|onlyfans|topless|bdsm|lingerie";
    add(sm, format!("!{sexual} ~6 {minors}"));
    add(sm, format!("{minors} ~6 !{sexual}"));
    let ages = "1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen";
    add(sm, format!("{ages} ~0 !year_old|years_old|yr_old ~6 {sexual}"));
    add(sm, format!("{sexual} ~6 {ages} ~0 !year_old|years_old|yr_old|yo"));
    add(sm, "!csam|cp_links|child_porn*|childporn*|kiddie_porn|kiddy_porn|pedo_porn|jailbait|pedophil*|paedophil*|pedophile*|lolicon|shotacon|preteen_porn|underage_porn|underage_sex|child_sexual_abuse_material|child_erotica|child_nudes".into());
    add(sm, "!groom*|lure|seduce|entice ~3 a|the|young|little|my ~2 child|children|kid|kids|minor|minors|girl|boy|teen|preteen ~4 sex*|meet|sleep|bed|naked|nude|photos|pics|into".into());

    // ---- weapons: mass-harm weapons and making weapons.
    let make = "destroy|blow_up|blowing_up|make|making|made|build|building|create|creating|construct*|assemble|assembling|synthes*|manufactur*|produce|producing|cook|cooking|brew|brewing|prepare|preparing|print|printing|3d_print|mix|mixing|craft|crafting|develop|developing|design|obtain|acquire|buy|get|weaponi*|aerosoli*|culture|cultivate|grow|extract|purify|refine|enrich|modify|convert|smuggle|detonate|deploy|recipe|instructions|formula|blueprint*|schematic*|step-by-step|step_by_step|diy|homemade|home-made";
    let wmd = "bomb|bombs|explosive|explosives|pipe_bomb|pipe_bombs|ied|ieds|nail_bomb|car_bomb|suicide_vest|grenade|grenades|detonator|detonators|nerve_agent|nerve_agents|nerve_gas|sarin|vx|tabun|soman|novichok|mustard_gas|chlorine_gas|phosgene|ricin|abrin|anthrax|botulinum|botulism_toxin|smallpox|bioweapon*|biological_weapon*|chemical_weapon*|dirty_bomb|radiological_weapon|nuclear_bomb|nuclear_weapon*|atomic_bomb|nuke|napalm|thermite|molotov*|tatp|hmtd|semtex|c4|rdx|petn|ammonium_nitrate_bomb|fertilizer_bomb|weaponized_virus|biological_warfare|chemical_warfare|warfare_agent|warfare_agents|bioterror*|weapons-grade|weapons_grade|enriched_uranium|yellowcake|plutonium";
    let guns = "gun|guns|firearm|firearms|pistol|pistols|rifle|rifles|ar15|ak47|glock|shotgun|shotguns|machine_gun|machine_guns|submachine_gun|ghost_gun|ghost_guns|silencer|silencers|suppressor|suppressors|auto_sear|autosear|bump_stock|lower_receiver|untraceable_gun|zip_gun|switchblade|flamethrower|crossbow";
    add(we, format!("{make} ~4 !{wmd}"));
    add(we, format!("how|steps|guide|instructions|tutorial|teach|tips|diy ~5 make|build|assemble|3d_print|print|manufacture|craft|convert|modify ~4 a|an|my|your|the|own|homemade|untraceable|illegal|full-auto|automatic ~2 !{guns}"));
    add(we, "convert*|modify|modifying|turn ~4 !semi-auto*|semi_auto*|semiautomatic|ar15|rifle|glock|pistol|gun ~4 full-auto*|full_auto*|fully_automatic|automatic|machine_gun|burst".into());
    add(we, "enrich*|refine|purify ~3 !uranium|plutonium".into());
    add(we, "!weaponi*|aerosoli* ~3 anthrax|smallpox|plague|botulinum|ebola|virus|viruses|pathogen*|bacteria|toxin*|bird_flu|h5n1|covid".into());
    add(we, "untraceable|unregistered|homemade|home-made|diy|3d-printed|3d_printed ~2 !gun|guns|firearm*|pistol*|rifle*|weapon*|silencer*|suppressor*".into());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse() {
        for (d, src) in builtin_rules() {
            let r = parse_rule(d, &src).unwrap_or_else(|e| panic!("{e}"));
            let pats = r.anchor_patterns();
            assert!(!pats.is_empty(), "{src}");
            for (p, k) in pats {
                // Short or digit anchors would fire all over ordinary text;
                // a stem anchor needs a full word key (three characters).
                assert!(p.len() >= 2 && !p.iter().all(|b| b.is_ascii_digit()), "{p:?} in {src}");
                let alt = &r.slots[r.anchor].alts[k];
                assert!(!alt.stem || alt.words.len() > 1 || p.len() >= 4, "{p:?} in {src}");
            }
        }
    }

    #[test]
    fn parse_errors() {
        assert!(parse_rule(0, "").is_err());
        assert!(parse_rule(0, "!a !b").is_err());
        assert!(parse_rule(0, "a ~x b").is_err());
        assert!(parse_rule(0, "a|-- b").is_err());
    }
}
