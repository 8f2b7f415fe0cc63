//! The yujue command line: flags and glue over the library. Reading, checking and rendering
//! live in the library; this file parses flags, picks a renderer, writes its output and
//! turns the run into an exit status ([`Exit`]).

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};
use yujue::check::RULES;
use yujue::config::{CliSettings, ConfigError, FileConfig, Selection};
use yujue::driver::{self, FileOutcome};
use yujue::input::{self, InputFile, InputOptions};
use yujue::report::csv::CsvReporter;
use yujue::report::json::JsonReporter;
use yujue::report::jsonl::JsonlReporter;
use yujue::report::out_dir::OutDir;
use yujue::report::sarif::SarifReporter;
use yujue::report::text::TextReporter;
use yujue::report::{self, Reporter, Totals};

const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  every document reconciles (no error finding)
  1  a document has an error finding (or a warning, with --deny warnings)
  2  an input could not be read, the output could not be written, or the arguments or
     the configuration are wrong (the other inputs are still checked)";

/// The exit status of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    /// Every document reconciles.
    Reconciled = 0,
    /// A document has an error finding, or a warning under `--deny warnings`.
    Findings = 1,
    /// An input could not be read, output could not be written, or bad arguments.
    Failure = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

#[derive(Parser)]
#[command(
    name = "yujue",
    version,
    about = "Extract and reconcile the figures of Chinese department budget and final-account disclosures (部门预算 / 部门决算).",
    after_help = EXIT_STATUS_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check disclosures: report every figure that does not reconcile.
    #[command(after_help = EXIT_STATUS_HELP)]
    Check(CheckArgs),
    /// Print the typed records of one document as JSON.
    Extract { path: PathBuf },
    /// Count, over a set of disclosures, how many yielded each record type and each check.
    Stats(StatsArgs),
    /// Print the JSON Schema of one entry of the json / jsonl / --out-dir output.
    Schema,
    /// List every check: code, name, severity, summary.
    Rules,
    /// Print the documentation of one check.
    Explain {
        /// A rule code, e.g. S001.
        code: String,
    },
}

#[derive(Args)]
struct CheckArgs {
    /// Files or folders (walked recursively, in sorted order).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also write one JSON entry per input into DIR, mirroring the input's path
    /// (`a/b.txt` → `DIR/a/b.txt.json`), each file written atomically.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Report only these rule codes or code prefixes (comma-separated; `ALL` for every
    /// rule). Replaces `select` of yujue.toml.
    #[arg(long, value_name = "CODES")]
    select: Option<Vec<String>>,
    /// Do not report these rule codes or code prefixes (comma-separated). Added to
    /// `ignore` of yujue.toml.
    #[arg(long, value_name = "CODES")]
    ignore: Vec<String>,
    /// `--deny warnings`: a warning fails the run (exit status 1).
    #[arg(long, value_name = "WHAT", value_parser = ["warnings"])]
    deny: Vec<String>,
    /// Read settings from this file instead of a yujue.toml in each checked folder.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Colour the human report: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
    /// Print the summary only (text format).
    #[arg(long, short)]
    quiet: bool,
    /// Further file extensions to check in folders (besides txt).
    #[arg(long = "ext", value_name = "EXT")]
    extensions: Vec<String>,
    /// Skip files larger than this many bytes (reported as unreadable).
    #[arg(long, value_name = "N", default_value_t = input::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Follow symbolic links when walking folders.
    #[arg(long)]
    follow: bool,
    /// Worker threads (0 = one per core). The output does not depend on it.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
}

