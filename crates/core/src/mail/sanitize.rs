//! Received HTML made safe to show: an allowlist sanitizer (ammonia) strips scripts, event handlers, forms,
//! frames, SVG, `javascript:` links and anything else not on the list; remote images become a placeholder
//! until the rep allows them for that message. The result is a whole document for an iframe's `srcdoc`, with
//! its own Content-Security-Policy: no scripts at all, and no remote loads unless allowed. The iframe is also
//! `sandbox=""`, so even something the sanitizer missed could neither run nor reach the app.
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use ammonia::{Builder, UrlRelative};

/// What stands in for a blocked remote image: a small grey frame (an inline SVG, no script possible in an img).
const BLOCKED_IMAGE: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='24' height='24'%3E%3Crect \
     width='24' height='24' fill='%23e5e7eb'/%3E%3Cpath d='M5 17l4-5 3 4 2-2 5 3' stroke='%239ca3af' fill='none'/%3E%3C/svg%3E";

/// Tags a mail client shows on top of ammonia's defaults (layout of old-school HTML mail).
const EXTRA_TAGS: &[&str] = &["center", "font"];
/// Presentational attributes mail relies on; `style` is safe because the document's CSP blocks remote loads.
const EXTRA_ATTRIBUTES: &[&str] = &["style", "align", "valign", "width", "height", "bgcolor", "color", "border", "dir"];

/// A sanitized body ready for the viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeHtml {
    /// The full `srcdoc` document (CSP meta + sanitized body).
    pub document: String,
    /// Remote images replaced by the placeholder (0 when allowed or when there were none).
    pub blocked_images: u32,
}

/// Sanitizes `html` for display; `allow_remote_images` keeps remote `http(s)` images (the rep allowed them).
pub fn sanitize_email_html(html: &str, allow_remote_images: bool) -> SafeHtml {
    let blocked = Arc::new(AtomicU32::new(0));
    let counter = blocked.clone();
    let mut builder = Builder::default();
    builder
        .add_tags(EXTRA_TAGS)
        .add_generic_attributes(EXTRA_ATTRIBUTES)
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        // Relative links mean nothing outside the sender's site.
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"))
        // Runs after the scheme check, so the data: placeholder it puts in is not filtered out again.
        .attribute_filter(move |element, attribute, value| {
            if element == "img" && attribute == "src" && is_remote(value) && !allow_remote_images {
                counter.fetch_add(1, Ordering::Relaxed);
                return Some(Cow::Borrowed(BLOCKED_IMAGE));
            }
            Some(Cow::Borrowed(value))
        });
    let body = builder.clean(html).to_string();
    SafeHtml { document: document(&body, allow_remote_images), blocked_images: blocked.load(Ordering::Relaxed) }
}

fn is_remote(url: &str) -> bool {
    let u = url.trim_start().to_ascii_lowercase();
    u.starts_with("http:") || u.starts_with("https:") || u.starts_with("//")
}

/// The Content-Security-Policy of the viewer's document: nothing runs; images only inline unless allowed.
pub fn viewer_csp(allow_remote_images: bool) -> String {
    let img = if allow_remote_images { "data: https: http:" } else { "data:" };
    format!(
        "default-src 'none'; img-src {img}; style-src 'unsafe-inline'; script-src 'none'; object-src 'none'; \
         frame-src 'none'; form-action 'none'; base-uri 'none'"
    )
}

fn document(body: &str, allow_remote_images: bool) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\
         <style>body{{margin:0;padding:12px;font:14px/1.5 system-ui,sans-serif;color:#111;background:#fff;\
         overflow-wrap:anywhere}}img{{max-width:100%;height:auto}}\
         blockquote{{margin:0 0 0 8px;padding-left:8px;border-left:2px solid #ccc;color:#555}}</style>\
         </head><body>{body}</body></html>",
        csp = viewer_csp(allow_remote_images)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = r#"<p onclick="steal()">Hi <b>there</b></p>
        <script>alert(1)</script>
        <img src="x" onerror="alert(2)">
        <body onload="alert(3)"></body>
        <a href="javascript:alert(4)">click</a>
        <a href="https://example.com/ok">fine</a>
        <img src="https://tracker.example/pixel.gif" width="1" height="1">
        <iframe src="https://evil.example"></iframe>
        <form action="https://evil.example"><input name="pw"><button>Go</button></form>
        <svg><script>alert(5)</script><circle onload="alert(6)"/></svg>
        <object data="x.swf"></object><embed src="y">
        <style>body{background:url(https://evil.example/bg)}</style>
        <meta http-equiv="refresh" content="0;url=https://evil.example">"#;

    #[test]
    fn hostile_html_loses_everything_active() {
        let safe = sanitize_email_html(HOSTILE, false);
        let body = safe.document.split("<body>").nth(1).unwrap().to_lowercase();
        for bad in [
            "<script",
            "onclick",
            "onerror",
            "onload",
            "javascript:",
            "<iframe",
            "<form",
            "<input",
            "<svg",
            "<object",
            "<embed",
            "evil.example",
            "refresh",
            "alert(",
        ] {
            assert!(!body.contains(bad), "{bad} survived: {body}");
        }
        assert!(body.contains("<b>there</b>"), "{body}");
        assert!(body.contains(r#"href="https://example.com/ok""#), "{body}");
        assert!(!body.contains("tracker.example"), "remote image loaded by default: {body}");
        assert_eq!(safe.blocked_images, 1);
        assert!(safe.document.contains("script-src 'none'"));
        assert!(safe.document.contains("img-src data:;"));
    }

    #[test]
    fn remote_images_show_once_allowed() {
        let safe = sanitize_email_html(r#"<img src="https://cdn.example/logo.png" alt="Logo">"#, true);
        assert!(safe.document.contains(r#"src="https://cdn.example/logo.png""#), "{}", safe.document);
        assert_eq!(safe.blocked_images, 0);
        assert!(safe.document.contains("img-src data: https: http:"));
        // Still nothing active when images are allowed.
        let safe = sanitize_email_html(r#"<img src="https://x.example/a.png" onerror="alert(1)">"#, true);
        assert!(!safe.document.contains("onerror"));
    }

    #[test]
    fn relative_and_protocol_relative_urls_are_dropped() {
        // Relative to nothing in a mail; an iframe's srcdoc would resolve them against the app.
        let safe = sanitize_email_html(r#"<img src="//tracker.example/p.gif"><a href="/settings">x</a>"#, true);
        assert!(!safe.document.contains("tracker.example"), "{}", safe.document);
        assert!(!safe.document.contains("/settings"), "{}", safe.document);
    }
}
