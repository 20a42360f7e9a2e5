//! Any UTF-8 text in either language: extraction never panics and every offset is a char
//! boundary that gives back the mention's surface text.
#![no_main]
use dossier::extract::{extract_text, Anchor, ExtractOptions, Lang};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let anchor = Anchor::from_date_str("2024-06-04", "fuzz");
    for lang in [Lang::Fr, Lang::En] {
        for m in extract_text(text, "text", lang, anchor.as_ref(), &ExtractOptions::default()) {
            assert_eq!(&text[m.byte_start..m.byte_end], m.text);
            let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(chars, m.text);
        }
    }
});
