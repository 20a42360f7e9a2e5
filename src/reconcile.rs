//! Reconcile: group claims that speak about the same thing across documents and languages, and
//! say whether the sources agree.
//!
//! Two claims are about the same thing when they have the same kind, no conflicting roles
//! (organisation, giver, recipient), no conflicting item family (`GPU H100`, `H100 GPUs`,
//! `puces H100` → `H100`) and no conflicting period (year), and share at least one of them.
//! A group is `discrepant` when its current values differ, `corroborated` when one value comes
//! from at least two independent documents (quoted text and copies of the same message do not
//! count), `single-source` otherwise. A correction claim (see `extract::claim`) joins the group
//! holding the value it replaces: it is flagged `correction`, the earlier claims with the old
//! value `superseded`; superseded values, like denied ones ("€120m, not €150m"), stay in
//! `values` (side by side) but do not decide the status, except that a thread correcting
//! itself with no independent source for the figure that stands is `discrepant`.
//!
//! Before grouping, a transfer claim takes what it does not state (date, roles, item) from a
//! claim about the same transfer in its own document or earlier in its thread: the same
//! figure with no role against it ("the figure is 12,000" after the dated memo), the figure a
//! correction replaces, the same parties and product (a thread speaks of one transfer), or,
//! for a bare figure under a heading that names the transfer of a product, the last transfer
//! of that product stated in the thread; a vague amount ("thousands of chips from Tesla to
//! X") takes the date of the one dated transfer between the same parties in its document.
//! See [`in_context`].
//!
//! Not for: deciding which source is right, or grouping claims without a number.

use std::collections::{BTreeSet, HashMap};

use sha2::{Digest, Sha256};

use crate::extract::claim::{CORRECTION_RULE, HEADING_RULE, PRODUCT_CODE, agrees, fill_from};
use crate::model::{
    Amount, Claim, ClaimGroup, ClaimKind, DocKind, Extraction, GroupStatus, GroupSubject, Modality,
    SourcedClaim,
};

/// Earlier messages of a thread a transfer is completed from (the latest first): enough for
/// any real discussion, and a bound on the work for a mailbox whose every subject is "Re: hi".
const MAX_THREAD_MESSAGES: usize = 64;
/// How many of its own document's claims on each side a claim is completed from: the
/// neighbours that can be speaking of the same event. A long dump (thousands of transfer
/// claims in one text) stays linear; an article or a mail holds far fewer.
const MAX_OWN_NEIGHBOURS: usize = 64;

/// Relative tolerance under which two values are the same figure (rounding in reports).
const SAME_VALUE_TOLERANCE: f64 = 0.005;

/// What a claim is about, normalised for comparison.
#[derive(Debug, Clone, Default, PartialEq)]
struct Key {
    kind: Option<ClaimKind>,
    org: Option<String>,
    from: Option<String>,
    to: Option<String>,
    family: Option<String>,
    period: Option<String>,
}

fn norm(name: &Option<String>) -> Option<String> {
    name.as_ref()
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
}

