use super::*;
use crate::text::story_text;

fn print(text: &str) -> Print {
    fingerprint(text, "", &Rules::default())
}

/// A sketch of a text whose outlet is unknown.
fn anon(signature: &Signature) -> Sketch<'_> {
    Sketch {
        signature,
        outlet: None,
        headline: None,
    }
}

fn sig(text: &str) -> Signature {
    print(text).signature
}

const STORY: &str = "The parliament passed the budget early on Friday after a debate that lasted through the night. \
    Opposition lawmakers said the compromise would not survive the next election, while the government called it historic. \
    The budget raises spending on schools and hospitals and cuts some taxes for small businesses across the country. \
    Analysts expect the central bank to keep rates on hold at its next meeting, citing the new fiscal stance.";

/// A long story of distinct sentences, so truncation changes its size a lot.
fn long_story() -> String {
    (0..60)
        .map(|i| {
            format!(
                "In paragraph {i} the minister for region {} told reporters that plan {} would cost {} million over {} years.",
                i * 7 % 13,
                i * 3 + 1,
                i * 11 + 5,
                i % 4 + 2
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn prefix(text: &str, share: f32) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    words[..(words.len() as f32 * share) as usize].join(" ")
}

#[test]
fn identical_texts_have_identical_signatures() {
    assert_eq!(sig(STORY), sig(&STORY.to_uppercase()));
    assert_eq!(similarity(&sig(STORY), &sig(STORY)), 1.0);
    assert_eq!(
        sig(STORY).shingle_count(),
        Some(STORY.split(' ').count() as u32 - 3)
    );
}

#[test]
fn a_copy_with_a_dateline_and_footer_is_a_copy() {
    let copy = format!("BERLIN (Reuters) — {STORY} Reporting by Jane Doe; editing by John Roe.");
    let (a, b) = (print(STORY), print(&copy));
    assert!(
        candidates(&a, &b),
        "no shared band: the index would miss this copy"
    );
    let s = copy_of(&anon(&a.signature), &anon(&b.signature), &Rules::default()).expect("a copy");
    assert!(s > 0.7, "similarity {s}");
}

#[test]
fn different_stories_are_not_similar() {
    let other = "The football club announced a new coach on Monday after a disappointing season that saw it relegated. \
        Fans gathered outside the stadium to protest the owners, demanding a sale of the club to local investors. \
        The new coach, who previously led a team in Spain, promised attacking football and more young players.";
    assert!(similarity(&sig(STORY), &sig(other)) < 0.1);
    assert_eq!(
        copy_of(&anon(&sig(STORY)), &anon(&sig(other)), &Rules::default()),
        None
    );
}

#[test]
fn a_truncated_copy_is_found_and_contained() {
    let story = long_story();
    let full = print(&story);
    for share in [0.3, 0.4, 0.45] {
        let cut = print(&prefix(&story, share));
        assert!(candidates(&full, &cut), "{share}: not a candidate");
        let j = similarity(&full.signature, &cut.signature);
        assert!(j < 0.5, "{share}: jaccard {j} (the test needs containment)");
        let c = copy_of(
            &anon(&full.signature),
            &anon(&cut.signature),
            &Rules::default(),
        );
        assert!(c.is_some_and(|c| c >= 0.8), "{share}: {c:?}, jaccard {j}");
        // Symmetric: the order the two arrive in does not matter.
        assert_eq!(
            c,
            copy_of(
                &anon(&cut.signature),
                &anon(&full.signature),
                &Rules::default()
            )
        );
    }
}

#[test]
fn a_short_excerpt_of_page_chrome_is_not_a_copy() {
    // A few shared lines contained in a long text: below the size and
    // Jaccard floors, whatever its containment.
    let story = long_story();
    let excerpt = prefix(&story, 0.1);
    let (a, b) = (sig(&story), sig(&excerpt));
    assert!(containment(&a, &b).unwrap() > 0.5);
    assert_eq!(copy_of(&anon(&a), &anon(&b), &Rules::default()), None);
}

#[test]
fn sketches_without_a_count_fall_back_to_jaccard() {
    let story = long_story();
    let mut old = sig(&story);
    old.0.truncate(PERMUTATIONS);
    assert_eq!(old.shingle_count(), None);
    assert_eq!(
        copy_of(&anon(&old), &anon(&sig(&story)), &Rules::default()),
        Some(1.0)
    );
    assert_eq!(
        copy_of(
            &anon(&old),
            &anon(&sig(&prefix(&story, 0.4))),
            &Rules::default()
        ),
        None
    );
}

#[test]
fn full_band_keys_are_unchanged_by_the_count() {
    // Bands stored before the shingle count was kept stay valid.
    let s = sig(STORY);
    let mut without = s.clone();
    without.0.truncate(PERMUTATIONS);
    assert_eq!(band_keys(&s), band_keys(&without));
    assert_eq!(band_keys(&s).len(), BANDS);
}

/// Real Korean and Japanese news text: the articles of the evaluation set
/// (entermedia.co.kr and note100yen.com pages of `scrapinghub`), found
/// where the scripts look for it: `WIREFEED_EVAL_DIR`, else `../shared/eval`
/// beside the checkout.
fn eval_texts(site: &str) -> Vec<String> {
    let dir = std::env::var_os("WIREFEED_EVAL_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
        });
    let path = dir.join("scrapinghub/ground-truth.json");
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "the evaluation set at {} (set WIREFEED_EVAL_DIR): {e}",
                path.display()
            )
        }))
        .expect("ground truth");
    let texts: Vec<String> = all
        .as_object()
        .expect("an object")
        .values()
        .filter(|v| v["url"].as_str().is_some_and(|u| u.contains(site)))
        .filter_map(|v| v["articleBody"].as_str().map(str::to_string))
        .collect();
    assert!(!texts.is_empty(), "no {site} page in the evaluation set");
    texts
}

