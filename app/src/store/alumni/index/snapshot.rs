//! The in-memory directory: every profile's search texts and filter facts,
//! with posting lists from each character pair (and each filter value) to
//! the profiles holding it. A query starts from its rarest posting list
//! (or, for a very common one, walks the profiles newest first), and checks
//! each candidate in full: its audience's text holds every term as a
//! substring, and each filter matches a part that audience may see. So
//! Japanese words of any length (two characters such as 暗号 included) are
//! found without word boundaries, and the postings only narrow the work:
//! what a viewer may see is decided by the same visibility rules as
//! everywhere (`domain::alumni::visibility`).

use crate::domain::alumni::directory::{COUNT_CAP, PAGE_SIZE};
use crate::domain::alumni::search::search_column;
use crate::domain::alumni::visibility::{Kind, Viewer, visible_settings};
use crate::domain::alumni::{OpenTo, Part, Qualification, Visibility};
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The parts the directory filters on, in the order of [`Entry::settings`].
const FILTERED: [Part; 4] = [Part::Camp, Part::Skills, Part::Qualifications, Part::OpenTo];

/// One profile as the directory searches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The owner's account.
    pub account_id: i32,
    /// When the profile was last saved (the directory lists newest first).
    pub updated_at: DateTime<Utc>,
    /// The normalised search text of each audience (public, community,
    /// organisers: `domain::alumni::search::search_texts`).
    pub texts: [Arc<str>; 3],
    /// Consent to appear in the public directory.
    pub listed: bool,
    /// Made by the history import and not yet saved by its owner: only
    /// organisers find it (`visibility::sees_profile`).
    pub awaiting_owner: bool,
    /// Completed camps (not revoked): programme, cohort and track ids.
    pub camps: Vec<(i32, i32, i32)>,
    /// Skills: normalised key and level number.
    pub skills: Vec<(String, i32)>,
    /// Qualifications held.
    pub qualifications: Vec<Qualification>,
    /// What the person is open to.
    pub open_to: OpenTo,
    /// The visibility of camps, skills, qualifications and open-to.
    pub settings: [Visibility; 4],
}

impl Entry {
    /// Where the entry stands in the directory's order (larger is newer).
    fn key(&self) -> (DateTime<Utc>, i32) {
        (self.updated_at, self.account_id)
    }
}

/// What a posting list is kept for: a pair of adjacent characters of the
/// community's or organisers' text, or of the public text (the public's
/// searches are kept apart: most of what the community may search, the
/// public may not), consent to be listed publicly, or a filter value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Token {
    Pair(u64),
    PublicPair(u64),
    Listed,
    Programme(i32),
    Cohort(i32),
    Track(i32),
    Skill(String),
    Qualification(Qualification),
    OpenTo(&'static str),
}

/// The pair token of two adjacent characters, for the public's searches
/// or the others'.
fn pair(public: bool, a: char, b: char) -> Token {
    let both = (u64::from(a) << 21) | u64::from(b);
    if public {
        Token::PublicPair(both)
    } else {
        Token::Pair(both)
    }
}

/// Every token of `e`, once each.
fn tokens(e: &Entry) -> HashSet<Token> {
    let mut out = HashSet::new();
    for (i, text) in e.texts.iter().enumerate() {
        let mut chars = text.chars();
        if let Some(mut prev) = chars.next() {
            for c in chars {
                out.insert(pair(i == 0, prev, c));
                prev = c;
            }
        }
    }
    if e.listed {
        out.insert(Token::Listed);
    }
    for &(p, c, t) in &e.camps {
        out.extend([Token::Programme(p), Token::Cohort(c), Token::Track(t)]);
    }
    out.extend(e.skills.iter().map(|(k, _)| Token::Skill(k.clone())));
    out.extend(e.qualifications.iter().map(|q| Token::Qualification(*q)));
    for key in crate::domain::alumni::OPEN_TO_KEYS {
        if e.open_to.has(key) {
            out.insert(Token::OpenTo(key));
        }
    }
    out
}

/// A directory query with its programme, cohort and track resolved to ids.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// Normalised terms, all of which must be found.
    pub terms: Vec<String>,
    /// A programme, cohort and track the person completed (each optional).
    pub place: (Option<i32>, Option<i32>, Option<i32>),
    /// A skill key.
    pub skill: Option<String>,
    /// The lowest level of that skill (or of any skill).
    pub level: Option<i32>,
    /// A qualification held.
    pub qualification: Option<Qualification>,
    /// One of `OPEN_TO_KEYS`.
    pub open_to: Option<&'static str>,
}

