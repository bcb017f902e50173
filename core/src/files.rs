//! Files written whole or not at all: into a temporary file beside the destination, renamed
//! over it once complete and on disk. A failure leaves nothing under the final name, and the
//! temporary file is removed.

use std::fs::File;
use std::io;
use std::path::Path;

use crate::Error;

/// How the temporary file is named and who may read the result.
pub(crate) struct AtomicFile<'a> {
    /// Starts the temporary file's name (`.cleverkit-download-`).
    pub prefix: &'a str,
    pub suffix: &'a str,
    /// Unix permissions of the result: a temporary file is private (0600) until told otherwise.
    #[cfg_attr(not(unix), allow(dead_code))]
    pub mode: u32,
}

/// `Error::Io` for a failure writing `destination`, in the system's words but without the
/// path they may carry (the temporary file's, whose name means nothing to the caller).
pub(crate) fn io_error(destination: &Path, error: &io::Error) -> Error {
    let cause = match error.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code).to_string(),
        None => error.kind().to_string(),
    };
    Error::Io(format!("{}: {cause}", destination.display()))
}

impl AtomicFile<'_> {
    /// Runs `write` on the temporary file, then syncs it and renames it to `destination`.
    /// A failure here is [`io_error`].
    pub fn write<T>(
        &self,
        destination: &Path,
        write: impl FnOnce(&mut File) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let local = |error: io::Error| io_error(destination, &error);
        let directory = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(self.prefix).suffix(self.suffix);
        // On Windows the file inherits the folder's ACL.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(self.mode));
        let mut temporary = builder.tempfile_in(directory).map_err(&local)?;
        let written = write(temporary.as_file_mut())?;
        temporary.as_file().sync_all().map_err(&local)?;
        temporary
            .persist(destination)
            .map_err(|err| local(err.error))?;
        Ok(written)
    }
}
