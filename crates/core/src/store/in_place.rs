//! A prepared statement whose text parameters SQLite reads where they lie, for the inserts a bulk import runs
//! a million times.
//!
//! rusqlite binds every text as `SQLITE_TRANSIENT`: SQLite allocates a copy, and frees it when the parameter is
//! bound again. For the import's contact insert (fifteen texts a row) that was a tenth of the writer's time.
//! Bound `SQLITE_STATIC`, SQLite reads the caller's bytes while the statement runs. That is only sound while
//! the bytes live, so this type binds, runs and unbinds in one call (`run`) that borrows the values for its
//! whole length: no binding outlives the call.
use std::ffi::{c_int, CStr};
use std::ptr::NonNull;

use rusqlite::{ffi, types::ToSqlOutput, Connection, ToSql};

use crate::error::{CoreError, Result};

/// One parameter's value, borrowed for the statement's run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    /// A text followed by a NUL byte, which SQLite is told of (`Arg::text_z`).
    TextZ(Terminated<'a>),
}

/// A text whose NUL terminator follows it in the same buffer. SQLite can then hand it to a function that wants
/// C strings (FTS5's tokenizer) as it lies, instead of copying it to add one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Terminated<'a>(&'a str);

impl<'a> Terminated<'a> {
    /// The text without its terminator.
    fn text(self) -> &'a str {
        &self.0[..self.0.len() - 1]
    }
}

impl<'a> Arg<'a> {
    /// `s` as a text parameter; one that ends in a NUL byte is bound without it, and SQLite told of it.
    pub fn text_z(s: &'a str) -> Arg<'a> {
        if s.ends_with('\0') {
            Arg::TextZ(Terminated(s))
        } else {
            Arg::Text(s)
        }
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl<'a, T: Into<Arg<'a>>> From<Option<T>> for Arg<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Arg::Null, Into::into)
    }
}

/// The same values through rusqlite, so one list of a record's columns serves both kinds of statement.
impl ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match *self {
            Arg::Null => ToSqlOutput::from(rusqlite::types::Null),
            Arg::Int(n) => ToSqlOutput::from(n),
            Arg::Text(s) => ToSqlOutput::from(s),
            Arg::TextZ(z) => ToSqlOutput::from(z.text()),
        })
    }
}

/// A statement prepared on `conn` for many runs; finalized when dropped.
pub struct InPlaceStatement<'c> {
    conn: &'c Connection,
    stmt: NonNull<ffi::sqlite3_stmt>,
    params: usize,
}

impl<'c> InPlaceStatement<'c> {
    /// Prepares one SQL statement (no trailing second statement).
    pub fn prepare(conn: &'c Connection, sql: &str) -> Result<Self> {
        let len = c_int::try_from(sql.len()).map_err(|_| CoreError::Internal("statement too long".into()))?;
        let mut stmt = std::ptr::null_mut();
        let mut tail = std::ptr::null();
        // SAFETY: the handle is the open connection `conn` borrows for as long as this statement lives; the SQL
        // pointer and length describe `sql`, which SQLite reads only during the call (it keeps its own copy).
        let rc = unsafe {
            ffi::sqlite3_prepare_v3(
                conn.handle(),
                sql.as_ptr().cast(),
                len,
                ffi::SQLITE_PREPARE_PERSISTENT,
                &mut stmt,
                &mut tail,
            )
        };
        if rc != ffi::SQLITE_OK {
            return Err(failure(conn, rc));
        }
        let stmt = NonNull::new(stmt).ok_or_else(|| CoreError::Internal("an empty statement".into()))?;
        // SAFETY: `stmt` was just prepared and is finalized only by `drop`.
        let params = unsafe { ffi::sqlite3_bind_parameter_count(stmt.as_ptr()) } as usize;
        let statement = InPlaceStatement { conn, stmt, params };
        let consumed = (tail as usize).saturating_sub(sql.as_ptr() as usize);
        if !sql[consumed.min(sql.len())..].trim().is_empty() {
            return Err(CoreError::Internal("one statement at a time".into()));
        }
        Ok(statement)
    }

