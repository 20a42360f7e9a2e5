//! Emails: one RFC 5322 message (an .eml file, or one message of a mailbox) into a
//! [`Document`]: decoded headers and addresses, the body chosen among MIME alternatives and
//! turned into text, attachments listed (with text for the text-like ones and for attached
//! messages), and quoted replies separated from the author's own text.
//!
//! Messages are attacker-controlled: nothing here panics on input, MIME nesting is bounded
//! before `mailparse` sees the bytes, and problems that do not stop the message become
//! `Document.warnings`. Not for splitting mailboxes (`mbox.rs`), nor for the HTML-to-text
//! conversion itself (`html.rs`).
//!
//! Conventions: message ids are stored without angle brackets; `Document.text` uses LF line
//! endings; attachment sizes and hashes are of the decoded bytes, with the line breaks of
//! parts that were not base64-encoded taken in their canonical CRLF form (so a message gives
//! the same hashes whatever line endings it travelled with).

mod charset;
mod date;
mod lexicon;
mod quote;

use std::borrow::Cow;

use mailparse::body::Body;
use mailparse::{DispositionType, MailAddr, MailHeader, ParsedMail};
use sha2::{Digest, Sha256};

use crate::error::IngestErrorKind;
use crate::ingest::html::html_to_text;
use crate::ingest::mbox::MAX_MESSAGE_BYTES;
use crate::model::{Address, Attachment, DocKind, Document};

pub use date::parse_header_date;
pub use quote::{Split, rule_names as quote_rule_names, split_quotes};

/// Deepest multipart nesting read; deeper parts are cut off (with a warning) before parsing,
/// so a nesting bomb cannot exhaust the stack or the parser's own recursion limit.
pub const MAX_MULTIPART_DEPTH: usize = 32;
/// Deepest chain of attached messages (message/rfc822 inside message/rfc822…) read.
pub const MAX_MESSAGE_DEPTH: usize = 8;
/// Header values longer than this are cut (an absurd header must not bloat the document).
const MAX_HEADER_CHARS: usize = 16 * 1024;
/// Text kept per attachment; the rest is dropped with a warning.
const MAX_ATTACHMENT_TEXT_BYTES: usize = 8 << 20;

/// MIME types whose attachments are read as text.
const TEXT_LIKE_MIMES: &[&str] = &[
    "application/json",
    "application/xml",
    "application/csv",
    "application/x-csv",
    "application/xhtml+xml",
    "application/javascript",
    "application/x-yaml",
    "application/yaml",
    "application/x-sh",
    "application/rtf",
];
/// File extensions read as text when the MIME type says nothing (application/octet-stream).
const TEXT_LIKE_EXTENSIONS: &[&str] = &[
    "txt", "csv", "tsv", "json", "xml", "md", "html", "htm", "log", "ics", "vcf", "yaml", "yml",
];

/// Parses one RFC 5322 message into a document.
pub fn parse_email(raw: &[u8], path: &str) -> Result<Document, IngestErrorKind> {
    // mailparse is third-party code fed attacker-controlled bytes: a panic in it must cost
    // one message, not the batch.
    std::panic::catch_unwind(|| parse_message(raw, path, 0)).unwrap_or_else(|_| {
        Err(IngestErrorKind::BadEmail(
            "the MIME parser failed on this message".into(),
        ))
    })
}

