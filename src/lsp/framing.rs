//! The LSP base protocol's framing, read so that no input can end the session.
//!
//! tower-lsp-server stops reading after the first frame it cannot decode, so the client's
//! bytes pass through a `Framer` first. It hands on only bodies that are UTF-8 JSON-RPC
//! messages, checked with tower-lsp-server's own types so that its decoder can never fail on
//! them, and turns everything else into a `Fault` to answer with ParseError or
//! InvalidRequest. After a fault it drops bytes up to the next `Content-Length` header.
//! Memory stays bounded: a header block may take 8 KiB and a body 64 MiB.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// The largest body accepted; a larger one is answered with a ParseError and skipped.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// What the client's bytes amount to, one frame at a time.
#[derive(Debug)]
pub enum Event {
    /// The body of a well-formed JSON-RPC message.
    Message(String),
    /// Bytes that are no message, with the error response they deserve.
    Fault(Fault),
}

/// An error response to send for bytes that are no message.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// The id of the request the fault spoiled when it can be read, null otherwise.
    pub id: Id,
    pub error: Error,
}

/// Splits the client's byte stream into messages and faults.
#[derive(Default)]
pub struct Framer {
    buffer: Vec<u8>,
    state: State,
    /// How far into the region being searched (the body, or the bytes after a fault) no
    /// header can start, so that bytes arriving in many reads are scanned once.
    scanned: usize,
}

impl Framer {
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next event the bytes fed so far make, or `None` until more input arrives.
    pub fn next_event(&mut self) -> Option<Event> {
        loop {
            match self.state {
                State::Resync => match find_header(&self.buffer, self.scanned) {
                    Search::Found(at) => {
                        self.consume(at);
                        self.state = State::Headers;
                    }
                    Search::NotBefore(at) => {
                        self.consume(at);
                        return None;
                    }
                },
                State::Headers => match read_headers(&self.buffer) {
                    Headers::Incomplete => return None,
                    Headers::Blank(len) => self.consume(len),
                    Headers::Complete { len, content_length } => {
                        self.state = State::Body { header_len: len, length: content_length };
                        self.scanned = 0;
                    }
                    Headers::Fault { skip, message } => {
                        self.consume(skip);
                        self.state = State::Resync;
                        return Some(Event::Fault(parse_error(message)));
                    }
                },
                State::Body { header_len, length } => return self.read_body(header_len, length),
            }
        }
    }

    fn read_body(&mut self, header_len: usize, length: usize) -> Option<Event> {
        let arrived = &self.buffer[header_len..];
        let body = &arrived[..arrived.len().min(length)];
        // No valid JSON body holds a `Content-Length: <digits>` line (a string cannot hold a
        // raw line break), so one here is the next message: the length was too long. Seeing
        // it now answers the fault without waiting for bytes the client will never send.
        match find_header(body, self.scanned) {
            Search::Found(at) => {
                self.consume(header_len + at);
                self.state = State::Resync;
                let message = format!("a new message starts {at} bytes into a body of Content-Length {length}");
                return Some(Event::Fault(parse_error(message)));
            }
            Search::NotBefore(at) => self.scanned = at,
        }
        if body.len() < length {
            return None;
        }
        match check_body(body) {
            Ok(text) => {
                self.consume(header_len + length);
                self.state = State::Headers;
                Some(Event::Message(text))
            }
            Err(fault) => {
                // The body's last bytes may start the next header; the search goes on there.
                self.consume(header_len + self.scanned);
                self.state = State::Resync;
                Some(Event::Fault(fault))
            }
        }
    }

    fn consume(&mut self, len: usize) {
        self.buffer.drain(..len.min(self.buffer.len()));
        self.scanned = 0;
    }
}

/// The largest header block accepted.
const MAX_HEADER_BYTES: usize = 8 * 1024;
const CONTENT_LENGTH: &[u8] = b"content-length:";

#[derive(Default, Clone, Copy)]
enum State {
    #[default]
    Headers,
    Body {
        header_len: usize,
        length: usize,
    },
    /// After a fault: the bytes up to the next `Content-Length` header belong to it and are
    /// dropped without a second answer.
    Resync,
}

enum Headers {
    Incomplete,
    /// Line breaks or spaces between frames, dropped silently.
    Blank(usize),
    Complete {
        len: usize,
        content_length: usize,
    },
    /// A header block that is no header: skip this many bytes (at least one, and through the
    /// faulty line), then resynchronize.
    Fault {
        skip: usize,
        message: String,
    },
}