    /// Runs the statement with `args` bound to ?1, ?2, … (every parameter it has); the rowid of the last row
    /// inserted on the connection.
    pub fn run(&mut self, args: &[Arg<'_>]) -> Result<i64> {
        if args.len() != self.params {
            return Err(CoreError::Internal(format!("{} values for {} parameters", args.len(), self.params)));
        }
        let stmt = self.stmt.as_ptr();
        let mut rc = ffi::SQLITE_OK;
        for (i, arg) in args.iter().enumerate() {
            let at = i as c_int + 1;
            // SAFETY: `stmt` is live and not running. A text is bound SQLITE_STATIC: SQLite reads it in place
            // until the parameter is bound again, and `clear_bindings` below rebinds every parameter to NULL
            // before this call (and so the borrow of `args`) ends.
            rc = unsafe {
                match *arg {
                    Arg::Null => ffi::sqlite3_bind_null(stmt, at),
                    Arg::Int(n) => ffi::sqlite3_bind_int64(stmt, at, n),
                    Arg::Text(s) => ffi::sqlite3_bind_text64(
                        stmt,
                        at,
                        s.as_ptr().cast(),
                        s.len() as u64,
                        ffi::SQLITE_STATIC(),
                        ffi::SQLITE_UTF8 as u8,
                    ),
                    // The byte after the text is the NUL `Terminated` keeps with it, which SQLITE_UTF8_ZT
                    // promises.
                    Arg::TextZ(z) => ffi::sqlite3_bind_text64(
                        stmt,
                        at,
                        z.0.as_ptr().cast(),
                        z.text().len() as u64,
                        ffi::SQLITE_STATIC(),
                        ffi::SQLITE_UTF8_ZT as u8,
                    ),
                }
            };
            if rc != ffi::SQLITE_OK {
                break;
            }
        }
        if rc == ffi::SQLITE_OK {
            // SAFETY: every parameter is bound to a value that lives until the end of this call.
            rc = unsafe { ffi::sqlite3_step(stmt) };
        }
        let result = match rc {
            ffi::SQLITE_DONE | ffi::SQLITE_ROW => Ok(self.conn.last_insert_rowid()),
            rc => Err(failure(self.conn, rc)),
        };
        // SAFETY: `stmt` is live; a reset ends its run, and clearing the bindings drops every pointer into `args`.
        unsafe {
            ffi::sqlite3_reset(stmt);
            ffi::sqlite3_clear_bindings(stmt);
        }
        result
    }
}

impl Drop for InPlaceStatement<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement was prepared on `conn`, which outlives it, and is finalized once, here.
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

/// The connection's error for a failed call, as rusqlite reports it.
fn failure(conn: &Connection, rc: c_int) -> CoreError {
    // SAFETY: the handle is open; the message SQLite returns is valid until its next call on the connection, and
    // is copied at once.
    let (code, message) = unsafe {
        let db = conn.handle();
        let code = ffi::sqlite3_extended_errcode(db);
        let message = CStr::from_ptr(ffi::sqlite3_errmsg(db)).to_string_lossy().into_owned();
        (if code == ffi::SQLITE_OK { rc } else { code }, message)
    };
    rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(message)).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER, c TEXT UNIQUE)")
            .unwrap();
        conn
    }

    #[test]
    fn texts_are_stored_after_their_memory_is_reused() {
        let conn = db();
        let mut insert = InPlaceStatement::prepare(&conn, "INSERT INTO t (a, b, c) VALUES (?1, ?2, ?3)").unwrap();
        let mut buf = String::new();
        for i in 0..3 {
            buf.clear();
            buf.push_str(&format!("row {i} ü"));
            let id = insert.run(&[Arg::Text(&buf), Arg::Int(i), Arg::from(None::<&str>)]).unwrap();
            assert_eq!(id, i + 1);
            // The buffer is overwritten before the next run: what was stored must not change.
            buf.replace_range(.., "xxxxxxxx");
        }
        let rows: Vec<(String, Option<i64>, Option<String>)> = conn
            .prepare("SELECT a, b, c FROM t ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(rows[2], ("row 2 ü".to_string(), Some(2), None));
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn a_failed_run_reports_sqlites_error_and_the_statement_runs_again() {
        let conn = db();
        let mut insert = InPlaceStatement::prepare(&conn, "INSERT OR FAIL INTO t (a, c) VALUES (?1, ?2)").unwrap();
        insert.run(&["x".into(), "same".into()]).unwrap();
        let err = insert.run(&["y".into(), "same".into()]).unwrap_err().to_string();
        assert!(err.contains("UNIQUE"), "{err}");
        let err = insert.run(&[Arg::Null, "other".into()]).unwrap_err().to_string();
        assert!(err.contains("NOT NULL"), "{err}");
        assert_eq!(insert.run(&["z".into(), "other".into()]).unwrap(), 2);
        assert!(insert.run(&["z".into()]).is_err(), "every parameter gets a value");
    }

    #[test]
    fn only_one_statement_is_prepared() {
        let conn = db();
        assert!(InPlaceStatement::prepare(&conn, "SELECT 1; SELECT 2").is_err());
        assert!(InPlaceStatement::prepare(&conn, "SELECT nothing FROM nowhere").is_err());
        assert!(InPlaceStatement::prepare(&conn, "SELECT ?1  ;  ").is_ok());
    }

    /// A terminated text is stored and tokenized without its NUL, read in place (the buffer is overwritten
    /// between runs); one without a terminator goes as a plain text.
    #[test]
    fn terminated_texts_are_stored_and_indexed_without_their_nul() {
        let conn = db();
        conn.execute_batch("CREATE VIRTUAL TABLE f USING fts5 (title)").unwrap();
        let mut insert = InPlaceStatement::prepare(&conn, "INSERT INTO f (rowid, title) VALUES (?1, ?2)").unwrap();
        let mut buf = String::new();
        for (i, name) in ["Ada Lovelace\0", "Grace Hopper\0", "Edsger"].into_iter().enumerate() {
            buf.clear();
            buf.push_str(name);
            assert_eq!(matches!(Arg::text_z(&buf), Arg::TextZ(_)), name.ends_with('\0'));
            insert.run(&[Arg::Int(i as i64 + 1), Arg::text_z(&buf)]).unwrap();
            buf.replace_range(.., "zzzzzzzz zzzzzzzz\0");
        }
        let titles: Vec<String> = conn
            .prepare("SELECT title FROM f ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(titles, ["Ada Lovelace", "Grace Hopper", "Edsger"]);
        let hit: i64 = conn.query_row("SELECT rowid FROM f WHERE f MATCH 'hopper'", [], |r| r.get(0)).unwrap();
        assert_eq!(hit, 2);
        let none: i64 = conn.query_row("SELECT count(*) FROM f WHERE f MATCH 'zzzzzzzz'", [], |r| r.get(0)).unwrap();
        assert_eq!(none, 0);
        let through_rusqlite: String = conn.query_row("SELECT ?1", [Arg::text_z("x\0")], |r| r.get(0)).unwrap();
        assert_eq!(through_rusqlite, "x");
    }
}
