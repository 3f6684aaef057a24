//! Which questions to ask, generated from the rule pack: a door (person or organisation) keeps
//! the provisions written for that audience, asks every fact those provisions read, grouped by
//! the registry's fact groups, the facts that decide still-open provisions first. A new policy
//! file therefore brings its questions without app code.

use skillcalc_engine::{Fact, Lang, RulePack, Subject};
use std::sync::OnceLock;

/// The two ways in: 个人 (a person) and 单位 (an organisation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Door {
    #[default]
    Person,
    Org,
}

impl Door {
    pub const ALL: [Door; 2] = [Door::Person, Door::Org];

    pub fn subject(self) -> Subject {
        match self {
            Door::Person => Subject::Person,
            Door::Org => Subject::Organisation,
        }
    }

    /// The form used in URLs, storage and DOM ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Door::Person => "person",
            Door::Org => "org",
        }
    }

    /// The engine's word for the door's subject (`person` / `organisation`), as in reports.
    pub fn subject_str(self) -> &'static str {
        match self {
            Door::Person => "person",
            Door::Org => "organisation",
        }
    }

    pub fn parse(s: &str) -> Option<Door> {
        match s {
            "person" | "p" | "individual" => Some(Door::Person),
            "org" | "o" | "organisation" | "organization" => Some(Door::Org),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            Door::Person => 0,
            Door::Org => 1,
        }
    }
}

/// One door's share of the pack.
pub struct DoorPack {
    /// The whole pack with only this door's provisions: evaluating it gives this door's totals
    /// and this door's questions, through the engine's own code.
    pub pack: RulePack,
    /// Every fact this door's provisions read, by index, in the order the provisions read them.
    pub facts: Vec<usize>,
}

/// The embedded rule pack split by door; a door's share is built the first time it is used.
pub struct Catalog {
    pub pack: &'static RulePack,
    doors: [OnceLock<DoorPack>; 2],
}

impl Catalog {
    pub fn new(pack: &'static RulePack) -> Catalog {
        Catalog {
            pack,
            doors: [OnceLock::new(), OnceLock::new()],
        }
    }

    pub fn door(&self, d: Door) -> &DoorPack {
        self.doors[d.index()].get_or_init(|| {
            let mut sub = self.pack.clone();
            sub.provisions.retain(|p| p.audience == d.subject());
            let mut facts: Vec<usize> = Vec::new();
            for p in &sub.provisions {
                for &f in &p.facts {
                    if f < self.pack.facts.len() && !facts.contains(&f) {
                        facts.push(f);
                    }
                }
            }
            DoorPack { pack: sub, facts }
        })
    }

    pub fn fact(&self, id: &str) -> Option<&'static Fact> {
        self.pack.fact(id)
    }
}

/// A fieldset of the form: one fact group, its facts in display order.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The group id ("" for facts whose group the registry does not declare).
    pub group: String,
    pub facts: Vec<usize>,
}

/// The form of one door: groups ordered by their most useful open question, and inside a group
/// the open questions first (most useful first), then the rest in registry order. `questions`
/// is the report's list of facts that would decide open provisions.
pub fn layout(cat: &Catalog, door: Door, questions: &[String]) -> Vec<Section> {
    let pack = cat.pack;
    let facts = &cat.door(door).facts;
    let rank = |f: usize| {
        questions
            .iter()
            .position(|q| *q == pack.facts[f].id)
            .unwrap_or(usize::MAX)
    };
    let group_order = |g: &str| {
        pack.groups
            .iter()
            .position(|x| x.id == g)
            .unwrap_or(usize::MAX)
    };

    let mut sections: Vec<Section> = Vec::new();
    for &f in facts {
        let g = &pack.facts[f].group;
        let g = if group_order(g) == usize::MAX {
            ""
        } else {
            g.as_str()
        };
        match sections.iter_mut().find(|s| s.group == g) {
            Some(s) => s.facts.push(f),
            None => sections.push(Section {
                group: g.to_string(),
                facts: vec![f],
            }),
        }
    }
    for s in &mut sections {
        // Registry order first, then the stable sort by rank keeps it among equals.
        s.facts.sort();
        s.facts.sort_by_key(|&f| rank(f));
    }
    sections.sort_by_key(|s| {
        let best = s.facts.iter().map(|&f| rank(f)).min().unwrap_or(usize::MAX);
        (best, group_order(&s.group))
    });
    sections
}

