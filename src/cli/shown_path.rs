//! A file name as output shows it. Linux allows any bytes in a name but `/` and NUL, so a
//! name may not be UTF-8: it is then shown with U+FFFD in place of each bad sequence, and
//! output says so. The human format adds a note giving the name's bytes escaped (`\xE9`);
//! the JSON format adds the bytes in base64 beside the shown text.

use std::fmt;
use std::ops::Deref;
use std::path::Path;

use super::human::escape_controls;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownPath {
    /// The name as text: exact when the name is UTF-8, lossy otherwise.
    text: String,
    /// The name's bytes, kept only when `text` lost some of them.
    raw: Option<Vec<u8>>,
}

impl ShownPath {
    pub fn new(path: &Path) -> ShownPath {
        match path.to_str() {
            Some(text) => ShownPath { text: text.to_string(), raw: None },
            None => {
                let bytes = path.as_os_str().as_encoded_bytes();
                ShownPath { text: String::from_utf8_lossy(bytes).into_owned(), raw: Some(bytes.to_vec()) }
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }

    /// The note a person reading the human output needs when the name was shown lossily:
    /// the name with its bytes that are not UTF-8 escaped, control characters too.
    pub fn lossy_note(&self) -> Option<String> {
        let raw = self.raw.as_deref()?;
        let mut escaped = String::new();
        for chunk in raw.utf8_chunks() {
            escaped.push_str(&escape_controls(chunk.valid()));
            for byte in chunk.invalid() {
                escaped.push_str(&format!("\\x{byte:02X}"));
            }
        }
        Some(format!("note: {escaped} is shown as {}: its name is not UTF-8", escape_controls(&self.text)))
    }

    /// The name's bytes in base64 (RFC 4648, padded) when the text lost some of them.
    pub fn base64(&self) -> Option<String> {
        self.raw.as_deref().map(base64)
    }
}

impl Deref for ShownPath {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ShownPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for ShownPath {
    fn from(text: &str) -> ShownPath {
        ShownPath { text: text.to_string(), raw: None }
    }
}

/// Standard base64 with padding: three bytes to four characters.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut encoded = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group.iter().enumerate().fold(0u32, |n, (i, &byte)| n | u32::from(byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= group.len() {
                encoded.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                encoded.push('=');
            }
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_follows_rfc_4648() {
        let cases =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")];
        for (text, expect) in cases {
            assert_eq!(base64(text.as_bytes()), expect);
        }
        assert_eq!(base64(b"caf\xe9\xff"), "Y2Fm6f8=");
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let shown = ShownPath::new(Path::new(std::ffi::OsStr::from_bytes(b"news/caf\xe9\x1b.md")));
        assert_eq!(shown.as_str(), "news/caf\u{fffd}\u{1b}.md");
        assert_eq!(shown.base64().as_deref(), Some("bmV3cy9jYWbpGy5tZA=="));
        assert_eq!(
            shown.lossy_note().as_deref(),
            Some("note: news/caf\\xE9\\u{1b}.md is shown as news/caf\u{fffd}\\u{1b}.md: its name is not UTF-8")
        );
        let plain = ShownPath::new(Path::new("news/café.md"));
        assert_eq!((plain.base64(), plain.lossy_note()), (None, None));
    }
}
