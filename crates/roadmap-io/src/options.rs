//! How to read: [`ReadOptions`].

use crate::limits::Limits;
use crate::profile::Profile;
use crate::read::{CsvOptions, Format};

/// How to read: the profile, the sheets, the limits, CSV settings.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The words of the tracker; the built-in `default` when `None`.
    pub profile: Option<Profile>,
    /// The sheets to read; every sheet holding a table when empty.
    pub sheets: Vec<String>,
    /// Bounds on the input.
    pub limits: Limits,
    /// CSV delimiter and encoding, detected when unset.
    pub csv: CsvOptions,
    /// The format, detected from the content when `None`.
    pub format: Option<Format>,
}

impl ReadOptions {
    /// Uses this profile.
    #[must_use]
    pub fn profile(mut self, profile: Profile) -> ReadOptions {
        self.profile = Some(profile);
        self
    }

    /// Reads this sheet (call again for more).
    #[must_use]
    pub fn sheet(mut self, name: impl Into<String>) -> ReadOptions {
        self.sheets.push(name.into());
        self
    }

    /// Uses these limits.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> ReadOptions {
        self.limits = limits;
        self
    }

    /// Reads CSV with this delimiter.
    #[must_use]
    pub fn delimiter(mut self, delimiter: u8) -> ReadOptions {
        self.csv.delimiter = Some(delimiter);
        self
    }

    /// Reads text in this encoding (a WHATWG label such as `windows-1252`);
    /// `None` when the label is unknown.
    pub fn encoding(mut self, label: &str) -> Option<ReadOptions> {
        self.csv.encoding = Some(encoding_rs::Encoding::for_label(label.as_bytes())?);
        Some(self)
    }

    /// Reads the content as this format, whatever it looks like.
    #[must_use]
    pub fn format(mut self, format: Format) -> ReadOptions {
        self.format = Some(format);
        self
    }
}
