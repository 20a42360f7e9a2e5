//! Any bytes given as an email: never a panic, never a hang.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = dossier::ingest::email::parse_email(data, "fuzz.eml");
});
