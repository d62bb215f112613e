//! Which field a column feeds. Targets are plain strings ("email", "company", "custom:tier", "ignore") so a
//! mapping file a user writes by hand reads naturally; suggestions come from header synonyms across the
//! common CRM and address-book exports in several languages, then from what the values look like.
use super::cell::Cell;
use crate::domain::ImportEntity;

pub const IGNORE: &str = "ignore";

/// Targets that take several columns (every email or phone column adds one more).
pub fn is_multi(target: &str) -> bool {
    matches!(target, "email" | "phone" | "tags" | "note")
}

/// What each kind of import can fill, in the order a mapping screen lists them.
pub fn targets(entity: ImportEntity) -> &'static [&'static str] {
    match entity {
        ImportEntity::Contacts => &[
            "first_name",
            "last_name",
            "full_name",
            "email",
            "phone",
            "title",
            "company",
            "website",
            "industry",
            "city",
            "country",
            "linkedin",
            "lifecycle",
            "lead_status",
            "lead_source",
            "deal_title",
            "deal_value",
            "currency",
            "stage",
            "expected_close",
            "tags",
            "note",
        ],
        ImportEntity::Companies => {
            &["company", "website", "industry", "size", "phone", "city", "country", "description", "tags", "note"]
        }
        ImportEntity::Deals => &[
            "deal_title",
            "deal_value",
            "currency",
            "stage",
            "pipeline",
            "expected_close",
            "company",
            "website",
            "email",
            "first_name",
            "last_name",
            "full_name",
            "tags",
            "note",
        ],
    }
}

/// Lower case, accents folded, punctuation to single spaces: "E-mail Address" -> "e mail address".
pub fn normalize_header(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    for c in h.trim().chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ß' => 's',
        c => c,
    }
}

/// Exact header names (normalized) per target. Order matters only for readability.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "first_name",
        &[
            "first name",
            "firstname",
            "first",
            "given name",
            "forename",
            "person first name",
            "contact first name",
            "vorname",
            "prenom",
            "nombre",
            "nome",
            "voornaam",
            "imie",
            "fornavn",
            "förnamn",
            "etunimi",
        ],
    ),
    (
        "last_name",
        &[
            "last name",
            "lastname",
            "last",
            "surname",
            "family name",
            "person last name",
            "contact last name",
            "nachname",
            "familienname",
            "nom",
            "nom de famille",
            "apellido",
            "apellidos",
            "sobrenome",
            "cognome",
            "achternaam",
            "nazwisko",
            "efternavn",
            "efternamn",
            "sukunimi",
        ],
    ),
    (
        "full_name",
        &[
            "name",
            "full name",
            "fullname",
            "contact",
            "contact name",
            "person",
            "person name",
            "display name",
            "nom complet",
            "nombre completo",
            "nome completo",
            "vollstandiger name",
            "kontakt",
            "naam",
        ],
    ),
    (
        "email",
        &[
            "email",
            "e mail",
            "email address",
            "e mail address",
            "e mail 1 value",
            "email 1 value",
            "e mail 2 address",
            "e mail 3 address",
            "work email",
            "business email",
            "personal email",
            "primary email",
            "person email",
            "contact email",
            "mail",
            "courriel",
            "adresse e mail",
            "correo",
            "correo electronico",
            "e mail adresse",
            "emailadres",
            "endereco de e mail",
            "indirizzo email",
            "email 2",
            "email 3",
        ],
    ),
    (
        "phone",
        &[
            "phone",
            "phone number",
            "telephone",
            "tel",
            "mobile",
            "mobile phone",
            "cell",
            "cell phone",
            "work phone",
            "business phone",
            "home phone",
            "phone 1 value",
            "phone 2 value",
            "primary phone",
            "person phone",
            "direct phone",
            "telefon",
            "telefonnummer",
            "mobil",
            "mobiltelefon",
            "handy",
            "telephone portable",
            "portable",
            "telefono",
            "movil",
            "celular",
            "telefone",
            "cellulare",
            "telefoon",
            "mobiel",
        ],
    ),
    (
        "title",
        &[
            "job title",
            "title",
            "position",
            "role",
            "job",
            "job position",
            "organization title",
            "organization 1 title",
            "person job title",
            "designation",
            "berufsbezeichnung",
            "funktion",
            "titel",
            "poste",
            "fonction",
            "cargo",
            "puesto",
            "ruolo",
            "functie",
        ],
    ),
    (
        "company",
        &[
            "company",
            "company name",
            "organization",
            "organisation",
            "organization name",
            "organization 1 name",
            "organization name 1",
            "account",
            "account name",
            "employer",
            "business",
            "organization - name",
            "firma",
            "unternehmen",
            "firmenname",
            "societe",
            "entreprise",
            "empresa",
            "azienda",
            "bedrijf",
            "bedrijfsnaam",
            "compania",
        ],
    ),
    (
        "website",
        &[
            "website",
            "web site",
            "website url",
            "url",
            "web page",
            "webpage",
            "homepage",
            "home page",
            "domain",
            "company domain",
            "company domain name",
            "site web",
            "sitio web",
            "webseite",
            "internetseite",
            "sito web",
            "pagina web",
        ],
    ),
    ("industry", &["industry", "sector", "branche", "industrie", "secteur", "industria", "sector industrial"]),
    ("size", &["size", "company size", "employees", "number of employees", "headcount", "mitarbeiter", "effectif"]),
    (
        "city",
        &[
            "city",
            "town",
            "business city",
            "home city",
            "mailing city",
            "address 1 city",
            "billing city",
            "stadt",
            "ort",
            "ville",
            "ciudad",
            "cidade",
            "citta",
            "plaats",
            "stad",
        ],
    ),
    (
        "country",
        &[
            "country",
            "country region",
            "business country region",
            "home country region",
            "mailing country",
            "address 1 country",
            "billing country",
            "land",
            "pays",
            "pais",
            "paese",
            "nation",
        ],
    ),
    ("linkedin", &["linkedin", "linkedin url", "linkedin profile", "profile url", "linkedin profile url"]),
    ("lifecycle", &["lifecycle", "lifecycle stage", "type", "contact type", "record type"]),
    ("lead_status", &["lead status", "status", "lead stage"]),
    ("lead_source", &["lead source", "source", "original source", "quelle", "origine", "fuente", "origem"]),
    (
        "deal_title",
        &[
            "deal",
            "deal name",
            "deal title",
            "opportunity",
            "opportunity name",
            "deal - title",
            "titel des deals",
            "affaire",
            "oportunidad",
        ],
    ),
    (
        "deal_value",
        &[
            "amount",
            "deal value",
            "value",
            "deal amount",
            "opportunity amount",
            "revenue",
            "deal - value",
            "betrag",
            "wert",
            "montant",
            "valeur",
            "importe",
            "valor",
            "valore",
        ],
    ),
    ("currency", &["currency", "deal currency", "wahrung", "devise", "moneda", "moeda", "valuta"]),
    ("stage", &["stage", "deal stage", "pipeline stage", "opportunity stage", "phase", "etape", "etapa", "fase"]),
    ("pipeline", &["pipeline", "deal pipeline", "sales pipeline"]),
    (
        "expected_close",
        &[
            "close date",
            "expected close",
            "expected close date",
            "closing date",
            "deal - expected close date",
            "abschlussdatum",
            "date de cloture",
            "fecha de cierre",
            "data de fechamento",
        ],
    ),
    ("description", &["description", "about", "beschreibung", "descripcion", "descricao"]),
    (
        "tags",
        &[
            "tags",
            "tag",
            "labels",
            "label",
            "categories",
            "category",
            "group membership",
            "groups",
            "etiketten",
            "etiquettes",
            "etiquetas",
        ],
    ),
    (
        "note",
        &[
            "notes",
            "note",
            "comments",
            "comment",
            "remarks",
            "notizen",
            "notiz",
            "bemerkungen",
            "commentaires",
            "notas",
            "notities",
        ],
    ),
];

