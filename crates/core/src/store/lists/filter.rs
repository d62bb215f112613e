//! Compiles a filter tree into one parameterized SQL condition. Field names come from the whitelist in
//! `fields.rs` (custom keys from their definitions); every value is a bound parameter.
use chrono::{Days, NaiveDate, Utc};
use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use serde_json::Value;

use super::fields::{self, Field, Table};
use super::keyset::Binds;
use crate::domain::{FieldKind, FilterGroup, FilterNode, FilterOp, FilterRule, ListEntity};
use crate::error::{CoreError, Result};

/// Deep enough for any filter a person builds; bounds the SQL a saved view can produce.
const MAX_DEPTH: usize = 6;
const MAX_RULES: usize = 200;
const MAX_LIST: usize = 500;

/// The filter as a condition over the list's table alias. An empty group matches everything.
pub(crate) fn compile(
    conn: &Connection,
    entity: ListEntity,
    filter: &FilterGroup,
    binds: &mut Binds,
) -> Result<String> {
    let mut c = Compiler { conn, entity, table: fields::table(entity), binds, rules: 0 };
    c.group(filter, 0)
}

struct Compiler<'a> {
    conn: &'a Connection,
    entity: ListEntity,
    table: Table,
    binds: &'a mut Binds,
    rules: usize,
}

fn bad(message: impl Into<String>) -> CoreError {
    CoreError::validation("filter", message)
}

