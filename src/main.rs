//! The `dossier` command: parses arguments, runs one subcommand, maps the outcome to an exit
//! code (0 success, 1 some inputs failed, 2 usage or fatal error).

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(cli::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cli::Outcome::SomeInputsFailed) => ExitCode::from(1),
        Err(e) => {
            if cli::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dossier: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
