//! Spreadsheet import end to end on a real database: real-world export shapes with exact counts, broken
//! and hostile files refused with nothing written, duplicates, undo.
mod support;

use std::path::{Path, PathBuf};

use outpost_core::domain::{DuplicatePolicy, ImportEntity, ImportRequest, ImportSummary, PageQuery};
use outpost_core::CoreError;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import").join(name)
}

fn request(path: &Path) -> ImportRequest {
    ImportRequest { path: path.to_string_lossy().into_owned(), entity: ImportEntity::Contacts, ..Default::default() }
}

fn import(t: &support::TestDb, path: &Path) -> ImportSummary {
    t.core.run_import(&request(path), false).unwrap()
}

fn counts(s: &ImportSummary) -> (u32, u32, u32, u32, u32, u32) {
    let c = &s.counts;
    (c.rows_in, c.created, c.updated, c.merged, c.skipped, c.rejected)
}

/// Contact ids with `first` as first name.
fn find(t: &support::TestDb, first: &str) -> Vec<outpost_core::domain::ContactDetail> {
    let page = t.core.contacts(&PageQuery { limit: Some(500), ..Default::default() }).unwrap();
    page.items.iter().filter(|c| c.first_name == first).map(|c| t.core.contact(c.id).unwrap()).collect()
}

fn stats(t: &support::TestDb) -> (i64, i64, i64) {
    let s = t.core.stats().unwrap();
    (s.contacts + s.leads, s.companies, s.deals)
}

#[test]
fn linkedin_connections_with_preamble() {
    let t = support::open();
    let s = import(&t, &fixture("linkedin_connections.csv"));
    assert_eq!(counts(&s), (5, 4, 0, 1, 0, 0), "{:?}", s.errors);
    let ada = &find(&t, "Ada")[0];
    assert_eq!(ada.emails.len(), 1, "the same email in another case is the same person");
    assert_eq!(ada.title.as_deref(), Some("CTO"), "a merge only fills what was empty");
    assert_eq!(ada.linkedin.as_deref(), Some("https://www.linkedin.com/in/adalovelace"));
    assert_eq!(ada.company_name.as_deref(), Some("Analytical Engines"));
    assert_eq!(stats(&t), (4, 4, 0));
    let job = &t.core.imports(10).unwrap()[0];
    assert_eq!(
        (job.status.as_str(), job.counts.rows_in, job.file_name.as_str()),
        ("completed", 5, "linkedin_connections.csv")
    );
    assert_eq!(job.file_hash.len(), 64);
    let timeline = t.core.timeline(outpost_core::domain::RecordRef::Contact(ada.id), None, 20).unwrap();
    let entry = timeline.iter().find(|i| i.kind == "import").expect("the import is on the timeline");
    assert_eq!(entry.subject, "Imported from linkedin_connections.csv");
    assert_eq!(entry.meta["row"], 5);
}

#[test]
fn google_contacts_multi_values_and_labels() {
    let t = support::open();
    let s = import(&t, &fixture("google_contacts.csv"));
    assert_eq!(counts(&s), (4, 3, 0, 0, 0, 1), "{:?}", s.errors);
    assert_eq!(s.errors[0].row, 5);
    assert!(
        s.errors[0].reason.contains("E-mail 1 - Value") && s.errors[0].reason.contains("not-an-email"),
        "{:?}",
        s.errors
    );
    let m = &find(&t, "Margaret")[0];
    assert_eq!(
        m.emails.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(),
        ["margaret@mit.example", "mh@apollo.example"]
    );
    assert_eq!(m.title.as_deref(), Some("Director"));
    assert_eq!(m.company_name.as_deref(), Some("MIT"));
    assert_eq!(stats(&t).1, 2, "MIT once, Linux Foundation once");
}

#[test]
fn outlook_title_and_job_title() {
    let t = support::open();
    let s = import(&t, &fixture("outlook_contacts.csv"));
    assert_eq!(counts(&s), (3, 3, 0, 0, 0, 0), "{:?}", s.errors);
    let hedy = &find(&t, "Hedy")[0];
    assert_eq!(hedy.title.as_deref(), Some("Inventor"), "“Title” is Dr./Ms., “Job Title” is the role");
    assert_eq!(hedy.city.as_deref(), Some("Vienna"));
    let radia = &find(&t, "Radia")[0];
    assert_eq!(radia.emails.len(), 2);
    assert_eq!(radia.phones[0].value, "+1 206 555 0123");
    let company = t.core.company(hedy.company_id.unwrap()).unwrap();
    assert_eq!(company.domain.as_deref(), Some("fh.example"));
}