#[derive(Args)]
struct StatsArgs {
    /// Files or folders (walked recursively, in sorted order).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print the counts as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Further file extensions to read in folders (besides txt).
    #[arg(long = "ext", value_name = "EXT")]
    extensions: Vec<String>,
    /// Worker threads (0 = one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Diagnostics with source snippets, then a summary.
    Text,
    /// One JSON array, one entry per input.
    Json,
    /// One JSON entry per line, written as each input is done.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// Every extracted figure as a CSV row.
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// jemalloc: most of the run's allocations are small and short-lived (labels, spans, JSON
/// buffers), which it serves more cheaply than glibc's allocator (see README, Performance).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Check(args) => check(args),
        Command::Extract { path } => extract(path),
        Command::Stats(args) => stats(args),
        Command::Schema => print_out(&report::json::schema()),
        Command::Rules => print_out(&report::rules::list(RULES)),
        Command::Explain { code } => match report::rules::explain(RULES, &code) {
            Some(doc) => print_out(&doc),
            None => {
                eprintln!("error: no rule has the code `{code}`; `yujue rules` lists them");
                Exit::Failure
            }
        },
    };
    exit.into()
}

fn print_out(text: &str) -> Exit {
    let mut out = std::io::stdout().lock();
    let result = out.write_all(text.as_bytes()).and_then(|()| {
        if text.ends_with('\n') {
            Ok(())
        } else {
            out.write_all(b"\n")
        }
    });
    match result {
        Ok(()) => Exit::Reconciled,
        Err(_) => Exit::Failure,
    }
}

/// `yujue stats`: coverage of record types and checks over a set of disclosures.
fn stats(args: StatsArgs) -> Exit {
    let mut options = InputOptions::default();
    options.extensions.extend(
        args.extensions
            .iter()
            .map(|e| e.trim_start_matches('.').to_owned()),
    );
    // Counted as documents come, not kept: memory does not grow with the corpus.
    let files = input::inputs(&args.paths, &options);
    let mut tally = yujue::stats::Tally::default();
    let mut unreadable = false;
    driver::for_each_in_order(files, &options, args.threads, |outcome| match outcome {
        FileOutcome::Checked(a) => tally.add(&a.report),
        failed @ FileOutcome::Failed { .. } => {
            unreadable = true;
            eprint!("{}", report::text::render(&failed));
        }
    });
    let counts = tally.finish();
    let text = if args.json {
        serde_json::to_string_pretty(&counts).unwrap_or_default()
    } else {
        yujue::stats::render_text(&counts)
    };
    match print_out(&text) {
        Exit::Reconciled if unreadable => Exit::Failure,
        exit => exit,
    }
}

fn extract(path: PathBuf) -> Exit {
    let options = InputOptions::default();
    let file = InputFile {
        display: path.to_string_lossy().into_owned(),
        path,
        error: None,
    };
    match driver::process(&file, &options) {
        FileOutcome::Checked(a) => match serde_json::to_string_pretty(&a.report.records) {
            Ok(text) => print_out(&text),
            Err(_) => Exit::Failure,
        },
        failed @ FileOutcome::Failed { .. } => {
            eprint!("{}", report::text::render(&failed));
            Exit::Failure
        }
    }
}

/// The selection for each path given: from `--config`, or a yujue.toml found beside it.
fn selections(args: &CheckArgs, cli: &CliSettings) -> Result<Vec<Selection>, ConfigError> {
    if let Some(path) = &args.config {
        let file = FileConfig::load(path)?;
        let selection = Selection::resolve(Some((path, &file)), cli, RULES)?;
        return Ok(vec![selection; args.paths.len()]);
    }
    args.paths
        .iter()
        .map(|root| match FileConfig::discover(root) {
            Some(path) => {
                let file = FileConfig::load(&path)?;
                Selection::resolve(Some((&path, &file)), cli, RULES)
            }
            None => Selection::resolve(None, cli, RULES),
        })
        .collect()
}

/// Drop what the writing thread no longer needs of a rendered outcome (figures, findings,
/// text), keeping its path and counts: memory is then freed on the worker thread that
/// allocated it, which glibc's allocator does far more cheaply than a free from another
/// thread (two threads cost 12% more CPU than one before this; 1-5% after, in most runs).
fn shed_detail(outcome: &mut FileOutcome) {
    if let FileOutcome::Checked(analysis) = outcome {
        let report = &mut analysis.report;
        report.records = yujue::model::Records::default();
        report.findings = Vec::new();
        report.document.sections = Vec::new();
        analysis.source = yujue::source::Source::new(String::new(), analysis.source.encoding);
    }
}

