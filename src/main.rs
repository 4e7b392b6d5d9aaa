//! The `copydesk` binary: `check` for files and folders, `lsp` for editors.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Checks attribution in news articles: quotations, their speakers, and the named actors of
/// an entity glossary.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check articles and print what was found.
    Check(copydesk::cli::CheckArgs),
    /// Serve the Language Server Protocol over standard input and output.
    Lsp {
        /// Accepted for clients that pass it (vscode-languageclient); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

fn main() -> ExitCode {
    // clap exits with status 2 on a usage error, as `check` promises; help and version exit 0.
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => copydesk::cli::run(&args),
        Command::Lsp { stdio: _ } => copydesk::lsp::run_stdio(),
    }
}
