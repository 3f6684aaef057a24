//! Why a command stopped, as exit code + one line per problem for stderr.

use crate::printable;
use skillcalc_engine::{Error, Lang};
use std::io::{self, Write};
use std::process::ExitCode;

pub const BAD_INPUT: u8 = 2;
pub const INTERNAL: u8 = 1;

#[derive(Debug)]
pub struct Failure {
    pub exit: u8,
    /// One line per problem, each naming the file, fact or field it is about.
    pub lines: Vec<String>,
}

impl Failure {
    pub fn bad_input(line: impl Into<String>) -> Failure {
        Failure {
            exit: BAD_INPUT,
            lines: vec![line.into()],
        }
    }

    pub fn internal(line: impl Into<String>) -> Failure {
        Failure {
            exit: INTERNAL,
            lines: vec![line.into()],
        }
    }

    /// An engine error, in the chosen language where the engine gives both.
    pub fn engine(e: &Error, lang: Lang) -> Failure {
        match e {
            Error::InvalidPack { problems } => Failure {
                exit: BAD_INPUT,
                lines: problems.iter().map(|p| p.to_string()).collect(),
            },
            Error::InvalidProfile { problems } => Failure {
                exit: BAD_INPUT,
                lines: problems
                    .iter()
                    .map(|p| profile_problem_line(p, lang))
                    .collect(),
            },
            Error::InvalidOption { .. } | Error::UnknownProvision { .. } => {
                Failure::bad_input(e.message(lang))
            }
            Error::Internal { .. } => Failure::internal(e.to_string()),
        }
    }

    /// Writing our own output failed. A closed pipe (`skillcalc batch … | head`) is not an
    /// error: the reader has what it wanted, so stop quietly.
    pub fn output(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure {
                exit: 0,
                lines: Vec::new(),
            }
        } else {
            Failure::internal(format!("writing the output failed: {e}"))
        }
    }

    /// Prints the lines to stderr and gives the exit code.
    pub fn report(self) -> ExitCode {
        let mut err = io::stderr().lock();
        for line in &self.lines {
            // Nothing sensible is left to do if stderr itself is gone.
            let _ = writeln!(err, "error: {}", printable::message(line));
        }
        ExitCode::from(self.exit)
    }
}

impl From<io::Error> for Failure {
    /// Only for writes to stdout/stderr; reading input maps its errors explicitly (bad input).
    fn from(e: io::Error) -> Failure {
        Failure::output(e)
    }
}

/// `fact: message`, in the chosen language.
pub fn profile_problem_line(p: &skillcalc_engine::ProfileProblem, lang: Lang) -> String {
    format!("{}: {}", p.fact, pick(lang, &p.message_zh, &p.message_en))
}

pub fn unknown_provision(id: &str, lang: Lang) -> String {
    Error::UnknownProvision { id: id.into() }.message(lang)
}

pub fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Writes one line to stderr, ignoring a closed stderr (there is nowhere else to say it).
pub fn warn(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", printable::message(line));
}
