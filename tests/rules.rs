//! One small document per rule: each rule fires on the faulty text and stays silent on the
//! corrected one (or on honest rounding).

use yujue::model::{Finding, Severity};

fn findings(text: &str) -> Vec<Finding> {
    yujue::analyze_text("t.txt", text.to_owned(), "UTF-8")
        .report
        .findings
}

fn codes(text: &str) -> Vec<String> {
    findings(text).into_iter().map(|f| f.code).collect()
}

#[track_caller]
fn fires(code: &str, text: &str) -> Finding {
    let all = findings(text);
    match all.iter().find(|f| f.code == code) {
        Some(f) => f.clone(),
        None => panic!("{code} expected on {text:?}, got {all:#?}"),
    }
}

#[track_caller]
fn silent(text: &str) {
    let all = findings(text);
    assert!(
        all.is_empty(),
        "no finding expected on {text:?}, got {all:#?}"
    );
}

#[test]
fn s001_income_sources_must_add_up() {
    let f = fires(
        "S001",
        "2022年度收入合计100万元。其中:财政拨款收入90万元,其他收入20万元。",
    );
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.stated.as_deref(), Some("1000000"));
    assert_eq!(f.expected.as_deref(), Some("1100000"));
    assert_eq!(f.difference.as_deref(), Some("-100000"));
    let texts: Vec<&str> = f.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["100万元", "90万元", "20万元"]);
    silent("2022年度收入合计110万元。其中:财政拨款收入90万元,其他收入20万元。");
}

#[test]
fn s001_basic_is_personnel_plus_operating_within_rounding() {
    // 359.23 + 42.07 = 401.30 against 401.29: honest rounding.
    silent("2022年度基本支出401.29万元,其中:人员经费359.23万元,公用经费42.07万元。");
    fires(
        "S001",
        "2022年度基本支出401.19万元,其中:人员经费359.23万元,公用经费42.07万元。",
    );
}

