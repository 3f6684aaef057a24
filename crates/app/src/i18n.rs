//! The app's own words, in Chinese (the default) and English. Everything about policies comes
//! from the rule pack and the engine's report, already in the chosen language; this file only
//! holds the interface's labels.

use skillcalc_engine::{Lang, Outcome, ProvisionKind, RulePack, Status, Subject};

/// Every interface string, once per language. A struct (not a map) so a missing translation is
/// a compile error.
pub struct Ui {
    pub html_lang: &'static str,
    /// "：" or ": "
    pub colon: &'static str,
    /// Brackets around an aside: "（…）" or " (…)".
    pub open: &'static str,
    pub close: &'static str,
    pub title: &'static str,
    pub subtitle: &'static str,
    pub door_label: &'static str,
    pub door_person: &'static str,
    pub door_person_hint: &'static str,
    pub door_org: &'static str,
    pub door_org_hint: &'static str,
    /// The switch's own label, written in the language it switches TO.
    pub switch_lang: &'static str,
    pub switch_lang_code: &'static str,
    pub switch_lang_name: &'static str,
    pub as_of: &'static str,
    pub as_of_help: &'static str,
    pub as_of_today: &'static str,
    pub share: &'static str,
    pub share_copied: &'static str,
    pub share_ready: &'static str,
    pub share_link: &'static str,
    pub print: &'static str,
    pub clear: &'static str,
    pub cleared: &'static str,
    pub questions: &'static str,
    pub questions_help: &'static str,
    pub next_questions: &'static str,
    pub next_questions_none: &'static str,
    pub affects: &'static str,
    pub decides_badge: &'static str,
    pub other_group: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub dont_know: &'static str,
    pub choose_dont_know: &'static str,
    pub yuan: &'static str,
    pub results: &'static str,
    pub results_count: &'static str,
    pub totals: &'static str,
    pub totals_eligible: &'static str,
    pub totals_possible: &'static str,
    pub recipient_person: &'static str,
    pub recipient_org: &'static str,
    pub received_by: &'static str,
    pub counts_eligible: &'static str,
    pub counts_needs_info: &'static str,
    pub counts_unpublished: &'static str,
    pub status_eligible: &'static str,
    pub status_not_eligible: &'static str,
    pub status_needs_info: &'static str,
    pub status_not_in_force: &'static str,
    pub decision_would_be: &'static str,
    pub why: &'static str,
    pub conditions: &'static str,
    pub all_of: &'static str,
    pub any_of: &'static str,
    pub none_of: &'static str,
    pub met: &'static str,
    pub not_met: &'static str,
    pub unknown: &'static str,
    pub advisory: &'static str,
    pub required: &'static str,
    pub given: &'static str,
    pub clause: &'static str,
    pub missing: &'static str,
    pub missing_amount: &'static str,
    pub lacks: &'static str,
    pub answer_it: &'static str,
    pub arithmetic: &'static str,
    pub cap: &'static str,
    pub no_amount: &'static str,
    pub values_used: &'static str,
    pub value_source: &'static str,
    pub value_confidence: &'static str,
    pub value_from: &'static str,
    pub warnings: &'static str,
    pub benefits: &'static str,
    pub process: &'static str,
    pub document: &'static str,
    pub policy_dates: &'static str,
    pub date_open: &'static str,
    pub in_force: &'static str,
    pub expired: &'static str,
    pub not_yet: &'static str,
    pub policies: &'static str,
    pub policies_not_in_force: &'static str,
    pub issuer: &'static str,
    pub source: &'static str,
    pub disclaimer_title: &'static str,
    pub disclaimer: &'static str,
    pub print_title: &'static str,
    pub print_answers: &'static str,
    pub print_no_answers: &'static str,
    pub print_provision: &'static str,
    pub print_status: &'static str,
    pub print_amount: &'static str,
    pub print_clause: &'static str,
    pub print_notes: &'static str,
    pub print_door: &'static str,
    pub print_generated: &'static str,
    pub eval_failed: &'static str,
    pub as_of_invalid: &'static str,
    pub no_provisions: &'static str,
    pub skip_to_results: &'static str,
    pub see_results: &'static str,
    /// The bottom bar's button while the results are being read: back to the questions.
    pub edit_answers: &'static str,
    pub goals_title: &'static str,
    pub goals_help: &'static str,
    pub goal_all: &'static str,
    pub goal_all_hint: &'static str,
    pub goals_chosen: &'static str,
    pub goals_change: &'static str,
    pub goals_done: &'static str,
    pub choose_goal_first: &'static str,
    pub event_generic: &'static str,
    pub event_help: &'static str,
    pub folded: &'static str,
    pub show_folded: &'static str,
    pub hide_folded: &'static str,
    pub all_yes: &'static str,
    pub window_expired: &'static str,
    pub window_not_yet: &'static str,
    pub window_button: &'static str,
    pub window_deadline: &'static str,
    pub window_total: &'static str,
    pub once_designated: &'static str,
    pub window_short: &'static str,
    pub eligible_no_money: &'static str,
    /// The bottom bar's short form of `eligible_no_money` (one line at 320 px).
    pub bar_eligible_no_money: &'static str,
    /// The bottom bar's short form of `totals_possible` (the amount must stay in view at 320 px).
    pub bar_possible: &'static str,
    pub hash_too_long: &'static str,
    pub link_view: &'static str,
    pub link_keep: &'static str,
    pub link_back: &'static str,
    pub help_label: &'static str,
    pub expired_since: &'static str,
    pub once_designated_note: &'static str,
    pub not_for_you: &'static str,
    pub totals_none_yet: &'static str,
    pub share_native: &'static str,
    pub share_failed: &'static str,
    pub undo: &'static str,
    pub value_secondary: &'static str,
    pub value_official: &'static str,
    pub value_uncertain: &'static str,
    pub value_where: &'static str,
    pub next_step: &'static str,
    pub tools: &'static str,
    pub kind_designation: &'static str,
    pub kind_subsidy: &'static str,
    pub kind_award: &'static str,
    pub kind_grant: &'static str,
    pub kind_pathway: &'static str,
    pub kind_check: &'static str,
}