fn parse_message(raw: &[u8], path: &str, depth: usize) -> Result<Document, IngestErrorKind> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestErrorKind::Empty);
    }
    let mut warnings = Vec::new();
    if raw.len() >= MAX_MESSAGE_BYTES {
        warnings.push(format!(
            "message truncated at {} MB by the mailbox reader",
            MAX_MESSAGE_BYTES >> 20
        ));
    }
    let raw = cap_multipart_nesting(raw, &mut warnings);
    let mail = match mailparse::parse_mail(&raw) {
        Ok(m) => m,
        Err(e) => return headerless_document(&raw, path, &e.to_string(), warnings),
    };
    let mut doc = Document::new(DocKind::Email, path);
    let header_charset = mail.ctype.params.get("charset").cloned();
    let headers = HeaderReader {
        headers: &mail.headers,
        charset: header_charset.as_deref(),
    };
    if !mail
        .headers
        .iter()
        .any(|h| is_known_header(&h.get_key_ref()))
    {
        warnings.push("no mail headers found; the whole message is read as the body".into());
    }

    doc.title = headers
        .text("Subject", &mut warnings)
        .filter(|s| !s.is_empty());
    doc.from = headers.addresses("From", &mut warnings).into_iter().next();
    doc.to = headers.addresses("To", &mut warnings);
    doc.cc = headers.addresses("Cc", &mut warnings);
    doc.reply_to = headers.addresses("Reply-To", &mut warnings);
    doc.message_id = headers
        .text("Message-ID", &mut warnings)
        .and_then(|v| message_ids(&v).into_iter().next());
    doc.in_reply_to = headers
        .text("In-Reply-To", &mut warnings)
        .and_then(|v| message_ids(&v).into_iter().next());
    doc.references = headers
        .text("References", &mut warnings)
        .map(|v| message_ids(&v))
        .unwrap_or_default();
    if let Some(value) = headers.text("Date", &mut warnings) {
        match parse_header_date(&value) {
            Some(d) => {
                if d.assumed_utc {
                    warnings.push(format!(
                        "Date header has no time zone, UTC assumed: {value:?}"
                    ));
                }
                doc.date = Some(d.rfc3339);
            }
            None => warnings.push(format!("unparseable Date header: {:?}", clip(&value, 100))),
        }
    }

    let mut walk = Walk {
        path,
        depth,
        body: Vec::new(),
        attachments: Vec::new(),
        warnings,
        parts_seen: 0,
    };
    walk.part(&mail, 0);
    let body = walk.body.join("\n\n");
    if body.contains('\0') {
        walk.warnings.push("NUL bytes removed from the body".into());
    }
    let body = normalise_text(&body);
    let offset = doc.date.as_deref().and_then(date::offset_minutes);
    let split = split_quotes(&body, offset);
    doc.text = split.own;
    doc.quoted = split.blocks;
    doc.attachments = walk.attachments;
    if doc.text.is_empty() && doc.quoted.is_empty() && doc.attachments.is_empty() {
        walk.warnings.push("no readable body".into());
    }
    doc.warnings = dedup_keep_order(walk.warnings);
    Ok(doc)
}

fn dedup_keep_order(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

/// A message whose header block mailparse refuses: keep its text rather than lose it.
fn headerless_document(
    raw: &[u8],
    path: &str,
    reason: &str,
    mut warnings: Vec<String>,
) -> Result<Document, IngestErrorKind> {
    let sample = &raw[..raw.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    if control * 10 > sample.len() {
        return Err(IngestErrorKind::BadEmail(format!(
            "unreadable headers ({reason}) and binary content"
        )));
    }
    warnings.push(format!(
        "unreadable headers ({reason}); whole message read as text"
    ));
    let mut doc = Document::new(DocKind::Email, path);
    doc.text = normalise_text(&charset::best_effort(raw));
    doc.warnings = warnings;
    Ok(doc)
}

fn is_known_header(key: &str) -> bool {
    [
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "received",
        "mime-version",
        "content-type",
        "return-path",
    ]
    .iter()
    .any(|k| key.eq_ignore_ascii_case(k))
}

/// LF line endings, no NUL characters.
fn normalise_text(text: &str) -> String {
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    };
    if text.contains('\0') {
        text.replace('\0', "")
    } else {
        text.into_owned()
    }
}

fn clip(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Reads decoded header values.
struct HeaderReader<'a, 'm> {
    headers: &'a [MailHeader<'m>],
    /// The message's declared charset, used for raw 8-bit header bytes that are not UTF-8.
    charset: Option<&'a str>,
}

impl HeaderReader<'_, '_> {
    fn all(&self, name: &str) -> impl Iterator<Item = &MailHeader<'_>> {
        self.headers
            .iter()
            .filter(move |h| h.get_key_ref().trim().eq_ignore_ascii_case(name))
    }

    /// Unfolded value, raw 8-bit bytes decoded, RFC 2047 words NOT yet decoded.
    fn unfolded(&self, h: &MailHeader<'_>, warnings: &mut Vec<String>) -> String {
        let raw = h.get_value_raw();
        let text = match std::str::from_utf8(raw) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => {
                let (t, _) = charset::decode_text(raw, self.charset);
                warnings.push(format!(
                    "header {} has raw 8-bit bytes that are not UTF-8; read as {}",
                    h.get_key_ref().trim(),
                    self.charset.unwrap_or("windows-1252")
                ));
                Cow::Owned(t)
            }
        };
        let mut value: String = text
            .chars()
            .filter(|&c| c != '\r' && c != '\n' && c != '\0')
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        if value.len() > MAX_HEADER_CHARS {
            let cut = (0..=MAX_HEADER_CHARS)
                .rev()
                .find(|&i| value.is_char_boundary(i))
                .unwrap_or(0);
            value.truncate(cut);
            warnings.push(format!(
                "header {} longer than {MAX_HEADER_CHARS} bytes; cut",
                h.get_key_ref().trim()
            ));
        }
        value.trim().to_string()
    }

    /// The first header of that name, fully decoded.
    fn text(&self, name: &str, warnings: &mut Vec<String>) -> Option<String> {
        let h = self.all(name).next()?;
        let value = self.unfolded(h, warnings);
        Some(
            charset::decode_encoded_words(&value, warnings)
                .trim()
                .to_string(),
        )
    }

    /// Every address of every header of that name (groups flattened).
    fn addresses(&self, name: &str, warnings: &mut Vec<String>) -> Vec<Address> {
        let mut out = Vec::new();
        for h in self.all(name) {
            let value = self.unfolded(h, warnings);
            if value.is_empty() {
                continue;
            }
            match mailparse::addrparse(&value) {
                Ok(list) => {
                    for addr in list.iter() {
                        match addr {
                            MailAddr::Single(s) => {
                                out.push(address(s.display_name.as_deref(), &s.addr, warnings))
                            }
                            MailAddr::Group(g) => out.extend(
                                g.addrs
                                    .iter()
                                    .map(|s| address(s.display_name.as_deref(), &s.addr, warnings)),
                            ),
                        }
                    }
                }
                Err(_) => {
                    warnings.push(format!("malformed {name} header; addresses read leniently"));
                    out.extend(lenient_addresses(&value, warnings));
                }
            }
        }
        out.retain(|a| !a.address.is_empty() || a.name.is_some());
        out
    }
}