#[test]
fn s002_partial_breakdown_only_bounds_the_total() {
    // Not exhaustive: parts below the total are fine.
    silent("发生医疗费用692.75万元,其中统筹基金支付395.86万元,大病支付10.56万元。");
    let f = fires(
        "S002",
        "发生医疗费用92.75万元,其中统筹基金支付395.86万元,大病支付10.56万元。",
    );
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn s003_sum_that_holds_only_under_truncation() {
    // True values 1.199 + 2.299 + 3.399 + 4.499 = 11.396, all truncated to two decimals:
    // the written parts add up to 11.36 against a total of 11.39.
    let f = fires(
        "S003",
        "2022年度收入合计11.39万元,其中:财政拨款收入1.19万元,上级补助收入2.29万元,事业收入3.39万元,其他收入4.49万元。",
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn s001_function_classes_add_up_to_the_general_public_budget() {
    let text = "2023年度一般公共预算财政拨款支出100万元,主要用于以下方面:一般公共服务(类)支出40万元,占40%;教育支出50万元,占50%。";
    let f = fires("S001", text);
    assert!(
        f.message.contains("function classification"),
        "{}",
        f.message
    );
}

#[test]
fn p001_share_of_its_base() {
    let f = fires(
        "P001",
        "2022年度支出合计553.29万元,其中:基本支出401.29万元,占62.53%;项目支出152万元,占27.47%。",
    );
    assert_eq!(f.stated.as_deref(), Some("62.53"));
    assert_eq!(f.spans[0].text, "62.53%");
    silent(
        "2022年度支出合计553.29万元,其中:基本支出401.29万元,占72.53%;项目支出152万元,占27.47%。",
    );
}

#[test]
fn p002_share_of_a_zero_base() {
    let f = fires(
        "P002",
        "政府采购支出总额0万元。授予中小企业合同金额9.6万元,占政府采购支出总额的100%。",
    );
    assert_eq!(f.severity, Severity::Warning);
    // Zero of zero stated as 0% is the documents' way of saying nothing.
    assert!(
        !codes("政府采购支出总额0万元。授予中小企业合同金额0万元,占政府采购支出总额的0%。")
            .contains(&"P002".to_owned())
    );
}

#[test]
fn p003_share_truncated_and_p004_share_nudged() {
    // 1,190,000 / 3,000,000 = 39.6667%: 39.66% is truncated, not rounded (39.67%).
    let f = fires(
        "P003",
        "2023年度支出合计3,000,000.00元,其中:基本支出1,190,000.00元,占39.66%;项目支出1,810,000.00元,占60.33%。",
    );
    assert_eq!(f.severity, Severity::Warning);
    // Three equal thirds published as 33.33%, 33.34%, 33.33% to add up to 100%.
    let f = fires(
        "P004",
        "2023年度支出合计3,000,000.00元,其中:基本支出1,000,000.00元,占33.33%;项目支出1,000,000.00元,占33.34%;经营支出1,000,000.00元,占33.33%。",
    );
    assert_eq!(f.spans[0].text, "33.34%");
}

#[test]
fn c001_change_and_its_percentage() {
    // 000: 8,274,739.11 down 3,878,054.23 is down 31.91%.
    silent("2022年度收入合计8,274,739.11元。与上年相比,收入合计减少3,878,054.23元,下降31.91%。");
    let f = fires(
        "C001",
        "2022年度收入合计8,274,739.11元。与上年相比,收入合计减少3,878,054.23元,下降41.91%。",
    );
    assert_eq!(f.spans[0].text, "41.91%");
    assert_eq!(f.spans[2].text, "8,274,739.11元");
}

#[test]
fn c002_direction_conflict() {
    let f = fires(
        "C002",
        "2022年机关运行经费支出34.41万元,比2021年增加6.99万元,下降25.5%。",
    );
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn c003_change_from_zero() {
    let f = fires(
        "C003",
        "2022年机关运行经费支出4.4万元,比2021年增加4.4万元,增长100%。",
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn c004_change_truncated() {
    // Last year 2,130,000 → this year 3,720,000 (+1,590,000): 74.6479%, published
    // truncated as 74.64% where rounding gives 74.65%.
    let f = fires(
        "C004",
        "2022年度机关运行经费支出3,720,000.00元,比上年增加1,590,000.00元,增长74.64%。",
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn r001_completion_rate() {
    silent(
        "2023年度一般公共预算财政拨款支出年初预算为5037.32万元,支出决算为593.16万元,完成年初预算的11.78%。",
    );
    let f = fires(
        "R001",
        "2023年度一般公共预算财政拨款支出年初预算为5037.32万元,支出决算为593.16万元,完成年初预算的12.78%。",
    );
    assert_eq!(f.spans.len(), 3);
}

#[test]
fn r002_rate_of_a_zero_budget() {
    let f = fires(
        "R002",
        "1.其他一般公共服务支出(项)。年初预算为0万元,支出决算为12.49万元,超出年初预算100%。",
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn r003_rate_truncated() {
    // 28.559 / 100 truncated to 28.55 but written with 3 decimals for the actual.
    let f = fires(
        "R003",
        "项目当年财政拨款收入100.000万元,支出28.559万元,预算执行率28.55%。",
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn x001_restated_figure_disagrees() {
    let f = fires(
        "X001",
        "2022年度基本支出401.29万元。\n绩效自评中,基本支出410.29万元。",
    );
    assert_eq!(f.spans[0].text, "410.29万元");
    assert_eq!(f.spans[1].text, "401.29万元");
    silent("2022年度基本支出300.11万元。\n绩效自评中,基本支出300.1万元。");
}

#[test]
fn u001_a_yuan_written_for_wan_yuan() {
    let f = fires(
        "U001",
        "(3)其他医疗保障管理事务支出(项)。年初预算为2311.99元,支出决算为365.07万元,完成年初预算的15.79%。",
    );
    assert_eq!(f.spans[0].text, "2311.99元");
    assert!(f.message.contains("2,311.99万元"), "{}", f.message);
}

#[test]
fn u002_missing_unit() {
    let f = fires(
        "U002",
        "2022年度收、支总计均为553.29。与上年相比,增加66.58万元,增长13.68%。",
    );
    assert_eq!(f.spans[0].text, "553.29");
    // With the unit assumed, the change still checks.
    assert_eq!(
        codes("2022年度收、支总计均为553.29。与上年相比,增加66.58万元,增长13.68%。"),
        ["U002"]
    );
}

#[test]
fn every_rule_has_documentation_and_a_unique_code() {
    let mut seen = std::collections::HashSet::new();
    for r in yujue::check::RULES {
        assert!(seen.insert(r.code), "duplicate {}", r.code);
        for part in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## How to fix",
        ] {
            assert!(r.doc.contains(part), "{} lacks {part}", r.code);
        }
    }
}

#[test]
fn c001_percentage_change_between_two_stated_years() {
    // 009: 54.60 → 53.84 is down 1.39%.
    silent("2023年当年预算执行数为54.60万元,2024年预算安排53.84万元,比2023年预算执行数减少1.39%。");
    // 008 line 77: 11.67 → 45.41 is up 289.12%, not 314.82%.
    let f = fires(
        "C001",
        "2022年当年预算执行数为11.67万元,2023年预算安排45.41万元,比2022年预算执行数增加314.82%。",
    );
    assert_eq!(f.expected.as_deref(), Some("289.117395"));
    assert_eq!(f.spans[2].text, "11.67万元");
}

#[test]
fn c001_an_increase_larger_than_the_figure() {
    // 008 line 68: a fund budget of 0 said to have grown by 1421.25万元.
    let f = fires(
        "C001",
        "政府性基金拨款支出预算0万元,比2022年预算增加1421.25万元。",
    );
    assert_eq!(f.spans[0].text, "1421.25万元");
    silent("政府性基金拨款支出预算1500万元,比2022年预算增加1421.25万元。");
    // A change whose words name a subject yujue cannot tell is not guessed at.
    silent("住房保障支出539.91万元;支出比2025年增加2,784.38万元。");
}

#[test]
fn s001_total_income_with_non_fiscal_surplus() {
    // 014 line 192: 390,140.45 + 18,953.73 + 81,714.17 = 490,808.35, stated 490,808.40.
    let f = fires(
        "S001",
        "我校2021年收支总预算490,808.40万元,其中本年收入预算390,140.45万元,使用非财政拨款结余18,953.73万元,上年结转81,714.17万元。",
    );
    assert_eq!(f.expected.as_deref(), Some("4908083500"));
}

#[test]
fn c001_change_of_a_numbered_item_that_enumerates_its_parts() {
    // 022 line 118: the item's parts run on into a paragraph of their own; the change
    // sentence speaks of the item (10,289.74 − 3,567.18 = 6,722.56: 53.06%), not of the
    // part just before it (7,083.34 would give 101.45%).
    let item = "3.上级转移支付项目 10,289.74 万元,主要包括：物业管理服务 2,520.00 万元，上年结转 122.31 万元，用于运行维护工作。\n免除查验没有问题作业服务费 7,083.34 万元，上年结转 564.09 万元，用于仓储工作。较 2025 年年初预算增加 3,567.18 万元，";
    silent(&format!("{item}增幅 53.1%。\n"));
    let f = fires("C001", &format!("{item}增幅 63.1%。\n"));
    assert_eq!(f.spans[0].text, "63.1%");
    assert!(f.spans.iter().any(|s| s.text == "10,289.74 万元"), "{f:#?}");
}

#[test]
fn c001_change_of_a_subject_named_after_an_item_that_lists_nothing() {
    // 003 line 437: the paragraph names its own subject; the numbered item before it lists
    // no parts, so the change is of 1685.72 (1557.29 / 128.43 = 1212.56%).
    let text = |pct: &str| {
        format!(
            "4.结转下年资金预算数为0万元，主要原因是本部门无此项收入。\n单位预留机动经费预算数为 1685.72 万元。与上年相比增加1557.29万元，增长{pct} %。\n"
        )
    };
    silent(&text("1212.56"));
    let f = fires("C001", &text("1312.56"));
    assert!(f.spans.iter().any(|s| s.text == "1685.72 万元"), "{f:#?}");
}

#[test]
fn c003_change_sentence_broken_off_its_numbered_item() {
    // 022 line 93: the change sentence starts the next line after the item's paragraph.
    let f = fires(
        "C003",
        "1.安全生产和应急管理专项经费 40.00 万元,主要用于排水设施采购 40 万元，用于保障安全。\n较 2025 年年初预算增加 40 万元，增幅 100.0%。\n",
    );
    assert!(f.spans.iter().any(|s| s.text == "40.00 万元"), "{f:#?}");
    // With another paragraph in between, which figure changed cannot be told.
    silent(
        "1.安全生产和应急管理专项经费 40.00 万元,主要用于排水设施采购 40 万元，用于保障安全。\n此项经费用于保障口岸安全。\n较 2025 年年初预算增加 40 万元，增幅 100.0%。\n",
    );
}

#[test]
fn p001_share_of_the_department_s_total_expenditure() {
    // 019 line 286: 3,623.98 of the 部门支出总额 50,616.94 is 7.16%, not 22.00%.
    let text = |pct: &str| {
        format!(
            "2026年支出预算总计50,616.94万元,其中:基本支出11,056.07万元,占21.84%;项目支出39,560.87万元,占78.16%。\n其他信访事务支出2026年预算数为3,623.98万元,占部门支出总额的{pct}%。\n"
        )
    };
    silent(&text("7.16"));
    let f = fires("P001", &text("22.00"));
    assert_eq!(f.spans[0].text, "22.00%");
    assert!(f.spans.iter().any(|s| s.text == "50,616.94万元"), "{f:#?}");
}

#[test]
fn s001_project_expenditure_and_its_projects() {
    // 035 line 266: the projects listed with nothing left out add to 473.56, not 474.56
    // (the tables give the last project 16.56).
    let text = |last: &str| {
        format!(
            "八、项目支出情况说明\n2026年长春市信访局项目支出预算474.56万元，2026信访接待中心运行费116万元，2026信访专项经费30万元，2026驻京经费312万元，信访局临聘人员经费{last}万元。\n"
        )
    };
    silent(&text("16.56"));
    let f = fires("S001", &text("15.56"));
    assert_eq!(f.spans[0].text, "474.56万元");
    assert_eq!(f.expected.as_deref(), Some("4735600"));
    // A list that says it picks some projects only bounds the total.
    silent(
        "2026年项目支出预算474.56万元，主要包括：信访接待中心运行费116万元，信访专项经费30万元，驻京经费312万元。\n",
    );
    silent("2026年项目支出预算474.56万元，信访接待中心运行费116万元，信访专项经费30万元等。\n");
    // Whole numbers beside no part written to the 分 may be rounded: 116 + 30 + 329 = 475
    // is within their rounding of 474.56.
    silent(
        "2026年项目支出预算474.56万元，信访接待中心运行费116万元，信访专项经费30万元，驻京经费329万元。\n",
    );
}

#[test]
fn u002_a_growth_rate_without_its_percent_sign() {
    // 011 line 361: 1193.20 / (9746.50 − 1193.20) = 13.95%, written without `%`.
    let text = |pct: &str| {
        format!(
            "一般公共预算财政拨款支出9746.50万元。与2023年度相比,一般公共预算财政拨款支出增加1193.20万元,增长{pct}。\n"
        )
    };
    let f = fires("U002", &text("13.95"));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.spans[0].text, "13.95");
    assert!(!codes(&text("13.95")).contains(&"C001".to_owned()));
    // Read as a percentage, it is checked as one.
    fires("C001", &text("23.95"));
    silent(&text("13.95%"));
}

#[test]
fn r002_a_rate_of_the_budget_it_names() {
    // 012 line 306: 95.89% is 307.82 / 321.02, the 全年预算; the text says 年初预算, which is 0.
    let f = fires(
        "R002",
        "一般公共预算财政拨款支出年初预算为0万元,全年预算为321.02万元,支出决算为307.82万元,完成年初预算的95.89%。\n",
    );
    assert_eq!(f.severity, Severity::Warning);
    silent(
        "一般公共预算财政拨款支出年初预算为0万元,全年预算为321.02万元,支出决算为307.82万元,完成全年预算的95.89%。\n",
    );
}

#[test]
fn p004_function_class_shares_of_the_total_expenditure() {
    // 017 line 305: 16,151.67 / 481,483.46 = 3.35%, stated 3.36% so the classes add to 100.
    let text = |housing: &str| {
        format!(
            "学校2024年度各项支出总计481,483.46万元,其中:基本支出367,180.56万元,占总支出的76.26%;项目支出\n114,302.90万元,占总支出的23.74%。\n按照支出功能科目划分,教育支出448,061.80万元,占总支出的93.06%;科学技术支出1,989.00万元,占总支出的0.41%;社会保障和就业支出15,171.49万元,占总支出的3.15%;住房保障支出16,151.67万元,占总支出的{housing}%;其他支出109.50万元,占总支出的0.02%。\n"
        )
    };
    let f = fires("P004", &text("3.36"));
    assert_eq!(f.spans[0].text, "3.36%");
    assert!(!codes(&text("3.36")).contains(&"P001".to_owned()));
    fires("P001", &text("4.36"));
}

/// ../shared/corpus/014: classes listed over lines broken after `;`, the last one a section
/// (住房改革) standing in for its class.
#[test]
fn s001_function_classes_run_on_over_lines_after_a_semicolon() {
    let listed = |housing: &str| {
        format!(
            "一、财政拨款支出预算情况说明\n我校2021年财政拨款支出预算216,552.53万元，其中\n教育支出预算数为207,796.18万元，占本年财政拨款的\n95.96%；科学技术支出预算数为1,512.9万元，占比0.7%；\n住房改革支出预算数为{housing}万元，占比3.34%。\n"
        )
    };
    silent(&listed("7,243.45"));
    let f = fires("S001", &listed("7,443.45"));
    assert!(f.message.contains("住房改革"), "{}", f.message);
    assert_eq!(f.spans.len(), 4, "{:#?}", f.spans);
}

/// ../shared/corpus/001: the shares of a 三公 total the text never states are shares of its
/// listed parts, whose shares add up to 100%.
#[test]
fn p001_share_of_an_unstated_total_of_listed_parts() {
    let listed = |overseas: &str| {
        format!(
            "十一、“三公”经费支出预算情况说明\n2017年度“三公”经费预算支出中，因公出国（境）费支出{overseas}万元，占“三公”经费的26.86%；公务用车购置及运行费支出304.4万元，占“三公”经费的45.43%；公务接待费支出185.72万元，占“三公”经费的27.71%。\n"
        )
    };
    silent(&listed("180"));
    let f = fires("P001", &listed("190"));
    assert_eq!(f.stated.as_deref(), Some("26.86"));
    assert!(f.message.contains("680.12万元"), "{}", f.message);
    // Parts, their shares and the other parts of the base are all pointed at.
    assert_eq!(f.spans.len(), 4, "{:#?}", f.spans);
    // Shares that do not add up to 100% may leave a part out: nothing is checked.
    silent(&listed("190").replace("27.71%", "26.71%"));
}

#[test]
fn s001_procurement_amounts_by_contract_add_up() {
    let text = |total: &str| {
        format!(
            "2024年度政府采购金额(以合同签订为准)为{total}万元,其中:货物采购金额21.07万元、工程采购金额0万元、服务采购金额5万元。\n\
             2024年度本部门面向中小企业预留政府采购项目预算金额21.07万元,面向小微企业预留政府采购项目预算金额21.07万元。\
             在面向中小企业预留的政府采购项目中,由中小企业供应商中标或成交的,采购金额21.07万元;在面向小微企业预留政府采购项目中,\
             由小微企业供应商中标或成交的,采购金额21.07万元;在其他政府采购项目中,由中小企业供应商中标或成交的,采购金额21.07万元。"
        )
    };
    // The reserved shares' awards are not parts of all procurement.
    silent(&text("26.07"));
    let f = fires("S001", &text("21.07"));
    assert_eq!(f.stated.as_deref(), Some("210700"));
    assert_eq!(f.expected.as_deref(), Some("260700"));
}

#[test]
fn x001_a_three_official_part_restated_under_its_heading() {
    let text = |overseas: &str| {
        format!(
            "2026年“三公”经费预算中,因公出国(境)费10.00万元,公务接待费5.00万元。\n\
             (一)因公出国(境)费用。2026年预算数{overseas}万元,主要用于国际交流。\n\
             (二)公务接待费\n2026年预算安排5.00万元,与上年持平。\n"
        )
    };
    silent(&text("10.00"));
    let f = fires("X001", &text("12.00"));
    assert_eq!(f.stated.as_deref(), Some("120000"));
    assert_eq!(f.expected.as_deref(), Some("100000"));
}