/// Reads the header block at the start of `bytes`. Every verdict depends on the bytes alone,
/// never on how many of them have arrived, so that a frame fed in pieces reads the same.
fn read_headers(bytes: &[u8]) -> Headers {
    let blank = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    if blank > 0 {
        return Headers::Blank(blank);
    }
    // Only the first bytes may hold the block, however many have arrived.
    let block = &bytes[..bytes.len().min(MAX_HEADER_BYTES)];
    let mut content_length = None;
    let mut start = 0;
    loop {
        let rest = &block[start..];
        let Some(newline) = rest.iter().position(|&b| b == b'\n') else {
            // A line that cannot become a header fails now: waiting for its end could wait
            // for ever.
            let partial = rest.strip_suffix(b"\r").unwrap_or(rest);
            if let Some(bad) = bad_name_byte(partial) {
                return Headers::Fault { skip: start + bad + 1, message: not_a_header(partial) };
            }
            if bytes.len() > MAX_HEADER_BYTES {
                let message = format!("a header block longer than {MAX_HEADER_BYTES} bytes");
                return Headers::Fault { skip: 1, message };
            }
            return Headers::Incomplete;
        };
        let line = &rest[..newline];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if let Some(bad) = bad_name_byte(line) {
            return Headers::Fault { skip: start + bad + 1, message: not_a_header(line) };
        }
        start += newline + 1;
        if line.is_empty() {
            break;
        }
        let fault = |message| Headers::Fault { skip: start, message };
        let Some(colon) = line.iter().position(|&b| b == b':').filter(|&colon| colon > 0) else {
            return fault(not_a_header(line));
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        if name.eq_ignore_ascii_case(b"content-length") {
            let length = match parse_length(value) {
                Ok(length) => length,
                Err(message) => return fault(message),
            };
            if content_length.is_some_and(|known| known != length) {
                return fault("two different Content-Length headers".to_owned());
            }
            content_length = Some(length);
        }
        // Content-Type and unknown headers are read past: every body must be UTF-8 anyway.
    }
    match content_length {
        Some(content_length) => Headers::Complete { len: start, content_length },
        None => Headers::Fault { skip: start, message: "a header block without Content-Length".to_owned() },
    }
}

/// The first byte of a header name, before any colon, that no header name may hold.
fn bad_name_byte(line: &[u8]) -> Option<usize> {
    line.iter().take_while(|&&b| b != b':').position(|&b| !is_token(b))
}

fn parse_length(value: &[u8]) -> Result<usize, String> {
    let digits = value.trim_ascii();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(format!("Content-Length is not a number: {:?}", excerpt(value)));
    }
    // Digits are ASCII, so the text is valid; a number too large for u64 is too large anyway.
    let length = std::str::from_utf8(digits).ok().and_then(|d| d.parse::<u64>().ok()).unwrap_or(u64::MAX);
    match usize::try_from(length) {
        Ok(length) if length <= MAX_BODY_BYTES => Ok(length),
        _ => Err(format!("Content-Length {} exceeds the limit of {MAX_BODY_BYTES} bytes", excerpt(digits))),
    }
}

enum Search {
    /// A `Content-Length: <digits>` line starts here.
    Found(usize),
    /// No header starts before this offset; one may start at or after it.
    NotBefore(usize),
}

/// Looks for a `Content-Length: <digits>` line (any case) starting at or after `from`.
fn find_header(bytes: &[u8], from: usize) -> Search {
    let mut at = from.min(bytes.len());
    while let Some(offset) =
        bytes[at..].windows(CONTENT_LENGTH.len()).position(|w| w.eq_ignore_ascii_case(CONTENT_LENGTH))
    {
        let candidate = at + offset;
        match length_line(&bytes[candidate + CONTENT_LENGTH.len()..]) {
            Line::Complete => return Search::Found(candidate),
            Line::Unfinished => return Search::NotBefore(candidate),
            Line::NotALength => at = candidate + 1,
        }
    }
    Search::NotBefore(at.max(bytes.len().saturating_sub(CONTENT_LENGTH.len() - 1)))
}

enum Line {
    Complete,
    Unfinished,
    NotALength,
}