impl Query {
    /// The tokens every match the public (or else anyone else) may see
    /// holds.
    fn tokens(&self, public: bool) -> Vec<Token> {
        let mut out = Vec::new();
        if public {
            out.push(Token::Listed);
        }
        for term in &self.terms {
            let chars: Vec<char> = term.chars().collect();
            out.extend(chars.windows(2).map(|w| pair(public, w[0], w[1])));
        }
        let (p, c, t) = self.place;
        out.extend(p.map(Token::Programme));
        out.extend(c.map(Token::Cohort));
        out.extend(t.map(Token::Track));
        out.extend(self.skill.clone().map(Token::Skill));
        out.extend(self.qualification.map(Token::Qualification));
        out.extend(self.open_to.map(Token::OpenTo));
        out
    }
}

/// What one viewer may see, worked out once per query: the audience whose
/// text they search and, per filtered part, the settings they may see.
struct Sight {
    audience: usize,
    public: bool,
    /// Sees profiles awaiting their owner (organisers; an owner is never
    /// the searcher of their own entry here, the page shows it apart).
    staff: bool,
    seen: [[bool; 3]; 4],
}

impl Sight {
    fn of(viewer: Viewer) -> Self {
        let mut seen = [[false; 3]; 4];
        for (i, part) in FILTERED.into_iter().enumerate() {
            for v in visible_settings(part, viewer) {
                seen[i][v as usize] = true;
            }
        }
        Sight {
            audience: search_column(viewer),
            public: viewer == Viewer::Public,
            staff: matches!(viewer, Viewer::Organiser | Viewer::Owner),
            seen,
        }
    }

    fn sees(&self, e: &Entry, part: usize) -> bool {
        self.seen[part][e.settings[part] as usize]
    }

    /// Whether `e` matches `q` as this viewer may see it.
    fn matches(&self, e: &Entry, q: &Query) -> bool {
        if self.public && !e.listed {
            return false;
        }
        if e.awaiting_owner && !self.staff {
            return false;
        }
        let text = &e.texts[self.audience];
        if !q.terms.iter().all(|t| text.contains(t.as_str())) {
            return false;
        }
        let (p, c, t) = q.place;
        if (p.is_some() || c.is_some() || t.is_some())
            && !(self.sees(e, 0)
                && e.camps.iter().any(|&(ep, ec, et)| {
                    p.is_none_or(|x| x == ep)
                        && c.is_none_or(|x| x == ec)
                        && t.is_none_or(|x| x == et)
                }))
        {
            return false;
        }
        if (q.skill.is_some() || q.level.is_some())
            && !(self.sees(e, 1)
                && e.skills.iter().any(|(k, l)| {
                    q.skill.as_ref().is_none_or(|s| s == k) && q.level.is_none_or(|m| *l >= m)
                }))
        {
            return false;
        }
        if let Some(qual) = q.qualification
            && !(self.sees(e, 2) && e.qualifications.contains(&qual))
        {
            return false;
        }
        if let Some(key) = q.open_to
            && !(self.sees(e, 3) && e.open_to.has(key))
        {
            return false;
        }
        true
    }
}

/// Who searches, as the visibility rules see them: the viewer they are for
/// every profile, but for the owners of `in_scope`'s set, for whom they
/// are its viewer (an organiser for the people of the programmes they
/// organise, `visibility::Kind`).
#[derive(Clone, Copy, Debug)]
pub struct Searcher<'a> {
    /// The viewer they are for profiles outside the set.
    pub viewer: Viewer,
    /// The viewer they are for the owners in the set, and the set.
    pub in_scope: Option<(Viewer, &'a HashSet<i32>)>,
}

impl From<Viewer> for Searcher<'_> {
    fn from(viewer: Viewer) -> Self {
        Searcher {
            viewer,
            in_scope: None,
        }
    }
}

impl<'a> Searcher<'a> {
    /// A viewer of `kind` whose organised programmes' people are `scope`.
    pub fn of(kind: &Kind, scope: &'a HashSet<i32>) -> Self {
        let (viewer, inside) = (kind.viewer(false), kind.viewer(true));
        Searcher {
            viewer,
            in_scope: (inside != viewer).then_some((inside, scope)),
        }
    }
}

/// The directory held in memory; see the module comment.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Entries by slot; a replaced or removed entry leaves `None` behind
    /// (its slot stays in old posting lists until the next compaction).
    slots: Vec<Option<Entry>>,
    /// The live slot of each account.
    slot_of: HashMap<i32, u32>,
    /// Live slots, newest first.
    order: Vec<u32>,
    postings: HashMap<Token, Vec<u32>>,
    dead: usize,
}

impl Snapshot {
    /// A snapshot of `entries`.
    pub fn new(entries: Vec<Entry>) -> Self {
        let mut s = Snapshot::default();
        let mut entries = entries;
        entries.sort_by_key(|e| std::cmp::Reverse(e.key()));
        for e in entries {
            let slot = s.push(e);
            s.order.push(slot);
        }
        s
    }

    /// How many profiles it holds.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Stores `e` in a new slot with its postings (not yet in the order).
    fn push(&mut self, e: Entry) -> u32 {
        let slot = u32::try_from(self.slots.len()).expect("fewer than 2^32 directory entries");
        for t in tokens(&e) {
            self.postings.entry(t).or_default().push(slot);
        }
        self.slot_of.insert(e.account_id, slot);
        self.slots.push(Some(e));
        slot
    }

