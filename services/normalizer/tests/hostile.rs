//! The hostile-input corpus: every kind ends in a specific dead-letter
//! reason or a clean article. None may panic or abort the process.

use chrono::Datelike;
use serde_json::json;
use wirefeed_model::NormalizedMessage;
use wirefeed_normalizer::service::process_raw;
use wirefeed_normalizer::Limits;
use wirefeed_plumbing::events::Origin;
use wirefeed_plumbing::StageError;

const MAX: usize = 8 * 1024 * 1024;

fn run(bytes: &[u8]) -> Result<NormalizedMessage, StageError> {
    let origin = Origin {
        topic: "articles.raw".into(),
        partition: 0,
        offset: 0,
    };
    process_raw(bytes, &origin, MAX, &Limits::default())
}

fn kind(bytes: &[u8]) -> &'static str {
    match run(bytes) {
        Ok(_) => "ok",
        Err(e) => {
            assert!(!e.is_transient(), "bad input must be permanent: {e:?}");
            assert!(!e.reason.is_empty());
            e.kind
        }
    }
}

fn page(body: &str) -> Vec<u8> {
    json!({"url": "https://news.example/world/story", "body": body})
        .to_string()
        .into_bytes()
}

/// A raw message carrying a plain-text page dump.
fn text_dump(dump: &str) -> Vec<u8> {
    json!({"url": "https://news.example/b", "body": dump, "content_type": "text/plain"})
        .to_string()
        .into_bytes()
}

/// An article page of `n` short paragraphs.
fn many_paragraphs(n: usize) -> String {
    "<html><body><article><h1>Many paragraphs here today</h1>".to_string()
        + &(0..n)
            .map(|i| format!("<p>Sentence {i} is one of very many paragraphs in the page.</p>"))
            .collect::<String>()
        + "</article></body></html>"
}

/// A real article body, long enough to pass the article checks.
fn story() -> String {
    let paragraphs: String = (1..=6)
        .map(|i| format!("<p>In part {i}, the parliament passed the budget early on Friday after a debate that lasted through the night.</p>"))
        .collect();
    format!("<html><body><article><h1>Budget passes after a long night</h1>{paragraphs}</article></body></html>")
}

