//! Capabilities, the background workspace scan, and watching the editor process.

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::lsp_types::*;

use super::code_actions::APPLY_FIX_COMMAND;
use super::ledger_commands::{LEDGER_COMMAND, LEDGER_HTML_COMMAND};
use super::position::Encoding;
use super::session::{Lifecycle, Session};
use super::workspace_index::{self, MAX_FILES};

/// What the server can do, exactly as implemented.
pub fn initialize_result(encoding: Encoding) -> InitializeResult {
    #[allow(unused_mut)]
    let mut commands = vec![APPLY_FIX_COMMAND.to_string(), LEDGER_COMMAND.to_string(), LEDGER_HTML_COMMAND.to_string()];
    #[cfg(debug_assertions)]
    commands.push(super::server::DEBUG_PANIC_COMMAND.to_string());
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            declaration_provider: Some(DeclarationCapability::Simple(true)),
            references_provider: Some(OneOf::Left(true)),
            document_highlight_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["\"".to_string()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            inlay_hint_provider: Some(OneOf::Left(true)),
            code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
            execute_command_provider: Some(ExecuteCommandOptions { commands, ..ExecuteCommandOptions::default() }),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "copydesk".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    }
}

/// Reads the workspace's articles and glossaries for references and workspace symbols,
/// reporting progress when the client supports it.
pub async fn index_workspace(session: Arc<Session>) {
    let settings = session.settings();
    let Some(root) = settings.root.clone() else {
        session.workspace.mark_ready();
        return;
    };
    let supports_progress = settings.capabilities.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false);
    let progress = if supports_progress {
        let token = NumberOrString::String("copydesk/index".to_string());
        let created = session
            .client
            .send_request::<request::WorkDoneProgressCreate>(WorkDoneProgressCreateParams { token: token.clone() })
            .await;
        match created {
            Ok(()) => Some(session.client.progress(token, "Indexing articles").with_percentage(0).begin().await),
            Err(_) => None,
        }
    } else {
        None
    };
    let root_shown = root.display().to_string();
    let (percent_tx, mut percent_rx) = tokio::sync::watch::channel((0usize, 0usize));
    let scanner = Arc::clone(&session);
    let scan = tokio::task::spawn_blocking(move || {
        let files = workspace_index::list_files(&root);
        let encoding = scanner.encoding();
        scanner.with_environment(|env| {
            scanner.workspace.scan(&files, env, encoding, &mut |done, total| {
                percent_tx.send_replace((done, total));
            })
        });
        (files.articles.len(), files.left_out)
    });
    tokio::pin!(scan);
    let (articles, left_out) = loop {
        tokio::select! {
            result = &mut scan => break result.unwrap_or_default(),
            changed = percent_rx.changed() => {
                // The scan dropped its sender: it is done, so only its result is left to wait for.
                if changed.is_err() {
                    break (&mut scan).await.unwrap_or_default();
                }
                let (done, total) = *percent_rx.borrow_and_update();
                if let Some(progress) = &progress {
                    let percent = (done * 100).checked_div(total).map_or(100, |p| u32::try_from(p).unwrap_or(100));
                    progress.report_with_message(format!("{done}/{total} files"), percent).await;
                }
            }
        }
    };
    session.workspace.mark_ready();
    let mut indexed = format!("{articles} articles indexed");
    if left_out {
        // Said once, where the editor keeps it: otherwise references and workspace symbols
        // would look complete while leaving out part of the workspace.
        indexed.push_str(&format!(" (the first {MAX_FILES} files only)"));
        session.log(
            MessageType::WARNING,
            format!(
                "copydesk indexed only the first {MAX_FILES} article and glossary files of {root_shown}: \
                 references and workspace symbols leave out the other files until they are opened"
            ),
        );
    }
    if let Some(progress) = progress {
        progress.finish_with_message(indexed).await;
    }
}

/// Ends the server (through `editor_died`) when the editor process is gone, so a crashed
/// editor never leaves an orphaned server behind.
pub fn watch_editor(pid: u32, lifecycle: Arc<Lifecycle>) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if !process_alive(pid) {
                lifecycle.editor_died.notify_one();
                return;
            }
        }
    });
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return true };
    // Signal 0 checks existence without sending anything; EPERM means it exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true // FIXME: no portable check without another dependency; the editor's exit still ends us.
}
