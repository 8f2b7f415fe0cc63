//! What a document says about itself: department, year, budget or final account.
//!
//! Read from the title lines (the first non-empty lines, before the first numbered
//! heading), falling back to the whole text for the kind.

use super::scan::Scanned;
use crate::model::{DocumentKind, DocumentMeta};

/// Words that end the name of a government body.
const BODY_ENDINGS: [&str; 16] = [
    "街道办事处",
    "委员会",
    "办公室",
    "办公厅",
    "管理局",
    "事务中心",
    "中心",
    "支队",
    "大学",
    "学院",
    "福利院",
    "法院",
    "检察院",
    "局",
    "厅",
    "部",
];

fn year_in(s: &str) -> Option<(usize, u16)> {
    let bytes = s.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let four = s.get(i..i + 4)?;
        let before_ok = i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
        let after = s.get(i + 4..)?;
        if before_ok && four.bytes().all(|b| b.is_ascii_digit()) && after.starts_with('年') {
            let y: u16 = four.parse().ok()?;
            (2000..=2100).contains(&y).then_some((i, y))
        } else {
            None
        }
    })
}

fn kind_in(s: &str) -> Option<DocumentKind> {
    let f = s.find("决算");
    let b = s.find("预算");
    match (f, b) {
        (Some(f), Some(b)) => Some(if f < b {
            DocumentKind::FinalAccount
        } else {
            DocumentKind::Budget
        }),
        (Some(_), None) => Some(DocumentKind::FinalAccount),
        (None, Some(_)) => Some(DocumentKind::Budget),
        (None, None) => None,
    }
}

/// The name of a body in `s`: the text up to the last body ending.
fn body_name(s: &str) -> Option<String> {
    let s = s
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '年' || c == '度' || c == ' ');
    let end = BODY_ENDINGS
        .iter()
        .filter_map(|w| s.rfind(w).map(|p| p + w.len()))
        .max()?;
    let name = s.get(..end)?.trim();
    let name = name.trim_start_matches(['(', ')', ' ']);
    (name.chars().count() >= 3).then(|| name.to_owned())
}

/// The department named in a title line: `某局2022年度部门决算` or `2022年度某局部门决算`.
fn department_in_title(body: &str) -> Option<String> {
    let (p, _) = year_in(body)?;
    if p > 0 {
        return body.get(..p).and_then(body_name);
    }
    let after = body
        .split_once('度')
        .or_else(|| body.split_once('年'))
        .map(|(_, r)| r)?;
    let cut = ["部门", "单位", "预算", "决算"]
        .iter()
        .filter_map(|w| after.find(w))
        .min()
        .unwrap_or(after.len());
    after.get(..cut).and_then(body_name)
}

/// The title lines: the first non-empty lines, with web residue (`• 索引号`) dropped and any
/// `第X部分` prefix removed.
fn title_lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.trim().trim_start_matches(['•', '·', ' ']))
        .filter(|l| !l.is_empty() && !l.contains('•'))
        .take(12)
        .filter_map(|line| match crate::segment::heading_marker(line) {
            Some((1, _)) => line.split_once("部分").map(|(_, rest)| rest.trim()),
            Some(_) => None,
            None => Some(line),
        })
        .collect()
}

/// Read the meta data of a document.
pub fn read(text: &str, _scanned: &Scanned) -> DocumentMeta {
    let mut meta = DocumentMeta::default();
    let titles = title_lines(text);
    // A title names the year and the kind: `…2022年度部门决算`.
    for body in &titles {
        let is_title = year_in(body).is_some() && (body.contains("预算") || body.contains("决算"));
        if !is_title {
            continue;
        }
        meta.kind = meta.kind.or_else(|| kind_in(body));
        meta.year = meta.year.or_else(|| year_in(body).map(|(_, y)| y));
        meta.department = meta.department.take().or_else(|| department_in_title(body));
    }
    // Otherwise the first short line naming a body (`怀化市医疗保障局`).
    if meta.department.is_none() {
        meta.department = titles
            .iter()
            .filter(|l| l.chars().count() <= 30 && !l.contains("目录"))
            .find_map(|l| body_name(l));
    }
    if meta.kind.is_none() {
        let finals = text.matches("决算").count();
        let budgets = text.matches("预算").count();
        meta.kind = match (finals, budgets) {
            (0, 0) => None,
            (f, b) if f * 2 >= b => Some(DocumentKind::FinalAccount),
            _ => Some(DocumentKind::Budget),
        };
    }
    if meta.year.is_none() {
        meta.year = year_in(text).map(|(_, y)| y);
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::scan::scan;

    fn meta(text: &str) -> DocumentMeta {
        read(text, &scan(text))
    }

    #[test]
    fn department_before_or_after_the_year() {
        let m = meta(
            " 昆明市呈贡区医疗保障局2022年度部门决算\n 第一部分  昆明市呈贡区医疗保障局概况\n",
        );
        assert_eq!(m.department.as_deref(), Some("昆明市呈贡区医疗保障局"));
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.kind, Some(DocumentKind::FinalAccount));
        let m = meta("2022年度乐山市市中区医疗保障局部门决算目录\n");
        assert_eq!(m.department.as_deref(), Some("乐山市市中区医疗保障局"));
        let m = meta(
            "  • 索引号\n  • 11533000MB15059162/20240319-00003\n保山市医疗保障局2024年部门预算公开目录\n",
        );
        assert_eq!(m.department.as_deref(), Some("保山市医疗保障局"));
        assert_eq!(m.kind, Some(DocumentKind::Budget));
        assert_eq!(m.year, Some(2024));
    }
}