#[test]
fn malformed_messages_get_their_reason() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"{not json".to_vec(), "invalid_json"),
        (b"".to_vec(), "invalid_json"),
        (b"[1, 2, 3]".to_vec(), "not_an_object"),
        (b"\"a string\"".to_vec(), "not_an_object"),
        (b"42".to_vec(), "not_an_object"),
        (b"null".to_vec(), "not_an_object"),
        (br#"{"url": 7, "body": "x"}"#.to_vec(), "wrong_type"),
        (
            br#"{"url": "https://a.example/", "body": {"html": "x"}}"#.to_vec(),
            "wrong_type",
        ),
        (
            br#"{"url": "https://a.example/", "body": "x", "id": {"a": 1}}"#.to_vec(),
            "wrong_type",
        ),
        (
            br#"{"url": "https://a.example/", "body": "x", "title": 5}"#.to_vec(),
            "wrong_type",
        ),
        (br#"{"body": "x"}"#.to_vec(), "missing_url"),
        (br#"{"url": "", "body": "x"}"#.to_vec(), "missing_url"),
        (
            br#"{"url": "/world/story", "body": "x"}"#.to_vec(),
            "invalid_url",
        ),
        (
            br#"{"url": "javascript:alert(1)", "body": "x"}"#.to_vec(),
            "invalid_url",
        ),
        (
            br#"{"url": "ftp://a.example/file", "body": "x"}"#.to_vec(),
            "invalid_url",
        ),
        (br#"{"url": "https://a.example/"}"#.to_vec(), "missing_body"),
        (
            br#"{"url": "https://a.example/", "body": ""}"#.to_vec(),
            "empty_body",
        ),
        (
            br#"{"url": "https://a.example/", "body": " \n\t "}"#.to_vec(),
            "empty_body",
        ),
        (
            br#"{"url": "https://a.example/", "body": "x", "fetched_at": "last tuesday"}"#.to_vec(),
            "invalid_fetched_at",
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(
            kind(&input),
            expected,
            "input: {}",
            String::from_utf8_lossy(&input)
        );
    }
}

#[test]
fn oversized_messages_are_refused_before_parsing() {
    let body = "x".repeat(20 * 1024 * 1024);
    assert_eq!(kind(&page(&body)), "too_large");
}

#[test]
fn invalid_utf8_and_utf16_are_invalid_json() {
    let mut bytes = br#"{"url": "https://a.example/", "body": ""#.to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28]);
    bytes.extend_from_slice(br#""}"#);
    assert_eq!(kind(&bytes), "invalid_json");
    let utf16: Vec<u8> = "\u{feff}{\"url\": \"https://a.example/\", \"body\": \"x\"}"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    assert_eq!(kind(&utf16), "invalid_json");
}

#[test]
fn deep_json_and_deep_html_do_not_overflow_the_stack() {
    let deep_json = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(kind(deep_json.as_bytes()), "invalid_json");
    let deep_html = "<html><body>".to_string()
        + &"<div>".repeat(100_000)
        + "<p>text</p>"
        + &"</div>".repeat(100_000);
    assert_eq!(kind(&page(&deep_html)), "too_deeply_nested");
}

#[test]
fn nul_bytes_binary_and_control_characters_never_reach_the_article() {
    let body = story().replace("parliament", "parlia\u{0}ment\u{1}\u{7f}");
    let msg = run(&page(&body)).expect("still an article");
    assert!(!msg.article.body.contains('\u{0}'));
    assert!(!msg
        .article
        .body
        .chars()
        .any(|c| c.is_control() && c != '\n'));
    let binary: String = (0u8..=255)
        .map(|b| b as char)
        .collect::<String>()
        .repeat(200);
    assert!(matches!(
        kind(&page(&binary)),
        "not_an_article" | "empty_extraction"
    ));
}

#[test]
fn entity_expansion_xml_is_not_expanded() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><newsItem guid="x">&lol3;</newsItem>"#;
    // Read as NewsML-G2 without expanding the entities: no text remains.
    assert_eq!(kind(&page(laughs)), "empty_extraction");
    let as_html = format!("<html><body><p>{}</p></body></html>", "&lol3; ".repeat(10));
    assert!(matches!(
        kind(&page(&as_html)),
        "not_an_article" | "empty_extraction"
    ));
}

#[test]
fn thousands_of_date_labels_and_reading_times_are_read_a_bounded_number_of_times() {
    // Each "Posted on" or reading time reads the texts around it; with
    // 20,000 of them under one element that had taken minutes (every read
    // walked the element's 20,000 children).
    let crowd: String = (0..20_000)
        .map(|i| {
            if i % 2 == 0 {
                "<span>5 min read</span> ".to_string()
            } else {
                "<span>Posted on</span> ".to_string()
            }
        })
        .collect();
    let body = story().replace("</article>", &format!("<div>{crowd}</div></article>"));
    let msg = run(&page(&body)).expect("an article with a crowd of labels");
    assert_eq!(
        msg.article.published_at, None,
        "none of them dates the page"
    );
}

#[test]
fn thousands_of_dated_list_entries_and_comment_headings_are_read_a_bounded_number_of_times() {
    // The page's own entry in a list of posts is looked for among its
    // `<time>` elements, each reading the entry around it: 20,000 of them,
    // none linking to the page, must not cost 20,000 reads. The story's
    // own "02-12-2025" reads both ways, so nothing else dates the page.
    let entries: String = (0..20_000)
        .map(|i| {
            format!(
                r#"<div><a href="/p{i}">Post {i}</a><time datetime="2024-01-01">x</time></div>"#
            )
        })
        .collect();
    let body = story().replace(
        "</h1>",
        r#"</h1><time datetime="02-12-2025">02-12-2025</time>"#,
    );
    let body = body.replace("</article>", &format!("</article><aside>{entries}</aside>"));
    let msg = run(&page(&body)).expect("an article beside a long list of posts");
    assert_eq!(msg.article.published_at, None, "no entry is the page's own");
    // A text dump whose comment thread has 20,000 comments, each with
    // its heading: the story is what comes before them, undated.
    let thread: String = (0..20_000)
        .map(|i| format!("  • Reader{i} on September 12, 2018 at 4:47 pm said:\n\n    Point {i} about the budget.\n\n"))
        .collect();
    let dump = format!(
        "A blog\n\nBudget passes after a long night\n\n{}\n\nComments\n\n{thread}",
        "The parliament passed the budget early on Friday after a debate that lasted through the night. ".repeat(6)
    );
    let msg = run(&text_dump(&dump)).expect("a story before a long comment thread");
    assert!(msg.article.body.starts_with("The parliament passed"));
    assert!(!msg.article.body.contains("Reader"));
    assert_eq!(msg.article.published_at, None, "comments date no story");
}

#[test]
fn extremely_long_lines_and_words() {
    let word = "a".repeat(3_000_000);
    assert!(matches!(
        kind(&page(&word)),
        "not_an_article" | "empty_extraction" | "ok"
    ));
    // Just under the page limit.
    let line = "word ".repeat(800_000);
    let msg = run(&page(&line)).expect("one huge paragraph is still text");
    assert!(msg.article.word_count >= 800_000);
}

#[test]
fn sql_and_script_payloads_are_inert_text() {
    let sql = "'); DROP TABLE stories; --";
    let body = story().replace(
        "<h1>Budget passes after a long night</h1>",
        &format!("<h1>{sql} Budget passes</h1><script>alert('x')</script><style>p{{}}</style>"),
    );
    let raw = json!({"url": "https://news.example/a", "body": body, "title": sql, "source": "<img src=x onerror=alert(1)>"});
    let msg = run(raw.to_string().as_bytes()).expect("article");
    assert!(
        msg.article.title.contains("DROP TABLE"),
        "kept as text: {}",
        msg.article.title
    );
    assert!(!msg.article.body.contains("alert("));
    assert!(!msg.article.body.contains('<'));
    assert_eq!(
        msg.raw.source.as_deref(),
        Some("<img src=x onerror=alert(1)>"),
        "passed through untouched, stored as text"
    );
}

#[test]
fn duplicate_keys_take_the_last_value() {
    let raw =
        br#"{"url": "https://first.example/a", "url": "https://second.example/a", "body": "x x"}"#;
    assert!(matches!(kind(raw), "not_an_article" | "empty_extraction"));
    let raw = format!(
        r#"{{"url": "https://first.example/a", "url": "https://second.example/a", "body": {}}}"#,
        json!(story())
    );
    assert_eq!(
        run(raw.as_bytes()).unwrap().raw.url,
        "https://second.example/a"
    );
}

#[test]
fn huge_numbers_of_paragraphs_and_authors_are_bounded() {
    let body = many_paragraphs(50_000);
    let msg = run(&page(&body)).expect("article");
    assert!(msg.article.paragraphs.len() <= Limits::default().max_paragraphs);
    let byline = (0..5000)
        .map(|i| format!("Author{i} Person"))
        .collect::<Vec<_>>()
        .join(", ");
    let dump = format!(
        "A headline for the authors test\n\nBy {byline}\n\n{}",
        "A plain sentence about the news of the day goes here. ".repeat(20)
    );
    let msg = run(&text_dump(&dump)).expect("article");
    assert!(
        msg.article.authors.len() <= 50,
        "{} authors",
        msg.article.authors.len()
    );
}

#[test]
fn pages_that_are_not_articles_are_refused() {
    assert!(matches!(
        kind(&page(
            "<html><body><form>Log in to continue</form></body></html>"
        )),
        "not_an_article" | "empty_extraction"
    ));
    assert_eq!(
        kind(&page("Please sign in.\n\nForgot password?")),
        "not_an_article"
    );
    assert_eq!(kind(&json!({"url": "https://a.example/", "body": "{\"uri\": 5, \"headline\": 7}", "content_type": "application/json"}).to_string().into_bytes()), "invalid_wire");
    assert_eq!(kind(&json!({"url": "https://a.example/", "body": "{\"items\": []}", "content_type": "application/json"}).to_string().into_bytes()), "unsupported_format");
}

#[test]
fn mislabelled_content_types_are_sniffed() {
    let raw =
        json!({"url": "https://news.example/c", "body": story(), "content_type": "text/plain"});
    let msg = run(raw.to_string().as_bytes()).unwrap();
    assert_eq!(msg.article.format, "html");
    assert!(!msg.article.body.contains("<p>"));
}

#[test]
fn a_byte_order_mark_before_the_json_is_tolerated() {
    let mut bytes = vec![0xef, 0xbb, 0xbf];
    bytes.extend_from_slice(
        json!({"url": "https://news.example/d", "body": story()})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(kind(&bytes), "ok");
}

#[test]
fn pages_over_the_page_limit_are_refused_before_parsing() {
    // Under the message limit, over the page limit.
    let body = "<p>word</p>".repeat(500_000);
    assert!(body.len() > Limits::default().max_page_bytes);
    assert_eq!(kind(&page(&body)), "page_too_large");
}

/// Counts the bytes each thread has allocated and not freed, and the peak
/// of that count, so a test can bound the memory one page costs.
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    pub struct Counting;

    thread_local! {
        static LIVE: Cell<isize> = const { Cell::new(0) };
        static PEAK: Cell<isize> = const { Cell::new(0) };
    }

    fn add(delta: isize) {
        // try_with: the allocator also runs while thread-locals are torn down.
        let _ = LIVE.try_with(|live| {
            let now = live.get() + delta;
            live.set(now);
            let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
        });
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() {
                add(layout.size() as isize);
            }
            p
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc_zeroed(layout) };
            if !p.is_null() {
                add(layout.size() as isize);
            }
            p
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) };
            add(-(layout.size() as isize));
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if !p.is_null() {
                add(new_size as isize - layout.size() as isize);
            }
            p
        }
    }

    /// Runs `f` and returns its result and the most memory it held at once
    /// on this thread beyond what the thread held before.
    pub fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let base = LIVE.with(Cell::get);
        PEAK.with(|p| p.set(base));
        let out = f();
        let peak = PEAK.with(Cell::get);
        (out, (peak - base).max(0) as usize)
    }
}

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