impl Compiler<'_> {
    fn group(&mut self, g: &FilterGroup, depth: usize) -> Result<String> {
        if depth > MAX_DEPTH {
            return Err(bad("The filter nests groups too deeply."));
        }
        let (joiner, nodes) = match g {
            FilterGroup::And(n) => (" AND ", n),
            FilterGroup::Or(n) => (" OR ", n),
        };
        let mut parts = Vec::new();
        for node in nodes {
            let part = match node {
                FilterNode::Group(inner) if inner.nodes().is_empty() => continue,
                FilterNode::Group(inner) => self.group(inner, depth + 1)?,
                FilterNode::Rule(rule) => self.rule(rule)?,
            };
            parts.push(format!("({part})"));
        }
        Ok(if parts.is_empty() { "1".into() } else { parts.join(joiner) })
    }

    fn rule(&mut self, rule: &FilterRule) -> Result<String> {
        self.rules += 1;
        if self.rules > MAX_RULES {
            return Err(bad(format!("A filter can have at most {MAX_RULES} rules.")));
        }
        let f = fields::resolve(self.conn, self.entity, &rule.field, self.binds, "filter")?;
        if !fields::operators(f.kind).contains(&rule.op) {
            return Err(bad(format!("“{}” can't be filtered with “{}”.", f.label, op_label(rule.op))));
        }
        match f.kind {
            FieldKind::Tags => self.tags(&f, rule),
            FieldKind::MultiChoice => self.multi(&f, rule),
            _ => self.scalar(&f, rule),
        }
    }

    fn scalar(&mut self, f: &Field, rule: &FilterRule) -> Result<String> {
        use FilterOp::*;
        let e = &f.expr;
        // Choices are compared in their defined spelling; free text ignores case, like the NOCASE indexes.
        let text = matches!(f.kind, FieldKind::Text) || (f.kind == FieldKind::Choice && !f.ids);
        let nocase = if f.kind == FieldKind::Text { " COLLATE NOCASE" } else { "" };
        Ok(match rule.op {
            IsEmpty if text => format!("{e} IS NULL OR {e} = ''"),
            IsEmpty => format!("{e} IS NULL"),
            IsNotEmpty if text => format!("{e} IS NOT NULL AND {e} <> ''"),
            IsNotEmpty => format!("{e} IS NOT NULL"),
            Is if f.kind == FieldKind::Datetime => {
                let (from, to) = (self.date(f, &rule.value, 0)?, self.date(f, &rule.value, 1)?);
                format!("{e} >= {from} AND {e} < {to}")
            }
            Is => format!("{e} = {}{nocase}", self.value(f, &rule.value)?),
            IsNot => format!("{e} IS NULL OR {e} <> {}{nocase}", self.value(f, &rule.value)?),
            Contains => format!("{e} LIKE {} ESCAPE '\\'", self.like(f, &rule.value, true)?),
            NotContains => format!("{e} IS NULL OR {e} NOT LIKE {} ESCAPE '\\'", self.like(f, &rule.value, true)?),
            StartsWith => format!("{e} LIKE {} ESCAPE '\\'", self.like(f, &rule.value, false)?),
            Gt => format!("{e} > {}", self.value(f, &rule.value)?),
            Lt => format!("{e} < {}", self.value(f, &rule.value)?),
            Before => format!("{e} < {}", self.date(f, &rule.value, 0)?),
            // After a day means from the next day on, whether the field holds dates or instants.
            After => format!("{e} >= {}", self.date(f, &rule.value, 1)?),
            AnyOf => format!("{e}{nocase} IN ({})", self.list(f, &rule.value)?),
            NoneOf => format!("{e} IS NULL OR {e}{nocase} NOT IN ({})", self.list(f, &rule.value)?),
            InLastDays => {
                let n = days(f, &rule.value)?;
                let today = Utc::now().date_naive();
                let from = self.binds.push(day(today.checked_sub_days(Days::new(n)).unwrap_or(today)));
                let to = self.binds.push(day(today.checked_add_days(Days::new(1)).unwrap_or(today)));
                format!("{e} >= {from} AND {e} < {to}")
            }
            InNextDays => {
                let n = days(f, &rule.value)?;
                let today = Utc::now().date_naive();
                let from = self.binds.push(day(today));
                let to = self.binds.push(day(today.checked_add_days(Days::new(n + 1)).unwrap_or(today)));
                format!("{e} >= {from} AND {e} < {to}")
            }
        })
    }

    /// Multiselect custom fields hold a JSON array.
    fn multi(&mut self, f: &Field, rule: &FilterRule) -> Result<String> {
        use FilterOp::*;
        let (alias, path) = (self.table.alias, f.path.clone().unwrap_or_default());
        let has = |set: String| {
            format!("EXISTS (SELECT 1 FROM json_each({alias}.custom, {path}) WHERE value COLLATE NOCASE IN ({set}))")
        };
        let length = format!("ifnull(json_array_length({alias}.custom, {path}), 0)");
        Ok(match rule.op {
            Is => has(self.value(f, &rule.value)?),
            IsNot => format!("NOT {}", has(self.value(f, &rule.value)?)),
            AnyOf => has(self.list(f, &rule.value)?),
            NoneOf => format!("NOT {}", has(self.list(f, &rule.value)?)),
            IsEmpty => format!("{length} = 0"),
            IsNotEmpty => format!("{length} > 0"),
            _ => unreachable!("checked against operators()"),
        })
    }

    /// Tags are taggings rows; values are tag ids.
    fn tags(&mut self, f: &Field, rule: &FilterRule) -> Result<String> {
        use FilterOp::*;
        let t = &self.table;
        let tagged = format!("SELECT 1 FROM taggings g WHERE g.entity = '{}' AND g.entity_id = {}", t.tag_entity, t.id);
        let with = |set: String| format!("EXISTS ({tagged} AND g.tag_id IN ({set}))");
        Ok(match rule.op {
            Is => with(self.tag_id(f, &rule.value)?),
            IsNot => format!("NOT {}", with(self.tag_id(f, &rule.value)?)),
            AnyOf => with(self.tag_list(f, &rule.value)?),
            NoneOf => format!("NOT {}", with(self.tag_list(f, &rule.value)?)),
            IsEmpty => format!("NOT EXISTS ({tagged})"),
            IsNotEmpty => format!("EXISTS ({tagged})"),
            _ => unreachable!("checked against operators()"),
        })
    }

    fn tag_id(&mut self, f: &Field, v: &Value) -> Result<String> {
        let id = as_i64(v).ok_or_else(|| bad(format!("Pick a tag for “{}”.", f.label)))?;
        Ok(self.binds.push(id))
    }

    fn tag_list(&mut self, f: &Field, v: &Value) -> Result<String> {
        let items = items(f, v)?;
        let params: Result<Vec<String>> = items.iter().map(|v| self.tag_id(f, v)).collect();
        Ok(params?.join(", "))
    }

    /// One comparison value in the field's stored form, bound.
    fn value(&mut self, f: &Field, v: &Value) -> Result<String> {
        let sql = typed(f, v)?;
        Ok(self.binds.push(sql))
    }

    fn list(&mut self, f: &Field, v: &Value) -> Result<String> {
        let items = items(f, v)?;
        let params: Result<Vec<String>> = items.iter().map(|v| self.value(f, v)).collect();
        Ok(params?.join(", "))
    }

    fn like(&mut self, f: &Field, v: &Value, anywhere: bool) -> Result<String> {
        let s = match v {
            Value::String(s) if !s.is_empty() => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return Err(bad(format!("Type some text to look for in “{}”.", f.label))),
        };
        let escaped = s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        Ok(self.binds.push(if anywhere { format!("%{escaped}%") } else { format!("{escaped}%") }))
    }

    /// The start of the day `v` (+ `plus` days), as the field stores it.
    fn date(&mut self, f: &Field, v: &Value, plus: u64) -> Result<String> {
        let d = parse_date(f, v)?;
        Ok(self.binds.push(day(d.checked_add_days(Days::new(plus)).unwrap_or(d))))
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_date(f: &Field, v: &Value) -> Result<NaiveDate> {
    let s = v.as_str().unwrap_or_default().trim();
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
        .map_err(|_| bad(format!("“{}” needs a date like 2026-12-31.", f.label)))
}

fn days(f: &Field, v: &Value) -> Result<u64> {
    as_i64(v)
        .filter(|n| (0..=36_500).contains(n))
        .map(|n| n as u64)
        .ok_or_else(|| bad(format!("“{}” needs a number of days.", f.label)))
}

fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn items<'v>(f: &Field, v: &'v Value) -> Result<&'v Vec<Value>> {
    match v {
        Value::Array(a) if !a.is_empty() && a.len() <= MAX_LIST => Ok(a),
        Value::Array(a) if a.len() > MAX_LIST => Err(bad(format!("Pick at most {MAX_LIST} values."))),
        _ => Err(bad(format!("Pick at least one value for “{}”.", f.label))),
    }
}