fn address(name: Option<&str>, addr: &str, warnings: &mut Vec<String>) -> Address {
    let name = name
        .map(|n| charset::decode_encoded_words(n, warnings))
        .map(|n| n.trim().trim_matches('"').trim().to_string())
        .filter(|n| !n.is_empty());
    Address {
        name,
        address: addr.trim().trim_matches(['<', '>']).to_string(),
    }
}

/// Splits an address list on commas outside quotes and angle brackets, and reads each piece
/// as `Name <addr>` or a bare address.
fn lenient_addresses(value: &str, warnings: &mut Vec<String>) -> Vec<Address> {
    let mut pieces = Vec::new();
    let (mut start, mut in_quotes, mut in_angle) = (0, false, false);
    for (i, c) in value.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            '<' if !in_quotes => in_angle = true,
            '>' if !in_quotes => in_angle = false,
            // An unclosed '<' must not swallow the rest of the list.
            ',' | ';' if !in_quotes && (!in_angle || !value[i..].contains('>')) => {
                in_angle = false;
                pieces.push(&value[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&value[start..]);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.ends_with(':'))
        .map(|p| {
            // A group name ("Team: a@x") is not part of the first address.
            let p = match p.split_once(':') {
                Some((group, rest)) if !group.contains(['<', '"', '@']) => rest.trim(),
                _ => p,
            };
            match (p.find('<'), p.rfind('>')) {
                (Some(open), Some(close)) if open < close => {
                    address(Some(&p[..open]), &p[open + 1..close], warnings)
                }
                (Some(open), _) => address(Some(&p[..open]), &p[open + 1..], warnings),
                _ => address(None, p, warnings),
            }
        })
        .collect()
}

/// Message ids without angle brackets: the bracketed ones, else bare tokens holding an `@`.
fn message_ids(value: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else { break };
        let id = after[..close].trim();
        if !id.is_empty() && !id.contains(char::is_whitespace) {
            ids.push(id.to_string());
        }
        rest = &after[close + 1..];
    }
    if ids.is_empty() {
        ids = value
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(|t| t.trim_matches(['<', '>']))
            .filter(|t| t.contains('@'))
            .map(str::to_string)
            .collect();
    }
    ids
}