pub const ZH: Ui = Ui {
    html_lang: "zh-CN",
    colon: "：",
    open: "（",
    close: "）",
    title: "上海技能人才政策计算器",
    subtitle: "回答几个问题，看看可以申请哪些认定、补贴和奖励，以及依据哪条条款。",
    door_label: "我是",
    door_person: "个人",
    door_person_hint: "竞赛奖励、证书补贴、荣誉",
    door_org: "单位",
    door_org_hint: "企业、院校：认定、补贴、资助",
    switch_lang: "English",
    switch_lang_code: "en",
    switch_lang_name: "Switch to English",
    as_of: "按此日期计算",
    as_of_help: "默认今天；选更早的日期可查看政策当时（如到期前）的规定。",
    as_of_today: "今天",
    share: "分享链接",
    share_copied: "链接已复制，打开它即可恢复这些回答。",
    share_ready: "链接已复制，打开它即可恢复这些回答。",
    share_link: "分享链接",
    print: "打印摘要",
    clear: "清除回答",
    cleared: "回答已全部清除。",
    questions: "问题",
    questions_help: "每个问题都可以选“不知道”；结果随回答即时更新，随时可以修改。",
    next_questions: "决定结果的关键问题",
    next_questions_none: "暂无待回答的关键问题。",
    affects: "影响 {n} 项结果",
    decides_badge: "关键问题",
    other_group: "其他",
    yes: "是",
    no: "否",
    dont_know: "不知道",
    choose_dont_know: "— 不知道 —",
    yuan: "元",
    results: "结果",
    results_count: "共 {n} 项",
    totals: "合计",
    totals_eligible: "已符合条件",
    totals_possible: "补充信息后可能",
    recipient_person: "个人",
    recipient_org: "单位",
    received_by: "由{r}领取",
    counts_eligible: "{n} 项符合",
    counts_needs_info: "{n} 项需补充信息",
    counts_unpublished: "{n} 项金额未公布",
    status_eligible: "符合条件",
    status_not_eligible: "不符合",
    status_needs_info: "需补充信息",
    status_not_in_force: "政策不在有效期",
    decision_would_be: "按条件判断：",
    why: "为什么？条件、计算与依据",
    conditions: "条件",
    all_of: "须全部满足",
    any_of: "满足其一即可",
    none_of: "不得满足",
    met: "满足",
    not_met: "不满足",
    unknown: "未知",
    advisory: "提示性条件，不作否决",
    required: "要求",
    given: "您的回答",
    clause: "条款",
    missing: "还需回答",
    missing_amount: "回答后可确定金额",
    lacks: "不满足的条件",
    answer_it: "去回答",
    arithmetic: "计算过程",
    cap: "上限",
    no_amount: "无资金（认定或资格）",
    values_used: "引用的补充数值",
    value_source: "来源",
    value_confidence: "可信度",
    value_from: "起用日期",
    warnings: "提示",
    benefits: "可获得",
    process: "办理流程",
    document: "文件",
    policy_dates: "有效期",
    date_open: "未规定",
    in_force: "有效",
    expired: "已到期",
    not_yet: "尚未生效",
    policies: "涉及的政策文件",
    policies_not_in_force: "{n} 份政策在所选日期不在有效期，其结果标为“政策不在有效期”；可选更早的日期查看当时的规定。",
    issuer: "发文单位",
    source: "来源",
    disclaimer_title: "说明",
    disclaimer: "本结果是根据您的回答和公开政策文本所作的估算，不是认定或审批结论；能否享受、具体金额以发文单位和主管部门的审核为准。",
    print_title: "政策测算摘要",
    print_answers: "您的回答",
    print_no_answers: "（尚未回答任何问题）",
    print_provision: "项目",
    print_status: "结果",
    print_amount: "金额",
    print_clause: "依据",
    print_notes: "说明",
    print_door: "类别",
    print_generated: "计算日期",
    eval_failed: "计算出错，显示的是上一次的结果：",
    as_of_invalid: "日期无效，已按今天计算。",
    no_provisions: "此类别下没有政策条款。",
    skip_to_results: "跳到结果",
    see_results: "查看结果",
    edit_answers: "修改回答",
    goals_title: "我想了解",
    goals_help: "选一项或几项，只问与之相关的问题。",
    goal_all: "不确定：全部显示",
    goal_all_hint: "此类别的全部问题和结果",
    goals_chosen: "正在查看",
    goals_change: "更改",
    goals_done: "完成",
    choose_goal_first: "先在上面选择您想了解的内容，这里将显示结果。",
    event_generic: "事件日期（获奖、取证、申报等）",
    event_help: "按这一天有效的政策计算；不填为今天。事情发生在政策到期前的，填当时的日期。",
    folded: "{n} 个问题只与已排除的项目有关，已收起。",
    show_folded: "显示这些问题",
    hide_folded: "收起这些问题",
    all_yes: "下列 {n} 项都具备（都选“是”）",
    window_expired: "按 {d} 计算（{doc} 有效期最后一天）：",
    window_not_yet: "按 {d} 计算（{doc} 生效之日）：",
    window_button: "按 {d} 计算全部结果",
    window_deadline: "是否仍可申领、申领期限，以主管部门答复为准。",
    window_total: "若事情发生在政策有效期内，按当时规定：",
    once_designated: "认定后：",
    window_short: "按当时规定：",
    eligible_no_money: "{n} 项符合条件（认定或资格，不含资金）",
    bar_eligible_no_money: "已符合：{n} 项资格",
    bar_possible: "补充信息后可能",
    hash_too_long: "这个链接太长，不是本计算器的分享链接，已忽略；显示的是您在本机保存的回答。",
    link_view: "您正在查看分享链接中的回答。您在本机保存的回答没有被替换。",
    link_keep: "改用链接中的回答",
    link_back: "回到我保存的回答",
    help_label: "说明",
    expired_since: "按所填日期适用当时有效的{doc}；该文件已于 {d} 到期。",
    once_designated_note: "您的回答已满足认定条件；获认定后可申请。",
    not_for_you: "不适用的项目（{n}）及原因",
    totals_none_yet: "暂无已确定符合的项目",
    share_native: "分享…",
    share_failed: "无法自动复制，请长按下面的链接复制。",
    undo: "撤销",
    value_secondary: "据公开转载（未查到原文）",
    value_official: "据原文",
    value_uncertain: "此数值未经核实",
    value_where: "在哪里读到",
    next_step: "下一步",
    tools: "保存与分享",
    kind_designation: "认定",
    kind_subsidy: "补贴",
    kind_award: "奖励",
    kind_grant: "资助",
    kind_pathway: "通道",
    kind_check: "自查",
};

