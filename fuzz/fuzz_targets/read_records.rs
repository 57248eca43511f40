//! Fuzzes the file readers: any bytes given as a partner file, a session file or config.toml must
//! give a record or an error, never a panic; a record that reads must write and read back the same.

#![no_main]

use coachlog_core::storage::record::{PartnerRecord, SessionRecord};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Whatever the quick reader reads, the TOML parser reads the same.
    if let Some(fast) = coachlog_core::storage::fast::read::<SessionRecord>(text) {
        let slow = toml::from_str::<SessionRecord>(text).expect("TOML reads it too");
        assert_eq!(fast.into_session("id".into(), None), slow.into_session("id".into(), None));
    }
    if let Ok(record) = toml::from_str::<SessionRecord>(text) {
        let session = record.into_session("id".into(), None);
        let again = toml::to_string(&SessionRecord::from_session(&session)).expect("writes");
        let back = toml::from_str::<SessionRecord>(&again)
            .expect("reads back")
            .into_session("id".into(), None);
        assert_eq!(back, session);
    }
    if let Ok(record) = toml::from_str::<PartnerRecord>(text) {
        let id: coachlog_core::domain::id::PartnerId = "fuzz".parse().expect("id");
        let partner = record.into_partner(id.clone());
        let again = toml::to_string(&PartnerRecord::from_partner(&partner)).expect("writes");
        let back = toml::from_str::<PartnerRecord>(&again)
            .expect("reads back")
            .into_partner(id);
        assert_eq!(back, partner);
    }
    let _ = coachlog_core::storage::config::parse(std::path::Path::new("config.toml"), text);
});
