use proptest::prelude::*;

use super::*;

/// Feeds `input` at once and then one byte at a time; both must give the events in `expect`,
/// one a line: `message BODY` or `error CODE id=ID: MESSAGE`.
fn check(input: impl AsRef<[u8]>, expect: &str) {
    let input = input.as_ref();
    let whole = events(&[input]);
    let bytes: Vec<&[u8]> = input.chunks(1).collect();
    let byte_by_byte = events(&bytes);
    assert_eq!(whole, expect.trim(), "fed at once");
    assert_eq!(byte_by_byte, expect.trim(), "fed one byte at a time");
}

fn events(chunks: &[&[u8]]) -> String {
    let mut framer = Framer::default();
    let mut lines = Vec::new();
    for chunk in chunks {
        framer.feed(chunk);
        while let Some(event) = framer.next_event() {
            lines.push(match event {
                Event::Message(body) => format!("message {body}"),
                Event::Fault(Fault { id, error }) => format!("error {} id={id}: {}", error.code, error.message),
            });
        }
    }
    lines.join("\n")
}

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

const HOVER: &str = r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover"}"#;
const SAVED: &str = r#"{"jsonrpc":"2.0","method":"textDocument/didSave"}"#;

#[test]
fn well_formed_frames_pass_whatever_their_headers() {
    let with_type =
        format!("content-length: {}\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{SAVED}", SAVED.len());
    check(
        format!("{}\r\n\r\n{with_type}\n{}", frame(HOVER), frame(SAVED)),
        r#"
message {"jsonrpc":"2.0","id":1,"method":"textDocument/hover"}
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
    // Responses to the server's own requests are messages too.
    check(frame(r#"{"jsonrpc":"2.0","id":4,"result":null}"#), r#"message {"jsonrpc":"2.0","id":4,"result":null}"#);
}

#[test]
fn a_header_line_inside_a_json_string_is_text() {
    let body = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"Content-Length: 5\r\n\r\nhello"}}"#;
    check(frame(body), &format!("message {body}"));
}

#[test]
fn bodies_that_are_no_message() {
    check(
        format!("{}{}", frame(r#"{"jsonrpc": "2.0", "id": 7, "params": {"#), frame(SAVED)),
        r#"
error -32700 id=null: invalid JSON: EOF while parsing an object at line 1 column 39
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
    check(
        format!("{}{}", frame("[1, 2, 3]"), frame(SAVED)),
        r#"
error -32600 id=null: not a JSON-RPC message: data did not match any variant of untagged enum Message
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
    check(frame(""), "error -32700 id=null: invalid JSON: EOF while parsing a value at line 1 column 0");
    let mut not_utf8 = b"Content-Length: 4\r\n\r\n".to_vec();
    not_utf8.extend_from_slice(&[0x7b, 0xff, 0xfe, 0x7d]);
    check(not_utf8, "error -32700 id=null: the body is not UTF-8 (an invalid byte at offset 1)");
}

#[test]
fn a_broken_request_keeps_its_id_and_a_broken_response_does_not() {
    check(
        frame(r#"{"jsonrpc":"1.0","id":9,"method":"textDocument/hover"}"#),
        "error -32600 id=9: not a JSON-RPC message: data did not match any variant of untagged enum Message",
    );
    check(
        frame(r#"{"jsonrpc":"1.0","id":"a","result":3}"#),
        "error -32600 id=null: not a JSON-RPC message: data did not match any variant of untagged enum Message",
    );
}

#[test]
fn a_content_length_too_short_drops_the_rest_of_the_body() {
    check(
        format!("Content-Length: 10\r\n\r\n{HOVER}{}", frame(SAVED)),
        r#"
error -32700 id=null: invalid JSON: EOF while parsing an object at line 1 column 10
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
}

#[test]
fn a_content_length_too_long_is_noticed_at_the_next_header() {
    // The declared length runs past everything sent: the next frame must still come out.
    check(
        format!("Content-Length: 500\r\n\r\n{HOVER}{}", frame(SAVED)),
        r#"
error -32700 id=null: a new message starts 54 bytes into a body of Content-Length 500
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
    // The declared length ends inside the next header's name.
    check(
        format!("Content-Length: {}\r\n\r\n{HOVER}{}", HOVER.len() + 5, frame(SAVED)),
        r#"
error -32700 id=null: invalid JSON: trailing characters at line 1 column 55
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
}

#[test]
fn broken_headers() {
    check(
        format!("Content-Length: twelve\r\n\r\n{{\"jsonrpc\":1}}{}", frame(SAVED)),
        r#"
error -32700 id=null: Content-Length is not a number: " twelve"
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
    check(
        format!("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{SAVED}{}", frame(SAVED)),
        r#"
error -32700 id=null: a header block without Content-Length
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
    check(
        format!("Content-Length: 3\r\nContent-Length: 4\r\n\r\n{}", frame(SAVED)),
        r#"
error -32700 id=null: two different Content-Length headers
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
    check(
        format!("Content-Length: 99999999999999999999999\r\n\r\n{}", frame(SAVED)),
        r#"
error -32700 id=null: Content-Length 99999999999999999999999 exceeds the limit of 67108864 bytes
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
}

#[test]
fn junk_between_frames_is_one_fault() {
    // A brace can start no header, so the fault is answered before the junk's line ends.
    check(
        format!("{}{{\"oops\": true}} more junk\r\n\r\n{}", frame(HOVER), frame(SAVED)),
        r#"
message {"jsonrpc":"2.0","id":1,"method":"textDocument/hover"}
error -32700 id=null: bytes that are not an LSP header: "{"
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
    check(
        format!("hello world\r\n{}", frame(SAVED)),
        r#"
error -32700 id=null: bytes that are not an LSP header: "hello "
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
}

#[test]
fn a_header_block_is_bounded() {
    let long = format!("X-Padding: {}\r\n", "a".repeat(MAX_HEADER_BYTES));
    check(
        format!("{long}{}", frame(SAVED)),
        r#"
error -32700 id=null: a header block longer than 8192 bytes
message {"jsonrpc":"2.0","method":"textDocument/didSave"}
"#,
    );
}

#[test]
fn skipped_bytes_are_not_kept() {
    let mut framer = Framer::default();
    framer.feed(b"Content-Length: 70000000\r\n\r\n");
    assert!(matches!(framer.next_event(), Some(Event::Fault(_))));
    for _ in 0..64 {
        framer.feed(&[b'x'; 16 * 1024]);
        assert!(framer.next_event().is_none());
        assert!(framer.buffer.len() < CONTENT_LENGTH.len(), "{} bytes kept", framer.buffer.len());
    }
    framer.feed(frame(SAVED).as_bytes());
    assert!(matches!(framer.next_event(), Some(Event::Message(_))));
}

/// Pieces of frames, broken frames and junk, for the properties below.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(frame(HOVER).into_bytes()),
        Just(frame(SAVED).into_bytes()),
        Just(frame("[1, 2, 3]").into_bytes()),
        Just(frame(r#"{"jsonrpc":"#).into_bytes()),
        (0usize..120).prop_map(|n| format!("Content-Length: {n}\r\n").into_bytes()),
        Just(b"content-LENGTH:".to_vec()),
        Just(b"Content-Type: application/vscode-jsonrpc\r\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(HOVER.as_bytes().to_vec()),
        Just("“Not now,” said Tomás 😀".as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..6),
    ]
}

proptest! {
    #[test]
    fn events_do_not_depend_on_how_the_bytes_arrive(
        fragments in proptest::collection::vec(fragment(), 0..12),
        cuts in proptest::collection::vec(any::<usize>(), 0..12),
    ) {
        let input = fragments.concat();
        let mut cuts: Vec<usize> = cuts.iter().map(|cut| cut % (input.len() + 1)).collect();
        cuts.push(0);
        cuts.push(input.len());
        cuts.sort_unstable();
        let chunks: Vec<&[u8]> = cuts.windows(2).map(|pair| &input[pair[0]..pair[1]]).collect();
        prop_assert_eq!(events(&[&input]), events(&chunks));
    }

    #[test]
    fn a_frame_after_a_blank_line_is_served_whatever_came_before(
        fragments in proptest::collection::vec(fragment(), 0..12),
    ) {
        let input = [fragments.concat(), format!("\r\n\r\n{}", frame(SAVED)).into_bytes()].concat();
        let events = events(&[&input]);
        prop_assert!(events.ends_with(&format!("message {SAVED}")), "{}", events);
    }
}

#[test]
fn lone_surrogate_escapes_become_replacement_characters() {
    use super::replace_lone_surrogates;
    for (body, expect) in [
        (r#""a\ud83c\udf89b""#, r#""a\ud83c\udf89b""#),
        (r#""\ud83c""#, r#""\uFFFD""#),
        (r#""\udf89\ud83c""#, r#""\uFFFD\uFFFD""#),
        (r#""\ud83c\u0041""#, r#""\uFFFD\u0041""#),
        (r#""\\ud800""#, r#""\\ud800""#),
        (r#""\\\ud800""#, r#""\\\uFFFD""#),
        (r#""\ud8""#, r#""\ud8""#),
        (r#""\uD800\uDBFF\uDC00""#, r#""\uFFFD\uDBFF\uDC00""#),
    ] {
        assert_eq!(replace_lone_surrogates(body), expect, "{body}");
        let value: serde_json::Value = serde_json::from_str(&replace_lone_surrogates(body)).unwrap_or_default();
        assert!(value.is_string() || body == r#""\ud8""#, "{body}");
    }
}
