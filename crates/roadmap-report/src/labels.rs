//! The report's labels in six languages (`labels/<lang>.toml`): Arabic,
//! Chinese, English, French, Russian and Spanish. Every language has every
//! label English has (a test checks).

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::LazyLock;

/// A language of the report's labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Arabic (laid out right to left).
    Ar,
    /// Chinese.
    Zh,
    /// Russian.
    Ru,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ar, Lang::Zh, Lang::Ru];

    /// The language's code: `en`, `fr`, `es`, `ar`, `zh`, `ru`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::Ru => "ru",
        }
    }

    /// True for a language written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The language's labels, by key.
    pub(crate) fn labels(self) -> &'static Labels {
        &LABELS[Lang::ALL.iter().position(|l| *l == self).unwrap_or(0)]
    }
}

/// A language code that is not one of the six.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no labels in '{0}': the report speaks en, fr, es, ar, zh and ru")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        let code = s.trim().to_ascii_lowercase();
        // "fr-CH", "zh_Hans": the language before the region or script.
        let code = code.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL.into_iter().find(|l| l.as_str() == code).ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

/// Labels by key.
pub(crate) type Labels = BTreeMap<String, String>;

static LABELS: LazyLock<Vec<Labels>> = LazyLock::new(|| {
    [
        include_str!("../labels/en.toml"),
        include_str!("../labels/fr.toml"),
        include_str!("../labels/es.toml"),
        include_str!("../labels/ar.toml"),
        include_str!("../labels/zh.toml"),
        include_str!("../labels/ru.toml"),
    ]
    .into_iter()
    .map(|text| toml::from_str(text).unwrap_or_default())
    .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_label() {
        let english = Lang::En.labels();
        assert!(english.len() > 50, "the English labels read: {}", english.len());
        for lang in Lang::ALL {
            let labels = lang.labels();
            let missing: Vec<&String> = english.keys().filter(|k| !labels.contains_key(*k)).collect();
            let unknown: Vec<&String> = labels.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty() && unknown.is_empty(), "{lang:?}: missing {missing:?}, unknown {unknown:?}");
            for (key, text) in labels {
                let placeholders = |t: &str| t.matches('{').count();
                assert_eq!(placeholders(text), placeholders(&english[key]), "{lang:?} {key}");
            }
        }
    }

    #[test]
    fn languages_by_code() {
        assert_eq!("fr-CH".parse(), Ok(Lang::Fr));
        assert_eq!(" AR ".parse(), Ok(Lang::Ar));
        assert_eq!("zh_Hans".parse(), Ok(Lang::Zh));
        assert!("de".parse::<Lang>().is_err());
        assert!(Lang::Ar.is_rtl() && !Lang::Ru.is_rtl());
    }
}
