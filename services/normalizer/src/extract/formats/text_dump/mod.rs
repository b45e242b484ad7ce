//! Plain-text page dumps: a whole rendered page (menus, widgets, repeated
//! captions, footers) as text. No markup remains, so the article is found
//! from the structure that does: blocks between blank lines, repetition
//! across the page, position, sentence shape and byline patterns.

use std::collections::HashMap;

use wirefeed_model::Paragraph;

use crate::extract::extraction::Extraction;
use crate::extract::fields::byline::looks_like_byline;
use crate::extract::fields::caption::{has_credit, split_credit};
use crate::extract::support::text::{clean, ends_like_sentence, is_chrome_phrase, word_count};
use block::{content_words, Block, Role};
use copies::Printing;
use headline_shape::{headline_shaped, is_menu, unrepeated_headline, BREADCRUMB};
use lines::{is_bullet_line, is_date_line};
use lists::{keep_checklists, keep_story_lists};
use region::best_region;
use teasers::{cut_off, is_teaser, SUSPENSES, SUSPENSE_WORDS};

mod anchor;
mod author_bio;
mod author_box;
mod authors;
mod bio_box;
mod block;
mod box_tables;
mod bylines;
mod cards;
mod comment_count;
mod copies;
mod credit_line;
mod edges;
mod headline;
mod headline_above;
mod headline_shape;
mod image_alt;
mod lines;
mod lists;
mod menu_facets;
mod names;
mod notices;
mod person;
mod photo_captions;
mod portraits;
mod printed_alone;
mod printed_dates;
mod references;
mod region;
mod share_bar;
mod single_name;
mod site_owner;
mod slug;
mod teasers;
mod title_tidy;

/// Form fields, buttons and image placeholders of a rendered page:
/// "[Search]", "[ ]", "[cropped-he]".
fn is_widget_line(line: &str) -> bool {
    line.starts_with('[') && line.ends_with(']') && !line[1..line.len() - 1].contains(['[', ']'])
        || line.starts_with("[ ]")
        || line.starts_with("[*]")
}

/// A page cut into blocks, each with its role, and the story region.
struct Segmented {
    blocks: Vec<Block>,
    title: Option<String>,
    region: (usize, usize),
}

/// The one segmentation both `extract` and `explain` read. Without a
/// title from the scraper, the line naming the address's slug stands in
/// for one.
fn segment(dump: &str, title_hint: Option<&str>, url: &str) -> Segmented {
    let sent_title = title_hint.is_some();
    let slug_title = match title_hint {
        Some(_) => None,
        None => headline::from_slug(dump, url).map(|(_, title)| title),
    };
    let title_hint = title_hint.or(slug_title.as_deref());
    let mut blocks = split_blocks(dump, title_hint);
    let keys: Vec<String> = blocks.iter().map(|b| b.text.to_lowercase()).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for key in &keys {
        *counts.entry(key.clone()).or_default() += 1;
    }
    let title = find_title(&mut blocks, &counts, title_hint);
    let titled: Vec<Role> = blocks.iter().map(|b| b.role).collect();
    let repeated: Vec<bool> = keys.iter().map(|k| counts[k] > 1).collect();
    classify_all(&mut blocks, &titled, &repeated);
    let mut region = best_region(&blocks);
    // A page that prints its whole story twice has every paragraph
    // repeated, so read as above it has little or no story left: where
    // the copied prose outweighs the story found, the first printing is
    // read as printed once and the later ones are left out. Only then:
    // testimonials and questions in carousels are copied runs too.
    // A page that repeats no block holds no copy: none is looked for.
    let printings = match repeated.contains(&true) {
        true => copies::printings(&blocks, &keys),
        false => vec![Printing::Single; blocks.len()],
    };
    let copied_words: usize = blocks
        .iter()
        .zip(&printings)
        .filter(|(_, p)| **p == Printing::First)
        .map(|(b, _)| b.words)
        .sum();
    if copied_words > content_words(&blocks[region.0..region.1]) {
        let repeated: Vec<bool> = printings
            .iter()
            .zip(&repeated)
            .map(|(p, r)| match p {
                Printing::First => false,
                Printing::Single | Printing::Again => *r,
            })
            .collect();
        classify_all(&mut blocks, &titled, &repeated);
        for (block, printing) in blocks.iter_mut().zip(&printings) {
            if *printing == Printing::Again && block.role != Role::Title {
                block.role = Role::Chrome;
            }
        }
        region = best_region(&blocks);
    }
    edges::trim(&mut blocks, region);
    let title = match title_hint {
        Some(_) => title,
        None => headline_above::headline_above(&blocks, region.0).or(title),
    };
    // A title the scraper sent is kept as sent; a line of the dump loses
    // what was printed on it around the headline.
    let title = match sent_title {
        true => title,
        false => title.map(|t| title_tidy::tidy(&t, url)),
    };
    Segmented {
        blocks,
        title,
        region,
    }
}

