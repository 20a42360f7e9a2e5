//! Mailboxes (mboxo / mboxrd), split into messages while streaming.
//! (Placeholder: to be replaced by the full reader.)

use std::io::BufRead;

/// True when the bytes open like a mailbox: a `From ` separator line.
pub fn looks_like_mbox(head: &[u8]) -> bool {
    head.starts_with(b"From ")
}

/// Yields the raw bytes of each message of a mailbox, `From ` line removed and `>From`
/// unescaped.
pub struct MboxReader<R> {
    reader: R,
    pending: Option<Vec<u8>>,
    done: bool,
}

impl<R: BufRead> MboxReader<R> {
    pub fn new(reader: R) -> Self {
        MboxReader {
            reader,
            pending: None,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for MboxReader<R> {
    type Item = std::io::Result<Vec<u8>>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut msg = self.pending.take().unwrap_or_default();
        let mut line = Vec::new();
        loop {
            line.clear();
            match self.reader.read_until(b'\n', &mut line) {
                Err(e) => return Some(Err(e)),
                Ok(0) => {
                    self.done = true;
                    return if msg.is_empty() { None } else { Some(Ok(msg)) };
                }
                Ok(_) => {
                    if line.starts_with(b"From ") {
                        if msg.is_empty() {
                            continue;
                        }
                        return Some(Ok(msg));
                    }
                    msg.extend_from_slice(&line);
                }
            }
        }
    }
}
