//! Mailboxes (mboxo / mboxrd): split into raw messages while streaming.
//!
//! A message starts at a `From ` separator line at the start of the file or after a blank
//! line, and only if the line looks like one (`From sender date`): a body line such as
//! "From the start we knew…" after a blank line does not split the message. Quoted
//! `>From ` lines are unescaped (one `>` removed from `^>+From `, the mboxrd rule, which is
//! also right for the mboxo escapes). CRLF files work the same way. Memory is bounded: lines
//! and messages are read with a cap, and a message larger than [`MAX_MESSAGE_BYTES`] is
//! returned cut at that size (the email parser warns about it). Not for parsing the messages
//! themselves (`email.rs`).

use std::io::{self, BufRead};
use std::sync::LazyLock;

use regex::bytes::Regex;

/// Largest message returned whole; longer ones are cut at this size.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// `From sender date…`: the sender is one token, and a time or a year follows.
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^From \S+[ \t]+.*(?:\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b)").expect("valid regex")
});

/// `From -`, `From MAILER-DAEMON`: a separator without a date, trusted only when a header
/// line follows.
static BARE_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^From(?: \S*)?[ \t]*$").expect("valid regex"));
/// `Name: value`, the first line of a message's header block.
static HEADER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[!-9;-~]{1,100}:").expect("valid regex"));

