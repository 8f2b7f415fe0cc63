//! yujue-gen: writes a seeded, deterministic corpus of disclosures derived from the bundled
//! fixtures, for benchmarks and for the test at scale (`tests/generated_corpus.rs`).
//!
//! Every document starts from one of the real disclosures in `fixtures/` that reconcile
//! (000 and 002 as published; 003 and 004 with their known errors corrected) and varies
//! what does not change whether its figures reconcile:
//! - the department (city, district, kind of department) and the year (every year in the
//!   text moves by the same amount);
//! - for the disclosure written in 元: every money figure multiplied by a whole factor (exact,
//!   so sums, shares and changes still hold), then optionally rewritten in 万元 rounded to two
//!   decimals (each rounded figure's interval still contains the exact value, so every
//!   relation still holds under rounding);
//! - numbering styles (`（一）` / `(一)`, `1.` / `1、` / `1．`), line endings (LF / CRLF) and
//!   encoding (UTF-8, UTF-8 with BOM, GB18030).
//!
//! A share of the documents (`--error-share`) gets exactly one injected error: a part of an
//! exhaustive sum changed beyond rounding (`sum_part`), a share percentage changed
//! (`share`), a change percentage with the wrong direction (`change_direction`), or 元
//! written where 万元 was meant (`unit_slip`). `manifest.json` lists every document and every
//! injected error with its line and column (1-based, in code points) and the figure text
//! before and after.
//!
//! Usage: `yujue-gen --out DIR --count N [--seed S] [--error-share F]`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "yujue-gen",
    about = "Write a seeded corpus of disclosures derived from the fixtures, with a manifest of injected errors."
)]
struct Args {
    /// Folder to write the corpus into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Number of documents.
    #[arg(long, default_value_t = 1000)]
    count: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Share of documents that get one injected error (0 to 1).
    #[arg(long, default_value_t = 0.2)]
    error_share: f64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(manifest) => {
            let errors = manifest.errors.len();
            eprintln!(
                "yujue-gen: wrote {} documents ({} with an injected error, {} bytes) to {}",
                manifest.documents.len(),
                errors,
                manifest.bytes,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("yujue-gen: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<Manifest, String> {
    if !(0.0..=1.0).contains(&args.error_share) {
        return Err("--error-share must be between 0 and 1".to_owned());
    }
    let bases = bases()?;
    let mut manifest = Manifest {
        seed: args.seed,
        count: args.count,
        bytes: 0,
        documents: Vec::with_capacity(args.count),
        errors: Vec::new(),
    };
    // Error documents are spread evenly: document i has one when the running share steps.
    let per_million = (args.error_share * 1_000_000.0).round() as u64;
    for i in 0..args.count {
        let with_error =
            (i as u64 + 1) * per_million / 1_000_000 > i as u64 * per_million / 1_000_000;
        let doc = generate(&bases, args.seed, i, with_error)?;
        let dir = args.out.join(format!("{:02}", i / 1000));
        let file = format!("{:02}/{:05}.txt", i / 1000, i);
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let path = args.out.join(&file);
        std::fs::write(&path, &doc.bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        manifest.bytes += doc.bytes.len() as u64;
        if let Some(error) = &doc.error {
            manifest.errors.push(ErrorEntry {
                file: file.clone(),
                kind: error.kind.name(),
                line: error.line,
                column: error.column,
                before: error.before.clone(),
                after: error.after.clone(),
            });
        }
        manifest.documents.push(DocumentEntry {
            file,
            base: doc.base,
            department: doc.department,
            year: doc.year,
            unit: doc.unit,
            scale: doc.scale,
            encoding: doc.encoding,
            line_ending: doc.line_ending,
            error: doc.error.as_ref().map(|e| e.kind.name()),
        });
    }
    write_manifest(&args.out, &manifest)?;
    Ok(manifest)
}

fn write_manifest(out: &Path, manifest: &Manifest) -> Result<(), String> {
    let path = out.join("manifest.json");
    let json = serde_json::to_string_pretty(manifest).map_err(|e| e.to_string())?;
    std::fs::write(&path, json + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

#[derive(Serialize)]
struct Manifest {
    seed: u64,
    count: usize,
    /// Total size of the documents in bytes.
    bytes: u64,
    documents: Vec<DocumentEntry>,
    errors: Vec<ErrorEntry>,
}

#[derive(Serialize)]
struct DocumentEntry {
    /// Path relative to the corpus folder.
    file: String,
    base: &'static str,
    department: String,
    year: u32,
    /// The unit the document's own figures are written in.
    unit: &'static str,
    /// Factor every money figure of the base was multiplied by.
    scale: i128,
    encoding: &'static str,
    line_ending: &'static str,
    /// The kind of injected error, if any.
    error: Option<&'static str>,
}

#[derive(Serialize)]
struct ErrorEntry {
    file: String,
    kind: &'static str,
    /// 1-based line and column (in code points) of the changed figure.
    line: usize,
    column: usize,
    before: String,
    after: String,
}

// ---------------------------------------------------------------------------------------
// The bases: fixtures that reconcile, and where errors can be injected in each.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    SumPart,
    Share,
    ChangeDirection,
    UnitSlip,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::SumPart => "sum_part",
            Kind::Share => "share",
            Kind::ChangeDirection => "change_direction",
            Kind::UnitSlip => "unit_slip",
        }
    }
}

/// A place an error can be injected: `target` inside the unique text `anchor`.
struct Site {
    kind: Kind,
    anchor: &'static str,
    target: &'static str,
}

const fn site(kind: Kind, anchor: &'static str, target: &'static str) -> Site {
    Site {
        kind,
        anchor,
        target,
    }
}

struct Base {
    id: &'static str,
    text: String,
    year: u32,
    /// Whether the document's figures are in 元 (exact, may be scaled and rewritten in 万元).
    in_yuan: bool,
    city: &'static str,
    district: &'static str,
    department: &'static str,
    sites: Vec<Site>,
}

const F000: &str = include_str!("../../fixtures/000_1a870d402bb54ab0.txt");
const F002: &str = include_str!("../../fixtures/002_12402e3d59484724.txt");
const F003: &str = include_str!("../../fixtures/003_b6464b9a7bea3343.txt");
const F004: &str = include_str!("../../fixtures/004_7039478323f8a84b.txt");

fn fix(text: &str, from: &str, to: &str) -> Result<String, String> {
    if text.matches(from).count() != 1 {
        return Err(format!("fixture fix: `{from}` is not unique"));
    }
    Ok(text.replacen(from, to, 1))
}

fn bases() -> Result<Vec<Base>, String> {
    use Kind::*;
    let b003 = fix(F003, "收、支总计均为553.29。", "收、支总计均为553.29万元。")?;
    let b003 = fix(&b003, "政府采购支出总额0万元", "政府采购支出总额9.6万元")?;
    let b004 = fix(F004, "年初预算为2311.99元", "年初预算为2311.99万元")?;
    let bases = vec![
        Base {
            id: "000",
            text: F000.to_owned(),
            year: 2022,
            in_yuan: true,
            city: "昆明市",
            district: "呈贡区",
            department: "医疗保障局",
            sites: vec![
                site(
                    SumPart,
                    "基本支出6,458,419.07元，占总支出",
                    "6,458,419.07元",
                ),
                site(
                    SumPart,
                    "项目支出1,816,320.04元，占总支出",
                    "1,816,320.04元",
                ),
                site(SumPart, "人员经费支出5,432,359.56元", "5,432,359.56元"),
                site(SumPart, "流动资产23,519,580.03元", "23,519,580.03元"),
                site(SumPart, "政府采购货物支出43,790元", "43,790元"),
                site(SumPart, "住房保障（类）支出456,063.00元", "456,063.00元"),
                site(Share, "占总支出的78.05%", "78.05%"),
                site(Share, "占基本支出的84.11％", "84.11％"),
                site(
                    Share,
                    "6,865,025.49元，占一般公共预算财政拨款总支出的82.96%",
                    "82.96%",
                ),
                site(
                    ChangeDirection,
                    "收入合计减少3,878,054.23元，下降31.91%",
                    "下降31.91%",
                ),
                site(
                    ChangeDirection,
                    "基本支出增加457,072.94元，增长7.62%",
                    "增长7.62%",
                ),
                site(
                    ChangeDirection,
                    "项目支出减少4,335,127.17元，下降70.47%",
                    "下降70.47%",
                ),
                site(
                    ChangeDirection,
                    "增加460,507.72元，增长81.43%",
                    "增长81.43%",
                ),
                site(
                    UnitSlip,
                    "基本支出6,458,419.07元，占总支出",
                    "6,458,419.07元",
                ),
                site(
                    UnitSlip,
                    "项目支出1,816,320.04元，占总支出",
                    "1,816,320.04元",
                ),
                site(UnitSlip, "人员经费支出5,432,359.56元", "5,432,359.56元"),
            ],
        },
        Base {
            id: "002",
            text: F002.to_owned(),
            year: 2022,
            in_yuan: false,
            city: "乐山市",
            district: "市中区",
            department: "医疗保障局",
            sites: vec![
                site(SumPart, "基本支出300.11万元，占26%", "300.11万元"),
                site(SumPart, "其他收入28.4万元，占2.5%", "28.4万元"),
                site(SumPart, "人员经费265.7万元", "265.7万元"),
                site(SumPart, "公用经费34.41万元，主要包括", "34.41万元"),
                site(SumPart, "卫生健康支出742.59万元，占67.7%", "742.59万元"),
                site(SumPart, "政府采购服务支出7.22万元", "7.22万元"),
                site(Share, "一般公共预算财政拨款收入1,097万元，占97.5%", "97.5%"),
                site(Share, "项目支出853.7万元，占74%", "74%"),
                site(Share, "卫生健康支出742.59万元，占67.7%", "67.7%"),
                site(
                    ChangeDirection,
                    "收、支总计各减少1,075.5万元，下降48.2%",
                    "下降48.2%",
                ),
                site(ChangeDirection, "增加6.99万元，增长25.5%", "增长25.5%"),
                site(
                    ChangeDirection,
                    "较上年减少0.29万元，下降53.7%",
                    "下降53.7%",
                ),
                site(UnitSlip, "基本支出300.11万元，占26%", "300.11万元"),
                site(UnitSlip, "卫生健康支出742.59万元，占67.7%", "742.59万元"),
                site(UnitSlip, "人员经费265.7万元", "265.7万元"),
            ],
        },
        Base {
            id: "003",
            text: b003,
            year: 2022,
            in_yuan: false,
            city: "怀化市",
            district: "",
            department: "医疗保障局",
            sites: vec![
                site(SumPart, "基本支出401.29万元，占72.53%", "401.29万元"),
                site(SumPart, "人员经费359.23万元", "359.23万元"),
                site(
                    SumPart,
                    "社会保障和就业支出（类）支出290.22万元",
                    "290.22万元",
                ),
                site(Share, "基本支出401.29万元，占72.53%", "72.53%"),
                site(Share, "人员经费359.23万元，占基本支出的89.52%", "89.52%"),
                site(
                    Share,
                    "卫生健康支出（类）支出263.08万元，占47.55%",
                    "47.55%",
                ),
                site(
                    ChangeDirection,
                    "财政拨款收、支总计均为553.29万元，与上年相比，增加66.58万元，增长13.68%",
                    "增长13.68%",
                ),
                site(ChangeDirection, "增加10.57 万元，增长33.56%", "增长33.56%"),
                site(UnitSlip, "基本支出401.29万元，占72.53%", "401.29万元"),
                site(UnitSlip, "人员经费359.23万元", "359.23万元"),
            ],
        },
        Base {
            id: "004",
            text: b004,
            year: 2023,
            in_yuan: false,
            city: "安阳市",
            district: "龙安区",
            department: "医疗保障局",
            sites: vec![
                site(SumPart, "基本支出236.18万元，占39.82%", "236.18万元"),
                site(SumPart, "卫生健康支出533.96万元，占90.02%", "533.96万元"),
                site(Share, "项目支出356.98万元，占60.18%", "60.18%"),
                site(Share, "住房保障支出24.77万元，占4.18%", "4.18%"),
                site(
                    ChangeDirection,
                    "收、支总计均为593.16万元。与上年度相比，收、支总计各减少154.7万元，下降20.69%",
                    "下降20.69%",
                ),
                site(
                    ChangeDirection,
                    "一般公共预算财政拨款支出减少137.67万元，下降18.84%",
                    "下降18.84%",
                ),
                site(ChangeDirection, "减少23.76万元，下降84.38%", "下降84.38%"),
                site(UnitSlip, "基本支出236.18万元，占39.82%", "236.18万元"),
                site(UnitSlip, "年初预算为195万元", "195万元"),
            ],
        },
    ];
    for base in &bases {
        for s in &base.sites {
            if base.text.matches(s.anchor).count() != 1 || !s.anchor.contains(s.target) {
                return Err(format!(
                    "fixture {}: anchor `{}` is not unique or lacks `{}`",
                    base.id, s.anchor, s.target
                ));
            }
        }
    }
    Ok(bases)
}

// ---------------------------------------------------------------------------------------
// Randomness: SplitMix64, seeded per document so document i never depends on the others.

struct Rng(u64);

impl Rng {
    fn for_document(seed: u64, i: usize) -> Self {
        let mut r = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        let mix = r.next() ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03);
        Rng(mix)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.below(items.len());
        &items[i]
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const CITIES: &[&str] = &[
    "昆明市",
    "曲靖市",
    "玉溪市",
    "保山市",
    "昭通市",
    "丽江市",
    "普洱市",
    "临沧市",
    "乐山市",
    "绵阳市",
    "德阳市",
    "宜宾市",
    "南充市",
    "达州市",
    "遂宁市",
    "怀化市",
    "株洲市",
    "湘潭市",
    "衡阳市",
    "邵阳市",
    "岳阳市",
    "常德市",
    "安阳市",
    "洛阳市",
    "开封市",
    "新乡市",
    "焦作市",
    "南阳市",
    "信阳市",
    "赣州市",
    "吉安市",
    "宜春市",
    "九江市",
    "桂林市",
    "柳州市",
    "梧州市",
    "遵义市",
    "六盘水市",
    "安顺市",
    "天水市",
];

const DISTRICTS: &[&str] = &[
    "",
    "",
    "",
    "呈贡区",
    "市中区",
    "龙安区",
    "西山区",
    "五华区",
    "盘龙区",
    "官渡区",
    "城关区",
    "新华区",
    "东城区",
    "西城区",
    "北湖区",
    "南湖区",
    "高新区",
    "经开区",
    "雁江区",
    "临翔区",
    "思茅区",
    "古城区",
    "隆阳区",
    "麒麟区",
    "红塔区",
    "涪城区",
    "游仙区",
    "翠屏区",
    "顺庆区",
    "通川区",
    "船山区",
    "鹤城区",
    "芦淞区",
    "雨湖区",
    "蒸湘区",
    "双清区",
    "岳阳楼区",
    "武陵区",
    "殷都区",
    "文峰区",
];

const DEPARTMENTS: &[&str] = &[
    "医疗保障局",
    "医疗保障局",
    "医疗保障局",
    "卫生健康局",
    "人力资源和社会保障局",
    "民政局",
    "财政局",
    "审计局",
    "统计局",
    "司法局",
    "农业农村局",
    "教育体育局",
    "住房和城乡建设局",
    "交通运输局",
    "自然资源局",
    "生态环境局",
    "文化和旅游局",
    "市场监督管理局",
];

// ---------------------------------------------------------------------------------------
// One document.

struct Injected {
    kind: Kind,
    line: usize,
    column: usize,
    before: String,
    after: String,
}

struct Document {
    bytes: Vec<u8>,
    base: &'static str,
    department: String,
    year: u32,
    unit: &'static str,
    scale: i128,
    encoding: &'static str,
    line_ending: &'static str,
    error: Option<Injected>,
}

/// Marks the figure an error is injected into while the text is rewritten around it.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

fn generate(bases: &[Base], seed: u64, i: usize, with_error: bool) -> Result<Document, String> {
    let mut rng = Rng::for_document(seed, i);
    let base = rng.pick(bases);
    let year = base.year - 4 + rng.below(6) as u32;
    let scale: i128 = if base.in_yuan {
        *rng.pick(&[1, 1, 2, 3, 4, 5, 7, 10, 12, 25])
    } else {
        1
    };
    let to_wan = base.in_yuan && rng.chance(50);
    let grouping = rng.chance(60);
    let city = *rng.pick(CITIES);
    let district = if base.district.is_empty() {
        ""
    } else {
        *rng.pick(DISTRICTS)
    };
    let department_kind = *rng.pick(DEPARTMENTS);
    let department = format!("{city}{district}{department_kind}");
    let paren = rng.below(3);
    let arabic = rng.below(4);
    let crlf = rng.chance(10);
    let encoding = match rng.below(20) {
        0 => "GB18030",
        1 => "UTF-8 (BOM)",
        _ => "UTF-8",
    };
    let unit_wan = !base.in_yuan || to_wan;

    let mut text = base.text.clone();
    let mut kind = None;
    if with_error {
        let mut k = *rng.pick(&[
            Kind::SumPart,
            Kind::Share,
            Kind::ChangeDirection,
            Kind::UnitSlip,
        ]);
        if k == Kind::UnitSlip && !unit_wan {
            k = Kind::SumPart;
        }
        let candidates: Vec<&Site> = base.sites.iter().filter(|s| s.kind == k).collect();
        let s = *rng.pick(&candidates);
        let at = text.find(s.anchor).ok_or("anchor vanished")?
            + s.anchor.find(s.target).ok_or("target vanished")?;
        text.insert(at + s.target.len(), CLOSE);
        text.insert(at, OPEN);
        kind = Some(k);
    }
    if base.in_yuan {
        text = rewrite_money(&text, scale, to_wan, grouping);
    }
    text = shift_years(&text, year as i32 - base.year as i32);
    text = rename(&text, base, city, district, &department);
    text = renumber(&text, paren, arabic);

    let mut error = None;
    if let Some(k) = kind {
        let (t, injected) = inject(&text, k, &mut rng)?;
        text = t;
        error = Some(injected);
    }
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    let bytes = match encoding {
        "GB18030" => {
            let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
            if unmappable {
                return Err(format!("document {i}: not representable in GB18030"));
            }
            bytes.into_owned()
        }
        "UTF-8 (BOM)" => {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend_from_slice(text.as_bytes());
            b
        }
        _ => text.into_bytes(),
    };
    Ok(Document {
        bytes,
        base: base.id,
        department,
        year,
        unit: if unit_wan { "万元" } else { "元" },
        scale,
        encoding,
        line_ending: if crlf { "CRLF" } else { "LF" },
        error,
    })
}

/// Apply the injection marked by [`OPEN`] / [`CLOSE`] and remove the marks.
fn inject(text: &str, kind: Kind, rng: &mut Rng) -> Result<(String, Injected), String> {
    let open = text.find(OPEN).ok_or("injection mark lost")?;
    let close = text.find(CLOSE).ok_or("injection mark lost")?;
    let before = &text[open + OPEN.len_utf8()..close];
    let after = match kind {
        Kind::SumPart => change_money(before, rng).ok_or_else(|| format!("not money: {before}"))?,
        Kind::Share => {
            change_percent(before, rng).ok_or_else(|| format!("not a share: {before}"))?
        }
        Kind::ChangeDirection => {
            if before.starts_with("增长") {
                before.replacen("增长", "下降", 1)
            } else if before.starts_with("下降") {
                before.replacen("下降", "增长", 1)
            } else {
                return Err(format!("not a change: {before}"));
            }
        }
        Kind::UnitSlip => {
            let number = before
                .strip_suffix("万元")
                .ok_or_else(|| format!("not 万元: {before}"))?;
            format!("{number}元")
        }
    };
    let line_start = text[..open].rfind('\n').map_or(0, |p| p + 1);
    let line = text[..open].matches('\n').count() + 1;
    let column = text[line_start..open].chars().count() + 1;
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..open]);
    out.push_str(&after);
    out.push_str(&text[close + CLOSE.len_utf8()..]);
    Ok((
        out,
        Injected {
            kind,
            line,
            column,
            before: before.to_owned(),
            after,
        },
    ))
}

// ---------------------------------------------------------------------------------------
// Numbers as written: an integer count of the last written decimal place.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    /// The value in units of 10^-decimals.
    units: i128,
    decimals: u32,
    grouped: bool,
}

/// The written number at the start of `s` (`8,274,739.11`, `0.05`, `1153`) and its length.
fn read_number(s: &str) -> Option<(Written, usize)> {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if !digit(0) {
        return None;
    }
    let mut i = 0;
    while digit(i) {
        i += 1;
    }
    let mut grouped = false;
    if i <= 3 {
        while b.get(i) == Some(&b',')
            && digit(i + 1)
            && digit(i + 2)
            && digit(i + 3)
            && !digit(i + 4)
        {
            i += 4;
            grouped = true;
        }
    }
    let int_end = i;
    let mut decimals = 0;
    if b.get(i) == Some(&b'.') && digit(i + 1) {
        i += 1;
        while digit(i) {
            i += 1;
            decimals += 1;
        }
    }
    if i > 30 {
        return None;
    }
    let mut units: i128 = 0;
    for &c in b[..i].iter() {
        if c.is_ascii_digit() {
            units = units * 10 + i128::from(c - b'0');
        }
    }
    let _ = int_end;
    Some((
        Written {
            units,
            decimals,
            grouped,
        },
        i,
    ))
}

fn format_number(w: Written) -> String {
    let pow = 10i128.pow(w.decimals);
    let int = w.units / pow;
    let frac = w.units % pow;
    let digits = int.to_string();
    let mut out = String::new();
    if w.grouped {
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
    } else {
        out.push_str(&digits);
    }
    if w.decimals > 0 {
        let _ = write!(out, ".{:0width$}", frac, width = w.decimals as usize);
    }
    out
}

/// Round half up `units` (of 10^-from) to units of 10^-to, `to` < `from`... or scale up.
fn rescale(units: i128, from: u32, to: u32) -> i128 {
    if to >= from {
        units * 10i128.pow(to - from)
    } else {
        let d = 10i128.pow(from - to);
        (units + d / 2) / d
    }
}

/// Whether the byte before `at` makes a digit there part of something else (`A3`, `1.5`).
fn glued(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',')
}