/// Each block's role: the headline's as `find_title` left them, the
/// others' from their text and whether the page repeats them.
fn classify_all(blocks: &mut [Block], titled: &[Role], repeated: &[bool]) {
    // A story trails off once or twice; teasers and captions cut short
    // run on down a list.
    let cut_short = blocks
        .iter()
        .filter(|b| b.words >= SUSPENSE_WORDS && cut_off(&b.text))
        .count();
    let mut after_prose = false;
    for (i, block) in blocks.iter_mut().enumerate() {
        block.role = match titled[i] {
            Role::Unknown => classify(block, repeated[i], after_prose && cut_short <= SUSPENSES),
            role => role,
        };
        // A paragraph, not a headline that reads as a sentence ("Wald
        // verwüstet: Waren es Mountainbiker?") over a teaser's summary.
        after_prose = block.role == Role::Content && block.words >= SUSPENSE_WORDS;
    }
    keep_story_lists(blocks);
    keep_checklists(blocks, repeated);
}

pub fn extract(dump: &str, title_hint: Option<&str>, url: &str) -> Extraction {
    let Segmented {
        blocks,
        title,
        region: (start, end),
    } = segment(&box_tables::unbox(dump), title_hint, url);
    let total_words: usize = blocks.iter().map(|b| b.words).sum();
    let mut out = Extraction {
        title,
        ..Default::default()
    };
    for block in &blocks {
        match block.role {
            Role::Breadcrumb if out.section.is_empty() => {
                out.section = breadcrumb_parts(&block.text)
            }
            Role::Caption => {
                let caption = split_credit(&block.text);
                if !out.captions.iter().any(|c| c.text == caption.text) {
                    out.captions.push(caption);
                }
            }
            _ => {}
        }
    }

    out.paragraphs = blocks[start..end]
        .iter()
        .enumerate()
        .filter(|(i, b)| match b.role {
            Role::Content => !image_alt::describes_image(&b.text),
            Role::Subhead => introduces_prose(&blocks[start + i + 1..end]),
            _ => false,
        })
        .map(|(_, b)| Paragraph {
            text: b.text.clone(),
            subhead: b.role == Role::Subhead,
        })
        .collect();
    // The story's byline and dates are the ones printed nearest its
    // headline (or its start): pages print today's date in the header,
    // and other stories' bylines and dates in teasers around it.
    let anchor = anchor::headline_block(&blocks, (start, end), out.title.as_deref());
    // The nearer of the byline and an author box beside the headline (the
    // byline when both are as near): a byline far from the headline
    // belongs to a teaser more often than a marked name beside it does.
    out.authors = bylines::from_bylines(&blocks, anchor)
        .into_iter()
        .chain(authors::name_near_headline(&blocks, anchor))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, authors)| authors)
        .or_else(|| author_box::find(&blocks))
        .or_else(|| bio_box::lone_bio_box(&blocks))
        .or_else(|| single_name::under_headline(&blocks, anchor))
        .or_else(|| site_owner::above_headline(&blocks, anchor))
        .unwrap_or_default();
    out.authors = names::tidy(std::mem::take(&mut out.authors));
    out.authors = printed_alone::cut_to_printed_names(std::mem::take(&mut out.authors), &blocks);
    out.paragraphs =
        author_bio::before_author_bio(std::mem::take(&mut out.paragraphs), &out.authors);

    (out.published_at, out.updated_at) =
        printed_dates::story_dates(&blocks, (start, end), anchor, url);
    let body_words: usize = out.paragraphs.iter().map(|p| word_count(&p.text)).sum();
    let body_share = if total_words == 0 {
        0.0
    } else {
        body_words as f32 / total_words as f32
    };
    out.confidence = confidence(body_share, !out.authors.is_empty());
    out
}

/// A dump carries no markup: confidence in its article rests on how much
/// of the page became body (up to a cap) and whether a byline was found.
const BASE_CONFIDENCE: f32 = 0.4;
const BODY_SHARE_CAP: f32 = 0.8;
const BODY_SHARE_WEIGHT: f32 = 0.5;
const BYLINE_CONFIDENCE: f32 = 0.1;

fn confidence(body_share: f32, has_byline: bool) -> f32 {
    let byline = if has_byline { BYLINE_CONFIDENCE } else { 0.0 };
    (BASE_CONFIDENCE + body_share.min(BODY_SHARE_CAP) * BODY_SHARE_WEIGHT + byline).min(1.0)
}

