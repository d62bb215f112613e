//! The OS keychain through a real Secret Service. Run by scripts/test.sh inside scripts/with-keyring.sh
//! (a private D-Bus session with gnome-keyring); ignored in a plain `cargo test`.
use outpost_core::secrets::{KeyringStore, MemoryStore, SecretStore};

fn unique_service() -> String {
    format!("app.outpost.crm.test-{}", std::process::id())
}

fn round_trip(store: &dyn SecretStore) {
    let key = "mailbox-1";
    assert_eq!(store.get(key).unwrap(), None);
    store.set(key, "s3cret pässword").unwrap();
    assert_eq!(store.get(key).unwrap().as_deref(), Some("s3cret pässword"));
    store.set(key, "rotated").unwrap();
    assert_eq!(store.get(key).unwrap().as_deref(), Some("rotated"));
    store.delete(key).unwrap();
    assert_eq!(store.get(key).unwrap(), None);
    store.delete(key).unwrap(); // deleting twice is fine
}

#[test]
#[ignore = "needs a Secret Service: run via scripts/with-keyring.sh"]
fn keyring_round_trip_through_the_secret_service() {
    round_trip(&KeyringStore::with_service(unique_service()));
}

#[test]
#[ignore = "needs a Secret Service: run via scripts/with-keyring.sh"]
fn a_secret_written_by_one_store_is_read_by_another() {
    // What the app relies on: the CLI stores a password, the app (another process, another Entry) reads it.
    let service = unique_service();
    KeyringStore::with_service(&service).set("mailbox-2", "shared").unwrap();
    let other = KeyringStore::with_service(&service);
    assert_eq!(other.get("mailbox-2").unwrap().as_deref(), Some("shared"));
    other.delete("mailbox-2").unwrap();
}

#[test]
fn memory_store_round_trip() {
    round_trip(&MemoryStore::default());
}