pub const EN: Ui = Ui {
    html_lang: "en",
    colon: ": ",
    open: " (",
    close: ")",
    title: "Shanghai skilled-talent policy calculator",
    subtitle: "Answer a few questions to see which designations, subsidies and awards may apply, and under which clause.",
    door_label: "I am",
    door_person: "A person",
    door_person_hint: "competition awards, certificates, honours",
    door_org: "An organisation",
    door_org_hint: "enterprises, schools: designations, subsidies, grants",
    switch_lang: "中文",
    switch_lang_code: "zh-CN",
    switch_lang_name: "切换到中文",
    as_of: "As of",
    as_of_help: "Today by default; an earlier date shows what a policy said then (e.g. before it expired).",
    as_of_today: "Today",
    share: "Share link",
    share_copied: "Link copied: opening it restores these answers.",
    share_ready: "Link copied: opening it restores these answers.",
    share_link: "Share link",
    print: "Print summary",
    clear: "Clear answers",
    cleared: "Answers cleared.",
    questions: "Questions",
    questions_help: "Every question accepts “don't know”; results update as you answer, and you can change any answer at any time.",
    next_questions: "Questions that decide open results",
    next_questions_none: "No open question decides a result.",
    affects: "affects {n} result(s)",
    decides_badge: "key question",
    other_group: "Other",
    yes: "Yes",
    no: "No",
    dont_know: "Don't know",
    choose_dont_know: "— Don't know —",
    yuan: "yuan",
    results: "Results",
    results_count: "{n} in all",
    totals: "Total",
    totals_eligible: "Eligible now",
    totals_possible: "Possible once open questions are answered",
    recipient_person: "the person",
    recipient_org: "the organisation",
    received_by: "received by {r}",
    counts_eligible: "{n} eligible",
    counts_needs_info: "{n} need more information",
    counts_unpublished: "{n} with no published amount",
    status_eligible: "Eligible",
    status_not_eligible: "Not eligible",
    status_needs_info: "Needs info",
    status_not_in_force: "Policy not in force",
    decision_would_be: "The conditions give: ",
    why: "Why? Conditions, arithmetic and sources",
    conditions: "Conditions",
    all_of: "All of",
    any_of: "Any one of",
    none_of: "None of",
    met: "met",
    not_met: "not met",
    unknown: "unknown",
    advisory: "advisory: never a refusal",
    required: "Required",
    given: "Your answer",
    clause: "Clause",
    missing: "Still to answer",
    missing_amount: "Answer to fix the amount",
    lacks: "Conditions not met",
    answer_it: "Answer",
    arithmetic: "Arithmetic",
    cap: "Cap",
    no_amount: "No money (a designation or status)",
    values_used: "Supplementary values used",
    value_source: "Source",
    value_confidence: "Confidence",
    value_from: "In use from",
    warnings: "Notes",
    benefits: "What it brings",
    process: "Process",
    document: "Document",
    policy_dates: "In force",
    date_open: "open",
    in_force: "in force",
    expired: "expired",
    not_yet: "not yet in force",
    policies: "Policy documents",
    policies_not_in_force: "{n} policy document(s) are not in force on the chosen date; their results are marked “Policy not in force”. Pick an earlier date to see what they said then.",
    issuer: "Issued by",
    source: "Source",
    disclaimer_title: "Please note",
    disclaimer: "This is an estimate from your answers and the published policy texts, not a determination or an approval. Whether you qualify, and the amount, are decided by the issuing authority and the competent department.",
    print_title: "Policy estimate: summary",
    print_answers: "Your answers",
    print_no_answers: "(no question answered yet)",
    print_provision: "Item",
    print_status: "Result",
    print_amount: "Amount",
    print_clause: "Basis",
    print_notes: "Notes",
    print_door: "For",
    print_generated: "As of",
    eval_failed: "The calculation failed; showing the previous result: ",
    as_of_invalid: "Not a valid date; today is used.",
    no_provisions: "No provision applies to this kind of applicant.",
    skip_to_results: "Skip to results",
    see_results: "See results",
    edit_answers: "Edit answers",
    goals_title: "I want to check",
    goals_help: "Pick one or more: only their questions are asked.",
    goal_all: "Not sure: show everything",
    goal_all_hint: "every question and result for this kind of applicant",
    goals_chosen: "Checking",
    goals_change: "Change",
    goals_done: "Done",
    choose_goal_first: "Choose above what you want to check: the results appear here.",
    event_generic: "Date of the event (prize, certificate, application…)",
    event_help: "The rules in force on this day apply; empty means today. For an event before a policy expired, enter its date.",
    folded: "{n} question(s) concern only results already ruled out, so they are hidden.",
    show_folded: "Show them",
    hide_folded: "Hide them",
    all_yes: "I meet all {n} below (answer yes to each)",
    window_expired: "As of {d}, the last day {doc} was in force: ",
    window_not_yet: "As of {d}, the day {doc} takes effect: ",
    window_button: "Compute everything as of {d}",
    window_deadline: "Whether it can still be claimed, and by when, is for the authority to confirm.",
    window_total: "If it happened while the policies were in force, under the rules then: ",
    once_designated: "Once designated: ",
    window_short: "Under the rules then: ",
    eligible_no_money: "{n} eligible (designations or status, no money)",
    bar_eligible_no_money: "Eligible: {n}, no money",
    bar_possible: "Possible",
    hash_too_long: "This link is too long to be a share link of this calculator and was ignored; your answers kept on this device are shown.",
    link_view: "You are viewing the answers of a shared link. The answers kept on this device have not been replaced.",
    link_keep: "Keep the link's answers",
    link_back: "Back to my answers",
    help_label: "Help",
    expired_since: "Computed under {doc} as in force on the date given; it expired on {d}. ",
    once_designated_note: "Your answers meet the designation's conditions; claim it once designated.",
    not_for_you: "Not for you ({n}), and why",
    totals_none_yet: "Nothing confirmed yet",
    share_native: "Share…",
    share_failed: "Could not copy automatically: copy the link below.",
    undo: "Undo",
    value_secondary: "From public reposts (the original was not found)",
    value_official: "From the original document",
    value_uncertain: "This value is not verified",
    value_where: "Where it was read",
    next_step: "Next",
    tools: "Save and share",
    kind_designation: "Designation",
    kind_subsidy: "Subsidy",
    kind_award: "Award",
    kind_grant: "Grant",
    kind_pathway: "Pathway",
    kind_check: "Self-check",
};

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// Fills `{n}` or `{r}` in a template.
pub fn fill(template: &str, value: &str) -> String {
    template.replace("{n}", value).replace("{r}", value)
}

