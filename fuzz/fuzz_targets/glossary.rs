//! Arbitrary bytes as a glossary file: parsed, merged into an index, and used on an article.
#![no_main]

use copydesk_fuzz::check_glossary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check_glossary(&String::from_utf8_lossy(data));
});
