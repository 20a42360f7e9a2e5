//! HTML: article pages (title, date, author, url and the main text without boilerplate) and
//! HTML fragments turned into plain text (email bodies, attachments).
//!
//! Metadata comes from what publishers declare (Open Graph and `article:` meta tags, JSON-LD,
//! `<time>`, Dublin Core) before what the layout shows. The body is `[itemprop=articleBody]`,
//! else the `<article>` the paragraphs agree with, else the container that a readability-style
//! score (text length, commas, link density) points to, with its prose siblings, else `<main>`
//! or `<body>`. Inside it, navigation, headers, footers, asides, forms, share bars, cookie
//! banners, ads, "related" lists, comments, the headline (it is the title) and a standalone
//! dateline are dropped. Paragraphs are separated by blank lines.
//!
//! Not a browser: no CSS beyond inline `display:none`, no scripts. Pathological nesting is
//! flattened before parsing (the HTML tree builder is quadratic in nesting depth) and pages
//! are cut at [`MAX_PAGE_BYTES`] (the parsed tree takes about ten times the page's size).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::error::IngestErrorKind;
use crate::ingest::{lang, text};
use crate::model::{DocKind, Document};

/// Pages are cut here, with a warning: no article is this long, and the tree would take ten
/// times as much memory.
pub const MAX_PAGE_BYTES: usize = 32 * 1024 * 1024;
/// Elements nested deeper than this are flattened away before parsing. Real pages stay
/// under ~60 levels; the bound keeps html5ever's scope searches cheap on hostile input.
const MAX_NESTING: usize = 256;
/// A declared article container with less text than this is a teaser, not the article.
const MIN_ARTICLE_CHARS: usize = 140;
/// A paragraph shorter than this does not vote in the readability score.
const MIN_SCORED_PARAGRAPH_CHARS: usize = 25;
/// A container whose text is more than this share of link text is navigation.
const MAX_LINK_DENSITY: f64 = 0.5;
/// If dropping boilerplate by class names kept less than this share of the text, the class
/// names lied (a site-wide wrapper called "has-sidebar"…) and the structural pass is used.
const MIN_KEPT_SHARE: f64 = 0.25;
/// JSON-LD objects visited per page at most.
const MAX_JSON_LD_OBJECTS: usize = 2000;
/// How far into the page the `<meta charset>` declaration is looked for.
const CHARSET_SCAN_BYTES: usize = 4096;
/// Longest author string kept from a byline.
const MAX_AUTHOR_CHARS: usize = 120;

/// Parses an HTML page into an article document.
pub fn parse_html(raw: &[u8], path: &str) -> Result<Document, IngestErrorKind> {
    let mut doc = Document::new(DocKind::Article, path);
    let (mut decoded, warning) = decode_html(raw);
    doc.warnings.extend(warning);
    if decoded.len() > MAX_PAGE_BYTES {
        let mut end = MAX_PAGE_BYTES;
        while !decoded.is_char_boundary(end) {
            end -= 1;
        }
        decoded.truncate(end);
        doc.warnings
            .push(format!("page cut at {} MB", MAX_PAGE_BYTES >> 20));
    }
    let (source, flattened) = limit_nesting(&decoded, MAX_NESTING);
    if flattened {
        doc.warnings.push(format!(
            "elements nested deeper than {MAX_NESTING} levels flattened"
        ));
    }
    let page = Html::parse_document(&source);
    let meta = MetaTags::collect(&page);
    let (json_ld, ld_errors) = JsonLd::collect(&page);
    if ld_errors > 0 {
        doc.warnings
            .push(format!("{ld_errors} invalid JSON-LD block(s) ignored"));
    }
    let sizes = TextSizes::measure(page.root_element());
    let content = main_content(&page, &sizes);
    let first_root = content
        .first()
        .copied()
        .unwrap_or_else(|| page.root_element());

    doc.title = page_title(&page, &meta, &json_ld);
    doc.date = page_date(&page, &meta, &json_ld, first_root, &mut doc.warnings);
    doc.author = page_author(&page, &meta, &json_ld);
    doc.url = page_url(&page, &meta, &json_ld);
    doc.text = article_text(&content, &sizes, doc.title.as_deref());
    if doc.text.is_empty() {
        doc.warnings.push("no article text found".into());
    }
    doc.lang = match lang::detect_document(&doc) {
        "und" => declared_lang(&page, &meta).unwrap_or_else(|| "und".into()),
        detected => detected.to_string(),
    };
    Ok(doc)
}

/// Turns an HTML fragment (an email's HTML body, an HTML attachment) into clean text: block
/// elements become line breaks and paragraphs, scripts and styles are dropped, entities
/// decoded, whitespace collapsed. Nothing is judged boilerplate here: all visible text stays.
pub fn html_to_text(html: &str) -> String {
    let (source, _) = limit_nesting(html, MAX_NESTING);
    let page = Html::parse_document(&source);
    render(page.root_element(), &|_| false)
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// The XML declaration of XHTML pages: `<?xml version="1.0" encoding="ISO-8859-1"?>`.
static XML_ENCODING: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.\-]+)"#)
        .expect("valid XML encoding pattern")
});
static META_CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .expect("valid meta charset pattern")
});