/// Fills `{d}` (a date) and `{doc}` (a document) in a template.
pub fn fill_date(template: &str, date: &str, doc: &str) -> String {
    template.replace("{d}", date).replace("{doc}", doc)
}

pub fn status_label(lang: Lang, s: Status) -> &'static str {
    let u = ui(lang);
    match s {
        Status::Eligible => u.status_eligible,
        Status::NotEligible => u.status_not_eligible,
        Status::NeedsInfo => u.status_needs_info,
        Status::NotInForce => u.status_not_in_force,
    }
}

pub fn outcome_label(lang: Lang, o: Outcome) -> &'static str {
    let u = ui(lang);
    match o {
        Outcome::Met => u.met,
        Outcome::NotMet => u.not_met,
        Outcome::Unknown => u.unknown,
    }
}

pub fn recipient_label(lang: Lang, recipient: Subject) -> &'static str {
    let u = ui(lang);
    match recipient {
        Subject::Person => u.recipient_person,
        Subject::Organisation => u.recipient_org,
    }
}

pub fn kind_label(lang: Lang, kind: ProvisionKind) -> &'static str {
    let u = ui(lang);
    match kind {
        ProvisionKind::Designation => u.kind_designation,
        ProvisionKind::Subsidy => u.kind_subsidy,
        ProvisionKind::Award => u.kind_award,
        ProvisionKind::Grant => u.kind_grant,
        ProvisionKind::Pathway => u.kind_pathway,
        ProvisionKind::Check => u.kind_check,
    }
}

