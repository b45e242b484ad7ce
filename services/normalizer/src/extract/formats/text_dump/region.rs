//! Where the story is on a dumped page: the run of blocks with the most
//! prose after the headline, and what ends a story (the header of reader
//! comments or of other stories, or the first comment's heading).

use std::sync::LazyLock;

use regex::Regex;

use super::block::{content_words, Block, Role};
use super::comment_count::comment_count_words;
use super::teasers::without_dated_teasers;
use crate::extract::fields::dates;

/// The region of the page holding the article: the span with the highest
/// score, where content blocks add their words and everything else costs
/// its words (at least a few), so short widgets inside a story are bridged
/// while long menus and teaser lists split regions (a maximum-sum run).
/// Content printed before the headline counts half: pages put teasers and
/// banners above the story and the story right after its headline. A byline
/// closes the story it follows.
pub(super) fn best_region(blocks: &[Block]) -> (usize, usize) {
    let title_at = story_headline(blocks);
    // Reader comments after the story read like prose too: they count little.
    let comments_at = blocks.iter().enumerate().position(|(i, b)| {
        title_at.is_none_or(|t| i > t) && ends_story(&b.text) && !inline_box(blocks, i)
    });
    let score = |i: usize, b: &Block| -> f32 {
        match b.role {
            Role::Content => {
                let before_title = title_at.is_some_and(|t| i < t);
                let in_comments = comments_at.is_some_and(|c| i > c);
                let weight = if in_comments {
                    0.2
                } else if before_title {
                    0.5
                } else {
                    1.0
                };
                b.words as f32 * weight
            }
            Role::Title | Role::Caption | Role::Breadcrumb | Role::Subhead => -1.0,
            _ => -(b.words.clamp(3, 15) as f32),
        }
    };
    let best_run = |end: usize| {
        let (mut best, mut best_sum) = ((0, 0), 0.0f32);
        let (mut start, mut sum) = (0, 0.0f32);
        for (i, b) in blocks[..end].iter().enumerate() {
            if b.role == Role::Byline || Some(i) == comments_at {
                start = i + 1;
                sum = 0.0;
                continue;
            }
            if sum <= 0.0 {
                start = i;
                sum = 0.0;
            }
            sum += score(i, b);
            if sum > best_sum {
                best_sum = sum;
                best = (start, i + 1);
            }
        }
        best
    };
    let best = without_dated_teasers(blocks, best_run(blocks.len()));
    // A long comment thread can outweigh a short story even at a fifth of
    // its words: where prose after the headline comes before the comments,
    // that is the story. (A list of other stories is no such sign: pages
    // print "Most popular" beside the headline, before the story.)
    match (comments_at, title_at) {
        (Some(c), Some(t)) if best.0 > c && starts_comments(&blocks[c].text) => {
            let before = best_run(c);
            let story_words = content_words(&blocks[before.0..before.1]);
            if before.0 > t && story_words >= MIN_STORY_WORDS {
                before
            } else {
                best
            }
        }
        _ => best,
    }
}

/// Which printing of the headline stands over the story: the one the
/// most prose follows closely (the later one when as much does). A page
/// prints its headline in the window title and above the story, but
/// also in calls to action ("Start now 15 Best Online Tutoring
/// Platforms"), lists of recent posts and comment widgets below it.
fn story_headline(blocks: &[Block]) -> Option<usize> {
    blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.role == Role::Title)
        .map(|(i, _)| {
            (
                i,
                content_words(blocks[i + 1..].iter().take(HEADLINE_FOLLOWERS)),
            )
        })
        .max_by_key(|&(_, prose)| prose)
        .map(|(i, _)| i)
}

/// Blocks after a printing of the headline whose prose is counted.
const HEADLINE_FOLLOWERS: usize = 20;

/// A box of links to other stories set inside the story ("related
/// news", two headlines, and the story goes on): its header is followed,
/// within a few blocks, by paragraphs in a row, where the list closing a
/// story is followed by teasers (a headline, a line of summary) and the
/// footer.
fn inline_box(blocks: &[Block], header: usize) -> bool {
    if starts_comments(&blocks[header].text) {
        return false;
    }
    let after = &blocks[header + 1..];
    let resumes_at = |first: usize| {
        let run: Vec<&Block> = after[first..]
            .iter()
            .take_while(|b| b.role == Role::Content)
            .collect();
        run.len() >= RESUMED_PARAGRAPHS
            && run.iter().map(|b| b.words).sum::<usize>() >= RESUMED_WORDS
    };
    // The box's own headlines may read as paragraphs: the story
    // resumes at a run of paragraphs past them, before any other header
    // of other stories.
    let reach = after.len().min(INLINE_BOX_LINKS + 1);
    let window = after[..reach]
        .iter()
        .position(|b| ends_story(&b.text))
        .unwrap_or(reach);
    (0..window).any(|i| {
        after[i].role == Role::Content
            && (i == 0 || after[i - 1].role != Role::Content)
            && resumes_at(i)
    })
}