/// Truncates `raw` where MIME nesting would exceed [`MAX_MULTIPART_DEPTH`].
///
/// The depth is followed from the bytes alone: each `boundary=` parameter opens a level,
/// a `--b` delimiter line returns to the level of `b`, and `--b--` closes it. Cheap for
/// ordinary mail: the scan runs only when there are more boundary parameters than levels.
fn cap_multipart_nesting<'a>(raw: &'a [u8], warnings: &mut Vec<String>) -> Cow<'a, [u8]> {
    let declarations = memchr::memmem::find_iter(raw, b"oundary").count();
    if declarations <= MAX_MULTIPART_DEPTH {
        return Cow::Borrowed(raw);
    }
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut line_start = 0;
    for line in raw.split_inclusive(|&b| b == b'\n') {
        let trimmed = trim_line_end(line);
        if let Some(delim) = trimmed.strip_prefix(b"--") {
            let closing = delim.strip_suffix(b"--");
            let name = closing.unwrap_or(delim);
            if let Some(level) = open.iter().rposition(|b| b.as_slice() == name) {
                open.truncate(if closing.is_some() { level } else { level + 1 });
            }
        } else if let Some(boundary) = boundary_param(trimmed) {
            open.push(boundary);
            if open.len() > MAX_MULTIPART_DEPTH {
                warnings.push(format!(
                    "MIME parts nested deeper than {MAX_MULTIPART_DEPTH} levels were dropped"
                ));
                return Cow::Owned(raw[..line_start].to_vec());
            }
        }
        line_start += line.len();
    }
    Cow::Borrowed(raw)
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let end = line
        .iter()
        .rposition(|&b| !matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
        .map_or(0, |p| p + 1);
    &line[..end]
}

/// The value of a `boundary=` parameter on a header line, quotes removed.
fn boundary_param(line: &[u8]) -> Option<Vec<u8>> {
    let pos = line
        .windows(9)
        .position(|w| w.eq_ignore_ascii_case(b"boundary="))?;
    let value = &line[pos + 9..];
    let value = match value.strip_prefix(b"\"") {
        Some(v) => &v[..memchr::memchr(b'"', v).unwrap_or(v.len())],
        None => {
            let end = value
                .iter()
                .position(|&b| b == b';' || b.is_ascii_whitespace())
                .unwrap_or(value.len());
            &value[..end]
        }
    };
    (!value.is_empty()).then(|| value.to_vec())
}

/// Walks the MIME tree, collecting body text, attachments and warnings.
struct Walk<'p> {
    path: &'p str,
    depth: usize,
    body: Vec<String>,
    attachments: Vec<Attachment>,
    warnings: Vec<String>,
    parts_seen: usize,
}

