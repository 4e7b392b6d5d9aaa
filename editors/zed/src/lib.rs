//! Runs `copydesk lsp` for Markdown and plain text in Zed. The binary comes from the
//! `lsp.copydesk.binary.path` setting, else from the worktree's PATH; the server's settings
//! (`debounceMs`, `severities`, `glossaries`, `maxDocumentSize`) from
//! `lsp.copydesk.initialization_options` and `lsp.copydesk.settings`.

use zed_extension_api::settings::LspSettings;
use zed_extension_api::{self as zed, LanguageServerId, Result, Worktree};

struct Copydesk;

impl zed::Extension for Copydesk {
    fn new() -> Self {
        Copydesk
    }

    fn language_server_command(&mut self, id: &LanguageServerId, worktree: &Worktree) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(id.as_ref(), worktree).ok().and_then(|settings| settings.binary);
        let configured_path = binary.as_ref().and_then(|binary| binary.path.clone());
        let command = configured_path.or_else(|| worktree.which("copydesk")).ok_or_else(|| {
            "copydesk was not found on PATH: install it with `cargo install --path .` in a copydesk \
             checkout, or set lsp.copydesk.binary.path"
                .to_string()
        })?;
        let args =
            binary.as_ref().and_then(|binary| binary.arguments.clone()).unwrap_or_else(|| vec!["lsp".to_string()]);
        let env = binary.and_then(|binary| binary.env).map(|env| env.into_iter().collect()).unwrap_or_default();
        Ok(zed::Command { command, args, env })
    }

    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree).ok().and_then(|settings| settings.initialization_options))
    }

    // The server reads these from workspace/didChangeConfiguration, under a `copydesk` key
    // or at the top level.
    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree).ok().and_then(|settings| settings.settings))
    }
}

zed::register_extension!(Copydesk);
