//! The language server: the only layer that knows LSP and JSON-RPC.

/// Serves LSP over stdin and stdout until the client says exit; returns the exit status.
pub fn run_stdio() -> std::process::ExitCode {
    eprintln!("copydesk lsp: not built yet"); // FIXME(lsp helper)
    std::process::ExitCode::from(2)
}
