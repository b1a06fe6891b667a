//! The one way factcheck reads a file: articles, rule and gazetteer files, configuration,
//! baselines and claims files all come through [`read`] (or [`read_to_string`]).
//!
//! A file is read only when it is a **regular file** (after following symbolic links) of at
//! most [`max_file_size`] bytes. A FIFO, socket, device or directory is refused before it is
//! opened (a FIFO would block the run, `/dev/zero` would never end), the file is opened
//! non-blocking on Unix (so one swapped for a FIFO meanwhile does not block either), checked
//! again once open, and never more than the limit plus one byte is read (a file that grows,
//! or reports a size of 0 as `/proc` files do, cannot run past it).
//!
//! The limit is one per process: [`DEFAULT_MAX_FILE_SIZE`] unless the command line's
//! `--max-file-size` sets another ([`set_max_file_size`]).

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The default size limit: 256 MiB, far above any article or rule file (the benchmark reads
/// 50 MB articles), far below what would exhaust memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// The size limit in force.
pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// Set the size limit for the rest of the process (`--max-file-size`).
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// Why a file was not read. The `Display` form does not name the file: callers do.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at that path.
    Missing,
    /// A symbolic link whose target does not exist.
    DanglingLink,
    /// A directory where a file was expected.
    Directory,
    /// A FIFO, socket or device: what it is.
    NotRegular(&'static str),
    /// Larger than the limit.
    TooLarge { size: u64, limit: u64 },
    /// The bytes are not UTF-8 ([`read_to_string`] only).
    NotUtf8,
    /// Any other I/O error (permissions, …).
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => f.write_str("no such file or directory"),
            ReadError::DanglingLink => f.write_str("a symbolic link to a missing file"),
            ReadError::Directory => f.write_str("a directory, not a file"),
            ReadError::NotRegular(what) => write!(f, "not a regular file ({what})"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "{size} bytes is over the limit of {limit} bytes (--max-file-size)"
            ),
            ReadError::NotUtf8 => f.write_str("not UTF-8"),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// What a file that is not a regular file or a directory is, for messages.
pub fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    if t.is_dir() {
        return "a directory";
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    "not a file or a directory"
}

/// The metadata of `path` (links followed), with a missing target told apart from a
/// missing path.
pub fn metadata(path: &Path) -> Result<std::fs::Metadata, ReadError> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                Err(ReadError::DanglingLink)
            } else {
                Err(ReadError::Missing)
            }
        }
        Err(e) => Err(ReadError::Io(e)),
    }
}

/// Refuse what is not a regular file within the limit.
fn check_meta(m: &std::fs::Metadata, limit: u64) -> Result<(), ReadError> {
    let t = m.file_type();
    if t.is_dir() {
        return Err(ReadError::Directory);
    }
    if !t.is_file() {
        return Err(ReadError::NotRegular(kind_of(t)));
    }
    if m.len() > limit {
        return Err(ReadError::TooLarge {
            size: m.len(),
            limit,
        });
    }
    Ok(())
}

/// Can `path` be read as a file? The same checks as [`read`], and the file is opened, but
/// nothing is read: for checking the paths of the command line before a run.
pub fn check(path: &Path) -> Result<(), ReadError> {
    open(path, max_file_size()).map(|_| ())
}

fn open(path: &Path, limit: u64) -> Result<std::fs::File, ReadError> {
    check_meta(&metadata(path)?, limit)?;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Io(e),
    })?;
    // What was opened may not be what was looked at.
    check_meta(&file.metadata().map_err(ReadError::Io)?, limit)?;
    Ok(file)
}

/// Read a regular file of at most [`max_file_size`] bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_limited(path, max_file_size())
}

/// [`read`] with an explicit limit.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open(path, limit)?;
    let hint = file.metadata().map(|m| m.len()).unwrap_or(0).min(limit);
    let mut buf = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(ReadError::Io)?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: buf.len() as u64,
            limit,
        });
    }
    Ok(buf)
}

/// [`read`], as UTF-8 text.
pub fn read_to_string(path: &Path) -> Result<String, ReadError> {
    String::from_utf8(read(path)?).map_err(|_| ReadError::NotUtf8)
}

/// Parse a size: bytes, or a number with `K`, `M` or `G` (binary: KiB, MiB, GiB; `KB`,
/// `KiB` … are read the same).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(digits);
    let n: u64 = n
        .parse()
        .map_err(|_| format!("{s:?} is not a size (bytes, or a number with K, M or G)"))?;
    let unit = unit.trim().to_ascii_lowercase();
    let mul: u64 = match unit.trim_end_matches("ib").trim_end_matches('b') {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        _ => return Err(format!("{s:?}: unknown unit {unit:?} (K, M or G)")),
    };
    n.checked_mul(mul)
        .ok_or_else(|| format!("{s:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("2 GB"), Ok(2 << 30));
        assert_eq!(parse_size("8k"), Ok(8 << 10));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5T").is_err());
        assert!(parse_size("").is_err());
    }

    #[test]
    fn refuses_what_is_not_a_small_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "hello").unwrap();
        assert_eq!(read_limited(&f, 5).unwrap(), b"hello");
        assert!(matches!(
            read_limited(&f, 4),
            Err(ReadError::TooLarge { size: 5, limit: 4 })
        ));
        assert!(matches!(read(dir.path()), Err(ReadError::Directory)));
        assert!(matches!(
            read(&dir.path().join("none")),
            Err(ReadError::Missing)
        ));
        #[cfg(unix)]
        {
            let link = dir.path().join("gone");
            std::os::unix::fs::symlink(dir.path().join("none"), &link).unwrap();
            assert!(matches!(read(&link), Err(ReadError::DanglingLink)));
            assert!(matches!(
                read(Path::new("/dev/zero")),
                Err(ReadError::NotRegular("a character device"))
            ));
        }
    }
}