/// Each block's role, word count, score region membership (`*`; `>` marks
/// the headline the byline and dates are read by) and text: for
/// looking into a page's segmentation (`examples/explain_dump.rs`).
pub fn explain(dump: &str, url: &str) -> Vec<String> {
    let Segmented {
        blocks,
        title,
        region: (start, end),
    } = segment(&box_tables::unbox(dump), None, url);
    let anchor = anchor::headline_block(&blocks, (start, end), title.as_deref());
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mark = match i {
                _ if i == anchor => '>',
                _ if (start..end).contains(&i) => '*',
                _ => ' ',
            };
            let text: String = b.text.chars().take(90).collect();
            format!(
                "{mark} {:<10} {:>4}  {text}",
                format!("{:?}", b.role),
                b.words
            )
        })
        .collect()
}

/// Blocks between blank lines, lines joined (text dumps wrap long
/// paragraphs). A byline line starts a block of its own, and what follows it
/// in the same block is a block too: pages often print widgets right after.
/// The headline's line, when known, is a block of its own as well.
fn split_blocks(dump: &str, title: Option<&str>) -> Vec<Block> {
    let title = title.map(str::to_lowercase);
    // Only lines of about the headline's length can hold it: the others
    // are not cleaned to be compared.
    let is_title = |line: &str| {
        title.as_deref().is_some_and(|t| {
            (t.len() / 2..=t.len() * 2 + 8).contains(&line.len())
                && holds_title(&clean(line).to_lowercase(), t)
        })
    };
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut bullet = false;
    let flush = |current: &mut Vec<&str>, blocks: &mut Vec<Block>, bullet: bool| {
        if current.is_empty() {
            return;
        }
        let text = clean(&current.join(" "));
        if !text.is_empty() {
            let words = word_count(&text);
            blocks.push(Block {
                text,
                lines: current.len(),
                words,
                role: Role::Unknown,
                bullet,
            });
        }
        current.clear();
    };
    let lines = lines::lines(dump);
    for line in &lines {
        crate::cancel::checkpoint();
        let trimmed = line.as_ref();
        if trimmed.is_empty() || is_widget_line(trimmed) {
            flush(&mut current, &mut blocks, bullet);
            bullet = false;
        } else if is_date_line(trimmed) && current.last().is_some_and(|l| lines::is_date_label(l)) {
            // "Last Updated:" over "August 1, 2025": one dating block,
            // apart from the story that follows without a blank line.
            let label = current.pop();
            flush(&mut current, &mut blocks, bullet);
            current.extend(label);
            current.push(trimmed);
            flush(&mut current, &mut blocks, false);
            bullet = false;
        } else if looks_like_byline(trimmed)
            || is_title(trimmed)
            // A date under a label line ("joe says:") is that label's.
            || is_date_line(trimmed) && !current.last().is_some_and(|l| l.ends_with(':'))
        {
            flush(&mut current, &mut blocks, bullet);
            current.push(trimmed);
            flush(&mut current, &mut blocks, false);
            bullet = false;
        } else if is_bullet_line(trimmed) {
            flush(&mut current, &mut blocks, bullet);
            current.push(lines::item_text(trimmed));
            bullet = true;
        } else {
            current.push(trimmed);
        }
    }
    flush(&mut current, &mut blocks, bullet);
    blocks
}

/// A line printing the headline (lower-cased both): the headline alone,
/// or with the site's name or a subtitle beside it ("Best Movers in New
/// York (2025) – Top Local Movers").
fn holds_title(line: &str, title: &str) -> bool {
    line == title
        || title.len() * 2 >= line.len() && (line.starts_with(title) || line.ends_with(title))
}

/// The headline: the hint when the scraper sent one, else the first block
/// the page prints twice (dumps repeat the headline in the window title and
/// above the story), else the first headline-shaped block.
fn find_title(
    blocks: &mut [Block],
    counts: &HashMap<String, usize>,
    hint: Option<&str>,
) -> Option<String> {
    let chosen = match hint.map(clean).filter(|h| !h.is_empty()) {
        Some(h) => h,
        None => {
            // The headline sits in the first half of the page.
            let limit = blocks.len().div_ceil(2);
            // Repeated headlines of four words or more first (window title
            // and page headline), then shorter repeated ones, then the first
            // headline-shaped block.
            let repeated = |min_words: usize| {
                blocks[..limit].iter().find(|b| {
                    headline_shaped(b)
                        && b.words >= min_words
                        && counts[&b.text.to_lowercase()] > 1
                        && !is_chrome_phrase(&b.text)
                })
            };
            let first_repeated = repeated(4).or_else(|| repeated(3));
            let first_shaped = blocks[..limit].iter().find(|b| unrepeated_headline(b));
            first_repeated.or(first_shaped)?.text.clone()
        }
    };
    let lower = chosen.to_lowercase();
    for b in blocks
        .iter_mut()
        .filter(|b| holds_title(&b.text.to_lowercase(), &lower))
    {
        b.role = Role::Title;
    }
    Some(chosen)
}

