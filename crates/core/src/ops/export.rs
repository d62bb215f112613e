//! Exporting a list (all of it, or what a saved view's filter keeps) to CSV or XLSX.
use std::path::Path;

use crate::domain::{ExportFormat, ExportSummary, FieldEntity, ListEntity, PageQuery};
use crate::error::Result;
use crate::export::{self, TableWriter};
use crate::Outpost;

impl Outpost {
    /// Writes every record the query matches (its filter and sort; paging is ignored) as a job with
    /// progress. Stored data is never altered; cells that look like formulas are written as text.
    pub fn export_list(
        &self,
        entity: ListEntity,
        query: &PageQuery,
        format: ExportFormat,
        path: &Path,
    ) -> Result<ExportSummary> {
        let field_entity = match entity {
            ListEntity::Contact | ListEntity::Lead => FieldEntity::Contact,
            ListEntity::Company => FieldEntity::Company,
            ListEntity::Deal => FieldEntity::Deal,
        };
        let fields = self.custom_fields(Some(field_entity))?;
        let columns = export::columns_for(entity, &fields);
        let headers: Vec<String> = columns.into_iter().map(|c| c.header).collect();
        let job = self.jobs().start("export", self.events());
        let mut q = PageQuery { cursor: None, limit: Some(500), ..query.clone() };
        if entity == ListEntity::Lead {
            q.lifecycle = Some(crate::domain::Lifecycle::Lead);
        }
        let result = (|| {
            let mut out = TableWriter::create(path, format)?;
            out.header(&headers)?;
            let mut rows = 0u32;
            loop {
                job.check()?;
                let next = match entity {
                    ListEntity::Contact | ListEntity::Lead => {
                        let page = self.contacts(&q)?;
                        for r in &page.items {
                            out.row(&export::columns::contact(r, &fields))?;
                        }
                        rows += page.items.len() as u32;
                        page.next_cursor
                    }
                    ListEntity::Company => {
                        let page = self.companies(&q)?;
                        for r in &page.items {
                            out.row(&export::columns::company(r, &fields))?;
                        }
                        rows += page.items.len() as u32;
                        page.next_cursor
                    }
                    ListEntity::Deal => {
                        let page = self.deals_page(&q)?;
                        for r in &page.items {
                            out.row(&export::columns::deal(r, &fields))?;
                        }
                        rows += page.items.len() as u32;
                        page.next_cursor
                    }
                };
                job.progress(rows, None);
                match next {
                    Some(c) => q.cursor = Some(c),
                    None => break,
                }
            }
            out.finish()?;
            Ok(rows)
        })();
        job.finish(*result.as_ref().unwrap_or(&0), &result);
        if result.is_err() {
            let _ = std::fs::remove_file(path);
        }
        Ok(ExportSummary { path: path.to_string_lossy().into_owned(), rows: result?, format })
    }
}