#[test]
fn hubspot_lifecycle_status_and_source() {
    use outpost_core::domain::{LeadSource, LeadStatus, Lifecycle};
    let t = support::open();
    let s = import(&t, &fixture("hubspot_contacts.csv"));
    assert_eq!(counts(&s), (4, 3, 0, 0, 0, 1), "{:?}", s.errors);
    assert!(s.errors[0].reason.contains("Lead Status") && s.errors[0].reason.contains("Maybe Later"));
    let john = &find(&t, "John")[0];
    assert_eq!(
        (john.lifecycle, john.lead_status, john.lead_source),
        (Lifecycle::Lead, Some(LeadStatus::Contacted), Some(LeadSource::Referral))
    );
    let edsger = &find(&t, "Edsger")[0];
    assert_eq!((edsger.lifecycle, edsger.lead_source), (Lifecycle::Customer, Some(LeadSource::Import)));
}

#[test]
fn windows_1252_semicolons_and_decimal_commas() {
    let t = support::open();
    let s = import(&t, &fixture("excel_de_cp1252.csv"));
    assert_eq!(counts(&s), (4, 3, 0, 0, 0, 1), "{:?}", s.errors);
    assert!(s.errors[0].reason.contains("Betrag") && s.errors[0].reason.contains("zwölf"), "{:?}", s.errors);
    let j = &find(&t, "Jürgen")[0];
    assert_eq!((j.last_name.as_str(), j.city.as_deref()), ("Müller", Some("München")));
    let deals = t.core.deals(None, None, 100).unwrap();
    let value = |title_part: &str| {
        deals.iter().find(|d| d.company_name.as_deref().is_some_and(|c| c.contains(title_part))).unwrap()
    };
    assert_eq!(value("Müller").value_cents, 123_456);
    assert_eq!(value("Müller").stage_name, "Qualified");
    assert_eq!(value("Müller").expected_close.as_deref(), Some("2026-12-31"));
    assert_eq!((value("Weiß").value_cents, value("Weiß").currency.as_str()), (1_200_000, "EUR"));
    assert_eq!(value("Façade").value_cents, 9_950);
    assert_eq!(stats(&t), (3, 3, 3));
}

#[test]
fn utf16_tab_separated_with_non_latin_names() {
    let t = support::open();
    let s = import(&t, &fixture("unicode_text_utf16.txt"));
    assert_eq!(counts(&s), (4, 4, 0, 0, 0, 0), "{:?}", s.errors);
    assert_eq!(find(&t, "Иван")[0].last_name, "Петров");
    assert_eq!(find(&t, "山田")[0].last_name, "太郎");
    assert_eq!(find(&t, "Νίκος")[0].city.as_deref(), Some("Αθήνα"));
    assert_eq!(find(&t, "محمد")[0].company_name.as_deref(), Some("شركة علي"));
}

#[test]
fn vcards() {
    let t = support::open();
    let s = import(&t, &fixture("contacts.vcf"));
    assert_eq!(counts(&s), (2, 2, 0, 0, 0, 0), "{:?}", s.errors);
    let knuth = &find(&t, "Donald")[0];
    assert_eq!(knuth.emails[0].value, "knuth@stanford.example", "folded lines are unfolded");
    assert_eq!(knuth.company_name.as_deref(), Some("Stanford, University"));
    assert_eq!(find(&t, "Claude")[0].city.as_deref(), Some("Murray Hill"));
}

#[test]
fn broken_files_are_refused_with_nothing_written() {
    let t = support::open();
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("truncated.xlsx");
    let whole = std::fs::read(xlsx_fixture(dir.path())).unwrap();
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    let cases = [
        (fixture("empty.csv"), "empty"),
        (fixture("header_only.csv"), "no rows"),
        (fixture("picture.png"), "not a spreadsheet"),
        (truncated, "damaged"),
        (zip_bomb(dir.path()), "exhaust memory"),
        (dir.path().join("missing.csv"), "does not exist"),
    ];
    for (path, says) in cases {
        let err = t.core.run_import(&request(&path), false).unwrap_err();
        assert!(matches!(err, CoreError::BadFile(_)), "{}: {err:?}", path.display());
        assert!(err.to_string().contains(says), "{}: {err}", path.display());
    }
    assert_eq!(stats(&t), (0, 0, 0));
    assert!(t.core.imports(10).unwrap().is_empty(), "a file that can't be read leaves no history either");
}

