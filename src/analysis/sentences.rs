//! Sentence boundaries.