fn cjk_copies_cluster(texts: &[String]) {
    let rules = Rules::default();
    for text in texts {
        let story = story_text(text);
        let chars: Vec<char> = story.chars().collect();
        // A copy with a prefix line and a few characters changed, and one
        // cut to its first 60%.
        let mut edited = chars.clone();
        for i in (50..edited.len()).step_by(97) {
            if crate::text::is_cjk(edited[i]) {
                edited[i] = '의';
            }
        }
        let edited: String = format!("(연합뉴스) {}", edited.iter().collect::<String>());
        let cut: String = chars[..chars.len() * 6 / 10].iter().collect();
        let full = fingerprint(&story, "", &rules);
        for copy in [edited, cut] {
            let other = fingerprint(&copy, "", &rules);
            assert!(candidates(&full, &other), "not a candidate");
            assert!(
                copy_of(&anon(&full.signature), &anon(&other.signature), &rules).is_some(),
                "copy missed: jaccard {}",
                similarity(&full.signature, &other.signature)
            );
        }
    }
    // And different stories from the same site stay apart.
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            let (a, b) = (fingerprint(a, "", &rules), fingerprint(b, "", &rules));
            assert_eq!(
                copy_of(&anon(&a.signature), &anon(&b.signature), &rules),
                None
            );
        }
    }
}

#[test]
fn copies_of_real_korean_news_cluster() {
    let texts = eval_texts("entermedia.co.kr");
    assert!(texts.len() >= 2);
    cjk_copies_cluster(&texts);
}

#[test]
fn copies_of_real_japanese_text_cluster() {
    cjk_copies_cluster(&eval_texts("note100yen.com"));
}

#[test]
fn two_pages_of_one_outlet_need_near_identical_text() {
    // Two stories on one site whose extractions kept the same long run of
    // page chrome: similar as texts, not copies.
    let chrome = prefix(&long_story(), 0.2);
    let (a, b) = (
        sig(&format!("{STORY}\n\n{chrome}")),
        sig(&format!(
            "Another story entirely, about the harbour.\n\n{chrome}"
        )),
    );
    let rules = Rules::default();
    assert!(copy_of(&anon(&a), &anon(&b), &rules).is_some());
    let (x, y) = (
        Sketch::new(&a, "https://www.example.com/news/1", None),
        Sketch::new(&b, "https://example.com/news/2", None),
    );
    assert_eq!(copy_of(&x, &y, &rules), None);
    // The same text under two of its addresses still is one.
    let z = Sketch::new(&a, "https://example.com/amp/news/1", None);
    assert_eq!(copy_of(&x, &z, &rules), Some(1.0));
    // And other outlets' copies are judged on text alone.
    let w = Sketch::new(&b, "https://other.example.org/2", None);
    assert!(copy_of(&x, &w, &rules).is_some());
}

#[test]
fn outlets_are_web_hosts() {
    assert_eq!(outlet("https://www.example.com/a?b"), Some("example.com"));
    assert_eq!(
        outlet("http://user@news.example.com:8080/x"),
        Some("news.example.com")
    );
    assert_eq!(outlet("urn:newsml:reuters.com:20261206:nL1N"), None);
}

#[test]
fn one_outlet_s_pages_under_other_headlines_are_other_stories() {
    // A paywall notice is all an extraction found on two of a site's pages.
    let notice = sig(STORY);
    let (h1, h2) = (headline_hash("Budget passes"), headline_hash("Coach named"));
    let a = Sketch::new(&notice, "https://example.com/1", h1);
    let b = Sketch::new(&notice, "https://example.com/2", h2);
    assert!(a.other_story_of_one_outlet(&b));
    assert_eq!(copy_of(&a, &b, &Rules::default()), None);
    // Under one headline (two addresses of one page) they are one story,
    // and other outlets' copies may reword the headline.
    let same = Sketch::new(
        &notice,
        "https://example.com/1?amp",
        headline_hash("BUDGET passes!"),
    );
    assert_eq!(copy_of(&a, &same, &Rules::default()), Some(1.0));
    let elsewhere = Sketch::new(&notice, "https://other.example.org/9", h2);
    assert_eq!(copy_of(&a, &elsewhere, &Rules::default()), Some(1.0));
}
