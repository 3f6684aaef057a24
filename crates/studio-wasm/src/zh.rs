//! The engine's pack problems (written in English, for the CLI and editors) in Chinese, for
//! the studio's policy officers. Each known form of message is matched and put into Chinese
//! with the names it quotes; a message of no known form keeps its English words behind a
//! Chinese lead, so nothing is ever lost. The file, line, column, item and field are shown
//! by the page in both languages around it.

/// The texts between pairs of quotes (`'…'` or `` `…` ``), in order.
pub fn quoted(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find(['\'', '`']) {
        let q = rest[start..].chars().next().unwrap_or('\'');
        let after = &rest[start + 1..];
        let Some(end) = after.find(q) else { break };
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    out
}

/// `message` in Chinese.
pub fn message(message: &str) -> String {
    let m = message.trim();
    let q = quoted(m);
    let first = q.first().copied().unwrap_or("");
    let second = q.get(1).copied().unwrap_or("");
    let kinds = [
        ("unknown fact ", "未知的事实"),
        ("unknown dated value ", "未知的日期值（dated value）"),
        ("unknown provision ", "未知的条款（provision）"),
        ("unknown group ", "未知的分组（group）"),
        ("unknown type ", "未知的事实类型"),
        ("unknown subject ", "未知的主体（subject）"),
        ("unknown kind ", "未知的条款种类（kind）"),
        ("unknown audience ", "未知的适用对象（audience）"),
        ("unknown recipient ", "未知的领取方（recipient）"),
        ("unknown unit ", "未知的计量单位（unit）"),
        ("unknown rounding ", "未知的取整方式（rounding）"),
        ("unknown strictness ", "未知的严格程度（strictness）"),
        ("unknown rate_check ", "未知的标准检查方式（rate_check）"),
        ("unknown expected status ", "未知的预期状态"),
    ];
    for (en, zh) in kinds {
        if m.starts_with(en) && !first.is_empty() {
            let allowed = m
                .rfind('(')
                .filter(|_| m.ends_with(')'))
                .map(|i| format!("（可用：{}）", &m[i + 1..m.len() - 1]))
                .unwrap_or_default();
            return format!("{zh}“{first}”{allowed}");
        }
    }
    let exact = [
        (
            "is not a decimal number",
            format!("“{first}”不是十进制数字（或数值过大）"),
        ),
        (
            "is not a real date in the form YYYY-MM-DD",
            format!("“{first}”不是有效日期（格式应为 YYYY-MM-DD）"),
        ),
        (
            "no scenario has the id",
            format!("没有 id 为“{first}”的场景（base）"),
        ),
        (
            "is itself invalid",
            format!("其基础场景“{first}”本身有问题"),
        ),
        ("is named twice", format!("条款“{first}”列了两次")),
        (
            "is for another audience than the goal",
            format!("条款“{first}”的适用对象与该目标不同"),
        ),
        (
            "is a set: use contains or intersects",
            format!("事实“{first}”是多选：请用 contains 或 intersects"),
        ),
        (
            "is not a yes/no or choice fact",
            format!("事实“{first}”不是是/否或单选事实"),
        ),
        (
            "does not fit fact",
            format!("“{first}”不符合事实“{second}”的类型"),
        ),
        (
            "is not a value of fact",
            format!("“{first}”不是事实“{second}”的选项"),
        ),
        (
            "may hold only ASCII letters",
            format!("id“{first}”只能包含 ASCII 字母、数字、“.”、“_”和“-”，且不能过长"),
        ),
        ("missing field", format!("缺少必填字段“{first}”")),
        (
            "unknown field",
            format!("未知字段“{first}”（可能拼写有误）"),
        ),
        ("duplicate key", format!("重复的键“{first}”")),
    ];
    for (en, zh) in exact {
        if m.contains(en) {
            return zh;
        }
    }
    if m.starts_with("duplicate ") && m.contains(" id ") {
        return format!("重复的 id“{first}”");
    }
    if m.starts_with("duplicate value") {
        return format!("重复的选项“{first}”");
    }
    if m.ends_with(" id is empty") {
        return "id 不能为空".into();
    }
    if m.starts_with("the policy ends") {
        return format!("政策的结束日期早于开始日期：{m}");
    }
    if m.starts_with("dates out of order") {
        return format!("日期顺序有误（应从早到晚）：{m}");
    }
    if m.starts_with("min ") && m.contains(" is greater than max ") {
        return format!("最小值大于最大值：{m}");
    }
    if m.starts_with("min_date ") {
        return format!("最早日期晚于最晚日期：{m}");
    }
    if m.ends_with(" is negative") {
        return format!("金额不能为负数：{m}");
    }
    if m.starts_with("bases go round in a circle") {
        return format!(
            "场景的 base 互相引用、形成循环：{}",
            m.split(": ").nth(1).unwrap_or(m)
        );
    }
    if m.contains("is required (or a base that gives it)") {
        return format!(
            "缺少“{}”（或提供它的 base）",
            m.split(' ').next().unwrap_or("")
        );
    }
    if m.starts_with("a condition needs exactly one of") {
        return format!("每个条件必须恰好使用一种写法（all、any、not、is、one_of、at_least、at_most、between、contains、intersects）：{m}");
    }
    if m.starts_with("an amount needs exactly one of") {
        return format!("每个金额必须恰好使用一种写法（fixed、range、per_unit、ratio、by、sum、not_published）：{m}");
    }
    if m.contains(" needs a number, money or date fact") {
        return format!("该比较需要数字、金额或日期类事实：{m}");
    }
    if m.starts_with("contains / intersects need an enum_set fact") {
        return format!("contains / intersects 只能用于多选事实：{m}");
    }
    if m.starts_with("one_of does not apply") {
        return format!("one_of 不适用于该事实：{m}");
    }
    // The TOML reader's own words: where the file cannot be read at all.
    let toml_words = [
        "invalid",
        "expected",
        "unclosed",
        "unterminated",
        "key with no value",
        "extra ",
        "unexpected",
        "string",
        "table",
        "array",
    ];
    if toml_words.iter().any(|w| m.contains(w)) {
        return format!("TOML 语法错误：{m}");
    }
    format!("（英文说明）{m}")
}

#[cfg(test)]
mod tests {
    use super::message;

    #[test]
    fn known_messages_read_in_chinese() {
        assert_eq!(message("unknown fact 'a.b'"), "未知的事实“a.b”");
        assert_eq!(
            message("unknown type 'enumm' (bool, int, money)"),
            "未知的事实类型“enumm”（可用：bool, int, money）"
        );
        assert_eq!(
            message("'12x' is not a decimal number (or is too large)"),
            "“12x”不是十进制数字（或数值过大）"
        );
        assert_eq!(message("missing field `label`"), "缺少必填字段“label”");
        assert!(message("something new").starts_with("（英文说明）"));
    }
}