/// Which pack the results come from. The built-in catalogue names itself; any other pack is
/// named with its version, issuer and date as it gives them, and is said not to be the built-in
/// catalogue (whatever it calls itself, it can never pass for it).
pub fn pack_line(lang: Lang, pack: &RulePack) -> String {
    let zh = lang == Lang::Zh;
    if pack.is_embedded() {
        return match zh {
            true => format!("规则包：内置政策目录 {} {}", pack.name(), pack.version()),
            false => format!(
                "Rule pack: the built-in catalogue, {} {}",
                pack.name(),
                pack.version()
            ),
        };
    }
    let date = pack.date().map(|d| d.to_string());
    let said: Vec<&str> = [pack.issuer().as_ref().map(|t| t.get(lang)), date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let (open, sep, close) = if zh {
        ("（", "，", "）")
    } else {
        (" (", ", ", ")")
    };
    let said = if said.is_empty() {
        String::new()
    } else {
        format!("{open}{}{close}", said.join(sep))
    };
    match zh {
        // "（示例门户，2026-03-01）— 非内置目录": no space after the closing bracket.
        true => {
            let dash = if said.is_empty() { " — " } else { "— " };
            format!(
                "规则包：{} {}{said}{dash}非内置目录",
                pack.name(),
                pack.version()
            )
        }
        false => format!(
            "Rule pack: {} {}{said} — not the built-in catalogue",
            pack.name(),
            pack.version()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_templates() {
        assert_eq!(fill(ZH.affects, "3"), "影响 3 项结果");
        assert_eq!(
            fill(EN.received_by, EN.recipient_org),
            "received by the organisation"
        );
    }

    #[test]
    fn every_status_has_words_in_both_languages() {
        for s in [
            Status::Eligible,
            Status::NotEligible,
            Status::NeedsInfo,
            Status::NotInForce,
        ] {
            assert!(!status_label(Lang::Zh, s).is_empty());
            assert!(!status_label(Lang::En, s).is_empty());
            assert_ne!(status_label(Lang::Zh, s), status_label(Lang::En, s));
        }
    }

    #[test]
    fn the_pack_line_names_a_published_pack_and_the_built_in_catalogue() {
        let files: Vec<(String, String)> = skillcalc_catalog::source_files()
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        let mut source = skillcalc_engine::pack_from_toml(&files).expect("the catalogue");
        source.name = Some("portal-rules".into());
        source.version = Some("2".into());
        let plain = skillcalc_engine::compile(&source).expect("compiles");
        assert_eq!(
            super::pack_line(Lang::Zh, &plain),
            "规则包：portal-rules 2 — 非内置目录"
        );
        source.issuer = Some(skillcalc_engine::Text {
            zh: "示例门户".into(),
            en: "Example Portal".into(),
        });
        source.date = Some("2026-03-01".into());
        let pack = skillcalc_engine::compile(&source).expect("compiles");
        assert_eq!(
            super::pack_line(Lang::Zh, &pack),
            "规则包：portal-rules 2（示例门户，2026-03-01）— 非内置目录"
        );
        assert_eq!(
            super::pack_line(Lang::En, &pack),
            "Rule pack: portal-rules 2 (Example Portal, 2026-03-01) — not the built-in catalogue"
        );
        let builtin = skillcalc_catalog::pack().expect("the embedded catalogue");
        assert_eq!(
            super::pack_line(Lang::Zh, builtin),
            format!("规则包：内置政策目录 shanghai-skills {}", builtin.version())
        );
    }
}
