//! Multi-row inserts, chunked under both backends' parameter limits: `$N` placeholders for
//! PostgreSQL, anonymous `?` for SQLite (see [`Placeholders`]).

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Transaction};

use crate::StoreError;

/// One bound value; the few types the `Any` driver carries portably.
#[derive(Debug, Clone)]
pub enum Value {
    /// Text, possibly absent.
    Text(Option<String>),
    /// 64-bit integer, possibly absent.
    Int(Option<i64>),
    /// Double, possibly absent.
    Real(Option<f64>),
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_string()))
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_string))
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(Some(v))
    }
}
impl From<Option<f64>> for Value {
    fn from(v: Option<f64>) -> Self {
        Value::Real(v)
    }
}

/// Binds one value onto a query.
pub fn bind<'q>(q: Query<'q, Any, AnyArguments<'q>>, v: Value) -> Query<'q, Any, AnyArguments<'q>> {
    match v {
        Value::Text(t) => q.bind(t),
        Value::Int(i) => q.bind(i),
        Value::Real(r) => q.bind(r),
    }
}

/// SQLite allows 32,766 parameters per statement; stay well below for both backends.
const MAX_PARAMS: usize = 30_000;

/// Inserts `rows` into `table` inside `tx`, as few statements as the parameter limit allows.
pub async fn insert_rows(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<(), StoreError> {
    if rows.is_empty() || columns.is_empty() {
        return Ok(());
    }
    let per_chunk = (MAX_PARAMS / columns.len()).clamp(1, 1000);
    let style = Placeholders::for_backend(tx.backend_name());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_chunk).collect();
        let sql = insert_sql(table, columns, chunk.len(), style);
        let mut q = sqlx::query(&sql);
        for row in chunk {
            debug_assert_eq!(row.len(), columns.len());
            for v in row {
                q = bind(q, v);
            }
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// How a statement spells its bind parameters.
///
/// SQLite treats `$N` as a *named* parameter, and sqlx binds each one by asking SQLite for its
/// name, which SQLite finds by a linear scan of the statement's names: binding n named
/// parameters costs O(n²). At 10,000 parameters per statement that made SQLite bulk loads take
/// seconds per 100,000 rows. Anonymous `?` parameters have no names and bind in O(n).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placeholders {
    /// `$1, $2, …` (PostgreSQL needs these).
    Numbered,
    /// `?, ?, …`, bound in order (SQLite).
    Anonymous,
}

impl Placeholders {
    fn for_backend(name: &str) -> Self {
        if name.eq_ignore_ascii_case("sqlite") {
            Placeholders::Anonymous
        } else {
            Placeholders::Numbered
        }
    }
}

fn insert_sql(table: &str, columns: &[&str], rows: usize, style: Placeholders) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            match style {
                Placeholders::Numbered => {
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
                Placeholders::Anonymous => sql.push('?'),
            }
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::{insert_sql, Placeholders};

    #[test]
    fn placeholders_are_numbered_across_rows() {
        assert_eq!(
            insert_sql("t", &["a", "b"], 2, Placeholders::Numbered),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
    }

    #[test]
    fn sqlite_gets_anonymous_placeholders() {
        assert_eq!(
            insert_sql("t", &["a", "b"], 2, Placeholders::for_backend("SQLite")),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
        assert_eq!(
            Placeholders::for_backend("PostgreSQL"),
            Placeholders::Numbered
        );
    }
}