#[test]
fn xml_entities_are_never_expanded() {
    let t = support::open();
    let dir = tempfile::tempdir().unwrap();
    let path = entity_xlsx(dir.path());
    match t.core.run_import(&request(&path), false) {
        Err(e) => assert!(matches!(e, CoreError::BadFile(_)), "{e:?}"),
        Ok(_) => {
            let page = t.core.contacts(&PageQuery::default()).unwrap();
            for c in page.items {
                let d = t.core.contact(c.id).unwrap();
                let all = format!("{d:?}");
                assert!(!all.contains("root:") && !all.contains("LOLLOLLOL"), "expanded: {all}");
            }
        }
    }
}

#[test]
fn xlsx_with_titles_merged_cells_dates_and_text_numbers_on_a_visible_sheet() {
    let t = support::open();
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx_fixture(dir.path());
    let sheets = t.core.import_sheets(path.to_str().unwrap()).unwrap();
    assert_eq!(
        sheets.iter().map(|s| (s.name.as_str(), s.hidden)).collect::<Vec<_>>(),
        [("Settings", true), ("Leads", false)]
    );
    let preview = t.core.preview_import(&request(&path)).unwrap();
    assert_eq!(preview.sheet, "Leads", "the hidden first sheet is skipped");
    assert_eq!(preview.header_row, 3, "title and blank rows skipped");
    assert_eq!(
        preview.columns.iter().map(|c| c.target.as_str()).collect::<Vec<_>>(),
        ["full_name", "email", "company", "phone", "deal_value", "expected_close"]
    );
    assert_eq!(counts_of(&preview.counts), (4, 4, 0, 0, 0, 0));
    assert_eq!(stats(&t), (0, 0, 0), "a preview writes nothing");

    let s = import(&t, &path);
    assert_eq!(counts(&s), (4, 4, 0, 0, 0, 0), "{:?}", s.errors);
    let peter = &find(&t, "Peter")[0];
    assert_eq!(peter.company_name.as_deref(), Some("Initech"));
    let milton = &find(&t, "Milton")[0];
    assert_eq!(milton.company_name.as_deref(), Some("Initech"), "a merged cell belongs to every row it spans");
    assert_eq!(milton.phones[0].value, "4155550100", "a phone stored as a number keeps its digits");
    let deals = t.core.deals(None, None, 100).unwrap();
    let of =
        |who: &str| deals.iter().find(|d| d.contact_name.as_deref().is_some_and(|n| n.contains(who))).unwrap().clone();
    assert_eq!(of("Peter").value_cents, 150_000, "“1,500” stored as text is still 1500");
    assert_eq!(of("Peter").expected_close.as_deref(), Some("2026-12-31"), "a date cell");
    assert_eq!(of("Milton").expected_close.as_deref(), Some("2025-12-09"), "a bare date serial in a date column");
}

fn counts_of(c: &outpost_core::domain::ImportCounts) -> (u32, u32, u32, u32, u32, u32) {
    (c.rows_in, c.created, c.updated, c.merged, c.skipped, c.rejected)
}

#[test]
fn ods_with_repeated_rows() {
    let t = support::open();
    let dir = tempfile::tempdir().unwrap();
    let s = import(&t, &ods_fixture(dir.path()));
    assert_eq!(counts(&s), (4, 2, 0, 2, 0, 0), "the repeated row is one person: {:?}", s.errors);
}