/// A value converted to what the column holds: numbers for numbers and ids, known choices for choices.
fn typed(f: &Field, v: &Value) -> Result<Sql> {
    match f.kind {
        FieldKind::Number | FieldKind::Money => {
            let n = match v {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().replace([' ', ','], "").parse::<f64>().ok(),
                _ => None,
            }
            .filter(|n| n.is_finite())
            .ok_or_else(|| bad(format!("“{}” needs a number.", f.label)))?;
            Ok(if n.fract() == 0.0 && n.abs() < 9e15 { Sql::Integer(n as i64) } else { Sql::Real(n) })
        }
        FieldKind::Date | FieldKind::Datetime => Ok(Sql::Text(day(parse_date(f, v)?))),
        FieldKind::Bool => match v {
            Value::Bool(b) => Ok(Sql::Integer(i64::from(*b))),
            _ => Err(bad(format!("“{}” is yes or no.", f.label))),
        },
        FieldKind::Choice | FieldKind::MultiChoice => {
            let s = match v {
                Value::String(s) => s.trim().to_string(),
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            let option = f
                .options
                .iter()
                .find(|o| o.value.eq_ignore_ascii_case(&s))
                .ok_or_else(|| bad(format!("“{s}” is not one of the choices for “{}”.", f.label)))?;
            Ok(if f.ids { Sql::Integer(option.value.parse().unwrap_or(-1)) } else { Sql::Text(option.value.clone()) })
        }
        FieldKind::Text | FieldKind::Tags => match v {
            Value::String(s) => Ok(Sql::Text(s.trim().to_string())),
            Value::Number(n) => Ok(Sql::Text(n.to_string())),
            _ => Err(bad(format!("Type a value for “{}”.", f.label))),
        },
    }
}

fn op_label(op: FilterOp) -> &'static str {
    use FilterOp::*;
    match op {
        Is => "is",
        IsNot => "is not",
        Contains => "contains",
        NotContains => "does not contain",
        StartsWith => "starts with",
        IsEmpty => "is empty",
        IsNotEmpty => "is not empty",
        Gt => "greater than",
        Lt => "less than",
        Before => "before",
        After => "after",
        AnyOf => "any of",
        NoneOf => "none of",
        InLastDays => "in the last days",
        InNextDays => "in the next days",
    }
}
