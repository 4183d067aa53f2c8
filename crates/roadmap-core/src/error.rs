//! Errors of the core: a roadmap document that cannot be read.

/// Why a roadmap document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The JSON is malformed, or does not have the shape of a roadmap.
    #[error("line {line}, column {column}: {message}")]
    Json {
        /// The 1-based line of the problem.
        line: usize,
        /// The 1-based column of the problem.
        column: usize,
        /// What is wrong, without the position.
        message: String,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
}

impl From<serde_json::Error> for Error {
    fn from(source: serde_json::Error) -> Error {
        let full = source.to_string();
        // serde_json appends " at line L column C"; the position has fields of its own.
        let suffix = format!(" at line {} column {}", source.line(), source.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        Error::Json { line: source.line(), column: source.column(), message, source }
    }
}

#[cfg(test)]
mod tests {
    use crate::Roadmap;

    #[test]
    fn json_errors_have_line_and_column() {
        let err = Roadmap::from_json("{\n  \"initiatives\": [\n    {\"id\": \"A\", \"status\": \"done\"}\n  ]\n}")
            .unwrap_err();
        let crate::Error::Json { line, column, message, .. } = &err;
        assert_eq!(*line, 3);
        assert!(*column > 20, "{column}");
        assert!(message.contains("unknown variant `done`"), "{message}");
        assert!(err.to_string().starts_with("line 3, column"));

        let err = Roadmap::from_json("{\"initatives\": []}").unwrap_err();
        assert!(err.to_string().contains("unknown field `initatives`"), "{err}");

        let err = Roadmap::from_json("{\"initiatives\": [").unwrap_err();
        let crate::Error::Json { line, .. } = err;
        assert_eq!(line, 1);
    }
}
