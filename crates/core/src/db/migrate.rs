//! Forward-only schema migrations, embedded from `migrations/` at build time.
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{CoreError, Result};

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// The newest schema this build knows.
pub fn supported_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// A database written by a newer Outpost is never migrated down or opened for writing.
pub fn refuse_newer(conn: &Connection) -> Result<()> {
    let found = schema_version(conn)?;
    if found > supported_version() {
        return Err(CoreError::DatabaseTooNew { found, supported: supported_version() });
    }
    Ok(())
}

pub fn run(conn: &mut Connection) -> Result<()> {
    refuse_newer(conn)?;
    migrations().to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => CoreError::from(err),
        other => CoreError::Migration(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
