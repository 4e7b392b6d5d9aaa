"""End-to-end tests of `copydesk lsp` with pytest-lsp.

Every message the server sends is parsed into lsprotocol types and checked against the LSP
specification; run with `-W error` so a specification warning fails the test. The server
binary comes from $COPYDESK_BIN (default: target/release/copydesk).
"""

import asyncio
import json
import os
import pathlib
import subprocess
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
SERVER = os.environ.get("COPYDESK_BIN", str(REPO / "target" / "release" / "copydesk"))
WORKSPACE = HERE / "workspace"
ARTICLE = WORKSPACE / "courts" / "verdict.md"
GLOSSARY = WORKSPACE / "courts" / "glossary.toml"
OTHER = WORKSPACE / "courts" / "appeal.md"
TEXT = ARTICLE.read_text(encoding="utf-8")
GLOSSARY_TEXT = GLOSSARY.read_text(encoding="utf-8")

EDITORS = ["visual-studio-code", "neovim", "neovim@0.7", "emacs"]


def uri(path: pathlib.Path) -> str:
    return path.as_uri()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SERVER, "lsp"]), params=EDITORS)
async def client(lsp_client: LanguageClient, request):
    # pytest-lsp answers progress requests itself; a real editor also accepts watchers.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams):
        lsp_client.registrations = params.registrations

    # Editors that declare inlay hint refresh support answer the server's refresh request.
    lsp_client.inlay_hint_refreshes = 0

    @lsp_client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)
    def inlay_hint_refresh(params: None):
        lsp_client.inlay_hint_refreshes += 1

    # Likewise for code lenses, which a glossary edit asks the client to refresh.
    lsp_client.code_lens_refreshes = 0

    @lsp_client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def code_lens_refresh(params: None):
        lsp_client.code_lens_refreshes += 1

    params = types.InitializeParams(
        capabilities=client_capabilities(request.param),
        process_id=os.getpid(),
        root_uri=uri(WORKSPACE),
        workspace_folders=[types.WorkspaceFolder(uri=uri(WORKSPACE), name="workspace")],
        initialization_options={"debounceMs": 0},
    )
    result = await lsp_client.initialize_session(params)
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"
    yield
    await lsp_client.shutdown_session()