/// Blocks an inline box holds at most (three teasers, each a section
/// label and a headline).
const INLINE_BOX_LINKS: usize = 8;
/// Paragraphs in a row, and their words, that resume a story after a box.
const RESUMED_PARAGRAPHS: usize = 3;
const RESUMED_WORDS: usize = 60;

/// Prose words after the headline that make a story of their own, before
/// a longer comment thread.
const MIN_STORY_WORDS: usize = 40;

/// A header's words, then nothing but a count, punctuation or closing
/// quotes after a quoted headline ("34 responses to “Budget vote””").
macro_rules! header_regex {
    ($($alternatives:expr),+ $(,)?) => {
        LazyLock::new(|| {
            Regex::new(concat!(
                r"(?i)^(?:\d+\s+)?(?:",
                $($alternatives,)+
                r#")\b[\s:.…(\d)"”“’»!?]*$"#
            ))
            .expect("valid regex")
        })
    };
}

/// A comment thread's header: its title, the reply form's, or a count of
/// comments naming the story ("12 thoughts on “…”", "45 Gedanken zu
/// „…“"; WordPress writes a count of one as a word: "One thought on “…”").
static COMMENTS_HEADER: LazyLock<Regex> = header_regex!(
    r"comments|reader comments|top rated comments|leave a (?:reply|comment)(?:\s*cancel reply)?|",
    r"post a comment|add a comment|join the discussion|responses?|one thoughts? on [“\x22«‘'].*|",
    comment_count_words!(),
    r"\s*[“\x22«‘'„‚].*",
);

static OTHER_STORIES_HEADER: LazyLock<Regex> = header_regex!(
    r"related (?:posts|stories|articles|news|content|reading)|more (?:stories|from\b.*|news|articles)|",
    r"you (?:may|might) (?:also )?like(?: to read)?|recommended(?: for you)?|trending(?: now)?|popular(?: posts| now)?|",
    r"most (?:read|popular|viewed|shared)|latest (?:news|stories|posts)|read next|up next|",
    r"você pode gostar|leia também|te puede interesar|lee também|lesen sie auch|mehr zum thema|",
    r"à lire aussi|lire aussi|leggi anche|baca juga|artikel terkait|",
    r"recommended (?:articles|posts|stories)|(?:what|where) to read next|you (?:may|might) (?:also )?enjoy|",
    r"related (?:resources|reads|articles and links)|more in this section|recent (?:posts|articles|stories)|",
    r"further reading|keep exploring(?: this topic)?|explore more(?: articles| posts| stories)?|browse related",
);

/// What a page prints once a story is over: a feedback widget ("Was this
/// article helpful?"), a newsletter's call ("Subscribe to our newsletter",
/// "Want more stories like this?"), the story's related tags, a share
/// bar's "Share this article" (one under the headline is a box the story
/// resumes after: `inline_box`). Not a bare "Share on:", which under a
/// headline split a story whose paragraphs came one at a time between
/// images, nor the links to the previous and next posts, which blogs
/// print under the headline.
static CLOSING_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:was (?:this|the) (?:article|page|post|story|information) (?:helpful|useful)",
        r"|rate this (?:article|post|page|story)|related tags|share (?:this|the) (?:article|post|story|page)(?: on)?",
        r"|did you (?:like|enjoy) this (?:article|post|story)\b.*",
        r"|want more (?:stories|articles|news) like this|never miss (?:a|another) (?:story|article|post)",
        r"|(?:sign up for|subscribe to|get|join) (?:our|the) (?:free )?newsletters?)[\s?:.!]*$",
    ))
    .expect("valid regex")
});

/// A reader comment's heading: "1. thelastchargersfan says: November
/// 19, 2019 at 6:34 am", "Milan Griffes on September 12, 2018 at 4:47 pm
/// said:".
static COMMENT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:\d+\.\s*)?\S.{0,60}?\s(?:says|said|wrote)\s*:\s*(?P<after>.{6,40})$",
        r"|^(?:\d+\.\s*)?\S.{0,60}?\son\s(?P<between>.{6,40}?)\s(?:says|said|wrote)\s*:?$"
    ))
    .expect("valid regex")
});

/// A comment widget's heading: its count of likes, the commenter's name
/// (a reply's "Reply to" another) and how long ago it was written: "9
/// Tyan 1 year ago", "1 Reply O-H Reply to The White Coat Investor 6
/// months ago". The count comes first, so "Updated 2 hours ago" under a
/// headline is none.
static AGO_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\d{1,4}\s+\S.{0,80}?\s\d{1,3}\s+(?:second|minute|hour|day|week|month|year)s?\s+ago$",
    )
    .expect("valid regex")
});