/// Multiply every 元 figure by `scale`; with `to_wan`, write it in 万元 with two decimals.
fn rewrite_money(text: &str, scale: i128, to_wan: bool, grouping: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    let mut copied = 0;
    let b = text.as_bytes();
    while i < b.len() {
        if !b[i].is_ascii_digit() || glued(text, i) {
            i += 1;
            continue;
        }
        let Some((w, len)) = read_number(&text[i..]) else {
            i += 1;
            continue;
        };
        let end = i + len;
        // Leave the narrative 万元 figures alone; only bare 元 is the document's own unit.
        if text[end..].starts_with('元') {
            let units = w.units * scale;
            let new = if to_wan {
                // In 分, then in units of 0.01万元 = 100元 = 10,000分.
                let fen = rescale(units, w.decimals, 2);
                let wan = rescale(fen, 6, 2);
                format!(
                    "{}万元",
                    format_number(Written {
                        units: wan,
                        decimals: 2,
                        grouped: grouping && wan >= 100_000,
                    })
                )
            } else {
                format!(
                    "{}元",
                    format_number(Written {
                        units,
                        decimals: w.decimals,
                        grouped: w.grouped,
                    })
                )
            };
            out.push_str(&text[copied..i]);
            out.push_str(&new);
            copied = end + '元'.len_utf8();
            i = copied;
        } else {
            i = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// A money figure changed beyond any rounding: by 6–13 % of its value, at least 100 units of
/// its last written place.
fn change_money(figure: &str, rng: &mut Rng) -> Option<String> {
    let (w, len) = read_number(figure)?;
    let unit = &figure[len..];
    if !unit.ends_with('元') {
        return None;
    }
    let percent = [7, 9, 11, 13, -6, -8][rng.below(6)];
    let mut delta = (w.units * percent / 100).abs().max(100);
    if percent < 0 && w.units > delta {
        delta = -delta;
    }
    let units = w.units + delta;
    Some(format!("{}{unit}", format_number(Written { units, ..w })))
}

/// A percentage moved by 3–9 points (keeping its decimals and its percent sign).
fn change_percent(figure: &str, rng: &mut Rng) -> Option<String> {
    let (w, len) = read_number(figure)?;
    let sign = &figure[len..];
    let points = 3 + rng.below(7) as i128;
    let step = points * 10i128.pow(w.decimals);
    let hundred = 100 * 10i128.pow(w.decimals);
    let units = if w.units + step <= hundred {
        w.units + step
    } else {
        w.units - step
    };
    Some(format!("{}{sign}", format_number(Written { units, ..w })))
}

/// Move every year (a standalone 19xx/20xx followed by 年 or inside 〔〕) by `delta`.
fn shift_years(text: &str, delta: i32) -> String {
    if delta == 0 {
        return text.to_owned();
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i + 4 <= b.len() {
        let four = b[i..i + 4].iter().all(u8::is_ascii_digit);
        if !four || (i > 0 && (b[i - 1].is_ascii_digit() || glued(text, i))) {
            i += 1;
            continue;
        }
        if b.get(i + 4)
            .is_some_and(|c| c.is_ascii_digit() || *c == b'.' || *c == b',')
        {
            i += 4;
            continue;
        }
        let rest = text[i + 4..].trim_start_matches(' ');
        let before = &text[..i];
        let year_like = rest.starts_with('年') || rest.starts_with('〕') || before.ends_with('〔');
        let value: i32 = text[i..i + 4].parse().unwrap_or(0);
        if year_like && (1990..=2035).contains(&value) {
            out.push_str(&text[copied..i]);
            let _ = write!(out, "{}", value + delta);
            copied = i + 4;
        }
        i += 4;
    }
    out.push_str(&text[copied..]);
    out
}

/// Give the document another department: the full name first, then the place names alone.
fn rename(text: &str, base: &Base, city: &str, district: &str, department: &str) -> String {
    let full = format!("{}{}{}", base.city, base.district, base.department);
    let mut t = text.replace(&full, department);
    t = t.replace(base.city, city);
    if !base.district.is_empty() {
        t = t.replace(base.district, district);
        let stem = base.district.trim_end_matches('区');
        let new_stem = district.trim_end_matches('区');
        if !new_stem.is_empty() {
            t = t.replace(stem, new_stem);
        }
    }
    let city_stem = base.city.trim_end_matches('市');
    t.replace(city_stem, city.trim_end_matches('市'))
}

/// Rewrite heading markers at line starts: `paren` 0 = as written, 1 = `（一）`, 2 = `(一)`;
/// `arabic` 0 = as written, 1 = `1.`, 2 = `1、`, 3 = `1．`.
fn renumber(text: &str, paren: usize, arabic: usize) -> String {
    if paren == 0 && arabic == 0 {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 64);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches([' ', '\t', '\u{3000}']);
        let indent = &line[..line.len() - body.len()];
        out.push_str(indent);
        out.push_str(&renumber_line(body, paren, arabic));
    }
    out
}

fn renumber_line(line: &str, paren: usize, arabic: usize) -> String {
    const NUMERALS: &str = "一二三四五六七八九十";
    let (open, close) = match paren {
        1 => ("（", "）"),
        _ => ("(", ")"),
    };
    if paren != 0 {
        for (o, c) in [("（", "）"), ("(", ")")] {
            if let Some(rest) = line.strip_prefix(o) {
                let inner: String = rest
                    .chars()
                    .take_while(|ch| NUMERALS.contains(*ch) || ch.is_ascii_digit())
                    .collect();
                if !inner.is_empty() && inner.chars().count() <= 3 {
                    if let Some(after) = rest[inner.len()..].strip_prefix(c) {
                        return format!("{open}{inner}{close}{after}");
                    }
                }
            }
        }
    }
    if arabic != 0 {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) {
            let rest = &line[digits..];
            for sep in [".", "、", "．"] {
                if let Some(after) = rest.strip_prefix(sep) {
                    if after.starts_with(|c: char| c.is_ascii_digit() || c == '０') {
                        break;
                    }
                    let new = ["", ".", "、", "．"][arabic];
                    return format!("{}{new}{after}", &line[..digits]);
                }
            }
        }
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for s in ["8,274,739.11", "0", "1153.8", "0.05", "11,000.00", "1,097"] {
            let (w, len) = read_number(s).unwrap();
            assert_eq!(len, s.len());
            assert_eq!(format_number(w), s);
        }
    }

    #[test]
    fn yuan_become_wan_yuan_rounded() {
        assert_eq!(
            rewrite_money("合计8,274,739.11元，0元，4998元", 1, true, true),
            "合计827.47万元，0.00万元，0.50万元"
        );
        assert_eq!(
            rewrite_money("合计8,274,739.11元，另13.5万元", 3, false, true),
            "合计24,824,217.33元，另13.5万元"
        );
        assert_eq!(
            rewrite_money("24,062,267.92元", 1, true, true),
            "2,406.23万元"
        );
    }

    #[test]
    fn years_move_but_codes_and_amounts_do_not() {
        assert_eq!(
            shift_years("2022年度，2021年5月，〔2022〕2号，2101501，2022元", -2),
            "2020年度，2019年5月，〔2020〕2号，2101501，2022元"
        );
    }

    #[test]
    fn markers_change_style_only_at_line_start() {
        assert_eq!(
            renumber("（一）概况\n1.一项2.88万\n2.88万人次", 2, 2),
            "(一)概况\n1、一项2.88万\n2.88万人次"
        );
    }

    #[test]
    fn every_anchor_is_unique_and_generation_is_deterministic() {
        let bases = bases().unwrap();
        for i in 0..40 {
            let a = generate(&bases, 7, i, i % 2 == 0).unwrap();
            let b = generate(&bases, 7, i, i % 2 == 0).unwrap();
            assert_eq!(a.bytes, b.bytes);
            assert_eq!(a.error.is_some(), i % 2 == 0);
        }
    }

    #[test]
    fn injected_errors_are_beyond_rounding() {
        let mut rng = Rng(3);
        for _ in 0..50 {
            let after = change_money("0.25万元", &mut rng).unwrap();
            let (w, _) = read_number(&after).unwrap();
            assert!((w.units - 25).abs() >= 100, "{after}");
            let share = change_percent("100%", &mut rng).unwrap();
            assert!(share.starts_with('9'), "{share}");
        }
    }
}