/// Whether `rest`, after a `Content-Length:` name, is a number and a line break. A run of
/// spaces or digits longer than any real header is not one, so the look-ahead is bounded.
fn length_line(rest: &[u8]) -> Line {
    let spaces = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    let digits = rest[spaces..].iter().take_while(|b| b.is_ascii_digit()).count();
    let trailing = rest[spaces + digits..].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    if spaces > 16 || digits > 20 || trailing > 16 {
        return Line::NotALength;
    }
    match &rest[spaces + digits + trailing..] {
        [] | [b'\r'] => Line::Unfinished,
        _ if digits == 0 => Line::NotALength,
        [b'\n', ..] | [b'\r', b'\n', ..] => Line::Complete,
        _ => Line::NotALength,
    }
}

/// tower-lsp-server's message type, mirrored: what its decoder accepts we must hand on, and
/// nothing else.
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // Decoded only to check the body.
enum Message {
    Response(Response),
    Request(Request),
}

fn check_body(body: &[u8]) -> Result<String, Fault> {
    let text = std::str::from_utf8(body)
        .map_err(|e| parse_error(format!("the body is not UTF-8 (an invalid byte at offset {})", e.valid_up_to())))?;
    let text = replace_lone_surrogates(text);
    let text = text.as_ref();
    match serde_json::from_str::<Message>(text) {
        Ok(_) => Ok(text.to_owned()),
        Err(error) if error.is_data() => Err(Fault {
            id: request_id(text),
            error: jsonrpc_error(ErrorCode::InvalidRequest, format!("not a JSON-RPC message: {error}")),
        }),
        Err(error) => Err(parse_error(format!("invalid JSON: {error}"))),
    }
}

/// The body with every `\\u` escape of half a surrogate pair that has no other half made
/// `\\uFFFD`, the replacement character. JavaScript strings may hold lone surrogates and an
/// editor sends them as they are (a half-typed emoji, a paste); serde_json refuses them, which
/// dropped the whole message: a `didChange` lost leaves the server's text out of step with
/// the editor's for good. The editor shows U+FFFD for such a character too.
///
/// Escapes are read left to right, a `\\` before anything else skipping both characters, so
/// `\\\\ud800` (a backslash, then the letters `ud800`) is left alone. JSON allows a
/// backslash only inside strings, so nothing outside them is touched.
pub fn replace_lone_surrogates(text: &str) -> Cow<'_, str> {
    fn escape_at(bytes: &[u8], at: usize) -> Option<u16> {
        let hex = bytes.get(at..at + 6)?.strip_prefix(b"\\u")?;
        u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    }
    let bytes = text.as_bytes();
    let Some(first) = bytes.iter().position(|&b| b == b'\\') else { return Cow::Borrowed(text) };
    let mut replaced: Option<String> = None;
    let mut copied = 0;
    let mut at = first;
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        let lone = match escape_at(bytes, at) {
            Some(0xD800..=0xDBFF) if escape_at(bytes, at + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) => {
                at += 12;
                continue;
            }
            Some(0xD800..=0xDFFF) => true,
            Some(_) => false,
            None => {
                at += 2;
                continue;
            }
        };
        if lone {
            let out = replaced.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..at]);
            out.push_str("\\uFFFD");
            copied = at + 6;
        }
        at += 6;
    }
    match replaced {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

/// The id of a broken request, so the client can fail it instead of waiting. Only an object
/// with a `method` is a request: the id of a broken response names one of our requests.
fn request_id(text: &str) -> Id {
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(text) else {
        return Id::Null;
    };
    match (object.get("method"), object.get("id")) {
        (Some(_), Some(id)) => Id::deserialize(id).unwrap_or(Id::Null),
        _ => Id::Null,
    }
}

fn parse_error(message: String) -> Fault {
    Fault { id: Id::Null, error: jsonrpc_error(ErrorCode::ParseError, message) }
}

fn jsonrpc_error(code: ErrorCode, message: String) -> Error {
    Error { code, message: Cow::Owned(message), data: None }
}

/// Names the bytes up to the first that cannot be in a header name, so that the message is
/// the same however the bytes arrived.
fn not_a_header(line: &[u8]) -> String {
    let shown = bad_name_byte(line).map_or(line, |bad| &line[..=bad]);
    format!("bytes that are not an LSP header: {:?}", excerpt(shown))
}

/// The start of some client bytes, for an error message.
fn excerpt(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned()
}

/// A character allowed in a header name (an HTTP token).
fn is_token(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

#[cfg(test)]
mod tests;