/// True when the bytes open like a mailbox: a `From ` separator line (after an optional BOM).
pub fn looks_like_mbox(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let mut lines = head.split(|&b| b == b'\n');
    let first = lines.next().unwrap_or(head);
    match separator_kind(first) {
        Separator::Dated => true,
        Separator::Bare => lines.next().is_some_and(|l| HEADER_LINE.is_match(l)),
        Separator::No => false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// `From sender date`: a separator wherever a separator may be.
    Dated,
    /// `From -`: a separator if a header line follows.
    Bare,
    No,
}

fn separator_kind(line: &[u8]) -> Separator {
    if !line.starts_with(b"From") || line.len() >= 1024 {
        return Separator::No;
    }
    let line = trim_eol(line);
    if line.starts_with(b"From ") && SEPARATOR.is_match(line) {
        Separator::Dated
    } else if BARE_SEPARATOR.is_match(line) {
        Separator::Bare
    } else {
        Separator::No
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn is_blank(line: &[u8]) -> bool {
    trim_eol(line).is_empty()
}

/// Yields the raw bytes of each message of a mailbox, `From ` line removed and `>From`
/// unescaped.
pub struct MboxReader<R> {
    reader: R,
    line: Vec<u8>,
    /// A line read ahead to confirm a bare separator, to be processed next.
    lookahead: Option<Vec<u8>>,
    previous_blank: bool,
    /// Nothing read yet: the first line of the file may be a separator without a blank
    /// line before it.
    at_start: bool,
    done: bool,
}

impl<R: BufRead> MboxReader<R> {
    pub fn new(reader: R) -> Self {
        MboxReader {
            reader,
            line: Vec::new(),
            lookahead: None,
            previous_blank: false,
            at_start: true,
            done: false,
        }
    }

    /// Reads the next line into `self.line`; false at end of input.
    fn read_line(&mut self) -> io::Result<bool> {
        self.line.clear();
        if let Some(l) = self.lookahead.take() {
            self.line = l;
            return Ok(true);
        }
        Ok(read_line_capped(&mut self.reader, &mut self.line, MAX_MESSAGE_BYTES)? > 0)
    }

    /// A separator starts a message at the start of the file or after a blank line; sloppy
    /// writers omit the blank line, so a separator right after text is accepted when a
    /// header line follows it. A bare `From -` always needs that header line.
    fn is_separator_here(&mut self) -> io::Result<bool> {
        let kind = separator_kind(&self.line);
        let after_blank = self.at_start || self.previous_blank;
        match (kind, after_blank) {
            (Separator::No, _) => Ok(false),
            (Separator::Dated, true) => Ok(true),
            _ => {
                let mut next = Vec::new();
                read_line_capped(&mut self.reader, &mut next, MAX_MESSAGE_BYTES)?;
                let confirmed = HEADER_LINE.is_match(&next);
                if !next.is_empty() {
                    self.lookahead = Some(next);
                }
                Ok(confirmed)
            }
        }
    }
}

impl<R: BufRead> Iterator for MboxReader<R> {
    type Item = io::Result<Vec<u8>>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut msg: Vec<u8> = Vec::new();
        loop {
            if self.done {
                return finish(msg);
            }
            match self.read_line() {
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Ok(false) => {
                    self.done = true;
                    return finish(msg);
                }
                Ok(true) => {}
            }
            let separator = match self.is_separator_here() {
                Ok(s) => s,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            self.at_start = false;
            if separator {
                self.previous_blank = false;
                if has_content(&msg) {
                    // The blank line before a separator belongs to the mailbox format.
                    strip_one_blank_line(&mut msg);
                    return Some(Ok(msg));
                }
                msg.clear();
                continue;
            }
            self.previous_blank = is_blank(&self.line);
            let line = unescape_from(&self.line);
            let room = MAX_MESSAGE_BYTES.saturating_sub(msg.len());
            msg.extend_from_slice(&line[..line.len().min(room)]);
        }
    }
}

fn finish(msg: Vec<u8>) -> Option<io::Result<Vec<u8>>> {
    has_content(&msg).then_some(Ok(msg))
}

fn has_content(msg: &[u8]) -> bool {
    msg.iter().any(|b| !b.is_ascii_whitespace())
}

fn strip_one_blank_line(msg: &mut Vec<u8>) {
    if msg.ends_with(b"\r\n\r\n") {
        msg.truncate(msg.len() - 2);
    } else if msg.ends_with(b"\n\n") {
        msg.truncate(msg.len() - 1);
    }
}

/// `>From `, `>>From `… lose one `>`.
fn unescape_from(line: &[u8]) -> &[u8] {
    let quotes = line.iter().take_while(|&&b| b == b'>').count();
    if quotes > 0 && line[quotes..].starts_with(b"From ") {
        &line[1..]
    } else {
        line
    }
}

/// Reads one line (through `\n`) into `out`, keeping at most `cap` bytes of it; the rest of
/// an overlong line is consumed and dropped. Returns the bytes consumed (0 at end of input).
fn read_line_capped<R: BufRead>(
    reader: &mut R,
    out: &mut Vec<u8>,
    cap: usize,
) -> io::Result<usize> {
    let mut consumed = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(consumed);
        }
        let (chunk_len, complete) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = cap.saturating_sub(out.len());
        out.extend_from_slice(&buf[..chunk_len.min(room)]);
        reader.consume(chunk_len);
        consumed += chunk_len;
        if complete {
            return Ok(consumed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &[u8]) -> Vec<Vec<u8>> {
        MboxReader::new(s)
            .collect::<io::Result<Vec<_>>>()
            .expect("in-memory reads do not fail")
    }

    #[test]
    fn separator_needs_a_date() {
        assert!(looks_like_mbox(
            b"From alice@example.org Tue Jun  4 18:03:00 2024\n"
        ));
        assert!(looks_like_mbox(b"From - Mon Jun 03 10:00:00 2024\r\n"));
        assert!(!looks_like_mbox(b"From: alice@example.org\n"));
        assert!(!looks_like_mbox(b"From the start we knew\n"));
        assert!(looks_like_mbox(b"From - \nFrom: a@x\n"));
        assert!(!looks_like_mbox(b"From here\nwe went on\n"));
    }

    #[test]
    fn overlong_line_is_capped() {
        let data = vec![b'x'; 100];
        let mut out = Vec::new();
        let mut r: &[u8] = &data;
        assert_eq!(read_line_capped(&mut r, &mut out, 10).unwrap(), 100);
        assert_eq!(out.len(), 10);
    }

    #[test]
    fn splits_and_unescapes() {
        let mbox = b"From a@x Tue Jun  4 18:03:00 2024\nSubject: one\n\nHi\n>From here\n>>From there\n\nFrom the start.\n\nFrom b@x Tue Jun  4 19:00:00 2024\nSubject: two\n\nBye\n";
        let msgs = split(mbox);
        assert_eq!(msgs.len(), 2);
        assert_eq!(
            String::from_utf8_lossy(&msgs[0]),
            "Subject: one\n\nHi\nFrom here\n>From there\n\nFrom the start.\n"
        );
        assert_eq!(String::from_utf8_lossy(&msgs[1]), "Subject: two\n\nBye\n");
    }

    #[test]
    fn bare_separator_needs_a_header_after_it() {
        let mbox = b"From -\nSubject: one\n\nBody\n\nFrom here\nwe went\nFrom MAILER-DAEMON\r\nSubject: two\n\nx\n";
        let msgs = split(mbox);
        assert_eq!(msgs.len(), 2);
        assert_eq!(
            String::from_utf8_lossy(&msgs[0]),
            "Subject: one\n\nBody\n\nFrom here\nwe went\n"
        );
        assert_eq!(String::from_utf8_lossy(&msgs[1]), "Subject: two\n\nx\n");
        // A dated "From " line in a body, not followed by a header, stays in the body.
        let msgs = split(b"From a@x Tue Jun  4 18:03:00 2024\nSubject: s\n\nHi\nFrom b@x Tue Jun 4 2024 said\nbye\n");
        assert_eq!(msgs.len(), 1);
    }
}