    fn entry(&self, slot: u32) -> Option<&Entry> {
        self.slots.get(slot as usize).and_then(Option::as_ref)
    }

    /// Where an entry with `key` stands in the order.
    fn position(&self, key: (DateTime<Utc>, i32)) -> usize {
        self.order
            .partition_point(|s| self.entry(*s).is_some_and(|e| e.key() > key))
    }

    /// Replaces `account_id`'s entry by `entry` (`None`: removes it).
    pub fn apply(&mut self, account_id: i32, entry: Option<Entry>) {
        if let Some(old) = self.slot_of.remove(&account_id) {
            if let Some(e) = self.entry(old) {
                let at = self.position(e.key());
                if self.order.get(at) == Some(&old) {
                    self.order.remove(at);
                }
            }
            self.slots[old as usize] = None;
            self.dead += 1;
        }
        if let Some(e) = entry {
            let at = self.position(e.key());
            let slot = self.push(e);
            self.order.insert(at, slot);
        }
        // Replaced entries stay in the posting lists until the lists are
        // rebuilt; once they outnumber the live ones, rebuild.
        if self.dead > self.order.len().max(1024) {
            let live: Vec<Entry> = std::mem::take(&mut self.slots)
                .into_iter()
                .flatten()
                .collect();
            *self = Snapshot::new(live);
        }
    }

    /// The accounts on page `page` (from 1) of `q`'s matches as `who`
    /// may see them, newest first, and how many match, counted up to
    /// `COUNT_CAP` + 1.
    pub fn search(&self, who: Searcher<'_>, q: &Query, page: u64) -> (Vec<i32>, u64) {
        let sight = Sight::of(who.viewer);
        let scoped = who.in_scope.map(|(v, set)| (Sight::of(v), set));
        // The same viewer kind is never public for some and not others.
        let sight_for = |e: &Entry| match &scoped {
            Some((inside, set)) if set.contains(&e.account_id) => inside,
            _ => &sight,
        };
        let offset =
            usize::try_from(page.saturating_sub(1).saturating_mul(PAGE_SIZE)).unwrap_or(usize::MAX);
        let cap = usize::try_from(COUNT_CAP + 1).unwrap_or(usize::MAX);
        let want = offset.saturating_add(PAGE_SIZE as usize).max(cap);
        let mut lists: Vec<&[u32]> = Vec::new();
        for t in q.tokens(sight.public) {
            match self.postings.get(&t) {
                Some(l) => lists.push(l),
                None => return (Vec::new(), 0),
            }
        }
        lists.sort_by_key(|l| l.len());
        let matched: Vec<u32> = match lists.first() {
            // A rare token: check its few holders, then order them.
            Some(rarest) if rarest.len() <= self.order.len() / 16 => {
                let mut found: Vec<u32> = rarest
                    .iter()
                    .copied()
                    .filter(|s| self.entry(*s).is_some_and(|e| sight_for(e).matches(e, q)))
                    .collect();
                found.sort_by_key(|s| std::cmp::Reverse(self.entry(*s).map(Entry::key)));
                found
            }
            // Common tokens (or none): walk newest first, until enough.
            _ => {
                // Each more list narrows the walk but costs a pass over
                // it: only lists held by a quarter or fewer are worth it.
                let narrow = 1 + lists
                    .iter()
                    .skip(1)
                    .take(2)
                    .take_while(|l| l.len() <= self.order.len() / 4)
                    .count();
                let holds = (!lists.is_empty()).then(|| self.bits(&lists[..narrow]));
                self.order
                    .iter()
                    .copied()
                    .filter(|s| holds.as_ref().is_none_or(|b| bit(b, *s)))
                    .filter(|s| self.entry(*s).is_some_and(|e| sight_for(e).matches(e, q)))
                    .take(want)
                    .collect()
            }
        };
        let ids = matched
            .iter()
            .skip(offset)
            .take(PAGE_SIZE as usize)
            .filter_map(|s| self.entry(*s).map(|e| e.account_id))
            .collect();
        (ids, matched.len().min(cap) as u64)
    }

    /// The slots in every one of `lists`, as a bit set.
    fn bits(&self, lists: &[&[u32]]) -> Vec<u64> {
        let words = self.slots.len().div_ceil(64);
        let mut out: Option<Vec<u64>> = None;
        for l in lists {
            let mut bits = vec![0u64; words];
            for s in *l {
                bits[*s as usize / 64] |= 1 << (s % 64);
            }
            out = Some(match out {
                None => bits,
                Some(mut all) => {
                    for (x, y) in all.iter_mut().zip(bits) {
                        *x &= y;
                    }
                    all
                }
            });
        }
        out.unwrap_or_default()
    }
}

fn bit(bits: &[u64], slot: u32) -> bool {
    bits[slot as usize / 64] & (1 << (slot % 64)) != 0
}
