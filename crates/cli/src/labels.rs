//! Words for statuses and recipients in the CLI's text output (table and explanation).

use skillcalc_engine::{Lang, Status, Subject};

pub fn status_label(status: Status, lang: Lang) -> &'static str {
    match (status, lang) {
        (Status::Eligible, Lang::En) => "eligible",
        (Status::NotEligible, Lang::En) => "not eligible",
        (Status::NeedsInfo, Lang::En) => "needs info",
        (Status::NotInForce, Lang::En) => "not in force",
        (Status::Eligible, Lang::Zh) => "符合",
        (Status::NotEligible, Lang::Zh) => "不符合",
        (Status::NeedsInfo, Lang::Zh) => "待补充信息",
        (Status::NotInForce, Lang::Zh) => "未生效",
    }
}

pub fn recipient_label(recipient: Subject, lang: Lang) -> &'static str {
    match (recipient, lang) {
        (Subject::Person, Lang::Zh) => "个人",
        (Subject::Organisation, Lang::Zh) => "单位",
        (other, Lang::En) => other.as_str(),
    }
}
