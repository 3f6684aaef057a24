//! Which questions to ask, generated from the rule pack: a door (person or organisation) keeps
//! the provisions written for that audience, asks every fact those provisions read, grouped by
//! the registry's fact groups, the facts that decide still-open provisions first. A new policy
//! file therefore brings its questions without app code.

use skillcalc_engine::{Fact, Goal, Lang, RulePack, Subject};

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
    pub fn parse(s: &str) -> Option<Door> {
        match s {
            "person" | "p" | "individual" => Some(Door::Person),
            "org" | "o" | "organisation" | "organization" => Some(Door::Org),
            _ => None,
        }
    }
}

/// One door's share of the pack, narrowed to the goals the person chose: the provisions that
/// answer them, and the facts those provisions read.
pub struct Scope {
    /// The whole pack with only these provisions: evaluating it gives their totals and their
    /// questions, through the engine's own code.
    pub pack: RulePack,
    /// Every fact these provisions read, by index, in the order the provisions read them.
    pub facts: Vec<usize>,
}

/// The rule pack the app runs, as it reads it: the embedded catalogue, or a published pack a
/// page loaded (`?pack=`, `mount({ pack })`).
pub struct Catalog {
    pub pack: &'static RulePack,
}

/// One catalog per pack, made once and kept: the same catalog is the same pack.
impl PartialEq for Catalog {
    fn eq(&self, other: &Catalog) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Catalog {
    pub fn new(pack: &'static RulePack) -> Catalog {
        Catalog { pack }
    }

    /// The goals offered at a door, in the pack's order.
    pub fn goals(&self, d: Door) -> Vec<&'static Goal> {
        self.pack
            .goals()
            .iter()
            .filter(|g| g.audience == d.subject())
            .collect()
    }

