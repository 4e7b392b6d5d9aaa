//! Reading text eight bytes at a time: the scans that look for a few byte values (quote
//! marks, sentence ends, a word's first letter) pass over most of the text a word at once.

/// A one in every byte.
pub const ONES: u64 = u64::from_ne_bytes([1; 8]);

/// The eight bytes of `bytes` from `at` as one little-endian word, if there are eight.
#[inline]
pub fn load(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// True when one of the eight bytes of `word` is `byte` (the classic zero-byte test on
/// `word ^ byte…byte`, which is exact about whether any byte is zero).
#[inline]
pub fn has_byte(word: u64, byte: u8) -> bool {
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_byte_tells_exactly_whether_a_byte_is_there() {
        let texts: [&[u8]; 5] = [b"abcdefgh", b"\x00\x01\x80\xff\"'.?", "“quote”".as_bytes(), b"........", b"a b c d "];
        for text in texts {
            let Some(word) = load(text, 0) else { continue };
            for byte in 0..=u8::MAX {
                assert_eq!(has_byte(word, byte), text[..8].contains(&byte), "{byte:#x} in {text:?}");
            }
        }
        assert_eq!(load(b"short", 0), None);
        assert_eq!(load(b"abcdefgh", 1), None);
        assert_eq!(load(b"abcdefgh", usize::MAX), None);
    }
}
