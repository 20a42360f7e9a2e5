//! Bytes to text for mail: charsets by label (with a best-effort fallback for unknown or
//! missing labels), lenient base64 and quoted-printable, and RFC 2047 encoded words in headers.
//!
//! Every function here is forgiving: attacker-controlled or merely broken input decodes to as
//! much text as can be recovered, and the problem is returned as a warning for the document.
//! Not for MIME structure (see `email.rs`) nor for dates (see `date.rs`).

use std::borrow::Cow;
use std::sync::LazyLock;

use charset::Charset;
use regex::Regex;

/// Labels that promise 7-bit text; mail often says so while carrying UTF-8 or Latin-1.
const ASCII_LABELS: [&str; 5] = ["us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "646"];

/// Decodes `bytes` declared in charset `label` (None when the part declares none).
///
/// Unknown labels, undeclared 8-bit text and text that is not what its label says are read
/// as UTF-8 when valid, else as windows-1252 (a superset of ISO-8859-1 that maps every byte),
/// with a warning. UTF-7 and the WHATWG labels are covered through the `charset` crate.
pub fn decode_text(bytes: &[u8], label: Option<&str>) -> (String, Option<String>) {
    let label = label.map(|l| l.trim().trim_matches('"').to_ascii_lowercase());
    let label = label.as_deref().filter(|l| !l.is_empty());
    if let Some(l) = label
        && !ASCII_LABELS.contains(&l)
        && Charset::for_label_no_replacement(l.as_bytes()).is_none()
    {
        let text = best_effort(bytes).into_owned();
        let warning = format!("unknown charset {l:?}; read as {}", best_effort_name(bytes));
        return (text, Some(warning));
    }
    if bytes.is_ascii() {
        // Every charset mail uses is ASCII-compatible except UTF-7/16/32 and ISO-2022-*,
        // whose escapes are themselves ASCII: only those need the real decoder.
        if !label.is_some_and(needs_decoder_for_ascii) {
            return (ascii_to_string(bytes), None);
        }
    }
    match label {
        None => {
            let warning = std::str::from_utf8(bytes)
                .is_err()
                .then(|| "8-bit text without a declared charset; read as windows-1252".into());
            (best_effort(bytes).into_owned(), warning)
        }
        Some(l) if ASCII_LABELS.contains(&l) => {
            let text = best_effort(bytes).into_owned();
            (
                text,
                Some(format!(
                    "declared {l} but contains 8-bit bytes; read as {}",
                    best_effort_name(bytes)
                )),
            )
        }
        Some(l) => match Charset::for_label_no_replacement(l.as_bytes()) {
            Some(cs) => {
                let (text, malformed) = cs.decode_without_bom_handling(bytes);
                let warning = malformed
                    .then(|| format!("malformed bytes for charset {l}; replaced with U+FFFD"));
                (text.into_owned(), warning)
            }
            // Unknown labels were handled above.
            None => (best_effort(bytes).into_owned(), None),
        },
    }
}

fn needs_decoder_for_ascii(label: &str) -> bool {
    label.starts_with("utf-7")
        || label.starts_with("utf-16")
        || label.starts_with("utf-32")
        || label.starts_with("iso-2022")
        || label.starts_with("hz")
}

fn ascii_to_string(bytes: &[u8]) -> String {
    // ASCII is valid UTF-8; the lossy path never replaces anything here.
    String::from_utf8_lossy(bytes).into_owned()
}

/// UTF-8 when valid, else windows-1252.
pub fn best_effort(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

fn best_effort_name(bytes: &[u8]) -> &'static str {
    if std::str::from_utf8(bytes).is_ok() {
        "UTF-8"
    } else {
        "windows-1252"
    }
}

/// Outcome of a lenient transfer decoding.
pub struct Decoded {
    pub bytes: Vec<u8>,
    /// Why the input was not clean (truncated, invalid characters), if it was not.
    pub problem: Option<String>,
}

fn base64_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

/// Decodes base64 the way mail readers must: whitespace and stray characters are skipped,
/// padding ends a group (and decoding resumes after it, for concatenated chunks), and a
/// truncated tail decodes to the whole bytes it holds.
pub fn decode_base64_lenient(input: &[u8]) -> Decoded {
    let mut bytes = Vec::with_capacity(input.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut nbits = 0u32;
    let mut group = 0usize;
    let mut invalid = 0usize;
    let mut dangling_groups = 0usize;
    for &b in input {
        if let Some(v) = base64_value(b) {
            acc = (acc << 6) | u32::from(v);
            nbits += 6;
            group += 1;
            if nbits >= 8 {
                nbits -= 8;
                bytes.push((acc >> nbits) as u8);
                acc &= (1 << nbits) - 1;
            }
            if group == 4 {
                group = 0;
            }
        } else if b == b'=' {
            if group == 1 {
                dangling_groups += 1;
            }
            acc = 0;
            nbits = 0;
            group = 0;
        } else if !b.is_ascii_whitespace() {
            invalid += 1;
        }
    }
    if group == 1 {
        dangling_groups += 1;
    }
    let mut problems = Vec::new();
    if group != 0 || dangling_groups > 0 {
        problems.push("truncated base64 (decoded what could be)".to_string());
    }
    if invalid > 0 {
        problems.push(format!("{invalid} invalid base64 characters skipped"));
    }
    Decoded {
        bytes,
        problem: (!problems.is_empty()).then(|| problems.join("; ")),
    }
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes quoted-printable leniently: `=XX` escapes (either case), soft line breaks, and
/// a stray `=` kept as is; trailing transport whitespace before line ends is dropped.
pub fn decode_quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut previous_soft_break = true;
    for line in input.split(|&b| b == b'\n') {
        if !previous_soft_break {
            out.push(b'\n');
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = trim_end_wsp(line);
        let (line, soft_break) = match line.strip_suffix(b"=") {
            Some(rest) => (rest, true),
            None => (line, false),
        };
        previous_soft_break = soft_break;
        let mut i = 0;
        while i < line.len() {
            let b = line[i];
            if b == b'='
                && let (Some(h), Some(l)) = (
                    line.get(i + 1).copied().and_then(hex_value),
                    line.get(i + 2).copied().and_then(hex_value),
                )
            {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
            out.push(b);
            i += 1;
        }
    }
    out
}

fn trim_end_wsp(line: &[u8]) -> &[u8] {
    let end = line
        .iter()
        .rposition(|&b| b != b' ' && b != b'\t')
        .map_or(0, |p| p + 1);
    &line[..end]
}

/// An RFC 2047 encoded word; the charset may carry an RFC 2231 language (`utf-8*fr`). The
/// text part is allowed to contain spaces, which broken mailers emit.
static ENCODED_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"=\?([^?\s]{1,40})\?([bBqQ])\?([^?]{0,2000}?)\?=").expect("valid regex")
});

/// Decodes the RFC 2047 encoded words of an unfolded header value. Whitespace between two
/// encoded words is dropped (RFC 2047 §6.2); adjacent words in the same charset are joined
/// as bytes before decoding, so a character split across two words survives.
pub fn decode_encoded_words(value: &str, warnings: &mut Vec<String>) -> String {
    if !value.contains("=?") {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut last_end = 0;
    // Pending bytes of consecutive encoded words sharing a charset.
    let mut pending: Option<(String, Vec<u8>)> = None;
    for caps in ENCODED_WORD.captures_iter(value) {
        let (Some(whole), Some(cs), Some(enc), Some(text)) =
            (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
        else {
            continue;
        };
        let between = &value[last_end..whole.start()];
        let adjacent = pending.is_some() && between.chars().all(char::is_whitespace);
        if !adjacent {
            flush_word(&mut pending, &mut out, warnings);
            out.push_str(between);
        }
        let charset = cs
            .as_str()
            .split('*')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let bytes = if enc.as_str().eq_ignore_ascii_case("b") {
            let d = decode_base64_lenient(text.as_str().as_bytes());
            if let Some(p) = d.problem {
                warnings.push(format!("encoded header word: {p}"));
            }
            d.bytes
        } else {
            decode_q_word(text.as_str(), &charset)
        };
        match &mut pending {
            Some((c, buf)) if *c == charset => buf.extend_from_slice(&bytes),
            _ => {
                flush_word(&mut pending, &mut out, warnings);
                pending = Some((charset, bytes));
            }
        }
        last_end = whole.end();
    }
    flush_word(&mut pending, &mut out, warnings);
    out.push_str(&value[last_end..]);
    out
}

fn flush_word(pending: &mut Option<(String, Vec<u8>)>, out: &mut String, w: &mut Vec<String>) {
    if let Some((charset, bytes)) = pending.take() {
        let (text, warning) = decode_text(&bytes, Some(&charset));
        out.push_str(&text);
        w.extend(warning.map(|m| format!("encoded header word: {m}")));
    }
}

/// The "Q" encoding: like quoted-printable, with `_` for space. Raw non-ASCII characters
/// (8-bit bytes a broken mailer left inside the word, already read as text) are re-encoded
/// in the word's charset so they decode back to themselves.
fn decode_q_word(text: &str, charset: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' => {
                if let (Some(h), Some(l)) = (
                    bytes.get(i + 1).copied().and_then(hex_value),
                    bytes.get(i + 2).copied().and_then(hex_value),
                ) {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                out.push(b'=');
            }
            b if b.is_ascii() => out.push(b),
            _ => {
                let c = text[i..].chars().next().unwrap_or('\u{fffd}');
                out.extend_from_slice(&encode_char(c, charset));
                i += c.len_utf8();
                continue;
            }
        }
        i += 1;
    }
    out
}

fn encode_char(c: char, charset: &str) -> Vec<u8> {
    let mut buf = [0u8; 4];
    let s = c.encode_utf8(&mut buf);
    match encoding_rs::Encoding::for_label(charset.as_bytes()) {
        Some(enc) => enc.encode(s).0.into_owned(),
        None => s.as_bytes().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_clean_and_truncated() {
        let d = decode_base64_lenient(b"aGVsbG8g\r\nd29ybGQ=");
        assert_eq!(d.bytes, b"hello world");
        assert!(d.problem.is_none());
        let d = decode_base64_lenient(b"aGVsbG8gd29ybG");
        assert_eq!(d.bytes, b"hello worl");
        assert!(d.problem.is_some());
        let d = decode_base64_lenient(b"aGVs*bG8=");
        assert_eq!(d.bytes, b"hello");
        assert!(d.problem.unwrap().contains("invalid"));
    }

    #[test]
    fn quoted_printable_soft_breaks_and_escapes() {
        let qp = b"caf=C3=A9 au =\r\nlait  \r\nsecond=3Dline\r\n=ZZ end";
        let s = String::from_utf8(decode_quoted_printable(qp)).unwrap();
        assert_eq!(s, "café au lait\nsecond=line\n=ZZ end");
    }

    #[test]
    fn quoted_printable_keeps_literal_ff_bytes() {
        // A real 0xFF escape followed by text must not be taken for a soft break.
        assert_eq!(decode_quoted_printable(b"=FFa"), vec![0xFF, b'a']);
    }

    #[test]
    fn encoded_words_join_and_decode() {
        let mut w = Vec::new();
        let s = decode_encoded_words(
            "Re: =?ISO-8859-1?Q?D=E9part?= =?iso-8859-1?q?_imm=E9diat?= ok",
            &mut w,
        );
        assert_eq!(s, "Re: Départ immédiat ok");
        // A UTF-8 character split across two base64 words.
        let s = decode_encoded_words("=?utf-8?B?w6k=?= =?utf-8?B?w6k=?=x", &mut w);
        assert_eq!(s, "ééx");
        assert!(w.is_empty());
        let s = decode_encoded_words("=?x-klingon?Q?caf=C3=A9?=", &mut w);
        assert_eq!(s, "café");
        assert_eq!(w.len(), 1);
        // A raw Latin-1 byte inside a Q word, already read as text.
        let s = decode_encoded_words("=?iso-8859-1?Q?die_Fr\u{f6}sche?=", &mut w);
        assert_eq!(s, "die Fr\u{f6}sche");
    }

    #[test]
    fn charsets_by_label() {
        assert_eq!(decode_text(b"\xe9t\xe9", Some("ISO-8859-1")).0, "été");
        assert_eq!(
            decode_text(b"\xc1\xd2", Some("koi8-r")).0,
            "аР".to_lowercase()
        );
        let (t, w) = decode_text("été".as_bytes(), Some("us-ascii"));
        assert_eq!(t, "été");
        assert!(w.is_some());
        let (t, w) = decode_text(b"\x1b$B$3$s\x1b(B", Some("iso-2022-jp"));
        assert_eq!(t, "こん");
        assert!(w.is_none());
    }
}
