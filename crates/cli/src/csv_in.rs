//! The cells of one CSV line (RFC 4180: `,` between cells, `"` around a cell that holds one,
//! `""` for a quote inside it).
//!
//! A batch reads its input line by line (`input::Lines`, which bounds a line's length), so a
//! cell cannot span lines: no answer needs a line break, and a quote left open would otherwise
//! swallow every later row into one cell — rows that would vanish without a word.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder, Terminator};

pub struct CsvLines {
    parser: Reader,
    /// The cells of the last line, one after another; `ends[i]` is where cell `i` ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl CsvLines {
    pub fn new() -> CsvLines {
        CsvLines {
            parser: ReaderBuilder::new()
                .terminator(Terminator::Any(b'\n'))
                .build(),
            bytes: Vec::new(),
            ends: vec![0; 64],
        }
    }

    /// The cells of `line` (without its line break), or `None` when a quoted cell is still open
    /// at its end.
    pub fn split(&mut self, line: &[u8]) -> Option<Cells<'_>> {
        // Unquoting never makes a line longer; the one more byte is for the line break.
        self.bytes.resize(self.bytes.len().max(line.len() + 1), 0);
        let (mut input, mut nout, mut nend) = (line, 0, 0);
        let mut ended = false;
        loop {
            // Never an empty input: to the parser, that means the end of the file, which closes
            // an open quote.
            if input.is_empty() {
                if ended {
                    // The line break did not end the row: it went into a quoted cell.
                    self.parser.reset();
                    return None;
                }
                input = b"\n";
                ended = true;
            }
            let (result, nin, out, end) =
                self.parser
                    .read_record(input, &mut self.bytes[nout..], &mut self.ends[nend..]);
            input = &input[nin..];
            nout += out;
            nend += end;
            match result {
                ReadRecordResult::Record => {
                    return Some(Cells {
                        bytes: &self.bytes[..nout],
                        ends: &self.ends[..nend],
                    })
                }
                ReadRecordResult::OutputFull => self.bytes.resize(self.bytes.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::InputEmpty | ReadRecordResult::End => {}
            }
        }
    }
}

pub struct Cells<'a> {
    bytes: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Cells<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Each cell's bytes (not checked to be UTF-8: a cell is, or its row is refused).
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        let bytes = self.bytes;
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let cell = &bytes[start..end];
            start = end;
            cell
        })
    }
}