#[test]
fn duplicate_policies_and_undo_of_an_update_import() {
    let t = support::open();
    let first = import(&t, &fixture("linkedin_connections.csv"));
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("again.csv");
    std::fs::write(
        &again,
        "First Name,Last Name,Email,Job Title,City,Notes\n\
         Ada,Lovelace,ada@analytical.example,Countess,London,Asked for a demo\n\
         New,Person,new@person.example,,Paris,\n",
    )
    .unwrap();

    let skipped = t.core.run_import(&request(&again), false).unwrap();
    assert_eq!(counts(&skipped), (2, 1, 0, 0, 1, 0));
    t.core.undo_import(skipped.import_id).unwrap();

    let fill = t.core.run_import(&ImportRequest { policy: DuplicatePolicy::Fill, ..request(&again) }, true).unwrap();
    assert_eq!(counts(&fill), (2, 1, 1, 0, 0, 0), "dry run counts");
    assert_eq!(find(&t, "New").len(), 0, "a dry run writes nothing");

    let update =
        t.core.run_import(&ImportRequest { policy: DuplicatePolicy::Update, ..request(&again) }, false).unwrap();
    assert_eq!(counts(&update), (2, 1, 1, 0, 0, 0));
    let ada = &find(&t, "Ada")[0];
    assert_eq!((ada.title.as_deref(), ada.city.as_deref()), (Some("Countess"), Some("London")));
    let notes: Vec<Option<String>> = t
        .core
        .timeline(outpost_core::domain::RecordRef::Contact(ada.id), None, 50)
        .unwrap()
        .into_iter()
        .filter(|i| i.kind == "note")
        .map(|i| i.body)
        .collect();
    assert_eq!(notes, [Some("Asked for a demo".to_string())]);

    let undone = t.core.undo_import(update.import_id).unwrap();
    assert_eq!((undone.removed, undone.restored), (1, 1));
    let ada = &find(&t, "Ada")[0];
    assert_eq!((ada.title.as_deref(), ada.city.as_deref()), (Some("CTO"), None), "old values are back");
    assert!(t
        .core
        .timeline(outpost_core::domain::RecordRef::Contact(ada.id), None, 50)
        .unwrap()
        .iter()
        .all(|i| i.kind != "note"));
    assert!(find(&t, "New").is_empty());
    assert!(t.core.undo_import(update.import_id).is_err(), "an undo happens once");

    t.core.undo_import(first.import_id).unwrap();
    assert_eq!(stats(&t), (0, 0, 0));
    assert!(t.core.search("Lovelace", 10).unwrap().is_empty(), "the search index forgets them too");
}

/// An import remembers what it created as runs of ids. A record deleted for good leaves its run, so a new
/// record that SQLite gives the same id is not the import's: the undo leaves it and counts the rest.
#[test]
fn an_id_used_again_after_a_purge_is_not_the_imports() {
    use outpost_core::domain::{ContactInput, RecordRef};
    let t = support::open();
    let s = import(&t, &fixture("linkedin_connections.csv"));
    let last = t
        .core
        .contacts(&PageQuery { limit: Some(500), ..Default::default() })
        .unwrap()
        .items
        .iter()
        .map(|c| c.id)
        .max()
        .unwrap();
    t.core.delete_contacts(&[last]).unwrap();
    t.core.delete_forever(&[RecordRef::Contact(last)]).unwrap();
    let manual = t.core.create_contact(ContactInput { first_name: "Manual".into(), ..Default::default() }).unwrap();
    assert_eq!(manual.id, last, "SQLite hands out the purged id again");
    assert!(
        t.core.timeline(RecordRef::Contact(manual.id), None, 20).unwrap().iter().all(|i| i.kind != "import"),
        "the new record is not shown as imported"
    );
    let undone = t.core.undo_import(s.import_id).unwrap();
    assert_eq!(undone.removed, 3 + 4, "the three contacts left and the four companies");
    assert_eq!(find(&t, "Manual").len(), 1, "the record made by hand stays");
    assert_eq!(stats(&t), (1, 0, 0));
}

#[test]
fn rejected_rows_download_with_reasons() {
    let t = support::open();
    let s = import(&t, &fixture("hubspot_contacts.csv"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rejects.csv");
    assert_eq!(t.core.export_import_rejects(s.import_id, &out).unwrap(), 1);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("Row,Reason,Column 1"), "{text}");
    assert!(text.contains("Niklaus") && text.contains("Maybe Later"), "{text}");
}

#[test]
fn the_same_headers_reuse_the_last_mapping() {
    let t = support::open();
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, row: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, format!("Who,Reach,Org\n{row}\n")).unwrap();
        p
    };
    let first = file("a.csv", "Ada Lovelace,ada@x.example,Engines");
    let mut req = request(&first);
    req.mapping.insert("Who".into(), "full_name".into());
    req.mapping.insert("Org".into(), "company".into());
    t.core.run_import(&req, false).unwrap();
    let second = file("b.csv", "Alan Turing,alan@x.example,Bletchley");
    let preview = t.core.preview_import(&request(&second)).unwrap();
    assert!(preview.preset_used);
    assert_eq!(
        preview.columns.iter().map(|c| c.target.as_str()).collect::<Vec<_>>(),
        ["full_name", "email", "company"]
    );
}