def position(client: LanguageClient, text: str, needle: str, skip: int = 0) -> types.Position:
    """The position of `needle` (plus `skip` characters) in the negotiated encoding."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    prefix = text[start:offset] + needle[:skip]
    codec = "utf-8" if client.encoding == "utf-8" else "utf-16-le"
    width = 1 if codec == "utf-8" else 2
    return types.Position(line=line, character=len(prefix.encode(codec)) // width)


async def open_article(client: LanguageClient, path: pathlib.Path = ARTICLE, text: str = TEXT):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(path), language_id="markdown", version=1, text=text)
        )
    )
    while True:
        await client.wait_for_notification("textDocument/publishDiagnostics")
        if uri(path) in client.diagnostics:
            return client.diagnostics[uri(path)]


def at(client: LanguageClient, needle: str, skip: int = 0) -> types.TextDocumentPositionParams:
    return {"text_document": types.TextDocumentIdentifier(uri=uri(ARTICLE)), "position": position(client, TEXT, needle, skip)}


async def test_diagnostics(client: LanguageClient):
    diagnostics = await open_article(client)
    found = sorted((str(d.code), d.severity) for d in diagnostics)
    assert found == [
        ("unattributed-quote", types.DiagnosticSeverity.Warning),
        ("unknown-speaker", types.DiagnosticSeverity.Information),
    ]
    assert all(d.source == "copydesk" for d in diagnostics)
    unknown = next(d for d in diagnostics if d.code == "unknown-speaker")
    assert unknown.range.start == position(client, TEXT, "Oskar Lind")
    assert unknown.code_description.href.endswith("docs/attribution.md#unknown-speaker")


async def test_hover_and_definition(client: LanguageClient):
    await open_article(client)
    hover = await client.text_document_hover_async(types.HoverParams(**at(client, "Nadia Frost", 2)))
    assert "**Nadia Frost**" in hover.contents.value
    assert "Crown prosecutor" in hover.contents.value
    assert "Crown Prosecution Office" in hover.contents.value

    pronoun = await client.text_document_hover_async(types.HoverParams(**at(client, "she said", 1)))
    assert "→ **Nadia Frost**" in pronoun.contents.value

    definition = await client.text_document_definition_async(types.DefinitionParams(**at(client, "Paul Kessler", 1)))
    location = definition if isinstance(definition, types.Location) else definition[0]
    assert location.uri == uri(GLOSSARY)
    header_line = GLOSSARY_TEXT.splitlines()[location.range.start.line]
    assert header_line == "[kessler]"


async def test_references_symbols_and_hints(client: LanguageClient):
    await open_article(client)
    references = await client.text_document_references_async(
        types.ReferenceParams(**at(client, "Paul Kessler"), context=types.ReferenceContext(include_declaration=False))
    )
    assert sorted(r.uri for r in references) == sorted([uri(ARTICLE), uri(OTHER)])

    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri(ARTICLE)))
    )
    assert [s.name for s in symbols] == ["Miriam Adeyemi", "Paul Kessler", "Nadia Frost", "Oskar Lind"]

    entities = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="court"))
    assert [e.name for e in entities] == ["Harbour City High Court"]

    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri=uri(ARTICLE)),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=len(TEXT.splitlines()), character=0)),
        )
    )
    assert [h.label for h in hints] == ["→ Nadia Frost"]
    assert hints[0].position == position(client, TEXT, "she said", 3)


async def test_completion_and_code_actions(client: LanguageClient):
    await open_article(client)
    last = len(TEXT.splitlines())
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(ARTICLE), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=last, character=0), end=types.Position(line=last, character=0)),
                    text="Mir",
                )
            ],
        )
    )
    completion = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(ARTICLE)), position=types.Position(line=last, character=3)
        )
    )
    items = completion if isinstance(completion, list) else completion.items
    assert [i.label for i in items] == ["Miriam Adeyemi"]

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(ARTICLE)),
            range=types.Range(start=position(client, TEXT, "Oskar Lind"), end=position(client, TEXT, "Oskar Lind", 4)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    titles = [a.title for a in actions]
    assert "Add “Oskar Lind” to the glossary" in titles
    add = actions[titles.index("Add “Oskar Lind” to the glossary")]
    # Either an edit the editor applies or a command the server runs: both must be well formed.
    assert add.edit is not None or (add.command is not None and add.command.command == "copydesk.applyFix")


async def test_glossary_diagnostics_and_affiliation_definition(client: LanguageClient):
    text = GLOSSARY_TEXT + '\n[clerk]\nname = "Ruth Bell"\naffiliation = "nowhere"\n\n[usher]\nrole = "Usher"\n'
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(GLOSSARY), language_id="toml", version=1, text=text)
        )
    )
    while uri(GLOSSARY) not in client.diagnostics or not client.diagnostics[uri(GLOSSARY)]:
        await client.wait_for_notification("textDocument/publishDiagnostics")
    codes = sorted(str(d.code) for d in client.diagnostics[uri(GLOSSARY)])
    assert codes == ["glossary-missing-name", "glossary-unknown-affiliation"]

    definition = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(GLOSSARY)),
            position=position(client, text, '"high-court"', 2),
        )
    )
    location = definition if isinstance(definition, types.Location) else definition[0]
    assert text.splitlines()[location.range.start.line] == "[high-court]"

    # Opening the edited glossary changed what articles see: clients that can refresh inlay
    # hints were asked to, the others were not.
    workspace = client.capabilities.workspace
    refresh = bool(workspace and workspace.inlay_hint and workspace.inlay_hint.refresh_support)
    for _ in range(100):
        if client.inlay_hint_refreshes or not refresh:
            break
        await asyncio.sleep(0.02)
    assert bool(client.inlay_hint_refreshes) == refresh
    lens_refresh = bool(workspace and workspace.code_lens and workspace.code_lens.refresh_support)
    for _ in range(100):
        if client.code_lens_refreshes or not lens_refresh:
            break
        await asyncio.sleep(0.02)
    assert bool(client.code_lens_refreshes) == lens_refresh


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def raw_session(messages: list) -> int:
    """Runs the server: sends `initialize`, waits for its answer as a client does, then sends
    `messages` all at once and returns the exit status."""
    server = subprocess.Popen([SERVER, "lsp", "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    server.stdin.write(frame(INITIALIZE))
    server.stdin.flush()
    length = 0
    while (line := server.stdout.readline().strip()) != b"":
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    assert b'"serverInfo"' in server.stdout.read(length)
    server.stdin.write(b"".join(frame(m) for m in messages))
    server.stdin.flush()
    try:
        return server.wait(timeout=20)
    finally:
        server.stdin.close()
        server.stdout.close()


INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}}


def test_exit_status_is_zero_after_shutdown_and_one_without():
    shutdown = {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None}
    exit_ = {"jsonrpc": "2.0", "method": "exit"}
    initialized = {"jsonrpc": "2.0", "method": "initialized", "params": {}}
    assert raw_session([initialized, shutdown, exit_]) == 0
    assert raw_session([initialized, exit_]) == 1


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-W", "error"]))
