//! The yujue command line: flags and glue over the library. Exit codes: 0 every document
//! reconciles, 1 a document has an error finding, 2 an input could not be read or the
//! arguments are wrong.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use yujue::driver::{self, FileOutcome};
use yujue::input::{self, InputOptions};
use yujue::report;

#[derive(Parser)]
#[command(
    name = "yujue",
    version,
    about = "Extract and reconcile the figures of Chinese department budget and final-account disclosures (部门预算 / 部门决算).",
    after_help = "Exit status: 0 every document reconciles; 1 a document has an error finding; 2 an input could not be read, or the arguments are wrong."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check disclosures: report every figure that does not reconcile.
    Check {
        /// Files or folders (walked recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Further file extensions to check in folders (besides txt).
        #[arg(long = "ext", value_name = "EXT")]
        extensions: Vec<String>,
    },
    /// Print the typed records of one document as JSON.
    Extract { path: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            paths,
            format,
            extensions,
        } => {
            let mut options = InputOptions::default();
            options.extensions.extend(
                extensions
                    .into_iter()
                    .map(|e| e.trim_start_matches('.').to_owned()),
            );
            let files = input::discover(&paths, &options);
            let mut errors = false;
            let mut unreadable = false;
            let mut values = Vec::new();
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            driver::for_each_in_order(&files, &options, 0, |outcome| {
                match &outcome {
                    FileOutcome::Checked(a) => errors |= !a.report.summary.reconciled,
                    FileOutcome::Failed { .. } => unreadable = true,
                }
                match format {
                    Format::Text => {
                        let _ = out.write_all(report::text::render(&outcome).as_bytes());
                    }
                    Format::Json => values.push(report::json::to_value(&outcome)),
                }
            });
            if let Format::Json = format {
                let _ = serde_json::to_writer_pretty(&mut out, &values);
                let _ = writeln!(out);
            }
            if unreadable {
                ExitCode::from(2)
            } else if errors {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Extract { path } => {
            let options = InputOptions::default();
            let file = input::InputFile {
                display: path.to_string_lossy().into_owned(),
                path,
                error: None,
            };
            match driver::process(&file, &options) {
                FileOutcome::Checked(a) => {
                    let _ =
                        serde_json::to_writer_pretty(std::io::stdout().lock(), &a.report.records);
                    println!();
                    ExitCode::SUCCESS
                }
                failed @ FileOutcome::Failed { .. } => {
                    eprint!("{}", report::text::render(&failed));
                    ExitCode::from(2)
                }
            }
        }
    }
}
