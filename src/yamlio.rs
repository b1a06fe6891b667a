//! The one place that parses YAML. serde_yaml is deprecated upstream; everything else in
//! the crate goes through these functions so the parser can be swapped in one module.

use serde::de::DeserializeOwned;

/// Largest YAML document we accept (rules, gazetteers, configuration, front matter).
pub const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;

/// A YAML error with the byte offset it points at, when known.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub offset: Option<usize>,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for YamlError {}

/// The error, with the values it quotes cut to short excerpts
/// ([`crate::diag::quote_excerpts`]): a file that is not YAML of the expected shape must not
/// have its text echoed.
fn convert(e: serde_yaml::Error) -> YamlError {
    YamlError {
        offset: e.location().map(|l| l.index()),
        message: crate::diag::quote_excerpts(&e.to_string()),
    }
}

/// Parse a YAML document into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(YamlError {
            message: format!(
                "YAML document of {} bytes is over the limit of {} bytes",
                text.len(),
                MAX_YAML_BYTES
            ),
            offset: None,
        });
    }
    serde_yaml::from_str(text).map_err(convert)
}

/// A loosely typed YAML value, for front matter whose shape varies between feeds.
pub type Loose = serde_yaml::Value;

/// Parse YAML into a loose value.
pub fn loose(text: &str) -> Result<Loose, YamlError> {
    from_str(text)
}

/// Deserialize a loose value into `T` (one element of a larger document).
pub fn from_loose<T: DeserializeOwned>(value: Loose) -> Result<T, YamlError> {
    serde_yaml::from_value(value).map_err(convert)
}

/// The string form of a scalar or the first string of a sequence.
pub fn loose_strings(v: &Loose) -> Vec<String> {
    match v {
        serde_yaml::Value::String(s) => vec![s.clone()],
        serde_yaml::Value::Number(n) => vec![n.to_string()],
        serde_yaml::Value::Bool(b) => vec![b.to_string()],
        serde_yaml::Value::Sequence(items) => items.iter().flat_map(loose_strings).collect(),
        _ => vec![],
    }
}

/// Look up a key of a mapping.
pub fn loose_get<'a>(v: &'a Loose, key: &str) -> Option<&'a Loose> {
    v.as_mapping().and_then(|m| m.get(key))
}

/// Serialize a value as YAML (for `factcheck config`).
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}
