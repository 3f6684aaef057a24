//! The compiled rule pack: validated, with facts referred to by index. This is what the
//! evaluator runs and what the catalog embeds (as postcard bytes), so it holds no `untagged`
//! or skipped-if-empty fields.

use crate::date::Date;
use crate::text::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub type FactIndex = usize;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RulePack {
    // Private: only the compiler (crate::compile) builds a pack, so the indexes between its
    // parts (facts, policies, provisions, goals) always agree; everyone else reads it.
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) facts: Vec<Fact>,
    pub(crate) groups: Vec<Group>,
    pub(crate) values: Vec<DatedValue>,
    pub(crate) policies: Vec<Policy>,
    pub(crate) provisions: Vec<Provision>,
    pub(crate) goals: Vec<Goal>,
    pub(crate) issuer: Option<Text>,
    pub(crate) date: Option<Date>,
    #[serde(skip)]
    pub(crate) fact_ids: FactIds,
    /// Set only by [`RulePack::embedded_from_compact`]: the catalogue built into the program.
    #[serde(skip)]
    pub(crate) embedded: bool,
}

/// What people come to check, and the provisions (by index) that answer it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    pub audience: Subject,
    pub label: Text,
    pub hint: Option<Text>,
    /// The event whose date decides which rules apply.
    pub event: Option<Text>,
    pub provisions: Vec<usize>,
}

/// Fact ids to indexes. Looked up for every answer of every profile (a batch: every row), so
/// hashed with FNV-1a, which is several times cheaper than the default SipHash on short ids;
/// the ids come from the pack, not from users, so flooding is no concern.
pub(crate) type FactIds = HashMap<String, FactIndex, BuildHasherDefault<Fnv>>;

#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FactType {
    Bool,
    Int,
    Money,
    Decimal,
    Enum,
    EnumSet,
    Date,
    Text,
}