/// Buffers of documents already written, handed to the next documents to render into:
/// a fresh buffer per document cost an allocation and a free of a few times the text's
/// size, each free of so large a block making the allocator sort its small free blocks.
/// There are never more buffers than documents rendered and not yet written.
#[derive(Default)]
struct SpareBuffers(std::sync::Mutex<Vec<Vec<u8>>>);

impl SpareBuffers {
    /// A buffer above this capacity (a huge document's) is freed rather than kept.
    const MAX_KEPT: usize = 16 << 20;

    /// A spare buffer, or a new empty one.
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .ok()
            .and_then(|mut spare| spare.pop())
            .unwrap_or_default()
    }

    fn give_back(&self, mut buffer: Vec<u8>) {
        if buffer.capacity() <= Self::MAX_KEPT
            && let Ok(mut spare) = self.0.lock()
        {
            buffer.clear();
            spare.push(buffer);
        }
    }
}

/// Writes to stdout until the first failure, then remembers it and writes nothing more.
struct Output {
    out: Box<dyn Write>,
    failed: Option<std::io::Error>,
}

impl Output {
    fn run(&mut self, f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
        if self.failed.is_none()
            && let Err(e) = f(&mut *self.out)
        {
            self.failed = Some(e);
        }
    }
}

/// A progress bar on stderr, shown only when stderr is a terminal and the run has taken
/// more than a second.
struct Progress {
    enabled: bool,
    started: Instant,
    total: usize,
    done: usize,
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    /// A bar over `total()` documents, counted only if stderr is a terminal.
    fn new(total: impl FnOnce() -> usize) -> Progress {
        let total = if std::io::stderr().is_terminal() {
            total()
        } else {
            0
        };
        Progress {
            enabled: total > 1,
            started: Instant::now(),
            total,
            done: 0,
            bar: None,
        }
    }

    fn tick(&mut self, path: &str) {
        self.done += 1;
        if !self.enabled {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() > Duration::from_secs(1) {
            let bar = indicatif::ProgressBar::new(self.total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} documents, {elapsed} {wide_msg}",
            ) {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.done as u64);
            bar.set_message(path.to_owned());
        }
    }