/// Headers that look like a field but must not be imported as one (ids, owners, honorifics).
const NOT_FIELDS: &[&str] = &[
    "id",
    "record id",
    "contact id",
    "lead id",
    "account id",
    "owner",
    "contact owner",
    "lead owner",
    "created",
    "create date",
    "created date",
    "created at",
    "last modified",
    "last modified date",
    "updated at",
    "middle name",
    "suffix",
    "prefix",
    "connected on",
    "salutation",
    "anrede",
];

/// The exact synonym's target, if any.
fn exact(normalized: &str) -> Option<&'static str> {
    if NOT_FIELDS.contains(&normalized) {
        return Some(IGNORE);
    }
    SYNONYMS.iter().find(|(_, names)| names.contains(&normalized)).map(|(t, _)| *t)
}

/// Looser rules for headers with extra words: "Person - Email (Work)", "Mobile Phone 2".
fn by_keyword(normalized: &str) -> Option<&'static str> {
    let words: Vec<&str> = normalized.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    let phrase = |p: &str| normalized.contains(p);
    // "E-mail 1 - Label", "Phone 1 - Type": the kind of value, not the value.
    if has("label") || has("type") || has("id") {
        return None;
    }
    if phrase("e mail") || has("email") || has("courriel") {
        return Some("email");
    }
    if has("phone") || has("mobile") || has("telefon") || has("telephone") || has("telefono") {
        return Some("phone");
    }
    if phrase("first name") || has("vorname") {
        return Some("first_name");
    }
    if phrase("last name") || has("nachname") || has("surname") {
        return Some("last_name");
    }
    if has("linkedin") {
        return Some("linkedin");
    }
    if has("city") {
        return Some("city");
    }
    if has("country") {
        return Some("country");
    }
    if phrase("job title") {
        return Some("title");
    }
    if has("website") || has("domain") {
        return Some("website");
    }
    None
}