#[test]
fn memory_per_page_is_bounded() {
    let paragraphs = many_paragraphs(50_000);
    let deep = "<html><body>".to_string()
        + &"<div>".repeat(900)
        + &(0..20_000)
            .map(|i| format!("<p>Paragraph {i} of a deeply nested page.</p>"))
            .collect::<String>()
        + &"</div>".repeat(900);
    let dump: String = (0..40_000)
        .map(|i| format!("Paragraph {i} of the story: the council met again on day {i}.\n\n"))
        .collect();
    let authors: Vec<serde_json::Value> = (0..100_000)
        .map(|i| json!({"@type": "Person", "name": format!("A{i} B{i}")}))
        .collect();
    let ld = json!({"@type": "NewsArticle", "headline": "Many authors", "author": authors});
    let many_authors = story().replace(
        "<html>",
        &format!("<html><head><script type=\"application/ld+json\">{ld}</script></head>"),
    );
    let meta_authors = story().replace(
        "<html>",
        &format!(
            "<html><head>{}</head>",
            (0..60_000)
                .map(|i| format!("<meta name=\"author\" content=\"Writer {i}\">"))
                .collect::<String>()
        ),
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("100,000 JSON-LD authors", page(&many_authors)),
        ("60,000 author meta tags", page(&meta_authors)),
        ("20 MB message", page(&"x".repeat(20 * 1024 * 1024))),
        ("3.9 MB of one word", page(&"a".repeat(3_900_000))),
        ("one line of 780,000 words", page(&"word ".repeat(780_000))),
        ("50,000 paragraphs", page(&paragraphs)),
        ("20,000 paragraphs 900 deep", page(&deep)),
        (
            "40,000-paragraph text dump",
            json!({"url": "https://news.example/t", "body": dump, "content_type": "text/plain"})
                .to_string()
                .into_bytes(),
        ),
    ];
    for (name, input) in cases {
        let (result, peak) = counting::peak_of(|| kind(&input));
        let size = input.len();
        eprintln!(
            "{name}: {size} bytes in, {result}, peak {peak} bytes ({:.1}x)",
            peak as f64 / size as f64
        );
        // A page may cost a few dozen times its size (DOM, text copies,
        // shingles), never without bound; 64 MB covers the fixed part.
        assert!(
            peak <= 40 * size + 64 * 1024 * 1024,
            "{name}: peak {peak} bytes for {size} bytes of input"
        );
        // Whatever the page, the heap stays well under the 256 MB a
        // normalizer process may use (the rest is code and stacks).
        assert!(peak <= 192 * 1024 * 1024, "{name}: peak {peak} bytes");
    }
}