/// The item family of a claim: a product code in its item, purpose or sentence words
/// (`H100` for "livraisons de GPU H100" and "H100 chips" alike).
pub fn item_family(claim: &Claim) -> Option<String> {
    let texts = [
        claim.quantity.as_ref().and_then(|q| q.item.as_deref()),
        claim.target.as_ref().and_then(|q| q.item.as_deref()),
        claim.amount.as_ref().and_then(|q| q.item.as_deref()),
        claim.purpose.as_deref(),
    ];
    texts
        .into_iter()
        .flatten()
        .find_map(|t| PRODUCT_CODE.captures(t))
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

/// The year a TIMEX value falls in (`2023-12` → `2023`), if known.
fn period(claim: &Claim) -> Option<String> {
    let d = claim.date.as_deref()?;
    let year = d.get(..4)?;
    year.chars()
        .all(|c| c.is_ascii_digit())
        .then(|| year.to_string())
}

fn key_of(claim: &Claim) -> Key {
    Key {
        kind: Some(claim.kind),
        org: norm(&claim.org),
        from: norm(&claim.from),
        to: norm(&claim.to),
        family: item_family(claim),
        period: period(claim),
    }
}

/// No field set on both sides differs, and at least one role or the family is shared.
fn compatible(group: &Key, claim: &Key) -> bool {
    if group.kind != claim.kind {
        return false;
    }
    // A transfer is one event however its reports date it (memo date, report date); amounts
    // and plans are per period ("$10 billion in 2024" vs "in 2025").
    let period_matters = group.kind != Some(ClaimKind::Transfer);
    let no_period = None;
    let pairs = [
        (&group.org, &claim.org),
        (&group.from, &claim.from),
        (&group.to, &claim.to),
        (&group.family, &claim.family),
        if period_matters {
            (&group.period, &claim.period)
        } else {
            (&no_period, &no_period)
        },
    ];
    let conflict = pairs
        .iter()
        .any(|(a, b)| matches!((a, b), (Some(x), Some(y)) if x != y));
    let shared = pairs[..4]
        .iter()
        .any(|(a, b)| matches!((a, b), (Some(x), Some(y)) if x == y));
    !conflict && shared
}

fn merge(group: &mut Key, claim: &Key) {
    let fill = |g: &mut Option<String>, c: &Option<String>| {
        if g.is_none() {
            g.clone_from(c);
        }
    };
    fill(&mut group.org, &claim.org);
    fill(&mut group.from, &claim.from);
    fill(&mut group.to, &claim.to);
    fill(&mut group.family, &claim.family);
    fill(&mut group.period, &claim.period);
}

/// The figure a claim states: the amount for money kinds, the quantity for transfers and
/// purchases in units, baseline → target for plans.
fn values_of(claim: &Claim) -> Vec<&Amount> {
    match claim.kind {
        ClaimKind::Plan | ClaimKind::Target => [claim.baseline.as_ref(), claim.target.as_ref()]
            .into_iter()
            .flatten()
            .collect(),
        _ => claim
            .amount
            .as_ref()
            .or(claim.quantity.as_ref())
            .into_iter()
            .collect(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= SAME_VALUE_TOLERANCE * a.abs().max(b.abs())
}

fn same_amount(a: &Amount, b: &Amount) -> bool {
    let unit_ok = a.unit.is_none() || b.unit.is_none() || a.unit == b.unit;
    let value_ok = match (a.value, b.value, a.range, b.range) {
        (Some(x), Some(y), _, _) => close(x, y),
        (None, None, Some([a0, a1]), Some([b0, b1])) => close(a0, b0) && close(a1, b1),
        _ => false,
    };
    unit_ok && value_ok
}

/// A claim's figure as one comparable value; `None` when it states no definite number.
fn figure(claim: &Claim) -> Option<Vec<Amount>> {
    let vals = values_of(claim);
    let definite = !vals.is_empty() && vals.iter().all(|a| a.value.is_some() || a.range.is_some());
    definite.then(|| vals.into_iter().cloned().collect())
}

fn same_figure(a: &[Amount], b: &[Amount]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_amount(x, y))
}

/// A claim with where it comes from, before grouping.
struct Item<'a> {
    ex: &'a Extraction,
    claim: &'a Claim,
    key: Key,
    figure: Option<Vec<Amount>>,
    order: (i64, &'a str, usize, usize),
    superseded: bool,
    correction: bool,
}

/// Seconds since the epoch of a document date, for ordering (undated documents last).
fn timestamp(date: Option<&str>) -> i64 {
    let Some(d) = date else {
        return i64::MAX;
    };
    chrono::DateTime::parse_from_rfc3339(d)
        .map(|t| t.timestamp())
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp())
        })
        .unwrap_or(i64::MAX)
}

/// The identity of a source document: copies of one message count once.
fn source_id(ex: &Extraction) -> String {
    if !ex.sha256.is_empty() {
        return format!("sha:{}", ex.sha256);
    }
    ex.doc_id.clone()
}

