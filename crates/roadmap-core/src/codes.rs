//! The catalogue of issue codes raised by validation.
//!
//! Codes are stable: a code once published keeps its meaning. Importers add
//! codes of their own to the same kind of catalogue ([`CodeInfo`]).

use crate::{CodeInfo, Severity};

/// Two initiatives share an id; references to it are ambiguous.
pub const DUPLICATE_ID: CodeInfo =
    CodeInfo::new("duplicate-id", Severity::Error, "Two initiatives share an id; give each a unique one.");
/// An initiative has an empty id.
pub const MISSING_ID: CodeInfo =
    CodeInfo::new("missing-id", Severity::Error, "An initiative has no id; give it one so others can refer to it.");
/// Two pillars, priority areas or checkpoints share an id.
pub const DUPLICATE_DEFINITION: CodeInfo = CodeInfo::new(
    "duplicate-definition",
    Severity::Error,
    "Two pillars, priority areas or checkpoints share an id; keep one definition.",
);
/// An initiative names a pillar the roadmap does not define.
pub const UNKNOWN_PILLAR: CodeInfo = CodeInfo::new(
    "unknown-pillar",
    Severity::Error,
    "The initiative names a pillar the roadmap does not define; fix the name or add the pillar.",
);
/// An initiative names a priority area the roadmap does not define.
pub const UNKNOWN_PRIORITY_AREA: CodeInfo = CodeInfo::new(
    "unknown-priority-area",
    Severity::Error,
    "The initiative names a priority area the roadmap does not define; fix the name or add the area.",
);
/// A deliverable is due at a checkpoint the roadmap does not define.
pub const UNKNOWN_CHECKPOINT: CodeInfo = CodeInfo::new(
    "unknown-checkpoint",
    Severity::Error,
    "A deliverable is due at a checkpoint the roadmap does not define; fix the name or add the checkpoint.",
);
/// An initiative's parent is not an initiative of the roadmap.
pub const UNKNOWN_PARENT: CodeInfo = CodeInfo::new(
    "unknown-parent",
    Severity::Error,
    "The parent named is not an initiative of the roadmap; the initiative is counted as top-level.",
);
/// Initiatives are their own ancestors, or were combined into each other in a loop.
pub const CYCLE: CodeInfo = CodeInfo::new(
    "cycle",
    Severity::Error,
    "Initiatives are their own ancestors (parent loop) or were combined into each other in a loop; break the loop.",
);
/// A revised initiative does not say why.
pub const REVISED_WITHOUT_REASON: CodeInfo = CodeInfo::new(
    "revised-without-reason",
    Severity::Error,
    "A revised initiative must say why: feasibility, prioritization, rationalization or other.",
);
/// A revised initiative was combined into an initiative that does not exist.
pub const COMBINED_INTO_MISSING: CodeInfo = CodeInfo::new(
    "combined-into-missing",
    Severity::Error,
    "The initiative was combined into an id that is not in the roadmap.",
);
/// The due date is before the start date.
pub const DUE_BEFORE_START: CodeInfo =
    CodeInfo::new("due-before-start", Severity::Error, "The due date is before the start date.");
/// Progress is not a number from 0 to 100.
pub const PROGRESS_OUT_OF_RANGE: CodeInfo =
    CodeInfo::new("progress-out-of-range", Severity::Error, "Progress must be a percentage from 0 to 100.");
/// A completed initiative reports progress below 100.
pub const COMPLETED_WITH_INCOMPLETE_PROGRESS: CodeInfo = CodeInfo::new(
    "completed-with-incomplete-progress",
    Severity::Warning,
    "The initiative is completed but its progress is below 100%.",
);
/// A completed initiative has deliverables that are not achieved.
pub const COMPLETED_WITH_OPEN_DELIVERABLES: CodeInfo = CodeInfo::new(
    "completed-with-open-deliverables",
    Severity::Warning,
    "The initiative is completed but some of its deliverables are in progress or not started.",
);
/// A planned (not started) initiative reports progress.
pub const PLANNED_WITH_PROGRESS: CodeInfo = CodeInfo::new(
    "planned-with-progress",
    Severity::Warning,
    "The initiative is planned (not started) but reports progress above 0%; it is probably ongoing.",
);
/// A deliverable's own due date is after its checkpoint's date.
pub const DELIVERABLE_AFTER_CHECKPOINT: CodeInfo = CodeInfo::new(
    "deliverable-after-checkpoint",
    Severity::Warning,
    "A deliverable is due after the checkpoint it is due by.",
);
/// A parent's stated status disagrees with the status its children give it.
pub const PARENT_STATUS_MISMATCH: CodeInfo = CodeInfo::new(
    "parent-status-mismatch",
    Severity::Warning,
    "The parent's status disagrees with the status derived from its children.",
);
/// Not completed, and due before the report date.
pub const OVERDUE: CodeInfo = CodeInfo::new(
    "overdue",
    Severity::Warning,
    "The initiative is not completed (nor revised) and its due date is before the report date.",
);
/// An initiative has no title.
pub const MISSING_TITLE: CodeInfo = CodeInfo::new("missing-title", Severity::Error, "The initiative has no title.");
/// An initiative does not say where it stands.
pub const MISSING_STATUS: CodeInfo = CodeInfo::new(
    "missing-status",
    Severity::Warning,
    "The initiative has no status; it is counted as 'unknown' on the dashboard.",
);

/// Every code validation can raise, in the order the rules run.
pub static VALIDATION: [CodeInfo; 20] = [
    DUPLICATE_ID,
    MISSING_ID,
    DUPLICATE_DEFINITION,
    CYCLE,
    MISSING_TITLE,
    MISSING_STATUS,
    UNKNOWN_PARENT,
    UNKNOWN_PILLAR,
    UNKNOWN_PRIORITY_AREA,
    UNKNOWN_CHECKPOINT,
    REVISED_WITHOUT_REASON,
    COMBINED_INTO_MISSING,
    DUE_BEFORE_START,
    PROGRESS_OUT_OF_RANGE,
    COMPLETED_WITH_INCOMPLETE_PROGRESS,
    COMPLETED_WITH_OPEN_DELIVERABLES,
    PLANNED_WITH_PROGRESS,
    DELIVERABLE_AFTER_CHECKPOINT,
    PARENT_STATUS_MISMATCH,
    OVERDUE,
];

/// The catalogue of validation codes (a copy of [`VALIDATION`], for callers
/// that want a `Vec` to extend with their own).
pub fn catalogue() -> Vec<CodeInfo> {
    VALIDATION.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = HashSet::new();
        for info in &VALIDATION {
            assert!(seen.insert(info.code.clone()), "{} twice", info.code);
            assert!(info.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", info.code);
            assert!(info.summary.ends_with('.'));
        }
    }
}