/// `after_prose`: the block before is a paragraph of prose (on a page
/// with few paragraphs cut short).
fn classify(block: &Block, repeated: bool, after_prose: bool) -> Role {
    let text = &block.text;
    if BREADCRUMB.is_match(text) && block.words <= 16 {
        return Role::Breadcrumb;
    }
    if looks_like_byline(text) {
        return Role::Byline;
    }
    if is_chrome_phrase(text)
        || notices::is_notice(text, block.words)
        || references::is_reference(text)
        || share_bar::is_share_bar(text)
    {
        return Role::Chrome;
    }
    if is_teaser(text, block.words, after_prose) || cards::is_card(text, block.words) {
        return Role::Chrome;
    }
    if has_credit(text) && block.words >= 4 && (repeated || block.words <= 80) {
        return Role::Caption;
    }
    if photo_captions::opens_as_caption(text, block.words) {
        return Role::Caption;
    }
    // A paragraph printed twice on one page is a caption or a teaser; so
    // is one printed twice running (an image's description and its
    // caption in one box).
    if repeated || printed_twice_running(text, block.words) {
        return Role::Chrome;
    }
    if is_menu(block) {
        return Role::Chrome;
    }
    if block.bullet && !(block.words >= 12 && ends_like_sentence(text)) {
        return Role::Chrome;
    }
    // Tag clouds and lists of links: many words, not one punctuation mark;
    // hundreds of words at most, never a whole page of text.
    if (25..=1000).contains(&block.words)
        && !text.contains(['.', ',', ';', ':', '!', '?', '。', '、', '，', '！', '？'])
    {
        return Role::Chrome;
    }
    let prose = block.words >= 8 && (ends_like_sentence(text) || block.words >= 25);
    // A short quoted or closing paragraph ("“We agree,” he said.").
    let short_prose = block.words >= 3 && ends_like_sentence(text) && text.contains(' ');
    let heading = (1..=14).contains(&block.words)
        && block.lines <= 2
        && !block.bullet
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if (prose || short_prose) && !(heading && title_case(text)) {
        Role::Content
    } else if heading {
        Role::Subhead
    } else {
        Role::Chrome
    }
}

/// A subhead stands over prose: the story's next paragraph follows it
/// within a widget or two. Headings that follow one another, or end the
/// story, are teasers of other stories ("Can Babies Learn To Love
/// Vegetables?" above "A Blind Man Sees His Birthday Candles Again").
fn introduces_prose(after: &[Block]) -> bool {
    after
        .iter()
        .take(SUBHEAD_REACH)
        .find(|b| matches!(b.role, Role::Content | Role::Subhead | Role::Title))
        .is_some_and(|b| b.role == Role::Content)
}

/// Blocks after a subhead its paragraph starts within.
const SUBHEAD_REACH: usize = 3;

/// Headline style: nearly every longer word capitalised ("Military Armored
/// Car Massively Misjudges Its Speed"), which sentences never are.
pub(super) fn title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    long.len() >= 3 && capitalised * 5 >= long.len() * 4
}

/// Whether a block is one text printed twice in a row ("A guest holds
/// her phone … A guest holds her phone …"): exactly twice, a caption's
/// length each time. A sentence repeated many times, or a word, is
/// something else.
fn printed_twice_running(text: &str, words: usize) -> bool {
    if !(2 * MIN_TWICE_WORDS..=2 * MAX_TWICE_WORDS).contains(&words) || !words.is_multiple_of(2) {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    smallest_period(&words) * 2 == words.len()
}

/// The shortest length `p` such that the sequence repeats itself every
/// `p` items (its length when it does not): from the prefix function.
fn smallest_period(items: &[&str]) -> usize {
    let mut border = vec![0usize; items.len()];
    for i in 1..items.len() {
        let mut k = border[i - 1];
        while k > 0 && items[i] != items[k] {
            k = border[k - 1];
        }
        if items[i] == items[k] {
            k += 1;
        }
        border[i] = k;
    }
    let n = items.len();
    let p = n - border.last().copied().unwrap_or(0);
    if n.is_multiple_of(p) {
        p
    } else {
        n
    }
}

/// Words of a text printed twice running, each time: a caption's.
const MIN_TWICE_WORDS: usize = 5;
const MAX_TWICE_WORDS: usize = 200;

fn breadcrumb_parts(text: &str) -> Vec<String> {
    let parts: Vec<String> = text
        .split(['>', '›', '»'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    match parts.first().map(|p| p.to_lowercase()) {
        Some(first) if first == "home" || first == "main" => parts[1..].to_vec(),
        _ => parts,
    }
}

#[cfg(test)]
mod tests;