impl Walk<'_> {
    fn part(&mut self, part: &ParsedMail<'_>, nesting: usize) {
        self.parts_seen += 1;
        let mime = part.ctype.mimetype.as_str();
        if mime.starts_with("multipart/") {
            self.multipart(part, nesting);
        } else if mime == "message/rfc822" || mime == "message/global" {
            self.attached_message(part);
        } else if is_body_candidate(part) {
            if let Some(text) = self.text_of(part) {
                self.body.push(text);
            }
        } else {
            self.attachment(part);
        }
    }

    fn multipart(&mut self, part: &ParsedMail<'_>, nesting: usize) {
        let mime = part.ctype.mimetype.as_str();
        match part.ctype.params.get("boundary") {
            None => self
                .warnings
                .push(format!("{mime} without a boundary; body read as text")),
            Some(b) => {
                let closing = format!("--{b}--");
                if memchr::memmem::find(part.raw_bytes, closing.as_bytes()).is_none() {
                    self.warnings
                        .push(format!("{mime}: missing closing boundary {closing:?}"));
                }
            }
        }
        if part.subparts.is_empty() {
            // No boundary, or a boundary that never appears: the body is all there is.
            let (bytes, _) = self.decoded_bytes(part);
            let text = self.decode_charset(&bytes, part);
            if !text.trim().is_empty() {
                self.body.push(text);
            }
            return;
        }
        if nesting >= MAX_MULTIPART_DEPTH {
            self.warnings.push(format!(
                "MIME nesting deeper than {MAX_MULTIPART_DEPTH}; inner parts skipped"
            ));
            return;
        }
        if mime == "multipart/alternative" {
            if let Some(best) = self.preferred_alternative(&part.subparts) {
                self.part(best, nesting + 1);
            }
        } else {
            for sub in &part.subparts {
                self.part(sub, nesting + 1);
            }
        }
    }

    /// text/plain with some text, else text/html, else a nested multipart, else the first.
    fn preferred_alternative<'a, 'm>(
        &mut self,
        parts: &'a [ParsedMail<'m>],
    ) -> Option<&'a ParsedMail<'m>> {
        let plain = parts.iter().find(|p| {
            p.ctype.mimetype == "text/plain"
                && is_body_candidate(p)
                && !String::from_utf8_lossy(&self.decoded_bytes(p).0)
                    .trim()
                    .is_empty()
        });
        plain
            .or_else(|| parts.iter().find(|p| p.ctype.mimetype == "text/html"))
            .or_else(|| {
                parts
                    .iter()
                    .find(|p| p.ctype.mimetype.starts_with("multipart/"))
            })
            .or_else(|| parts.first())
    }

    /// Decoded bytes of a leaf part, and whether they came from base64.
    fn decoded_bytes(&mut self, part: &ParsedMail<'_>) -> (Vec<u8>, bool) {
        match part.get_body_encoded() {
            Body::Base64(b) => {
                let d = charset::decode_base64_lenient(b.get_raw());
                if let Some(p) = d.problem {
                    let problem =
                        format!("part {} ({}): {p}", self.parts_seen, part.ctype.mimetype);
                    if !self.warnings.contains(&problem) {
                        self.warnings.push(problem);
                    }
                }
                (d.bytes, true)
            }
            Body::QuotedPrintable(b) => (charset::decode_quoted_printable(b.get_raw()), false),
            Body::SevenBit(b) | Body::EightBit(b) => (b.get_raw().to_vec(), false),
            Body::Binary(b) => (b.get_raw().to_vec(), false),
        }
    }

    fn decode_charset(&mut self, bytes: &[u8], part: &ParsedMail<'_>) -> String {
        let label = part.ctype.params.get("charset").map(String::as_str);
        let (text, warning) = charset::decode_text(bytes, label);
        if let Some(w) = warning
            && !self.warnings.contains(&w)
        {
            self.warnings.push(w);
        }
        text
    }

    /// Text of a text/plain or text/html part (HTML turned into text).
    fn text_of(&mut self, part: &ParsedMail<'_>) -> Option<String> {
        let (bytes, _) = self.decoded_bytes(part);
        let text = self.decode_charset(&bytes, part);
        let text = if part.ctype.mimetype == "text/html" {
            html_to_text(&text)
        } else {
            text
        };
        (!text.trim().is_empty()).then_some(text)
    }

    fn attachment(&mut self, part: &ParsedMail<'_>) {
        let (bytes, from_base64) = self.decoded_bytes(part);
        let name = attachment_name(part, &mut self.warnings);
        let mime = part.ctype.mimetype.clone();
        let text = is_text_like(&mime, name.as_deref()).then(|| {
            let text = self.decode_charset(&bytes, part);
            let text = if mime.contains("html") {
                html_to_text(&text)
            } else {
                text
            };
            self.capped(normalise_text(&text), name.as_deref())
        });
        let canonical = canonical_bytes(&bytes, from_base64);
        self.attachments.push(Attachment {
            name,
            mime,
            size: canonical.len() as u64,
            sha256: hex::encode(Sha256::digest(&canonical)),
            text,
        });
    }

    fn capped(&mut self, mut text: String, name: Option<&str>) -> String {
        if text.len() > MAX_ATTACHMENT_TEXT_BYTES {
            let cut = (0..=MAX_ATTACHMENT_TEXT_BYTES)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            text.truncate(cut);
            self.warnings.push(format!(
                "text of attachment {} cut at {} MB",
                name.unwrap_or("(unnamed)"),
                MAX_ATTACHMENT_TEXT_BYTES >> 20
            ));
        }
        text
    }

    /// An attached message: listed as an attachment whose text holds its summary lines,
    /// body and quotes; its own attachments follow it in the list.
    fn attached_message(&mut self, part: &ParsedMail<'_>) {
        let (bytes, from_base64) = self.decoded_bytes(part);
        let name = attachment_name(part, &mut self.warnings);
        let canonical = canonical_bytes(&bytes, from_base64);
        let mut attachment = Attachment {
            name,
            mime: part.ctype.mimetype.clone(),
            size: canonical.len() as u64,
            sha256: hex::encode(Sha256::digest(&canonical)),
            text: None,
        };
        let mut inner_attachments = Vec::new();
        if self.depth + 1 >= MAX_MESSAGE_DEPTH {
            self.warnings.push(format!(
                "attached messages nested deeper than {MAX_MESSAGE_DEPTH}; inner one not read"
            ));
        } else {
            match parse_message(&bytes, self.path, self.depth + 1) {
                Ok(inner) => {
                    let text = attached_message_text(&inner);
                    attachment.text = Some(self.capped(text, attachment.name.as_deref()));
                    self.warnings.extend(
                        inner
                            .warnings
                            .iter()
                            .map(|w| format!("attached message: {w}")),
                    );
                    inner_attachments = inner.attachments;
                }
                Err(e) => self
                    .warnings
                    .push(format!("attached message not readable: {e}")),
            }
        }
        self.attachments.push(attachment);
        self.attachments.extend(inner_attachments);
    }
}

