//! The cue lexicon.