impl FactType {
    pub fn parse(s: &str) -> Option<FactType> {
        Some(match s {
            "bool" => FactType::Bool,
            "int" => FactType::Int,
            "money" => FactType::Money,
            "decimal" => FactType::Decimal,
            "enum" => FactType::Enum,
            "enum_set" => FactType::EnumSet,
            "date" => FactType::Date,
            "text" => FactType::Text,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FactType::Bool => "bool",
            FactType::Int => "int",
            FactType::Money => "money",
            FactType::Decimal => "decimal",
            FactType::Enum => "enum",
            FactType::EnumSet => "enum_set",
            FactType::Date => "date",
            FactType::Text => "text",
        }
    }

    pub fn is_number(self) -> bool {
        matches!(self, FactType::Int | FactType::Money | FactType::Decimal)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Subject {
    Person,
    Organisation,
}

impl Subject {
    pub fn parse(s: &str) -> Option<Subject> {
        match s {
            "person" => Some(Subject::Person),
            "organisation" | "organization" => Some(Subject::Organisation),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    pub kind: FactType,
    pub subject: Subject,
    pub group: String,
    pub label: Text,
    pub help: Option<Text>,
    pub values: Vec<EnumValue>,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    pub min_date: Option<Date>,
    pub max_date: Option<Date>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnumValue {
    pub id: String,
    pub label: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub label: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DatedValue {
    pub id: String,
    pub label: Text,
    /// Ordered by `from`, oldest first.
    pub history: Vec<DatedEntry>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DatedEntry {
    pub from: Date,
    pub amount: Decimal,
    pub document: String,
    pub source: String,
    pub confidence: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Policy {
    pub id: String,
    pub document: String,
    pub title: Text,
    pub issuer: Text,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub source: Option<String>,
    pub note: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ProvisionKind {
    Designation,
    Subsidy,
    Award,
    Grant,
    Pathway,
    Check,
}

impl ProvisionKind {
    pub fn parse(s: &str) -> Option<ProvisionKind> {
        Some(match s {
            "designation" => ProvisionKind::Designation,
            "subsidy" => ProvisionKind::Subsidy,
            "award" => ProvisionKind::Award,
            "grant" => ProvisionKind::Grant,
            "pathway" => ProvisionKind::Pathway,
            "check" => ProvisionKind::Check,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Unit {
    PerPerson,
    PerPersonPerYear,
    PerProjectPerYear,
    PerOrganisation,
    PerCompetition,
    OneOff,
    None,
}

impl Unit {
    pub fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "per_person" => Unit::PerPerson,
            "per_person_per_year" => Unit::PerPersonPerYear,
            "per_project_per_year" => Unit::PerProjectPerYear,
            "per_organisation" | "per_organization" => Unit::PerOrganisation,
            "per_competition" => Unit::PerCompetition,
            "one_off" => Unit::OneOff,
            "none" => Unit::None,
            _ => return None,
        })
    }

    pub fn label(self) -> Text {
        let (zh, en) = match self {
            Unit::PerPerson => ("每人", "per person"),
            Unit::PerPersonPerYear => ("每人每年", "per person per year"),
            Unit::PerProjectPerYear => ("每个项目每年", "per project per year"),
            Unit::PerOrganisation => ("每家单位", "per organisation"),
            Unit::PerCompetition => ("每个竞赛项目", "per competition"),
            Unit::OneOff => ("一次性", "one-off"),
            Unit::None => ("", ""),
        };
        Text::new(zh, en)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    HalfUp,
    HalfEven,
    Down,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Provision {
    pub id: String,
    pub policy: usize,
    pub kind: ProvisionKind,
    pub audience: Subject,
    pub recipient: Subject,
    pub unit: Unit,
    pub clause: Text,
    pub title: Text,
    pub explain: Text,
    pub benefits: Vec<Text>,
    pub process: Vec<Text>,
    pub rounding: Rounding,
    pub when: Option<Condition>,
    pub amount: Option<Amount>,
    /// Every fact the provision reads, conditions first: the questions it asks.
    pub facts: Vec<FactIndex>,
    /// What being granted it makes true (a designation's status fact and value).
    pub grants: Option<(FactIndex, Literal)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Condition {
    pub test: Test,
    pub clause: Text,
    /// What is required, in words.
    pub required: Text,
    pub advisory: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Test {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Leaf { fact: FactIndex, op: Op },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Op {
    Is(Literal),
    OneOf(Vec<Literal>),
    AtLeast(Literal),
    AtMost(Literal),
    Between(Literal, Literal),
    Contains(u16),
    Intersects(Vec<u16>),
}

/// A literal already checked against its fact's type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Literal {
    Bool(bool),
    Number(Decimal),
    Enum(u16),
    Date(Date),
    Text(String),
}

impl Literal {
    /// The answer that equals this literal.
    pub fn to_value(&self) -> crate::profile::FactValue {
        use crate::profile::FactValue;
        match self {
            Literal::Bool(b) => FactValue::Bool(*b),
            Literal::Number(n) => FactValue::Number(*n),
            Literal::Enum(i) => FactValue::Enum(*i),
            Literal::Date(d) => FactValue::Date(*d),
            Literal::Text(t) => FactValue::Text(t.clone()),
        }
    }
}

/// A decimal in an amount: written in the rule, or a dated value picked by the as-of date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Num {
    Lit(Decimal),
    Value(usize),
    /// No upper limit (only as the upper end of a `rate_range`).
    Unbounded,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Amount {
    pub form: AmountForm,
    pub cap: Option<Num>,
    pub cap_scope: Vec<FactIndex>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum AmountForm {
    Fixed(Num),
    Range(Num, Num),
    PerUnit {
        count: Vec<FactIndex>,
        rate: Rate,
    },
    Ratio {
        ratio: Num,
        of: RatioBase,
    },
    ByCase {
        fact: FactIndex,
        cases: Vec<(u16, Amount)>,
    },
    Sum(Vec<Amount>),
    NotPublished(Text),
}

/// What a ratio is taken of: an answer, or a dated value of the pack.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum RatioBase {
    Fact(FactIndex),
    Value(usize),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Rate {
    Fixed(Num),
    Range(Num, Num),
    FromFact {
        fact: FactIndex,
        range: Option<(Num, Num)>,
        reject_outside: bool,
    },
}

impl RulePack {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// The facts, by index (`FactIndex`).
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// The form's groups of facts, in order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The dated values (standards, rates, caps) the amounts refer to.
    pub fn values(&self) -> &[DatedValue] {
        &self.values
    }

    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    pub fn provisions(&self) -> &[Provision] {
        &self.provisions
    }

    pub fn goals(&self) -> &[Goal] {
        &self.goals
    }

    /// Who publishes the pack (`issuer` of the source; none for the embedded catalogue).
    pub fn issuer(&self) -> Option<&Text> {
        self.issuer.as_ref()
    }

    /// The day the pack was published.
    pub fn date(&self) -> Option<Date> {
        self.date
    }

    pub fn fact_index(&self, id: &str) -> Option<FactIndex> {
        self.fact_ids.get(id).copied()
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.fact_index(id).map(|i| &self.facts[i])
    }

    pub fn provision(&self, id: &str) -> Option<&Provision> {
        self.provisions.iter().find(|p| p.id == id)
    }

    pub fn provision_index(&self, id: &str) -> Option<usize> {
        self.provisions.iter().position(|p| p.id == id)
    }

    /// The same pack with only the provisions `keep` accepts, and the policies they belong to
    /// (the registry and the values stay; goals then name the kept provisions only). For a
    /// subset to decide (`skillcalc --provision`, a goal of the app).
    pub fn retain_provisions(&self, mut keep: impl FnMut(&Provision) -> bool) -> RulePack {
        let mut sub = self.clone();
        let mut new_index = Vec::with_capacity(self.provisions.len());
        let mut kept = Vec::new();
        for p in &self.provisions {
            if keep(p) {
                new_index.push(Some(kept.len()));
                kept.push(p.clone());
            } else {
                new_index.push(None);
            }
        }
        for g in &mut sub.goals {
            g.provisions = g.provisions.iter().filter_map(|&i| new_index[i]).collect();
        }
        // Keep the policies those provisions belong to, renumbering the provisions' references.
        let mut policies = Vec::new();
        let mut policy_index = vec![usize::MAX; self.policies.len()];
        for p in &mut kept {
            if policy_index[p.policy] == usize::MAX {
                policy_index[p.policy] = policies.len();
                policies.push(self.policies[p.policy].clone());
            }
            p.policy = policy_index[p.policy];
        }
        sub.provisions = kept;
        sub.policies = policies;
        sub
    }

    pub(crate) fn rebuild_index(&mut self) {
        self.fact_ids = self
            .facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
    }

    /// The compact form the catalog embeds at build time (no TOML parser needed to read it).
    pub fn to_compact(&self) -> Result<Vec<u8>, crate::Error> {
        postcard::to_allocvec(self).map_err(|e| crate::Error::Internal {
            message: e.to_string(),
        })
    }

    /// The catalogue built into the program (reports say so: `pack.embedded`); a pack read at
    /// run time comes through [`RulePack::from_compact`] or `compile`, and is never marked.
    pub fn embedded_from_compact(bytes: &[u8]) -> Result<RulePack, crate::Error> {
        let mut pack = RulePack::from_compact(bytes)?;
        pack.embedded = true;
        Ok(pack)
    }

    /// Whether this is the catalogue built into the program.
    pub fn is_embedded(&self) -> bool {
        self.embedded
    }

    pub fn from_compact(bytes: &[u8]) -> Result<RulePack, crate::Error> {
        let mut pack: RulePack =
            postcard::from_bytes(bytes).map_err(|e| crate::Error::Internal {
                message: format!("embedded pack unreadable: {e}"),
            })?;
        pack.rebuild_index();
        Ok(pack)
    }

    /// The value in force on `as_of`, with its provenance.
    pub fn value_on(&self, index: usize, as_of: Date) -> Option<&DatedEntry> {
        self.values
            .get(index)?
            .history
            .iter()
            .rev()
            .find(|e| e.from <= as_of)
    }
}

impl ProvisionKind {
    /// As reports and listings write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ProvisionKind::Designation => "designation",
            ProvisionKind::Subsidy => "subsidy",
            ProvisionKind::Award => "award",
            ProvisionKind::Grant => "grant",
            ProvisionKind::Pathway => "pathway",
            ProvisionKind::Check => "check",
        }
    }
}

impl Subject {
    /// As reports and listings write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Person => "person",
            Subject::Organisation => "organisation",
        }
    }
}

impl Unit {
    /// As reports and listings write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::PerPerson => "per_person",
            Unit::PerPersonPerYear => "per_person_per_year",
            Unit::PerProjectPerYear => "per_project_per_year",
            Unit::PerOrganisation => "per_organisation",
            Unit::PerCompetition => "per_competition",
            Unit::OneOff => "one_off",
            Unit::None => "none",
        }
    }
}