#[test]
fn valid_html_leaving_end_tags_out_is_not_too_deep() {
    // 1,500 paragraphs without their (optional) end tags: valid HTML, a
    // tree two levels deep under the article, not 1,500.
    let paragraphs: String = (0..1500)
        .map(|i| {
            format!("<p>Paragraph {i} of the council's report says the budget passed on Friday")
        })
        .collect();
    let html =
        format!("<html><body><article><h1>Budget report</h1>{paragraphs}</article></body></html>");
    assert_eq!(kind(&page(&html)), "ok");
}

#[test]
fn one_bad_optional_field_keeps_the_page_with_a_warning() {
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    for (field, value) in [
        ("\"note\"", "\"\\ud800 lone surrogate\"".to_string()),
        ("\"score\"", "1e400".to_string()),
        ("\"tree\"", deep),
        ("\"id\"", "1e400".to_string()),
    ] {
        let message = format!(
            r#"{{"url": "https://news.example/world/story", "body": {}, {field}: {value}}}"#,
            serde_json::to_string(&story()).unwrap()
        );
        let normalized = run(message.as_bytes()).unwrap_or_else(|e| panic!("{field}: {e}"));
        assert_eq!(
            normalized.warnings.len(),
            1,
            "{field}: {:?}",
            normalized.warnings
        );
        assert_eq!(normalized.warnings[0].kind, "json_repaired");
    }
    // A lone surrogate in the page itself becomes U+FFFD; the page stays.
    let message = format!(
        r#"{{"url": "https://news.example/world/story", "body": {}}}"#,
        serde_json::to_string(&story())
            .unwrap()
            .replace("Budget passes", "Budget \\udc00passes")
    );
    let normalized = run(message.as_bytes()).expect("kept");
    assert!(
        normalized.article.title.contains('\u{fffd}'),
        "{}",
        normalized.article.title
    );
}

