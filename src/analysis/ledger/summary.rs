//! The ledger in one line, for places with room for one line: the editor's code lenses and
//! status bar. The words are the ones an editor would say aloud (`4 sources (1 woman, 3
//! men)`), and a part with nothing to count is left out rather than shown as a zero.

use super::{Ledger, Place};
use crate::analysis::{Analysis, EntityKind, Gender, GlossaryIndex};

impl Ledger {
    /// `9 quotations · 4 sources (1 woman, 3 men) · 1 unattributed · 1 anonymous`.
    pub fn summary(&self) -> String {
        if self.quotations == 0 {
            return "No quotations".to_string();
        }
        let mut parts = vec![count(self.quotations, "quotation", "quotations")];
        if !self.sources.is_empty() {
            let mut sources = count(self.sources.len(), "source", "sources");
            let kinds = self.source_kinds();
            if !kinds.is_empty() {
                sources.push_str(&format!(" ({})", kinds.join(", ")));
            }
            parts.push(sources);
        }
        if !self.unattributed.is_empty() {
            parts.push(format!("{} unattributed", self.unattributed.len()));
        }
        if self.anonymous_sources() > 0 {
            parts.push(format!("{} anonymous", self.anonymous_sources()));
        }
        parts.join(" · ")
    }

    /// The sources as people by gender, then the other kinds: `1 woman, 3 men, 1 organization`.
    fn source_kinds(&self) -> Vec<String> {
        let people = self.by_gender().into_iter().filter(|&(_, n)| n > 0).map(|(gender, n)| match gender {
            Gender::Woman => count(n, "woman", "women"),
            Gender::Man => count(n, "man", "men"),
            Gender::Nonbinary => count(n, "nonbinary person", "nonbinary people"),
            Gender::Unknown => format!("{n} of unknown gender"),
        });
        let others = EntityKind::ALL.iter().filter(|&&kind| kind != EntityKind::Person).filter_map(|&kind| {
            let n = self.sources.iter().filter(|s| s.kind == Some(kind)).count();
            (n > 0).then(|| count(n, kind.as_str(), &format!("{}s", kind.as_str())))
        });
        people.chain(others).collect()
    }

    /// For each source, where its first quotation is and a line about it: `quoted 3× ·
    /// mentioned 2×`. Mentions are the glossary name's occurrences in the article, so a
    /// source outside the glossary has none to count and the part is left out.
    pub fn source_summaries(&self, analysis: &Analysis, glossary: &GlossaryIndex) -> Vec<(Place, String)> {
        self.sources
            .iter()
            .map(|source| {
                let mut line = format!("quoted {}×", source.quotations);
                if let Some(id) = &source.entity {
                    let mentions = analysis
                        .mentions
                        .iter()
                        .filter(|m| glossary.get(m.entity).is_some_and(|e| &e.id == id))
                        .count();
                    if mentions > 0 {
                        line.push_str(&format!(" · mentioned {mentions}×"));
                    }
                }
                (source.first, line)
            })
            .collect()
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