/// Decodes a page: BOM, then `<meta charset>` / `http-equiv` / XML declaration, then UTF-8, then
/// windows-1252 with a warning.
fn decode_html(raw: &[u8]) -> (String, Option<String>) {
    let head = &raw[..raw.len().min(CHARSET_SCAN_BYTES)];
    let label = META_CHARSET
        .captures(head)
        .or_else(|| XML_ENCODING.captures(head))
        .and_then(|c| c.get(1))
        .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned());
    let declared = label
        .as_deref()
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    // A page that says UTF-16 in ASCII bytes is not UTF-16 (HTML standard): read it as UTF-8.
    let declared = declared.map(|e| {
        if e == UTF_16LE || e == UTF_16BE {
            UTF_8
        } else {
            e
        }
    });
    let (decoded, warning) = text::decode_labelled(raw, declared);
    let warning = match (&label, declared) {
        (Some(l), None) => Some(match warning {
            Some(w) => format!("unknown charset {l:?}; {w}"),
            None => format!("unknown charset {l:?}; read as UTF-8"),
        }),
        _ => warning,
    };
    (decoded, warning)
}

// ---------------------------------------------------------------------------------------------
// Nesting limit

/// Elements without an end tag, or whose end tag is optional and implied by the next one
/// (html5ever closes them itself), so they never deepen the stack of open elements.
#[rustfmt::skip]
const UNCOUNTED_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "html", "head", "body",
];
/// Formatting elements other than `<a>`: html5ever reopens every unclosed one in each new
/// block ("reconstruct the active formatting elements"), so a few thousand unclosed `<b>`s
/// multiply the tree a thousandfold. They change no text, so their tags are removed.
#[rustfmt::skip]
const FORMATTING_TAGS: &[&str] = &[
    "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// Elements whose content is raw text: tags inside them are not tags. (Only those that are
/// raw text whatever the parser's options; others are scanned, which can only over-count.)
#[rustfmt::skip]
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp"];
/// End tags that close everything above their element unless a scope boundary intervenes.
#[rustfmt::skip]
const BLOCK_END_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing", "main",
    "menu", "nav", "ol", "pre", "section", "summary", "ul", "form", "h1", "h2", "h3", "h4", "h5",
    "h6",
];
/// Elements a block end tag does not close across.
#[rustfmt::skip]
const SCOPE_BOUNDARIES: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];
/// html5ever's "special" elements (the counted ones): another end tag does not close across.
#[rustfmt::skip]
const SPECIAL_TAGS: &[&str] = &[
    "address", "applet", "article", "aside", "blockquote", "button", "caption", "center",
    "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form",
    "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "iframe", "listing",
    "main", "marquee", "menu", "nav", "noembed", "noframes", "noscript", "object", "ol",
    "plaintext", "pre", "section", "select", "summary", "table", "template", "ul",
];

/// Rewrites hostile markup before parsing, keeping all text: removes formatting tags (see
/// [`FORMATTING_TAGS`]) and the start and end tags that would nest elements deeper than
/// `max_depth`. Returns the markup and whether nesting had to be flattened.
///
/// A cheap byte scan that follows html5ever's rules closely enough to never under-estimate
/// its stack of open elements (whose depth makes its tree building quadratic): an end tag
/// closes elements only where html5ever's would.
fn limit_nesting(html: &str, max_depth: usize) -> (Cow<'_, str>, bool) {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut flattened = false;
    let mut out: Option<String> = None;
    let mut copied_to = 0;
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + found;
        if bytes[start..].starts_with(b"<!--") {
            i = comment_end(bytes, start + 4);
            continue;
        }
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let Some(tag_end) = find_tag_end(bytes, name_start + name_len) else {
            break;
        };
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        i = tag_end + 1;
        let name = name.as_str();
        if !closing && RAW_TEXT_TAGS.contains(&name) {
            i = find_end_tag(bytes, i, name).unwrap_or(bytes.len());
            continue;
        }
        let self_closing = bytes[..tag_end].ends_with(b"/");
        let drop = if FORMATTING_TAGS.contains(&name) {
            true
        } else if UNCOUNTED_TAGS.contains(&name) || (self_closing && !closing) {
            false
        } else if closing {
            close_element(&mut open, name);
            false
        } else {
            if name == "a" {
                // A new link closes an open one (the adoption agency does the same).
                close_element(&mut open, "a");
            }
            if open.len() >= max_depth {
                flattened = true;
                true
            } else {
                open.push(name.to_string());
                false
            }
        };
        if drop {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied_to..start]);
            copied_to = tag_end + 1;
        }
    }
    let source = match out {
        None => Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(&html[copied_to..]);
            Cow::Owned(buf)
        }
    };
    (source, flattened)
}

/// Pops the innermost open `name` and what is above it, when html5ever's end tag would: a
/// block end tag unless a scope boundary is in between, any other unless a special element
/// is. An end tag with nothing to close (or dropped as too deep) changes nothing.
fn close_element(open: &mut Vec<String>, name: &str) {
    let Some(at) = open.iter().rposition(|n| n == name) else {
        return;
    };
    let barriers = if BLOCK_END_TAGS.contains(&name) {
        SCOPE_BOUNDARIES
    } else {
        SPECIAL_TAGS
    };
    if open[at + 1..]
        .iter()
        .any(|n| barriers.contains(&n.as_str()))
    {
        return;
    }
    open.truncate(at);
}