#[test]
fn implausible_dates_and_credentials_never_leave_the_normalizer() {
    let html = story().replace(
        "<h1>",
        "<time datetime=\"2999-01-01T00:00:00Z\">1 Jan 2999</time><h1>",
    );
    let message = json!({
        "url": "https://user:secret@news.example/world/story",
        "body": html,
        "fetched_at": "2999-06-01T00:00:00Z",
        "published_at": "0099-01-01T00:00:00Z",
    });
    let normalized = run(message.to_string().as_bytes()).expect("kept");
    assert!(
        !normalized.raw.url.contains("secret"),
        "{}",
        normalized.raw.url
    );
    assert!(!normalized.article.canonical_url.contains("secret"));
    let fetched = normalized.raw.fetched_at.expect("fetched_at");
    assert!(fetched <= chrono::Utc::now(), "clamped: {fetched}");
    for t in [
        normalized.article.published_at,
        normalized.article.updated_at,
    ]
    .into_iter()
    .flatten()
    {
        assert!(
            t.with_timezone(&chrono::Utc) <= chrono::Utc::now() + chrono::Duration::days(2),
            "{t}"
        );
        assert!(t.year() >= 1800, "{t}");
    }
    let kinds: Vec<&str> = normalized
        .warnings
        .iter()
        .map(|w| w.kind.as_str())
        .collect();
    assert!(kinds.contains(&"fetched_at_in_future"), "{kinds:?}");
    assert!(kinds.contains(&"credentials_removed"), "{kinds:?}");
    assert!(kinds.contains(&"implausible_date"), "{kinds:?}");
}
