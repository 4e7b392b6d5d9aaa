//! copydesk checks attribution in news articles: quotations, their speakers, and the named
//! actors of an entity glossary. `analysis` is the pure engine; `workspace` finds and reads
//! files; `cli` and `lsp` are the two front ends; `report` renders the source ledger for both.

pub mod analysis;
pub mod cli;
pub mod lsp;
pub mod report;
pub mod workspace;
