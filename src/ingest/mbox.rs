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

/// True when the bytes open like a mailbox: a `From ` separator line (after an optional BOM).
pub fn looks_like_mbox(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    is_separator(first_line)
}

fn is_separator(line: &[u8]) -> bool {
    line.starts_with(b"From ") && line.len() < 1024 && SEPARATOR.is_match(trim_eol(line))
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
    previous_blank: bool,
    /// Bytes read so far: the first line of the file may be a separator without a blank
    /// line before it.
    at_start: bool,
    done: bool,
}

impl<R: BufRead> MboxReader<R> {
    pub fn new(reader: R) -> Self {
        MboxReader {
            reader,
            line: Vec::new(),
            previous_blank: false,
            at_start: true,
            done: false,
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
            self.line.clear();
            match read_line_capped(&mut self.reader, &mut self.line, MAX_MESSAGE_BYTES) {
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Ok(0) => {
                    self.done = true;
                    return finish(msg);
                }
                Ok(_) => {}
            }
            let separator = (self.at_start || self.previous_blank) && is_separator(&self.line);
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
}