/// Whether a text is a reader comment's heading: a name and the date it
/// was written, nothing more.
fn is_comment_heading(text: &str) -> bool {
    if text.len() > 120 {
        return false;
    }
    // Most blocks neither open with a count nor end in "ago": no search.
    let ago = text.ends_with(" ago")
        && text.starts_with(|c: char| c.is_ascii_digit())
        && AGO_HEADING.is_match(text);
    ago || COMMENT_HEADING.captures(text).is_some_and(|c| {
        c.name("after")
            .or(c.name("between"))
            .is_some_and(|d| dates::parse_whole(d.as_str().trim()).is_some())
    })
}

/// Where the story is over: the header of the comments or of a block of
/// other stories, or the first reader comment.
pub(super) fn ends_story(text: &str) -> bool {
    starts_comments(text) || OTHER_STORIES_HEADER.is_match(text) || CLOSING_HEADER.is_match(text)
}

/// Where reader comments begin: their header or the first one's heading.
pub(super) fn starts_comments(text: &str) -> bool {
    COMMENTS_HEADER.is_match(text) || is_comment_heading(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_widget_headings_start_the_comments() {
        for heading in [
            "9 Tyan 1 year ago",
            "1 Reply O-H Reply to The White Coat Investor 6 months ago",
            "1. thelastchargersfan says: November 19, 2019 at 6:34 am",
            // The reply form's title and its "Cancel reply" link, run
            // together by the text browser.
            "Leave a ReplyCancel reply",
        ] {
            assert!(starts_comments(heading), "{heading}");
        }
        for line in ["Updated 2 hours ago", "Posted by Jane Doe 3 days ago"] {
            assert!(!starts_comments(line), "{line}");
        }
    }

    /// Asserts of each text what `test` says of it.
    fn assert_each(test: fn(&str) -> bool, texts: &[&str], expected: bool) {
        for text in texts {
            assert_eq!(test(text), expected, "{text}");
        }
    }

    #[test]
    fn lists_of_other_posts_end_the_story() {
        assert_each(
            ends_story,
            &[
                "Recent Posts",
                "What to read next...",
                "More in this section",
                "Keep Exploring This Topic.",
                "Related articles and links:",
                "Browse Related:",
            ],
            true,
        );
        // Each was measured ending a story too soon: a box of one link
        // with one paragraph after it, teasers with their writers in the
        // middle of a story, a list the story's run went on past.
        assert_each(
            ends_story,
            &[
                "Related Links",
                "Recommended Reading",
                "More Articles You Might Enjoy",
            ],
            false,
        );
    }

    #[test]
    fn feedback_widgets_and_related_tags_end_the_story_and_post_links_do_not() {
        assert_each(
            ends_story,
            &[
                "Was this article helpful?",
                "Was the article useful?",
                "Rate this article",
                "Did you like this article? You can buy me a coffee.",
                "Related Tags:",
                "Share this article",
                "Want more stories like this?",
                "Subscribe to our newsletter",
                "Never miss another article",
            ],
            true,
        );
        assert_each(
            ends_story,
            &[
                "Previous Post",
                "Next Post",
                "Was this the right call for the city?",
            ],
            false,
        );
    }

    /// A comment thread's header quotes the story it is under; a headline
    /// that opens "Thoughts on" names its subject without quotes.
    #[test]
    fn thoughts_on_a_quoted_headline_start_the_comments_and_a_headline_does_not() {
        assert_each(
            starts_comments,
            &[
                "6 thoughts on “Top 10: Best Language Learning App”",
                "One thought on “How to Adopt an Online Leader Success Mindset”",
                "Thoughts on \"Budget vote delayed\"",
                "45 Gedanken zu „Das wird man ja wohl noch sagen dürfen!“",
                "3 réponses à « Le budget est voté »",
            ],
            true,
        );
        assert_each(
            starts_comments,
            &[
                "Thoughts on Zig",
                "Thoughts on travel insurance from a budget traveler",
            ],
            false,
        );
    }

    #[test]
    fn a_read_next_box_with_its_headlines_inside_the_story_does_not_end_it() {
        let paragraph = |n: usize| {
            Block::of(
                &format!("Paragraph {n} of the story about growing vegetables in a small garden, with enough words."),
                Role::Content,
                false,
            )
        };
        let mut blocks = vec![Block::of(
            "How to Start a Vegetable Garden",
            Role::Title,
            false,
        )];
        blocks.extend((1..=2).map(paragraph));
        blocks.push(Block::of("Read Next", Role::Subhead, false));
        for headline in [
            "How to Lay Out a Vegetable Garden",
            "Sowing Seeds in the Vegetable Garden",
            "Understanding When to Plant Vegetables",
        ] {
            blocks.push(Block::of(headline, Role::Content, false));
        }
        blocks.push(Block::of("Pick the Right Location", Role::Subhead, false));
        blocks.extend((3..=6).map(paragraph));
        let (start, end) = best_region(&blocks);
        assert_eq!((start, end), (1, blocks.len()));
    }
}
