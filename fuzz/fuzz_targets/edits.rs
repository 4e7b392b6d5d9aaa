//! Sequences of incremental edits, at any line and column (astral characters, CRLF, line
//! and document ends, past them, inverted ranges), on the server's document store.
#![no_main]

use copydesk_fuzz::edits::check_edits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check_edits(data);
});
