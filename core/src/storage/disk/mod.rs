//! The file layer, the storage's lowest tier: reads of regular files only (bounded), atomic
//! writes, the lock, one walk of the logbook's folders, the names of its files, and the fallbacks
//! where Unix calls are not there. It knows nothing of records.

pub(super) mod file_type;
pub mod files;
pub mod name;
pub mod portable;
pub mod walk;