    /// The provisions of `goals` at door `d` (all of the door's when the goals are not chosen,
    /// include "all", or the pack has none).
    pub fn scope(&self, d: Door, goals: &[String]) -> Scope {
        let chosen: Vec<&Goal> = self
            .goals(d)
            .into_iter()
            .filter(|g| goals.contains(&g.id))
            .collect();
        let everything = chosen.is_empty();
        let in_goals: Vec<usize> = chosen
            .iter()
            .flat_map(|g| g.provisions.iter().copied())
            .collect();
        let mut index = 0;
        let pack = self.pack.retain_provisions(|p| {
            let i = index;
            index += 1;
            p.audience == d.subject() && (everything || in_goals.contains(&i))
        });
        let mut facts: Vec<usize> = Vec::new();
        for p in pack.provisions() {
            for &f in &p.facts {
                if f < self.pack.facts().len() && !facts.contains(&f) {
                    facts.push(f);
                }
            }
        }
        Scope { pack, facts }
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

/// The form of a scope: groups ordered by their most useful open question, and inside a group
/// the open questions first (most useful first), then the rest in registry order. `questions`
/// is the report's list of facts that would decide open provisions.
pub fn layout(cat: &Catalog, scope: &Scope, questions: &[String]) -> Vec<Section> {
    let pack = cat.pack;
    let facts = &scope.facts;
    let rank = |f: usize| {
        questions
            .iter()
            .position(|q| *q == pack.facts()[f].id)
            .unwrap_or(usize::MAX)
    };
    let group_order = |g: &str| {
        pack.groups()
            .iter()
            .position(|x| x.id == g)
            .unwrap_or(usize::MAX)
    };

    let mut sections: Vec<Section> = Vec::new();
    for &f in facts {
        let g = &pack.facts()[f].group;
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
    pack.groups()
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

    fn ids(scope: &Scope) -> Vec<&str> {
        scope
            .pack
            .provisions()
            .iter()
            .map(|p| p.id.as_str())
            .collect()
    }

    #[test]
    fn doors_split_the_provisions_by_audience() {
        let cat = demo();
        assert_eq!(
            ids(&cat.scope(Door::Person, &[])),
            ["demo.award", "demo.unpublished"]
        );
        let org = cat.scope(Door::Org, &[]);
        assert_eq!(
            ids(&org),
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
        // Facts keep their indices: the scope packs share the registry.
        assert_eq!(org.pack.facts().len(), cat.pack.facts().len());
    }

    #[test]
    fn goals_narrow_a_door_to_their_provisions() {
        let cat = demo();
        let goals: Vec<&str> = cat.goals(Door::Org).iter().map(|g| g.id.as_str()).collect();
        assert_eq!(goals, ["bases", "college", "money"]);
        let scope = cat.scope(Door::Org, &["money".into()]);
        assert_eq!(ids(&scope), ["demo.training", "demo.apprentice"]);
        let two = cat.scope(Door::Org, &["college".into(), "bases".into()]);
        assert_eq!(
            ids(&two),
            [
                "chain.east_designation",
                "chain.east_grant",
                "chain.west_designation",
                "demo.college",
                "demo.grant"
            ]
        );
        // A goal of another door, or "all", is everything of this door.
        assert_eq!(ids(&cat.scope(Door::Person, &["money".into()])).len(), 2);
        assert_eq!(ids(&cat.scope(Door::Org, &["all".into()])).len(), 7);
        // The goals of a scope pack name its own provisions.
        let g = two.pack.goals().iter().find(|g| g.id == "money").unwrap();
        assert!(g.provisions.is_empty());
    }

    #[test]
    fn a_scope_asks_every_fact_its_provisions_read_and_nothing_else() {
        let cat = demo();
        let facts = |d: Door, goals: &[String]| -> Vec<&str> {
            cat.scope(d, goals)
                .facts
                .iter()
                .map(|&f| cat.pack.facts()[f].id.as_str())
                .collect()
        };
        let person = facts(Door::Person, &[]);
        assert!(person.contains(&"person.local"));
        assert!(person.contains(&"person.city_award"));
        assert!(person.contains(&"person.birth_date"));
        assert!(!person.iter().any(|f| f.starts_with("org.")));
        let org = facts(Door::Org, &[]);
        assert!(org.contains(&"org.partners") && org.contains(&"org.rate"));
        assert!(!org.iter().any(|f| f.starts_with("person.")));
        let money = facts(Door::Org, &["money".into()]);
        assert!(money.contains(&"org.rate"));
        assert!(!money.contains(&"org.district"), "{money:?}");
    }

    #[test]
    fn open_questions_come_first() {
        let cat = demo();
        let scope = cat.scope(Door::Person, &[]);
        let all = layout(cat, &scope, &[]);
        let first = |s: &[Section]| cat.pack.facts()[s[0].facts[0]].id.clone();
        assert_eq!(all.len(), 1, "the demo's person facts are one group");
        let asked = layout(
            cat,
            &scope,
            &["person.birth_date".to_string(), "person.local".to_string()],
        );
        assert_eq!(first(&asked), "person.birth_date");
        assert_eq!(cat.pack.facts()[asked[0].facts[1]].id, "person.local");
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
    fn the_embedded_catalog_gives_every_goal_questions() {
        // Whatever pack is embedded (the real catalog, or the demo via SKILLCALC_PACK_DIR).
        let pack = skillcalc_catalog::pack().expect("embedded pack");
        let cat = Catalog::new(pack);
        for d in Door::ALL {
            let mut goals: Vec<Vec<String>> = vec![Vec::new()];
            goals.extend(cat.goals(d).iter().map(|g| vec![g.id.clone()]));
            for g in goals {
                let scope = cat.scope(d, &g);
                assert!(
                    !scope.pack.provisions().is_empty(),
                    "{d:?} {g:?} has provisions"
                );
                assert!(!scope.facts.is_empty(), "{d:?} {g:?} asks questions");
                let sections = layout(&cat, &scope, &[]);
                let n: usize = sections.iter().map(|s| s.facts.len()).sum();
                assert_eq!(n, scope.facts.len());
            }
        }
    }
}