/// The label of a group in a language (the app's "Other" for an undeclared group).
pub fn group_label(pack: &RulePack, group: &str, lang: Lang) -> Option<String> {
    pack.groups
        .iter()
        .find(|g| g.id == group)
        .map(|g| g.label.get(lang).to_string())
}

/// A DOM id from a fact id: `q-` + the id with dots turned into hyphens
/// (`contest.city_award_amount` -> `q-contest-city_award_amount`).
pub fn field_id(fact: &str) -> String {
    format!("q-{}", dom_safe(fact))
}

/// A DOM id for a provision's result card: `p-` + its id, dots turned into hyphens.
pub fn card_id(provision: &str) -> String {
    format!("p-{}", dom_safe(provision))
}

pub fn dom_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testpack::demo;

    #[test]
    fn doors_split_the_provisions_by_audience() {
        let cat = demo();
        let person: Vec<&str> = cat
            .door(Door::Person)
            .pack
            .provisions
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        let org: Vec<&str> = cat
            .door(Door::Org)
            .pack
            .provisions
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(person, ["demo.award", "demo.unpublished"]);
        assert_eq!(
            org,
            [
                "chain.east_designation",
                "chain.east_grant",
                "chain.west_designation",
                "demo.college",
                "demo.training",
                "demo.apprentice",
                "demo.grant"
            ]
        );
        // Facts keep their indices: the door packs share the registry.
        assert_eq!(cat.door(Door::Org).pack.facts.len(), cat.pack.facts.len());
    }

    #[test]
    fn a_door_asks_every_fact_its_provisions_read_and_nothing_else() {
        let cat = demo();
        let ids = |d: Door| -> Vec<&str> {
            cat.door(d)
                .facts
                .iter()
                .map(|&f| cat.pack.facts[f].id.as_str())
                .collect()
        };
        let person = ids(Door::Person);
        assert!(person.contains(&"person.local"));
        assert!(person.contains(&"person.city_award"));
        assert!(person.contains(&"person.birth_date"));
        assert!(!person.iter().any(|f| f.starts_with("org.")));
        let org = ids(Door::Org);
        assert!(org.contains(&"org.partners") && org.contains(&"org.rate"));
        assert!(!org.iter().any(|f| f.starts_with("person.")));
    }

    #[test]
    fn open_questions_come_first() {
        let cat = demo();
        let all = layout(cat, Door::Person, &[]);
        let first = |s: &[Section]| cat.pack.facts[s[0].facts[0]].id.clone();
        assert_eq!(all.len(), 1, "the demo's person facts are one group");
        let asked = layout(
            cat,
            Door::Person,
            &["person.birth_date".to_string(), "person.local".to_string()],
        );
        assert_eq!(first(&asked), "person.birth_date");
        assert_eq!(cat.pack.facts[asked[0].facts[1]].id, "person.local");
        // Every fact is still asked exactly once.
        let mut a: Vec<usize> = all.iter().flat_map(|s| s.facts.clone()).collect();
        let mut b: Vec<usize> = asked.iter().flat_map(|s| s.facts.clone()).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }

    #[test]
    fn dom_ids_are_stable_and_safe() {
        assert_eq!(
            field_id("contest.city_award_amount"),
            "q-contest-city_award_amount"
        );
        assert_eq!(
            card_id("putuo.competition_award"),
            "p-putuo-competition_award"
        );
        assert_eq!(dom_safe("a b\"c"), "a-b-c");
    }

    #[test]
    fn the_embedded_catalog_gives_both_doors_questions() {
        // Whatever pack is embedded (the real catalog, or the demo via SKILLCALC_PACK_DIR).
        let pack = skillcalc_catalog::pack().expect("embedded pack");
        let cat = Catalog::new(pack);
        for d in Door::ALL {
            let door = cat.door(d);
            assert!(!door.pack.provisions.is_empty(), "{d:?} has provisions");
            assert!(!door.facts.is_empty(), "{d:?} asks questions");
            let sections = layout(&cat, d, &[]);
            let n: usize = sections.iter().map(|s| s.facts.len()).sum();
            assert_eq!(n, door.facts.len());
        }
    }
}
