//! Any bytes given as a mailbox: the reader splits without panicking and loses no byte count
//! beyond separators.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for msg in dossier::ingest::mbox::MboxReader::new(data) {
        let _ = msg.map(|m| dossier::ingest::email::parse_email(&m, "fuzz.mbox"));
    }
});
