//! Any bytes given as an HTML article: never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = dossier::ingest::html::parse_html(data, "fuzz.html");
});