/// One suggestion per column, given headers and a few sample rows. Single-valued targets go to the first
/// column that claims them; later claimants are ignored ("Title" after "Job Title" in an Outlook export).
pub fn suggest(entity: ImportEntity, headers: &[String], samples: &[Vec<Cell>]) -> Vec<String> {
    let allowed = targets(entity);
    let norms: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    // LinkedIn's Connections export calls the profile link just "URL".
    let linkedin_export = norms.iter().any(|n| n == "connected on");
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    let mut rank: Vec<(bool, usize)> = Vec::new();
    for (i, n) in norms.iter().enumerate() {
        if linkedin_export && n == "url" {
            out.push(adapt(entity, "linkedin").to_string());
            rank.push((true, n.len()));
            continue;
        }
        let (target, is_exact) = match exact(n) {
            Some(t) => (Some(t), true),
            None => (by_keyword(n).or_else(|| by_values(i, samples)), false),
        };
        let target = target.map(|t| adapt(entity, t)).filter(|t| *t == IGNORE || allowed.contains(t));
        out.push(target.unwrap_or(IGNORE).to_string());
        rank.push((is_exact, n.len()));
    }
    resolve_conflicts(&mut out, &rank);
    out
}

/// Company fields take the company's own name in a companies import.
fn adapt(entity: ImportEntity, target: &'static str) -> &'static str {
    match (entity, target) {
        (ImportEntity::Companies, "full_name") => "company",
        _ => target,
    }
}

/// When several columns claim a single-valued target, the exact synonym wins, then the more specific
/// (longer) header — Outlook's "Job Title" over its honorific "Title" — then the earlier column.
fn resolve_conflicts(targets: &mut [String], rank: &[(bool, usize)]) {
    for i in 0..targets.len() {
        if targets[i] == IGNORE || is_multi(&targets[i]) {
            continue;
        }
        let claim: Vec<usize> = (i..targets.len()).filter(|&j| targets[j] == targets[i]).collect();
        let winner = claim.iter().copied().max_by_key(|&j| (rank[j], std::cmp::Reverse(j))).unwrap_or(i);
        for j in claim {
            if j != winner {
                targets[j] = IGNORE.into();
            }
        }
    }
}

/// A column with no telling header: most sample values are emails or web addresses.
fn by_values(col: usize, samples: &[Vec<Cell>]) -> Option<&'static str> {
    let values: Vec<String> =
        samples.iter().filter_map(|r| r.get(col)).map(Cell::text).filter(|s| !s.is_empty()).collect();
    if values.is_empty() {
        return None;
    }
    let share = |f: &dyn Fn(&str) -> bool| values.iter().filter(|v| f(v)).count() * 10 >= values.len() * 8;
    if share(&|v| crate::normalize::email(v).is_some()) {
        return Some("email");
    }
    if share(&|v| v.contains("linkedin.com/")) {
        return Some("linkedin");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn headers_normalize() {
        assert_eq!(normalize_header(" E-mail Address "), "e mail address");
        assert_eq!(normalize_header("Prénom"), "prenom");
        assert_eq!(normalize_header("Country/Region"), "country region");
    }

    #[test]
    fn linkedin_connections() {
        let h = s(&["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]);
        assert_eq!(
            suggest(ImportEntity::Contacts, &h, &[]),
            s(&["first_name", "last_name", "linkedin", "email", "company", "title", "ignore"])
        );
    }

    #[test]
    fn outlook_title_is_an_honorific_next_to_job_title() {
        let h = s(&[
            "Title",
            "First Name",
            "Last Name",
            "Company",
            "Job Title",
            "E-mail Address",
            "Business Phone",
            "Mobile Phone",
            "Categories",
        ]);
        let got = suggest(ImportEntity::Contacts, &h, &[]);
        assert_eq!(
            got,
            s(&["ignore", "first_name", "last_name", "company", "title", "email", "phone", "phone", "tags"])
        );
    }

    #[test]
    fn google_and_other_languages() {
        let h = s(&[
            "Given Name",
            "Family Name",
            "E-mail 1 - Value",
            "Phone 1 - Value",
            "Organization 1 - Name",
            "Group Membership",
        ]);
        assert_eq!(
            suggest(ImportEntity::Contacts, &h, &[]),
            s(&["first_name", "last_name", "email", "phone", "company", "tags"])
        );
        let de = s(&["Vorname", "Nachname", "E-Mail", "Telefon", "Firma", "Position", "Stadt", "Land"]);
        assert_eq!(
            suggest(ImportEntity::Contacts, &de, &[]),
            s(&["first_name", "last_name", "email", "phone", "company", "title", "city", "country"])
        );
    }

    #[test]
    fn unknown_header_guessed_from_values() {
        let h = s(&["Who", "Contact point"]);
        let rows = vec![
            vec![Cell::Text("Ada".into()), Cell::Text("ada@example.com".into())],
            vec![Cell::Text("Bob".into()), Cell::Text("bob@example.com".into())],
        ];
        assert_eq!(suggest(ImportEntity::Contacts, &h, &rows), s(&["ignore", "email"]));
    }
}