/// Where a comment opened just before `from` ends: after `-->` or `--!>`, or right away for
/// the abrupt `<!-->` and `<!--->` (as html5ever reads them).
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&rest[at..], b"--") {
        let dashes = at + found;
        let after = &rest[dashes + 2..];
        if after.starts_with(b">") {
            return from + dashes + 3;
        }
        if after.starts_with(b"!>") {
            return from + dashes + 4;
        }
        at = dashes + 1;
    }
    bytes.len()
}

/// The index of the `>` closing a tag, skipping quoted attribute values. As in the HTML
/// tokenizer, a quote opens a value only right after `=` (and spaces); elsewhere it is an
/// ordinary character.
fn find_tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i),
            b'=' => {
                i += 1;
                while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
                    let close = memchr::memchr(q, bytes.get(i + 1..)?)?;
                    i += close + 2;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The index of `</name` (ASCII case-insensitive) at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    while let Some(found) = memchr::memmem::find(bytes.get(i..)?, b"</") {
        let at = i + found;
        let candidate = bytes.get(at + 2..at + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Metadata

/// `<meta>` tags by lowercase `property`, `name` or `itemprop`; the first of each wins.
struct MetaTags(HashMap<String, String>);

impl MetaTags {
    fn collect(page: &Html) -> Self {
        let mut map = HashMap::new();
        for el in page.select(&META) {
            let Some(content) = el
                .attr("content")
                .map(clean_inline)
                .filter(|c| !c.is_empty())
            else {
                continue;
            };
            for key_attr in ["property", "name", "itemprop"] {
                if let Some(key) = el.attr(key_attr) {
                    map.entry(key.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
        MetaTags(map)
    }

    fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.0.get(*k).map(String::as_str))
    }
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json" i]"#));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel~="canonical" i]"#));
static REL_AUTHOR: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"a[rel~="author" i], link[rel~="author" i]"#));
static ITEMPROP_AUTHOR: LazyLock<Selector> = LazyLock::new(|| selector(r#"[itemprop~="author"]"#));
static ITEMPROP_NAME: LazyLock<Selector> = LazyLock::new(|| selector(r#"[itemprop~="name"]"#));
static BYLINE: LazyLock<Selector> = LazyLock::new(|| {
    selector(".byline, .author, .author-name, .article-author, .signature, [class*=byline]")
});
static TIME_PUBLISHED: LazyLock<Selector> = LazyLock::new(|| {
    selector(r#"time[pubdate], time[itemprop~="datePublished"], [itemprop~="datePublished"]"#)
});
static TIME_ANY: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static HTML_ROOT: LazyLock<Selector> = LazyLock::new(|| selector("html[lang]"));
static ARTICLE_BODY: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"[itemprop~="articleBody"]"#));
static ARTICLE: LazyLock<Selector> = LazyLock::new(|| selector("article"));
static MAIN: LazyLock<Selector> = LazyLock::new(|| selector(r#"main, [role="main"]"#));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));

/// Compiles a selector written in this file; a typo is a bug caught by the first test.
fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("invalid built-in selector {css:?}: {e:?}"))
}

/// The article object of a page's JSON-LD (`NewsArticle`, `Article`, `BlogPosting`…, also
/// inside `@graph`), or failing that the first object with a `datePublished`.
#[derive(Default)]
struct JsonLd {
    article: Option<Value>,
}

impl JsonLd {
    /// The article object, and how many blocks were not valid JSON.
    fn collect(page: &Html) -> (Self, usize) {
        let mut errors = 0;
        let mut dated: Option<Value> = None;
        for script in page.select(&JSON_LD) {
            let raw: String = script.text().collect();
            let raw = raw
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->");
            let value = match serde_json::from_str::<Value>(raw) {
                Ok(v) => v,
                Err(_) => {
                    errors += 1;
                    continue;
                }
            };
            let mut stack = vec![&value];
            let mut visited = 0;
            while let Some(v) = stack.pop() {
                visited += 1;
                if visited > MAX_JSON_LD_OBJECTS {
                    break;
                }
                match v {
                    Value::Array(items) => stack.extend(items.iter().rev()),
                    Value::Object(map) => {
                        if is_article_type(map.get("@type")) {
                            return (
                                JsonLd {
                                    article: Some(v.clone()),
                                },
                                errors,
                            );
                        }
                        if dated.is_none() && map.contains_key("datePublished") {
                            dated = Some(v.clone());
                        }
                        if let Some(graph) = map.get("@graph") {
                            stack.push(graph);
                        }
                    }
                    _ => {}
                }
            }
        }
        (JsonLd { article: dated }, errors)
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.article.as_ref()?.get(key)
    }

    fn string(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(clean_inline(s)).filter(|s| !s.is_empty()),
            Value::Object(m) => m.get("@id").and_then(Value::as_str).map(str::to_string),
            _ => None,
        }
    }
}

/// Schema.org types that are articles.
fn is_article_type(ty: Option<&Value>) -> bool {
    let is_article =
        |s: &str| s.ends_with("Article") || s.ends_with("Posting") || s == "Report" || s == "Blog";
    match ty {
        Some(Value::String(s)) => is_article(s),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

/// Separators between a headline and a site name in `<title>` and `og:title`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / "];

/// og:title, then `<title>`, then JSON-LD `headline`, then `<h1>`; a site-name suffix (or
/// prefix) is removed when another source confirms the headline without it.
fn page_title(page: &Html, meta: &MetaTags, ld: &JsonLd) -> Option<String> {
    let h1 = page
        .select(&H1)
        .map(|e| inline_text(e))
        .find(|t| !t.is_empty());
    let og = meta
        .first(&["og:title", "twitter:title"])
        .map(str::to_string);
    let tag = page
        .select(&TITLE)
        .map(|e| inline_text(e))
        .find(|t| !t.is_empty());
    let headline = ld.string("headline");
    let confirmers: Vec<&str> = [&h1, &og, &headline]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    [og.as_ref(), tag.as_ref(), headline.as_ref(), h1.as_ref()]
        .into_iter()
        .flatten()
        .next()
        .map(|t| strip_site_name(t, &confirmers))
}

/// "Headline | Site" → "Headline" when a confirmer says the headline is "Headline".
fn strip_site_name(title: &str, confirmers: &[&str]) -> String {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let confirmed: Vec<String> = confirmers
        .iter()
        .map(|c| norm(c))
        .filter(|c| *c != norm(title))
        .collect();
    for sep in TITLE_SEPARATORS {
        for (at, _) in title.match_indices(sep) {
            let (left, right) = (&title[..at], &title[at + sep.len()..]);
            for part in [left, right] {
                if confirmed.iter().any(|c| *c == norm(part)) {
                    return part.trim().to_string();
                }
            }
        }
    }
    title.to_string()
}

/// The publication date, from the most explicit declaration to the least; a bare `<time>`
/// only counts inside the article.
fn page_date(
    page: &Html,
    meta: &MetaTags,
    ld: &JsonLd,
    content: ElementRef<'_>,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let mut unparsed = Vec::new();
    let mut try_date = |raw: Option<String>| -> Option<String> {
        let raw = raw?;
        let date = text::normalize_date(&raw);
        if date.is_none() {
            unparsed.push(raw);
        }
        date
    };
    let time_value = |el: ElementRef<'_>| {
        el.attr("datetime")
            .or_else(|| el.attr("content"))
            .map(str::to_string)
            .or_else(|| Some(inline_text(el)))
    };
    let explicit_time = || page.select(&TIME_PUBLISHED).next().and_then(time_value);
    let any_time = || content.select(&TIME_ANY).next().and_then(time_value);
    let date = try_date(
        meta.first(&["article:published_time", "og:published_time"])
            .map(str::to_string),
    )
    .or_else(|| try_date(explicit_time()))
    .or_else(|| try_date(ld.string("datePublished")))
    .or_else(|| try_date(any_time()))
    .or_else(|| {
        try_date(
            meta.first(&[
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "dcterms.date",
                "dcterms.issued",
                "parsely-pub-date",
                "sailthru.date",
            ])
            .map(str::to_string),
        )
    });
    if date.is_none() && !unparsed.is_empty() {
        warnings.push(format!("unrecognised date(s): {unparsed:?}"));
    }
    date
}

/// meta author, JSON-LD author, `article:author`, rel=author, itemprop=author, then a byline.
fn page_author(page: &Html, meta: &MetaTags, ld: &JsonLd) -> Option<String> {
    let not_url = |s: &&str| !s.starts_with("http://") && !s.starts_with("https://");
    meta.first(&["author", "dc.creator", "sailthru.author", "parsely-author"])
        .filter(not_url)
        .map(str::to_string)
        .or_else(|| ld.get("author").and_then(json_ld_author))
        .or_else(|| {
            meta.first(&["article:author"])
                .filter(not_url)
                .map(str::to_string)
        })
        .or_else(|| {
            page.select(&REL_AUTHOR)
                .map(inline_text)
                .find(|t| !t.is_empty())
        })
        .or_else(|| {
            page.select(&ITEMPROP_AUTHOR).find_map(|el| {
                el.attr("content")
                    .map(clean_inline)
                    .or_else(|| el.select(&ITEMPROP_NAME).next().map(inline_text))
                    .or_else(|| Some(inline_text(el)))
                    .filter(|t| !t.is_empty())
            })
        })
        .or_else(|| {
            page.select(&BYLINE)
                .map(inline_text)
                .find_map(|t| clean_byline(&t))
        })
        .map(|a| text::truncate_chars(&a, MAX_AUTHOR_CHARS))
}

fn json_ld_author(v: &Value) -> Option<String> {
    let name = match v {
        Value::String(s) => clean_inline(s),
        Value::Object(m) => clean_inline(m.get("name").and_then(Value::as_str)?),
        Value::Array(items) => items
            .iter()
            .filter(|i| !i.is_array())
            .filter_map(json_ld_author)
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    (!name.is_empty()).then_some(name)
}

/// Words that introduce a byline and separators after which it turns into a date or a role.
const BYLINE_PREFIXES: &[&str] = &["by ", "par ", "de ", "from "];
const BYLINE_ENDS: &[&str] = &[
    " | ",
    " – ",
    " — ",
    ", publié",
    " publié",
    ", updated",
    " updated",
    ", mis à jour",
    ", published",
    " le ",
    " on ",
];

/// "Par Jeanne Martin, publié le 4 juin" → "Jeanne Martin".
fn clean_byline(byline: &str) -> Option<String> {
    let mut s = byline.trim();
    for prefix in BYLINE_PREFIXES {
        if s.len() >= prefix.len()
            && s.is_char_boundary(prefix.len())
            && s[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            s = &s[prefix.len()..];
            break;
        }
    }
    let lower = s.to_lowercase();
    let cut = BYLINE_ENDS
        .iter()
        .filter_map(|e| lower.find(e))
        .min()
        .filter(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len());
    let name = s[..cut].trim().trim_end_matches(',').trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// link rel=canonical, og:url, JSON-LD url.
fn page_url(page: &Html, meta: &MetaTags, ld: &JsonLd) -> Option<String> {
    page.select(&CANONICAL)
        .filter_map(|e| e.attr("href"))
        .map(str::trim)
        .find(|h| !h.is_empty())
        .map(str::to_string)
        .or_else(|| meta.first(&["og:url", "twitter:url"]).map(str::to_string))
        .or_else(|| ld.string("url"))
        .or_else(|| ld.string("mainEntityOfPage"))
}

/// `<html lang>` or og:locale, used only when the text itself cannot tell.
fn declared_lang(page: &Html, meta: &MetaTags) -> Option<String> {
    page.select(&HTML_ROOT)
        .next()
        .and_then(|e| e.attr("lang"))
        .or_else(|| meta.first(&["og:locale", "content-language", "language"]))
        .and_then(lang::normalize_declared)
}

/// Text of an element on one line, whitespace collapsed.
fn inline_text(el: ElementRef<'_>) -> String {
    clean_inline(&el.text().collect::<String>())
}

fn clean_inline(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// Main content

/// Visible text and link text sizes (in non-whitespace characters) of every element,
/// measured once for the whole page.
struct TextSizes(HashMap<NodeId, (usize, usize)>);

impl TextSizes {
    fn measure(root: ElementRef<'_>) -> Self {
        let mut sizes = HashMap::new();
        // (element, text, link text) of the open elements, innermost last.
        let mut open: Vec<(NodeId, usize, usize)> = Vec::new();
        let mut skipping: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(el) if is_invisible(el) => skipping = Some(node.id()),
                        Node::Element(_) => open.push((node.id(), 0, 0)),
                        Node::Text(t) => {
                            if let Some(top) = open.last_mut() {
                                top.1 += t.chars().filter(|c| !c.is_whitespace()).count();
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skipping == Some(node.id()) {
                        skipping = None;
                        continue;
                    }
                    if skipping.is_some() || !matches!(node.value(), Node::Element(_)) {
                        continue;
                    }
                    let Some((id, text, mut links)) = open.pop() else {
                        continue;
                    };
                    if matches!(node.value(), Node::Element(el) if el.name() == "a") {
                        links = text;
                    }
                    sizes.insert(id, (text, links));
                    if let Some(parent) = open.last_mut() {
                        parent.1 += text;
                        parent.2 += links;
                    }
                }
            }
        }
        TextSizes(sizes)
    }

    fn text(&self, id: NodeId) -> usize {
        self.0.get(&id).map_or(0, |s| s.0)
    }

    fn link_density(&self, id: NodeId) -> f64 {
        match self.0.get(&id) {
            Some(&(text, links)) if text > 0 => links as f64 / text as f64,
            _ => 0.0,
        }
    }
}

/// The elements holding the article: a declared container, or the best-scored container
/// with the sibling paragraphs that belong with it.
fn main_content<'a>(page: &'a Html, sizes: &TextSizes) -> Vec<ElementRef<'a>> {
    let big_enough = |e: &ElementRef<'_>| sizes.text(e.id()) >= MIN_ARTICLE_CHARS;
    let largest = |sel: &Selector| {
        page.select(sel)
            .filter(big_enough)
            .filter(|e| !in_boilerplate(*e))
            .max_by_key(|e| sizes.text(e.id()))
    };
    if let Some(declared) = largest(&ARTICLE_BODY) {
        return vec![declared];
    }
    let scored = best_scored(page, sizes);
    if let Some(declared) = largest(&ARTICLE) {
        // Sites also wrap teaser cards in <article>: the declared one is the story only if
        // the paragraphs agree (the scored winner is inside it) or it holds more text.
        let agrees = scored.as_ref().is_none_or(|roots| {
            let scored_text: usize = roots.iter().map(|r| sizes.text(r.id())).sum();
            roots
                .iter()
                .any(|r| r.ancestors().any(|a| a.id() == declared.id()))
                || roots.iter().any(|r| r.id() == declared.id())
                || sizes.text(declared.id()) >= scored_text
        });
        if agrees {
            return vec![declared];
        }
    }
    if let Some(scored) = scored {
        return scored;
    }
    let fallback = largest(&MAIN)
        .or_else(|| page.select(&BODY).next())
        .unwrap_or_else(|| page.root_element());
    vec![fallback]
}

/// Readability-style: each paragraph votes for its parent (and half for its grandparent)
/// with a weight from its length and commas; votes are discounted by link density. The
/// winner's siblings join it when they scored well too, or are paragraphs of prose.
fn best_scored<'a>(page: &'a Html, sizes: &TextSizes) -> Option<Vec<ElementRef<'a>>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for p in page.select(&PARAGRAPH_LIKE) {
        let len = sizes.text(p.id());
        if len < MIN_SCORED_PARAGRAPH_CHARS || in_boilerplate(p) {
            continue;
        }
        let commas = p
            .text()
            .map(|t| t.matches([',', '，']).count())
            .sum::<usize>();
        let weight = 1.0 + commas as f64 + (len as f64 / 100.0).min(3.0);
        let mut ancestors = p.ancestors().filter(|a| a.value().is_element());
        if let Some(parent) = ancestors.next() {
            *scores.entry(parent.id()).or_default() += weight;
        }
        if let Some(grandparent) = ancestors.next() {
            *scores.entry(grandparent.id()).or_default() += weight / 2.0;
        }
    }
    let adjusted = |id: NodeId, score: f64| score * (1.0 - sizes.link_density(id));
    let (top_id, top_score) = scores
        .iter()
        .map(|(&id, &score)| (id, adjusted(id, score)))
        .filter(|(_, score)| *score > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    let top = ElementRef::wrap(page.tree.get(top_id)?)?;
    let Some(parent) = top.parent() else {
        return Some(vec![top]);
    };
    let threshold = (top_score * SIBLING_SCORE_SHARE).max(MIN_SIBLING_SCORE);
    let belongs = |el: &ElementRef<'_>| {
        if el.id() == top_id {
            return true;
        }
        if is_boilerplate(el.value()) || is_invisible(el.value()) {
            return false;
        }
        let score = scores.get(&el.id()).map_or(0.0, |&s| adjusted(el.id(), s));
        score >= threshold || (el.value().name() == "p" && is_prose_paragraph(*el, sizes))
    };
    Some(
        parent
            .children()
            .filter_map(ElementRef::wrap)
            .filter(belongs)
            .collect(),
    )
}

/// A sibling winner's score must reach this share of the winner's (and at least the floor).
const SIBLING_SCORE_SHARE: f64 = 0.2;
const MIN_SIBLING_SCORE: f64 = 10.0;
/// A paragraph at least this long with few links is prose wherever it sits.
const PROSE_PARAGRAPH_CHARS: usize = 80;

/// Long paragraphs with few links, or short ones without links that read like sentences.
fn is_prose_paragraph(p: ElementRef<'_>, sizes: &TextSizes) -> bool {
    let len = sizes.text(p.id());
    let density = sizes.link_density(p.id());
    if len >= PROSE_PARAGRAPH_CHARS {
        return density < 0.25;
    }
    let text = inline_text(p);
    len > 0 && density == 0.0 && (text.contains(". ") || text.ends_with('.'))
}

static PARAGRAPH_LIKE: LazyLock<Selector> = LazyLock::new(|| selector("p, pre, blockquote, td"));

/// True when the element or one of its ancestors is boilerplate.
fn in_boilerplate(el: ElementRef<'_>) -> bool {
    // The page-wide wrappers carry theme classes ("has-sidebar"…) that say nothing.
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .filter(|e| !matches!(e.value().name(), "html" | "body"))
        .any(|e| is_boilerplate(e.value()))
}

/// Tags that are never the story.
#[rustfmt::skip]
const BOILERPLATE_TAGS: &[&str] = &["nav", "header", "footer", "aside", "form", "menu", "dialog"];
/// ARIA roles that are never the story.
#[rustfmt::skip]
const BOILERPLATE_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
    "menu", "menubar", "toolbar",
];
/// Words of `class`/`id` values (split on `-`, `_`, spaces) naming boilerplate, English and
/// French.
#[rustfmt::skip]
const BOILERPLATE_WORDS: &[&str] = &[
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "footer", "header",
    "masthead", "sidebar", "aside", "cookie", "cookies", "consent", "gdpr", "rgpd", "banner",
    "share", "sharing", "social", "related", "recommended", "recommendations", "comments",
    "comment", "commentaires", "disqus", "newsletter", "subscribe", "subscription", "signup",
    "paywall", "ad", "ads", "advert", "advertisement", "adslot", "sponsored", "sponsor", "promo",
    "outbrain", "taboola", "popup", "modal", "overlay", "toolbar", "tags", "pagination", "pager",
    "popular", "trending", "partage", "pub", "publicite", "lire", "aussi", "also", "byline", "bio",
    "meta", "skip", "print", "widget", "login", "signin", "signature", "author", "dateline",
    "credits",
];
/// Prefixes of such words written as one ("sharebar", "cookiebanner", "relatedposts").
#[rustfmt::skip]
const BOILERPLATE_PREFIXES: &[&str] = &[
    "share", "social", "cookie", "related", "newsletter", "advert", "sponsor", "comment",
    "breadcrumb", "outbrain", "taboola", "paywall", "consent", "partage", "publicit",
];

/// Judged on the element alone: tag, role, `class`/`id` words.
fn is_boilerplate(el: &scraper::node::Element) -> bool {
    if BOILERPLATE_TAGS.contains(&el.name()) {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| BOILERPLATE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let names = el.attr("class").into_iter().chain(el.attr("id"));
    names
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
        .any(|word| {
            let word = word.to_ascii_lowercase();
            BOILERPLATE_WORDS.contains(&word.as_str())
                || BOILERPLATE_PREFIXES.iter().any(|p| word.starts_with(p))
        })
}

/// Never rendered: scripts, styles, embedded objects, form controls, hidden elements.
fn is_invisible(el: &scraper::node::Element) -> bool {
    #[rustfmt::skip]
    const INVISIBLE_TAGS: &[&str] = &[
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe",
        "object", "embed", "svg", "canvas", "select", "button", "input", "textarea", "audio",
        "video", "map",
    ];
    INVISIBLE_TAGS.contains(&el.name())
        || el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
        || el.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// The article text of the content roots, paragraphs separated by blank lines.
fn article_text(roots: &[ElementRef<'_>], sizes: &TextSizes, title: Option<&str>) -> String {
    let parts: Vec<String> = roots
        .iter()
        .map(|root| root_text(*root, sizes, title))
        .filter(|t| !t.is_empty())
        .collect();
    parts.join("\n\n")
}

/// One root's text: boilerplate, link lists, datelines and the headline (it is the title)
/// dropped; if the class-name judgement threw away nearly everything, only structural
/// boilerplate (tags) is dropped.
fn root_text(content: ElementRef<'_>, sizes: &TextSizes, title: Option<&str>) -> String {
    let root_id = content.id();
    let is_link_list = |el: ElementRef<'_>| {
        matches!(
            el.value().name(),
            "ul" | "ol" | "div" | "section" | "table" | "dl"
        ) && sizes.text(el.id()) > 0
            && sizes.link_density(el.id()) > MAX_LINK_DENSITY
    };
    let never_story =
        |el: ElementRef<'_>| is_headline(el, title) || is_link_list(el) || is_dateline(el);
    let full = render(content, &|el| {
        el.id() != root_id && (is_boilerplate(el.value()) || never_story(el))
    });
    let total = sizes.text(root_id);
    let kept = full.chars().filter(|c| !c.is_whitespace()).count();
    if total == 0 || kept as f64 >= MIN_KEPT_SHARE * total as f64 {
        return full;
    }
    render(content, &|el| {
        el.id() != root_id && (BOILERPLATE_TAGS.contains(&el.value().name()) || never_story(el))
    })
}

/// The `<h1>` that repeats the title (already in its own field).
fn is_headline(el: ElementRef<'_>, title: Option<&str>) -> bool {
    el.value().name() == "h1"
        && title.is_some_and(|t| {
            let h1 = inline_text(el).to_lowercase();
            !h1.is_empty() && t.to_lowercase().contains(&h1)
        })
}

/// A `<time>` standing on its own (not inside a sentence) is the page's dateline, metadata
/// rather than story.
fn is_dateline(el: ElementRef<'_>) -> bool {
    el.value().name() == "time"
        && !el.ancestors().filter_map(ElementRef::wrap).any(|a| {
            matches!(
                a.value().name(),
                "p" | "li" | "td" | "blockquote" | "dd" | "figcaption"
            )
        })
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// How many line breaks an element puts around itself.
fn block_breaks(tag: &str) -> usize {
    match tag {
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "ul" | "ol"
        | "dl" | "table" | "figure" | "section" | "article" | "header" | "footer" | "main"
        | "aside" | "nav" | "form" | "fieldset" | "details" | "address" | "hr" => 2,
        "div" | "li" | "tr" | "dt" | "dd" | "figcaption" | "caption" | "summary" | "legend"
        | "body" | "html" | "center" => 1,
        _ => 0,
    }
}

/// Renders the visible text under `root`, skipping invisible elements and those `skip`
/// rejects. Iterative: depth of the tree costs no stack.
fn render(root: ElementRef<'_>, skip: &dyn Fn(ElementRef<'_>) -> bool) -> String {
    let mut sink = TextSink::default();
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => sink.push_text(t),
                    Node::Element(el) => {
                        let skipped = is_invisible(el) || ElementRef::wrap(node).is_some_and(skip);
                        if skipped {
                            skipping = Some(node.id());
                            continue;
                        }
                        sink.open(el.name());
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && let Node::Element(el) = node.value()
                {
                    sink.close(el.name());
                }
            }
        }
    }
    sink.finish()
}

/// Accumulates text with pending separators, so that breaks and spaces are only written
/// between pieces of text, never doubled, never at the start or end.
#[derive(Default)]
struct TextSink {
    out: String,
    /// Line breaks owed before the next text (at most 2: a paragraph break).
    newlines: usize,
    space: bool,
    /// A table cell separator owed before the next text on the same row.
    cell: bool,
    cells_in_row: usize,
    pre_depth: usize,
}

impl TextSink {
    fn open(&mut self, tag: &str) {
        match tag {
            "br" => self.newlines = (self.newlines + 1).min(2),
            "pre" => self.pre_depth += 1,
            "tr" => self.cells_in_row = 0,
            "td" | "th" => {
                if self.cells_in_row > 0 {
                    self.cell = true;
                }
                self.cells_in_row += 1;
            }
            _ => {}
        }
        self.newlines = self.newlines.max(block_breaks(tag));
    }

    fn close(&mut self, tag: &str) {
        if tag == "pre" {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
        self.newlines = self.newlines.max(block_breaks(tag));
    }

    fn push_text(&mut self, s: &str) {
        if self.pre_depth > 0 {
            let s = s.replace("\r\n", "\n");
            if !s.trim().is_empty() {
                self.flush_separators();
                self.out.push_str(s.trim_end_matches('\n'));
            }
            return;
        }
        // A node of only (non-breaking) spaces, like Outlook's `<p>&nbsp;</p>`, is spacing.
        if s.trim().is_empty() {
            self.space |= !s.is_empty();
            return;
        }
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.space = true;
            } else {
                self.flush_separators();
                self.out.push(c);
            }
        }
    }

    fn flush_separators(&mut self) {
        if self.out.is_empty() {
            self.newlines = 0;
        } else if self.newlines > 0 {
            let trimmed = self.out.trim_end_matches([' ', '\t']).len();
            self.out.truncate(trimmed);
            self.out.push_str(&"\n".repeat(self.newlines));
        } else if self.cell {
            self.out.push_str(" | ");
        } else if self.space {
            self.out.push(' ');
        }
        self.newlines = 0;
        self.space = false;
        self.cell = false;
    }

    fn finish(self) -> String {
        self.out.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_keep_paragraphs_and_drop_scripts() {
        let html = "<div>Bonjour&nbsp;Claire,</div><div><br></div><div>Les <b>12&#160;000</b> puces\n   sont parties.</div><script>var x=1</script><p>Cordialement</p>";
        assert_eq!(
            html_to_text(html),
            "Bonjour\u{a0}Claire,\n\nLes 12\u{a0}000 puces sont parties.\n\nCordialement"
        );
    }

    #[test]
    fn blank_outlook_paragraphs_add_no_lines() {
        let html = "<p class=MsoNormal>Bonjour,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Voici le chiffre.</p>";
        assert_eq!(html_to_text(html), "Bonjour,\n\nVoici le chiffre.");
    }

    #[test]
    fn table_cells_are_separated() {
        let html = "<table><tr><th>Date</th><th>Qty</th></tr><tr><td>2024</td><td>12 000</td></tr></table>";
        assert_eq!(html_to_text(html), "Date | Qty\n2024 | 12 000");
    }

    #[test]
    fn nesting_is_limited_without_losing_text() {
        let html = format!("{}deep text{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let (limited, flattened) = limit_nesting(&html, 10);
        assert!(flattened);
        assert_eq!(limited.matches("<div>").count(), 10);
        assert_eq!(html_to_text(&html), "deep text");
    }

    /// Markup that would fool a naive tag counter into letting html5ever nest deeply.
    #[test]
    fn nesting_tricks_are_still_limited() {
        let tricks = [
            // End tags html5ever ignores (a special element in between) must not count.
            format!("<span>{}", "<div><div></span>".repeat(50)),
            // An abrupt comment ends at once; the divs after it are markup.
            format!("<!-->{}", "<div>".repeat(50)),
            format!("<!--->{}-->", "<div>".repeat(50)),
            // A quote inside an unquoted attribute value opens nothing.
            format!("<div a=b\"c>{}\"", "<div>".repeat(50)),
            // Raw text that is not raw for every parser is scanned.
            format!("<noscript>{}</noscript>", "<div>".repeat(50)),
        ];
        for html in &tricks {
            let (limited, flattened) = limit_nesting(html, 10);
            assert!(flattened, "{html}");
            assert!(limited.matches("<div").count() <= 11, "{html} -> {limited}");
        }
    }

    #[test]
    fn formatting_tags_are_removed_and_text_kept() {
        let (limited, flattened) =
            limit_nesting("<p><b id=1>x</p><p><i>y</i> <strong>z</strong><br>", 10);
        assert_eq!(limited, "<p>x</p><p>y z<br>");
        assert!(!flattened);
    }

    #[test]
    fn site_name_is_stripped_only_when_confirmed() {
        assert_eq!(
            strip_site_name("Story told | Le Journal", &["Story told"]),
            "Story told"
        );
        assert_eq!(
            strip_site_name("Le Journal - Story told", &["story  told"]),
            "Story told"
        );
        assert_eq!(strip_site_name("A - B", &["C"]), "A - B");
    }

    #[test]
    fn bylines_lose_their_prefix_and_date() {
        assert_eq!(
            clean_byline("Par Jeanne Martin, publié le 4 juin").as_deref(),
            Some("Jeanne Martin")
        );
        assert_eq!(
            clean_byline("By Ann Lee | June 4").as_deref(),
            Some("Ann Lee")
        );
    }
}
