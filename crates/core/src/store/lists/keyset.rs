//! Keyset pages over any sort: the cursor holds the last row's sort key, so page 10,000 costs what page 1 costs.
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// Bound values of one statement, referenced by number (`?3`) so a condition repeated in several branches
/// binds once.
#[derive(Default)]
pub(crate) struct Binds(pub Vec<Value>);

impl Binds {
    pub fn push(&mut self, v: impl Into<Value>) -> String {
        self.0.push(v.into());
        format!("?{}", self.0.len())
    }
}

/// One sort key: an expression over the list's table, ending the list of keys with the row id.
#[derive(Debug, Clone)]
pub(crate) struct Key {
    pub expr: String,
    /// Compared and ordered ignoring case (the index is NOCASE too).
    pub nocase: bool,
    /// NULLs sort first ascending and last descending, as SQLite does; the cursor branches say so explicitly.
    pub nullable: bool,
    /// Every non-NULL value is text, so "after NULL" is `>= ''`: an index seek, where `IS NOT NULL` on a NOCASE
    /// index scans every NULL entry first.
    pub text: bool,
}

impl Key {
    pub fn new(expr: impl Into<String>, nocase: bool, nullable: bool) -> Key {
        Key { expr: expr.into(), nocase, nullable, text: false }
    }

    pub fn text(mut self) -> Key {
        self.text = true;
        self
    }

    fn ordered(&self) -> String {
        if self.nocase {
            format!("{} COLLATE NOCASE", self.expr)
        } else {
            self.expr.clone()
        }
    }
}

/// What to page: the table, the conditions (with their values already in `binds`), and the order.
pub(crate) struct Listing {
    /// "contacts c"
    pub from: &'static str,
    /// "c.id"
    pub id: &'static str,
    pub conds: Vec<String>,
    pub binds: Binds,
    /// How many of `binds` the conditions use (the sort's come after them).
    pub cond_binds: usize,
    /// Sort keys; the last is the id.
    pub keys: Vec<Key>,
    pub desc: bool,
}

impl Listing {
    pub fn where_sql(&self) -> String {
        if self.conds.is_empty() {
            "1".into()
        } else {
            self.conds.join(" AND ")
        }
    }

    /// The values the conditions bind.
    pub fn cond_binds(&self) -> impl Iterator<Item = &Value> {
        self.binds.0.iter().take(self.cond_binds)
    }

    /// The whole sort as an ORDER BY list.
    pub fn order_by(&self) -> String {
        let dir = if self.desc { "DESC" } else { "ASC" };
        self.keys.iter().map(|k| format!("{} {dir}", k.ordered())).collect::<Vec<_>>().join(", ")
    }

    /// The values the sort binds (a custom field's key), after the conditions'.
    pub fn sort_binds(&self) -> impl Iterator<Item = &Value> {
        self.binds.0.iter().skip(self.cond_binds)
    }

    /// The cursor that continues after row `row_id`: its sort key, as `page_ids` writes it.
    pub fn cursor_after(&self, conn: &Connection, row_id: i64) -> Result<Option<String>> {
        let keys: Vec<&str> = self.keys.iter().map(|k| k.expr.as_str()).collect();
        let at = self.binds.0.len() + 1;
        let sql = format!("SELECT {} FROM {} WHERE {} = ?{at}", keys.join(", "), self.from, self.id);
        let mut stmt = conn.prepare_cached(&sql)?;
        let values = self.binds.0.iter().cloned().chain([Value::Integer(row_id)]);
        let used: Vec<Value> = values.take(stmt.parameter_count()).collect();
        let key = stmt
            .query_row(rusqlite::params_from_iter(used), |r| {
                (0..self.keys.len()).map(|i| r.get::<_, Value>(i).map(json_of)).collect::<rusqlite::Result<Vec<_>>>()
            })
            .optional()?;
        Ok(match key {
            Some(key) => Some(serde_json::to_string(&key)?),
            None => None,
        })
    }
}