    /// Run `f` with the bar hidden, so that stdout on the same terminal stays clean.
    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn check(args: CheckArgs) -> Exit {
    let cli_settings = CliSettings {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        deny: args.deny.clone(),
    };
    let selections = match selections(&args, &cli_settings) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failure;
        }
    };
    let mut options = InputOptions {
        follow_links: args.follow,
        max_bytes: args.max_bytes,
        ..InputOptions::default()
    };
    options.extensions.extend(
        args.extensions
            .iter()
            .map(|e| e.trim_start_matches('.').to_owned()),
    );
    let default_selection = Selection::default();
    // Each file with the rule selection of its root: each root is walked on its own, and
    // as the run goes (files are found as workers need them, never listed).
    let jobs = args.paths.iter().enumerate().flat_map(|(i, root)| {
        let selection = selections.get(i).unwrap_or(&default_selection);
        input::inputs(std::slice::from_ref(root), &options).map(move |file| (file, selection))
    });
    let mut jobs = jobs.peekable();
    if jobs.peek().is_none() {
        let mut wanted: Vec<String> = options.extensions.iter().map(|e| format!(".{e}")).collect();
        wanted.dedup();
        eprintln!(
            "warning: no documents found under the paths given (looked for {} files; --ext adds others)",
            wanted.join(", ")
        );
    }
    let mut out_dir = match args.out_dir.as_deref().map(OutDir::create).transpose() {
        Ok(d) => d,
        Err(e) => {
            let dir = args.out_dir.as_deref().unwrap_or(Path::new(""));
            eprintln!("error: cannot create {}: {e}", dir.display());
            return Exit::Failure;
        }
    };

    let stdout = std::io::stdout();
    let (mut reporter, out): (Box<dyn Reporter>, Box<dyn Write>) = match args.format {
        Format::Text => {
            let choice = match args.color {
                ColorWhen::Always => anstream::ColorChoice::Always,
                ColorWhen::Never => anstream::ColorChoice::Never,
                ColorWhen::Auto => anstream::AutoStream::choice(&stdout),
            };
            // On a terminal, source lines are cut to its width; elsewhere to 140 columns.
            let width = console::Term::stdout()
                .size_checked()
                .map(|(_rows, columns)| usize::from(columns));
            let reporter = TextReporter {
                styled: choice != anstream::ColorChoice::Never,
                quiet: args.quiet,
                width,
            };
            (
                Box::new(reporter),
                Box::new(anstream::AutoStream::new(stdout.lock(), choice)),
            )
        }
        // Buffered: a locked stdout flushes at every newline, a system call per line.
        Format::Json => (
            Box::new(JsonReporter::default()),
            Box::new(BufWriter::new(stdout.lock())),
        ),
        Format::Jsonl => (
            Box::new(JsonlReporter),
            Box::new(BufWriter::new(stdout.lock())),
        ),
        Format::Sarif => (
            Box::new(SarifReporter::new(RULES)),
            Box::new(BufWriter::new(stdout.lock())),
        ),
        Format::Csv => (
            Box::new(CsvReporter::default()),
            Box::new(BufWriter::new(stdout.lock())),
        ),
    };
    let machine = !matches!(args.format, Format::Text);
    let mut output = Output { out, failed: None };
    let mut totals = Totals::default();
    let mut warnings_denied = false;
    let mut write_failed = false;
    // The bar's total is counted by a walk of its own, and only where the bar is shown.
    let mut progress = Progress::new(|| input::inputs(&args.paths, &options).count());
    // Checked, filtered and rendered on the worker threads; written here, in input order.
    let renderer = reporter.renderer();
    let spare_buffers = SpareBuffers::default();
    let writes_entries = out_dir.is_some();
    let work = |(file, selection): (InputFile, &Selection)| {
        let mut outcome = driver::process(&file, &options);
        if let FileOutcome::Checked(analysis) = &mut outcome {
            selection.apply(&mut analysis.report);
        }
        let rendered = renderer
            .as_ref()
            .map(|r| r.render_reusing(&outcome, spare_buffers.take()));
        if rendered.is_some() && !writes_entries {
            shed_detail(&mut outcome);
        }
        (outcome, selection.deny_warnings, rendered)
    };
    driver::map_in_order(
        jobs,
        args.threads,
        work,
        |(outcome, deny_warnings, rendered)| {
            match &outcome {
                FileOutcome::Checked(analysis) => {
                    warnings_denied |= deny_warnings && analysis.report.summary.warnings > 0;
                }
                FileOutcome::Failed { path, error } if machine => {
                    progress.suspend(|| eprintln!("error[{}]: {path}: {error}", error.code()));
                }
                FileOutcome::Failed { .. } => {}
            }
            totals.add(&outcome);
            progress.tick(outcome.path());
            let mut written_buffer = None;
            progress.suspend(|| {
                output.run(|out| match rendered {
                    Some(bytes) => {
                        let bytes = bytes?;
                        let written = reporter.write_rendered(&bytes, out);
                        written_buffer = Some(bytes);
                        written
                    }
                    None => reporter.document(&outcome, out),
                });
            });
            if let Some(buffer) = written_buffer {
                spare_buffers.give_back(buffer);
            }
            if let Some(dir) = &mut out_dir
                && let Err(e) = dir.write(&outcome)
            {
                write_failed = true;
                progress.suspend(|| {
                    eprintln!("error: cannot write the entry of {}: {e}", outcome.path())
                });
            }
        },
    );
    progress.finish();
    output.run(|out| reporter.finish(&totals, out).and_then(|()| out.flush()));
    if let Some(e) = output.failed
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write the output: {e}");
        write_failed = true;
    }
    if totals.unreadable > 0 || write_failed {
        Exit::Failure
    } else if totals.with_errors > 0 || warnings_denied {
        Exit::Findings
    } else {
        Exit::Reconciled
    }
}
