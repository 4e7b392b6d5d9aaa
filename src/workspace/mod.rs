//! Reading articles and glossary files from disk: the only place analysis inputs come from files.