fn subject_thread(title: Option<&str>) -> Option<String> {
    let mut t = title?.trim().to_lowercase();
    loop {
        let stripped = ["re:", "fwd:", "fw:", "tr:", "réf:", "ref:"]
            .iter()
            .find_map(|p| t.strip_prefix(p).map(|r| r.trim().to_string()));
        match stripped {
            Some(s) => t = s,
            None => break,
        }
    }
    (!t.is_empty()).then_some(t)
}

/// True when `later` replies to (or continues the thread of) `earlier`.
fn same_thread(earlier: &Extraction, later: &Extraction) -> bool {
    if earlier.doc_id == later.doc_id {
        return true;
    }
    if let Some(id) = &earlier.message_id
        && (later.in_reply_to.as_ref() == Some(id) || later.references.contains(id))
    {
        return true;
    }
    earlier.kind == crate::model::DocKind::Email
        && later.kind == crate::model::DocKind::Email
        && subject_thread(earlier.title.as_deref()).is_some()
        && subject_thread(earlier.title.as_deref()) == subject_thread(later.title.as_deref())
}

/// How a claim about the same transfer can complete another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sameness {
    /// Same figure (or the figure a correction replaces): everything it lacks.
    Figure,
    /// Same giver, recipient and product in one thread: only the date.
    Parties,
    /// A bare figure under a heading that names the transfer of a product, with no party
    /// of its own, and a transfer of that product stated earlier: the parties and the date.
    Topic,
    /// A vague amount ("thousands of Nvidia AI chips from Tesla to X") and a counted transfer
    /// between the same parties in the same document, the only one dated there: the date.
    Vague,
}

/// True when every dated transfer of `claims` between the parties of `source` has its date:
/// a document that dates two transfers between the same parties leaves a vague one undated.
fn one_date_between(claims: &[Claim], source: &Claim) -> bool {
    claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Transfer && c.from == source.from && c.to == source.to)
        .filter_map(|c| c.date.as_ref())
        .all(|date| Some(date) == source.date.as_ref())
}

/// Whether `source` speaks of the transfer `claim` states, and how far it may complete it.
fn sameness(claim: &Claim, source: &Claim) -> Option<Sameness> {
    if claim.kind != ClaimKind::Transfer || source.kind != ClaimKind::Transfer {
        return None;
    }
    let roles_agree = agrees(&claim.from, &source.from)
        && agrees(&claim.to, &source.to)
        && agrees(&claim.intended_for, &source.intended_for);
    let families = (item_family(claim), item_family(source));
    let family_agrees = !matches!(&families, (Some(a), Some(b)) if a != b);
    if !roles_agree || !family_agrees {
        return None;
    }
    let value = |a: Option<&Amount>| a.and_then(|a| a.value);
    let stated = value(source.quantity.as_ref());
    let same_figure = stated.is_some()
        && (value(claim.quantity.as_ref()) == stated
            || claim.rule == CORRECTION_RULE && value(claim.baseline.as_ref()) == stated);
    if same_figure {
        return Some(Sameness::Figure);
    }
    let same_parties = claim.from.is_some()
        && claim.to.is_some()
        && claim.from == source.from
        && claim.to == source.to
        && families.0.is_some()
        && families.0 == families.1;
    if same_parties {
        return Some(Sameness::Parties);
    }
    let vague = claim
        .quantity
        .as_ref()
        .is_some_and(|q| q.value.is_none() && q.range.is_none());
    if vague
        && stated.is_some()
        && claim.from.is_some()
        && claim.to.is_some()
        && claim.from == source.from
        && claim.to == source.to
    {
        return Some(Sameness::Vague);
    }
    let topic = claim.rule == HEADING_RULE
        && claim.from.is_none()
        && claim.to.is_none()
        && claim.intended_for.is_none()
        && source.to.is_some()
        && families.0.is_some()
        && families.0 == families.1;
    topic.then_some(Sameness::Topic)
}

