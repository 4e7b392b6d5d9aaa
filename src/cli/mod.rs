//! The `copydesk check` command.
