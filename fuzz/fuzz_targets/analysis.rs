//! Arbitrary bytes, made text the way an editor or `check` would meet them (invalid UTF-8
//! replaced), analysed as Markdown and as plain text.
#![no_main]

use std::sync::LazyLock;

use copydesk::analysis::GlossaryIndex;
use copydesk_fuzz::{GLOSSARY, check_article, glossary_index};
use libfuzzer_sys::fuzz_target;

static INDEX: LazyLock<GlossaryIndex> = LazyLock::new(|| glossary_index(GLOSSARY));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check_article(&text, &INDEX);
});