/// The claims of each extraction (same order), each transfer completed from a claim about
/// the same transfer in its own document, else earlier in its thread (see the module doc):
/// "So the figure is 12,000 H100 GPUs, moved from Tesla to X" in a reply takes the December
/// 2023 of the memo quoted in the message it answers. Documents are read in date order, so
/// what one message learnt from the thread passes to its replies.
pub fn in_context(extractions: &[Extraction]) -> Vec<Vec<Claim>> {
    let mut out: Vec<Vec<Claim>> = extractions.iter().map(|e| e.claims.clone()).collect();
    let mut order: Vec<usize> = (0..extractions.len()).collect();
    order.sort_by_key(|&i| {
        let e = &extractions[i];
        (
            timestamp(e.date.as_deref()),
            e.doc_id.as_str(),
            e.message_index,
        )
    });
    // Threads looked up, not scanned: by message id, and by subject for emails.
    let mut position = vec![0; extractions.len()];
    for (pos, &d) in order.iter().enumerate() {
        position[d] = pos;
    }
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut by_subject: HashMap<String, Vec<usize>> = HashMap::new();
    for &d in &order {
        let e = &extractions[d];
        if let Some(id) = &e.message_id {
            by_id.entry(id.as_str()).or_insert(d);
        }
        if e.kind == DocKind::Email
            && let Some(subject) = subject_thread(e.title.as_deref())
        {
            by_subject.entry(subject).or_default().push(d);
        }
    }
    let is_transfer = |c: &Claim| c.kind == ClaimKind::Transfer;
    for &d in &order {
        if !out[d].iter().any(is_transfer) {
            continue;
        }
        let ex = &extractions[d];
        // Own document first (both ways: a title restates the text's claim), then the
        // thread, latest message first.
        let mut thread: Vec<usize> = ex
            .in_reply_to
            .iter()
            .chain(&ex.references)
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .chain(
                (ex.kind == DocKind::Email)
                    .then(|| subject_thread(ex.title.as_deref()))
                    .flatten()
                    .and_then(|s| by_subject.get(&s))
                    .into_iter()
                    .flatten()
                    .copied(),
            )
            .filter(|&e| e != d && position[e] < position[d])
            .collect();
        thread.sort_by_key(|&e| std::cmp::Reverse(position[e]));
        thread.dedup();
        thread.truncate(MAX_THREAD_MESSAGES);
        // Twice over the document: a claim completed late may complete an earlier one.
        for i in (0..out[d].len()).chain(0..out[d].len()) {
            if !is_transfer(&out[d][i]) {
                continue;
            }
            let own = i.saturating_sub(MAX_OWN_NEIGHBOURS)
                ..(i + MAX_OWN_NEIGHBOURS + 1).min(out[d].len());
            let candidates: Vec<(usize, usize)> = own
                .filter(|&j| j != i && is_transfer(&out[d][j]))
                .map(|j| (d, j))
                .chain(thread.iter().flat_map(|&e| {
                    let claims = &out[e];
                    (0..claims.len())
                        .rev()
                        .filter(move |&j| claims[j].kind == ClaimKind::Transfer)
                        .map(move |j| (e, j))
                }))
                .collect();
            for how in [
                Sameness::Figure,
                Sameness::Parties,
                Sameness::Topic,
                Sameness::Vague,
            ] {
                for &(e, j) in &candidates {
                    let claim = &out[d][i];
                    let src = &out[e][j];
                    let lacks = claim.date.is_none() && src.date.is_some()
                        || !matches!(how, Sameness::Parties | Sameness::Vague)
                            && (claim.from.is_none() && src.from.is_some()
                                || claim.to.is_none() && src.to.is_some());
                    if !lacks || sameness(claim, src) != Some(how) {
                        continue;
                    }
                    if how == Sameness::Vague && (e != d || !one_date_between(&out[d], src)) {
                        continue;
                    }
                    let src = src.clone();
                    match how {
                        Sameness::Figure => fill_from(&mut out[d][i], &src),
                        Sameness::Parties | Sameness::Vague => out[d][i].date.clone_from(&src.date),
                        Sameness::Topic => {
                            let claim = &mut out[d][i];
                            claim.from.clone_from(&src.from);
                            claim.to.clone_from(&src.to);
                            claim.intended_for.clone_from(&src.intended_for);
                            if claim.date.is_none() {
                                claim.date.clone_from(&src.date);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Claim groups over all the extractions given: discrepant first, then corroborated, then
/// single-source; stable ids from the content.
pub fn reconcile(extractions: &[Extraction]) -> Vec<ClaimGroup> {
    let completed = in_context(extractions);
    let mut items: Vec<Item> = Vec::new();
    for (ex, claims) in extractions.iter().zip(&completed) {
        let ts = timestamp(ex.date.as_deref());
        for (i, claim) in claims.iter().enumerate() {
            items.push(Item {
                ex,
                claim,
                key: key_of(claim),
                figure: figure(claim),
                order: (ts, ex.doc_id.as_str(), ex.message_index.unwrap_or(0), i),
                superseded: false,
                correction: false,
            });
        }
    }
    items.sort_by(|a, b| a.order.cmp(&b.order));

    // Group the ordinary claims first, then let corrections join the group they correct.
    let mut groups: Vec<(Key, Vec<usize>)> = Vec::new();
    let (corrections, ordinary): (Vec<usize>, Vec<usize>) =
        (0..items.len()).partition(|&i| items[i].claim.rule == CORRECTION_RULE);
    // Claims that name a party first, so a claim that names none ("10 milliards de dollars
    // pour l'IA cette année") finds the group of its figure whatever the documents' order.
    let (anonymous, named): (Vec<usize>, Vec<usize>) = ordinary
        .into_iter()
        .partition(|&i| names_no_party(&items[i].key));
    for i in named {
        place(&mut groups, &items, i);
    }
    for i in anonymous {
        place(&mut groups, &items, i);
    }
    for i in corrections {
        let old = items[i].claim.baseline.clone();
        let target = old.as_ref().and_then(|old| {
            groups.iter().position(|(_, members)| {
                members.iter().any(|&m| {
                    items[m].claim.kind == items[i].claim.kind
                        && items[m].order <= items[i].order
                        && same_thread(items[m].ex, items[i].ex)
                        && items[m]
                            .figure
                            .as_ref()
                            .is_some_and(|f| f.len() == 1 && same_amount(&f[0], old))
                })
            })
        });
        match (target, old) {
            (Some(g), Some(old)) => {
                items[i].correction = true;
                let members = groups[g].1.clone();
                for m in members {
                    let replaced = items[m]
                        .figure
                        .as_ref()
                        .is_some_and(|f| f.len() == 1 && same_amount(&f[0], &old));
                    if replaced && items[m].order <= items[i].order {
                        items[m].superseded = true;
                    }
                }
                groups[g].1.push(i);
            }
            _ => place(&mut groups, &items, i),
        }
    }

    let mut out: Vec<ClaimGroup> = groups
        .into_iter()
        .map(|(key, mut members)| {
            members.sort_by(|&a, &b| items[a].order.cmp(&items[b].order));
            build_group(&key, &members, &items)
        })
        .collect();
    out.sort_by(|a, b| (a.status, a.kind, &a.group_id).cmp(&(b.status, b.kind, &b.group_id)));
    out
}

/// True when a claim names no organisation in any role.
fn names_no_party(key: &Key) -> bool {
    key.org.is_none() && key.from.is_none() && key.to.is_none()
}

/// No field set on both sides differs (kind, family, and the period where it matters).
fn nothing_against(group: &Key, claim: &Key) -> bool {
    let period_matters = group.kind != Some(ClaimKind::Transfer);
    let differ =
        |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(x), Some(y)) if x != y);
    group.kind == claim.kind
        && !differ(&group.family, &claim.family)
        && !(period_matters && differ(&group.period, &claim.period))
}

fn place(groups: &mut Vec<(Key, Vec<usize>)>, items: &[Item], i: usize) {
    let key = &items[i].key;
    let mut target = groups.iter().position(|(g, _)| compatible(g, key));
    // A claim that names no party shares nothing a key can compare; it is the same claim as
    // the one group that states its very figure (same kind, nothing against it).
    if target.is_none()
        && names_no_party(key)
        && let Some(fig) = &items[i].figure
    {
        let holding: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(_, (g, members))| {
                nothing_against(g, key)
                    && members.iter().any(|&m| {
                        items[m]
                            .figure
                            .as_ref()
                            .is_some_and(|f| same_figure(f, fig))
                    })
            })
            .map(|(gi, _)| gi)
            .collect();
        if let [only] = holding.as_slice() {
            target = Some(*only);
        }
    }
    match target.and_then(|t| groups.get_mut(t)) {
        Some((g, members)) => {
            merge(g, key);
            members.push(i);
        }
        None => groups.push((key.clone(), vec![i])),
    }
}

fn build_group(key: &Key, members: &[usize], items: &[Item]) -> ClaimGroup {
    let mut values: Vec<Amount> = Vec::new();
    let mut current: Vec<Vec<Amount>> = Vec::new();
    let mut sources_by_figure: Vec<BTreeSet<String>> = Vec::new();
    for &m in members {
        let it = &items[m];
        let Some(fig) = &it.figure else {
            continue;
        };
        for a in fig {
            if !values.iter().any(|v| same_amount(v, a)) {
                values.push(a.clone());
            }
        }
        // Superseded and denied figures stay visible but do not decide the verdict.
        if it.superseded || it.claim.modality == Modality::Denied {
            continue;
        }
        let idx = match current.iter().position(|f| same_figure(f, fig)) {
            Some(idx) => idx,
            None => {
                current.push(fig.clone());
                sources_by_figure.push(BTreeSet::new());
                current.len() - 1
            }
        };
        if !it.claim.quoted {
            sources_by_figure[idx].insert(source_id(it.ex));
        }
    }
    // A thread that corrects its own figure ("Correction: 2,000, not 2,400") disagrees with
    // itself: that is a discrepancy, unless independent sources corroborate the figure that
    // stands (the correction then stays flagged on its claims).
    let corrected = members.iter().any(|&m| items[m].superseded);
    let status = if current.len() >= 2 {
        GroupStatus::Discrepant
    } else if sources_by_figure.first().is_some_and(|s| s.len() >= 2) {
        GroupStatus::Corroborated
    } else if corrected {
        GroupStatus::Discrepant
    } else {
        GroupStatus::SingleSource
    };
    let first = &items[members[0]];
    let display =
        |f: fn(&Claim) -> Option<&String>| members.iter().find_map(|&m| f(items[m].claim).cloned());
    let subject = GroupSubject {
        org: display(|c| c.org.as_ref()),
        from: display(|c| c.from.as_ref()),
        to: display(|c| c.to.as_ref()),
        item: key.family.clone().or_else(|| {
            members.iter().find_map(|&m| {
                let c = items[m].claim;
                c.quantity
                    .as_ref()
                    .and_then(|q| q.item.clone())
                    .or_else(|| c.purpose.clone())
            })
        }),
        period: key.period.clone(),
    };
    let claims: Vec<SourcedClaim> = members
        .iter()
        .map(|&m| {
            let it = &items[m];
            SourcedClaim {
                doc_id: it.ex.doc_id.clone(),
                path: it.ex.path.clone(),
                message_index: it.ex.message_index,
                title: it.ex.title.clone(),
                doc_date: it.ex.date.clone(),
                sender: it.ex.from.as_ref().map(|a| a.address.clone()),
                superseded: it.superseded,
                correction: it.correction,
                claim: it.claim.clone(),
            }
        })
        .collect();
    let mut hasher = Sha256::new();
    hasher.update(first.claim.kind.as_str());
    for part in [&key.org, &key.from, &key.to, &key.family, &key.period] {
        hasher.update([0]);
        hasher.update(part.as_deref().unwrap_or("").as_bytes());
    }
    for c in &claims {
        hasher.update([1]);
        hasher.update(c.doc_id.as_bytes());
        hasher.update(c.claim.evidence.field.as_bytes());
        hasher.update(c.claim.evidence.start.to_le_bytes());
    }
    let digest = hasher.finalize();
    ClaimGroup {
        group_id: hex::encode(&digest[..8]),
        kind: first.claim.kind,
        subject,
        status,
        values,
        claims,
    }
}