// ---- fixtures built in code (binary formats) ----

fn xlsx_fixture(dir: &Path) -> PathBuf {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let path = dir.join("leads.xlsx");
    let mut book = Workbook::new();
    let hidden = book.add_worksheet().set_name("Settings").unwrap();
    hidden.write_string(0, 0, "internal").unwrap();
    hidden.set_hidden(true);
    // Excel won't hide the active sheet, so the visible one is made active.
    let sheet = book.add_worksheet().set_name("Leads").unwrap().set_active(true);
    let bold = Format::new().set_bold();
    sheet.merge_range(0, 0, 0, 5, "Q3 leads — exported 2026-11-01", &bold).unwrap();
    for (c, h) in ["Name", "Email", "Company", "Phone", "Deal value", "Close date"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(3, 0, "Peter Gibbons").unwrap();
    sheet.write_string(3, 1, "peter@initech.example").unwrap();
    sheet.merge_range(3, 2, 4, 2, "Initech", &Format::new()).unwrap();
    sheet.write_string(3, 3, "+1 512 555 0100").unwrap();
    sheet.write_string(3, 4, "1,500").unwrap();
    sheet.write_datetime_with_format(3, 5, ExcelDateTime::from_ymd(2026, 12, 31).unwrap(), &date).unwrap();
    sheet.write_string(4, 0, "Milton Waddams").unwrap();
    sheet.write_string(4, 1, "milton@initech.example").unwrap();
    sheet.write_number(4, 3, 4155550100.0).unwrap();
    sheet.write_number(4, 4, 250.0).unwrap();
    sheet.write_number(4, 5, 46000.0).unwrap();
    sheet.write_string(5, 0, "Samir Nagheenanajar").unwrap();
    sheet.write_string(5, 1, "samir@initech.example").unwrap();
    sheet.write_string(5, 2, "Initech").unwrap();
    sheet.write_string(6, 0, "Bill Lumbergh").unwrap();
    sheet.write_string(6, 1, "bill@initrode.example").unwrap();
    sheet.write_string(6, 2, "Initrode").unwrap();
    book.save(&path).unwrap();
    path
}

fn zip_with(path: &Path, entries: &[(&str, &[u8])]) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, data) in entries {
        let method =
            if *name == "mimetype" { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        zip.start_file(*name, zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
}

fn zip_bomb(dir: &Path) -> PathBuf {
    let path = dir.join("bomb.xlsx");
    let zeros = vec![0u8; 64 << 20];
    zip_with(&path, &[("[Content_Types].xml", b"<Types/>"), ("xl/worksheets/sheet1.xml", &zeros)]);
    path
}

fn entity_xlsx(dir: &Path) -> PathBuf {
    use std::io::{Read, Write};
    // Start from a valid workbook and swap its sheet for one that declares entities.
    let base = xlsx_fixture(dir);
    let mut src = zip::ZipArchive::new(std::fs::File::open(&base).unwrap()).unwrap();
    let path = dir.join("entities.xlsx");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let hostile = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE worksheet [
 <!ENTITY lol "LOL">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol3;</t></is></c><c r="B2" t="inlineStr"><is><t>a@b.example</t></is></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>&xxe;</t></is></c><c r="B3" t="inlineStr"><is><t>c@d.example</t></is></c></row>
</sheetData></worksheet>"#;
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/sheet") {
            data = hostile.as_bytes().to_vec();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap();
    path
}

fn ods_fixture(dir: &Path) -> PathBuf {
    let path = dir.join("people.ods");
    let cell =
        |v: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#);
    let row = |cells: &[&str], repeat: u32| {
        let attr = if repeat > 1 { format!(r#" table:number-rows-repeated="{repeat}""#) } else { String::new() };
        format!("<table:table-row{attr}>{}</table:table-row>", cells.iter().map(|c| cell(c)).collect::<String>())
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="People">{}{}{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        row(&["First Name", "Last Name", "Email"], 1),
        row(&["Ada", "Lovelace", "ada@x.example"], 3),
        row(&["Alan", "Turing", "alan@x.example"], 1),
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    zip_with(
        &path,
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", manifest.as_bytes()),
            ("content.xml", content.as_bytes()),
        ],
    );
    path
}

#[test]
fn phones_become_e164_with_a_default_country() {
    let t = support::open();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("us.csv");
    std::fs::write(&file, "Name,Email,Phone\nAda Lovelace,ada@x.example,(415) 555-2671\nBob Bad,bob@x.example,555\n")
        .unwrap();
    let s = t.core.run_import(&ImportRequest { default_country: Some("us".into()), ..request(&file) }, false).unwrap();
    assert_eq!(counts(&s), (2, 1, 0, 0, 0, 1), "{:?}", s.errors);
    assert!(s.errors[0].reason.contains("Phone"), "{:?}", s.errors);
    assert_eq!(find(&t, "Ada")[0].phones[0].value, "+14155552671");
}

#[test]
fn imported_search_entries_match_what_an_edit_would_write() {
    // The import writes new records' search text itself instead of reading each record back; it must be
    // the very text the store's reindex produces, or search would drift from the records.
    let t = support::open();
    import(&t, &fixture("hubspot_contacts.csv"));
    import(&t, &fixture("google_contacts.csv"));
    assert!(contact_entries_match_their_records(&t) >= 5);
    let conn = rusqlite::Connection::open(t.path()).unwrap();
    let companies: i64 = conn
        .query_row(
            "SELECT count(*) FROM companies co JOIN search_index s ON s.rowid = co.id * 4 + 1
             WHERE s.title = co.name AND s.body = concat_ws(' ', co.domain, co.industry, co.city, co.country)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(companies, t.core.stats().unwrap().companies);
    // Each company it created is traced to its import and row, written at the import's time.
    let untraced: i64 = conn
        .query_row(
            "SELECT count(*) FROM companies
             WHERE import_id IS NULL OR import_row IS NULL OR import_row < 2 OR created_at <> updated_at",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(untraced, 0);
    let ibm: (String, i64) = conn
        .query_row("SELECT name, import_row FROM companies WHERE name = 'IBM'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(ibm, ("IBM".to_string(), 2), "traced to the first row that named it");
    // The sort copies (primary email, company shown) are written by the insert itself on this path.
    let wrong: i64 = conn
        .query_row(
            "SELECT count(*) FROM contacts c
             WHERE c.primary_email IS NOT
                   (SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email' AND p.is_primary)
                OR c.company_display IS NOT COALESCE((SELECT name FROM companies co WHERE co.id = c.company_id),
                                                     c.company_name)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(wrong, 0);
}

/// Checks that every contact's search entry is the text `store::contacts::reindex` makes of it; returns how
/// many contacts have one.
fn contact_entries_match_their_records(t: &support::TestDb) -> usize {
    let conn = rusqlite::Connection::open(t.path()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT s.title, s.body, c.first_name || ' ' || c.last_name,
                 concat_ws(' ', (SELECT group_concat(value, ' ') FROM contact_points WHERE contact_id = c.id),
                           COALESCE(co.name, c.company_name), c.title, c.city, c.country)
             FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
             JOIN search_index s ON s.rowid = c.id * 4",
        )
        .unwrap();
    let rows: Vec<(String, String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect();
    for (title, body, name, expected) in &rows {
        assert_eq!((title.as_str(), body.as_str()), (name.trim(), expected.as_str()));
    }
    rows.len()
}

/// A row merged into a contact skips re-indexing and rescoring it when it changes nothing they read; one that
/// changes its title, place or phones has them brought up to date. In a small import and in a bulk one
/// (past 5,000 rows, where the entries are indexed beside the writer).
#[test]
fn a_merged_row_updates_the_entry_and_score_only_when_it_changes_what_they_read() {
    for filler in [0, 6_000] {
        let t = support::open();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("merges.csv");
        let mut csv = String::from("First Name,Last Name,Email,Phone,Company,Job Title,City\n");
        for i in 0..filler {
            csv.push_str(&format!("Filler,Person{i},f{i}@filler.example,,Filler {i},,Oslo\n"));
        }
        csv.push_str(
            "Ada,Lovelace,ada@analytical.example,,Analytical,Engineer,London\n\
             Grace,Hopper,grace@navy.example,,Navy,Engineer,Arlington\n\
             Alan,Turing,alan@bletchley.example,,Bletchley,Engineer,Manchester\n\
             Ada,Lovelace,ADA@analytical.example,,Analytical,Engineer,London\n\
             Grace,Hopper,GRACE@navy.example,+1 202 555 0100,Navy,VP Sales,Washington\n\
             Alan,Turing,ALAN@bletchley.example,,Bletchley,Engineer,Wilmslow\n",
        );
        std::fs::write(&path, csv).unwrap();
        let req = ImportRequest { policy: DuplicatePolicy::Update, ..request(&path) };
        let summary = t.core.run_import(&req, false).unwrap();
        assert_eq!(counts(&summary), (filler + 6, filler + 3, 0, 3, 0, 0), "{filler} filler rows");
        // The set-aside list indexes are built in the background, which changes the schema under a reader.
        t.core.db().settle();

        let found = |q: &str| t.core.search(q, 5).unwrap().into_iter().map(|h| h.title).collect::<Vec<_>>();
        assert_eq!(found("washington"), ["Grace Hopper"], "{filler} filler rows");
        assert_eq!(found("202 555 0100"), ["Grace Hopper"], "the new phone is in the index");
        assert!(found("arlington").is_empty(), "the old city is out of the index");
        assert_eq!(found("london"), ["Ada Lovelace"]);
        assert_eq!(found("wilmslow"), ["Alan Turing"], "a new city alone is indexed too");
        assert_eq!(contact_entries_match_their_records(&t), filler as usize + 3);
        // Every stored score is the one the rules give now: Grace's new title counted.
        assert_eq!(t.core.rescore_all().unwrap().changed, 0, "{filler} filler rows");
        assert_eq!(find(&t, "Grace")[0].title.as_deref(), Some("VP Sales"));
    }
}

/// A merged row that repeats what a contact has leaves the record alone, its last change included; one that
/// changes a field updates it, and undoing the import puts it back.
#[test]
fn a_merged_row_that_changes_nothing_leaves_the_record_untouched() {
    let t = support::open();
    let dir = tempfile::tempdir().unwrap();
    let csv = |name: &str, rows: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("First Name,Last Name,Email,Company,Job Title,City,Lead Status\n{rows}"))
            .unwrap();
        path
    };
    import(
        &t,
        &csv(
            "first.csv",
            "Ada,Lovelace,ada@analytical.example,Analytical,Engineer,London,New\n\
             Grace,Hopper,grace@navy.example,Navy,Engineer,Arlington,New\n",
        ),
    );
    let long_ago = "2020-01-01T00:00:00.000Z";
    rusqlite::Connection::open(t.path()).unwrap().execute("UPDATE contacts SET updated_at = ?1", [long_ago]).unwrap();

    let again = csv(
        "again.csv",
        "Ada,Lovelace,ADA@analytical.example,Analytical,Engineer,London,New\n\
         Grace,Hopper,grace@navy.example,Navy,Engineer,Washington,New\n",
    );
    let summary =
        t.core.run_import(&ImportRequest { policy: DuplicatePolicy::Update, ..request(&again) }, false).unwrap();
    assert_eq!(counts(&summary), (2, 0, 2, 0, 0, 0));
    let (ada, grace) = (&find(&t, "Ada")[0], &find(&t, "Grace")[0]);
    assert_eq!(ada.updated_at, long_ago, "nothing of Ada's changed");
    assert_ne!(grace.updated_at, long_ago, "Grace moved");
    assert_eq!(grace.city.as_deref(), Some("Washington"));

    t.core.undo_import(summary.import_id).unwrap();
    assert_eq!(find(&t, "Grace")[0].city.as_deref(), Some("Arlington"));
    assert_eq!(find(&t, "Ada")[0].city.as_deref(), Some("London"));
}

/// Below the bulk size, a row with an email is compared by name only with people without one at its
/// company, counted the first time a row names the company and kept up as the file adds more: someone in the
/// database and someone earlier in the file are both found, and the many others at the company are not read.
#[test]
fn a_small_import_finds_people_without_an_email_by_name_at_their_company() {
    let t = support::open();
    let company = t
        .core
        .create_company(outpost_core::domain::CompanyInput { name: "Analytical Engines".into(), ..Default::default() })
        .unwrap();
    let ada = t
        .core
        .create_contact(outpost_core::domain::ContactInput {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            company_id: Some(company.id),
            ..Default::default()
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("engines.csv");
    let mut csv = String::from("First Name,Last Name,Email,Company\n");
    csv.push_str("Charles,Babbage,charles@navy.example,Navy\n");
    // The company is counted here (none without an email), and then Grace is one.
    csv.push_str("Alan,Turing,alan@navy.example,Navy\n");
    csv.push_str("Grace,Hopper,,Navy\n");
    for i in 0..200 {
        csv.push_str(&format!("Clerk,Number{i},clerk{i}@engines.example,Analytical Engines\n"));
    }
    csv.push_str("Ada,Lovelace,ada@engines.example,Analytical Engines\n");
    csv.push_str("Grace,Hopper,grace@navy.example,Navy\n");
    std::fs::write(&path, csv).unwrap();
    let summary = t.core.run_import(&ImportRequest { policy: DuplicatePolicy::Fill, ..request(&path) }, false).unwrap();
    assert_eq!(counts(&summary), (205, 203, 1, 1, 0, 0));
    let ada = t.core.contact(ada.id).unwrap();
    assert_eq!(ada.emails.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(), ["ada@engines.example"]);
    let grace = &find(&t, "Grace");
    assert_eq!(grace.len(), 1, "the second row is the first one's person");
    assert_eq!(grace[0].emails.len(), 1);
}

/// The index definitions on `contacts`, as the schema holds them.
fn contact_indexes(path: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'contacts' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_large_import_and_its_undo_leave_every_index_as_the_migrations_made_it() {
    // Past 20,000 rows into a small database the import sets the list indexes aside and they are built after
    // its commit (its undo rebuilds them in its own transaction); the sorted lists are right meanwhile, and
    // the schema comes out exactly as before.
    let t = support::open();
    let kept = t
        .core
        .create_contact(outpost_core::domain::ContactInput {
            first_name: "Hedy".into(),
            last_name: "Lamarr".into(),
            emails: vec!["hedy@example.org".into()],
            ..Default::default()
        })
        .unwrap();
    let before = contact_indexes(&t.path());
    assert!(before.len() > 10, "{before:?}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.csv");
    let mut csv = String::from("First Name,Last Name,Email,Company\n");
    for i in 0..20_500 {
        csv.push_str(&format!("P{i},Surname{},p{i}@example.com,Firm {}\n", 20_500 - i, i % 300));
    }
    std::fs::write(&file, csv).unwrap();
    let s = import(&t, &file);
    assert_eq!((s.counts.created, s.counts.rejected), (20_500, 0));
    let by_last_name = || {
        let query = PageQuery { limit: Some(3), sort: Some("last_name".into()), ..Default::default() };
        let page = t.core.contacts(&query).unwrap();
        page.items.iter().map(|c| c.last_name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(by_last_name(), ["Lamarr", "Surname1", "Surname10"]);
    t.core.db().settle();
    assert_eq!(contact_indexes(&t.path()), before);
    assert_eq!(by_last_name(), ["Lamarr", "Surname1", "Surname10"]);
    let hits = t.core.search("p20499@example.com", 5).unwrap();
    assert_eq!(hits.first().map(|h| h.title.as_str()), Some("P20499 Surname1"));
    t.core.undo_import(s.import_id).unwrap();
    t.core.db().settle();
    assert_eq!(contact_indexes(&t.path()), before);
    assert_eq!(t.core.stats().unwrap().contacts, 1);
    // The undo took most of the search index out by rebuilding it from what stays.
    assert!(t.core.search("p20499", 5).unwrap().is_empty());
    let hits = t.core.search("hedy", 5).unwrap();
    assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), [kept.id]);
}

#[test]
fn legacy_excel_97_workbook() {
    // BIFF8 .xls (Excel 97–2003) written by xlwt: numbers, date cells, a second sheet.
    let t = support::open();
    let s = import(&t, &fixture("legacy_excel97.xls"));
    assert_eq!(counts(&s), (3, 3, 0, 0, 0, 0), "{:?}", s.errors);
    let ada = &find(&t, "Ada")[0];
    assert_eq!(ada.emails[0].value, "ada@analytical.example");
    assert_eq!(ada.company_name.as_deref(), Some("Analytical Engines"));
    let alan = &find(&t, "Alan")[0];
    assert_eq!(alan.emails[0].value, "ALAN@bletchley.example");
    assert_eq!(stats(&t), (3, 3, 3), "a deal value on a contact row makes a deal");
    let deals = t.core.deals(None, None, 10).unwrap();
    let ada_deal = deals.iter().find(|d| d.contact_id == Some(ada.id)).unwrap();
    assert_eq!(ada_deal.value_cents, 125_050, "the number cell is read as a number, not text");
}