/// The searchable text of an attached message: Subject/From/Date lines, its own text, then
/// each quoted block with its header.
fn attached_message_text(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(s) = &doc.title {
        out.push_str(&format!("Subject: {s}\n"));
    }
    if let Some(f) = &doc.from {
        match &f.name {
            Some(n) => out.push_str(&format!("From: {n} <{}>\n", f.address)),
            None => out.push_str(&format!("From: {}\n", f.address)),
        }
    }
    if let Some(d) = &doc.date {
        out.push_str(&format!("Date: {d}\n"));
    }
    out.push('\n');
    out.push_str(&doc.text);
    for q in &doc.quoted {
        out.push_str("\n\n");
        if let Some(h) = &q.header {
            out.push_str(h);
            out.push('\n');
        }
        out.push_str(&q.text);
    }
    out
}

/// Inline text/plain or text/html without a file name: part of the message body.
fn is_body_candidate(part: &ParsedMail<'_>) -> bool {
    let mime = part.ctype.mimetype.as_str();
    if mime != "text/plain" && mime != "text/html" {
        return false;
    }
    let disposition = part.get_content_disposition();
    disposition.disposition != DispositionType::Attachment
        && !disposition.params.contains_key("filename")
        && !part.ctype.params.contains_key("name")
}

fn is_text_like(mime: &str, name: Option<&str>) -> bool {
    if mime.starts_with("text/")
        || TEXT_LIKE_MIMES.contains(&mime)
        || mime.ends_with("+json")
        || mime.ends_with("+xml")
    {
        return true;
    }
    let generic = mime == "application/octet-stream" || mime.is_empty();
    generic
        && name
            .and_then(|n| n.rsplit_once('.'))
            .is_some_and(|(_, ext)| {
                TEXT_LIKE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
            })
}

/// Content-Disposition filename (RFC 2231 decoded by mailparse), else Content-Type name;
/// RFC 2047 words that some clients put there are decoded too.
fn attachment_name(part: &ParsedMail<'_>, warnings: &mut Vec<String>) -> Option<String> {
    let disposition = part.get_content_disposition();
    disposition
        .params
        .get("filename")
        .or_else(|| part.ctype.params.get("name"))
        .map(|n| {
            charset::decode_encoded_words(n, warnings)
                .trim()
                .to_string()
        })
        .filter(|n| !n.is_empty())
}

/// The bytes an attachment is hashed as: base64 content exactly; other transfer encodings
/// with CRLF line breaks, their canonical form.
fn canonical_bytes(bytes: &[u8], from_base64: bool) -> Cow<'_, [u8]> {
    if from_base64 || !bytes.contains(&b'\n') {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 32);
    let mut previous = 0u8;
    for &b in bytes {
        if b == b'\n' && previous != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        previous = b;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_without_brackets() {
        assert_eq!(message_ids("<a@x> <b@y>"), vec!["a@x", "b@y"]);
        assert_eq!(message_ids("c@z"), vec!["c@z"]);
        assert!(message_ids("junk").is_empty());
    }

    #[test]
    fn lenient_addresses_read_broken_lists() {
        let mut w = Vec::new();
        let a = lenient_addresses("\"Doe, J\" <j@x>, broken <k@y, plain@z", &mut w);
        let got: Vec<_> = a.iter().map(|a| a.address.as_str()).collect();
        assert_eq!(got, vec!["j@x", "k@y", "plain@z"]);
        assert_eq!(a[0].name.as_deref(), Some("Doe, J"));
    }

    #[test]
    fn nesting_bomb_is_cut_before_parsing() {
        let mut raw = String::from("From: a@x\nSubject: bomb\n");
        for i in 0..10_000 {
            raw.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\n"
            ));
        }
        raw.push_str("Content-Type: text/plain\n\ndeep\n");
        let doc = parse_email(raw.as_bytes(), "bomb.eml").expect("parses");
        assert!(doc.warnings.iter().any(|w| w.contains("nested deeper")));
        assert_eq!(doc.title.as_deref(), Some("bomb"));
    }

    #[test]
    fn canonical_bytes_are_crlf() {
        assert_eq!(&*canonical_bytes(b"a\nb\r\n", false), b"a\r\nb\r\n");
        assert_eq!(&*canonical_bytes(b"a\nb", true), b"a\nb");
    }
}