/// The ids of one page in order, and the cursor of the next page (None on the last).
pub(crate) fn page_ids(
    conn: &Connection,
    l: Listing,
    cursor: Option<&str>,
    limit: usize,
) -> Result<(Vec<i64>, Option<String>)> {
    let where_sql = l.where_sql();
    let Listing { from, id, keys, desc, mut binds, .. } = l;
    let cursor: Option<Vec<serde_json::Value>> =
        cursor.and_then(|c| serde_json::from_str(c).ok()).filter(|c: &Vec<serde_json::Value>| c.len() == keys.len());
    let dir = if desc { "DESC" } else { "ASC" };
    let aliases: Vec<String> = keys.iter().enumerate().map(|(i, k)| format!("{} AS k{i}", k.expr)).collect();
    let aliases = aliases.join(", ");
    let limit_param = binds.push((limit + 1) as i64);
    let limit_at = binds.0.len() - 1;
    let order_from = |from: usize| -> String {
        keys[from..].iter().map(|k| format!("{} {dir}", k.ordered())).collect::<Vec<_>>().join(", ")
    };
    let seek = |extra: &str, order: &str| {
        format!(
            "SELECT {id} AS id, {aliases} FROM {from} WHERE {where_sql}{extra} ORDER BY {order} LIMIT {limit_param}"
        )
    };
    // Branch (i, cond) fixes keys[..i], so it orders by the rest: each is a plain index seek. The branches
    // partition what follows the cursor in order (the deepest first), so they run one after another until the
    // page is full: a branch walking a long run of equal leading keys under a filter no longer makes the next
    // branch walk its own full page too (a UNION ALL under one ORDER BY ran them all).
    let queries: Vec<String> = match &cursor {
        None => vec![seek("", &order_from(0))],
        Some(values) => {
            let mut b = branches(&keys, values, desc, &mut binds);
            b.sort_by_key(|(i, _)| std::cmp::Reverse(*i));
            b.iter().map(|(i, cond)| seek(&format!(" AND {cond}"), &order_from(*i))).collect()
        }
    };
    let mut rows: Vec<(i64, Vec<serde_json::Value>)> = Vec::new();
    for sql in queries {
        let want = limit + 1 - rows.len();
        // Each branch asks only for what the page still lacks.
        binds.0[limit_at] = Value::Integer(want as i64);
        let mut stmt = conn.prepare_cached(&sql)?;
        // Values are numbered (`?3`); a branch uses those up to its last cursor key, not the later ones.
        let used = binds.0.iter().take(stmt.parameter_count());
        let found = stmt.query_map(rusqlite::params_from_iter(used), |r| {
            let key = (1..=keys.len()).map(|i| r.get::<_, Value>(i).map(json_of)).collect::<rusqlite::Result<_>>()?;
            Ok((r.get(0)?, key))
        })?;
        for row in found {
            rows.push(row?);
        }
        if rows.len() > limit {
            break;
        }
    }
    let next = if rows.len() > limit { Some(serde_json::to_string(&rows[limit - 1].1)?) } else { None };
    Ok((rows.into_iter().take(limit).map(|(id, _)| id).collect(), next))
}

/// How many rows the listing's conditions match.
pub(crate) fn count(conn: &Connection, l: &Listing) -> Result<i64> {
    let sql = format!("SELECT count(*) FROM {} WHERE {}", l.from, l.where_sql());
    Ok(conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(l.binds.0.iter()), |r| r.get(0))?)
}

/// Every matching id, in id order (a selection of "all that match").
pub(crate) fn all_ids(conn: &Connection, l: &Listing) -> Result<Vec<i64>> {
    let sql = format!("SELECT {} FROM {} WHERE {} ORDER BY {}", l.id, l.from, l.where_sql(), l.id);
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt.query_map(rusqlite::params_from_iter(l.binds.0.iter()), |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The rows after a cursor as WHERE fragments, one per leading-equal prefix: `k1 > ?`, `k1 = ? AND k2 > ?`, …
/// Each is a plain index seek; SQLite does not seek on row values over COLLATE or expression keys, nor narrow
/// `k1 >= ? AND (…)` when many rows share k1. NULL keys sort first ascending and last descending, so "after
/// NULL" and "equal to NULL" get their own fragments. Returns (index of the first free key, fragment).
fn branches(keys: &[Key], values: &[serde_json::Value], desc: bool, binds: &mut Binds) -> Vec<(usize, String)> {
    let params: Vec<Option<String>> =
        values.iter().map(|v| if v.is_null() { None } else { Some(binds.push(value_of(v))) }).collect();
    let cmp = |k: &Key, op: &str, p: &str| format!("{} {op} {p}", k.ordered());
    let gt = if desc { "<" } else { ">" };
    let mut out = Vec::new();
    for i in 0..keys.len() {
        let mut fixed: Vec<String> = (0..i)
            .map(|j| match &params[j] {
                Some(p) => cmp(&keys[j], "=", p),
                None => format!("{} IS NULL", keys[j].expr),
            })
            .collect();
        let k = &keys[i];
        let after: Vec<String> = match (&params[i], desc) {
            (Some(p), false) => vec![cmp(k, gt, p)],
            // Descending, NULLs come last: after a value are smaller values, then every NULL.
            (Some(p), true) if k.nullable => vec![cmp(k, gt, p), format!("{} IS NULL", k.expr)],
            (Some(p), true) => vec![cmp(k, gt, p)],
            // Ascending, NULLs come first: after a NULL come all the values.
            (None, false) if k.text => vec![format!("{} >= ''", k.ordered())],
            (None, false) => vec![format!("{} IS NOT NULL", k.expr)],
            // Descending, nothing comes after a NULL but other NULLs (decided by the later keys).
            (None, true) => vec![],
        };
        for a in after {
            fixed.push(a);
            out.push((i, fixed.join(" AND ")));
            fixed.pop();
        }
    }
    out
}

fn json_of(v: Value) -> serde_json::Value {
    match v {
        Value::Integer(n) => serde_json::json!(n),
        Value::Real(f) => serde_json::json!(f),
        Value::Text(s) => serde_json::json!(s),
        _ => serde_json::Value::Null,
    }
}

fn value_of(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Number(n) if n.is_i64() => Value::Integer(n.as_i64().unwrap_or(0)),
        serde_json::Value::Number(n) => Value::Real(n.as_f64().unwrap_or(0.0)),
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        _ => Value::Null,
    }
}
