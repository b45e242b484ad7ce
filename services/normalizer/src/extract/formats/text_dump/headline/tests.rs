//! The slug headline's cases: pages cut to the lines that decide them.

use super::*;

const PROSE: &str = "The council met on Tuesday to debate the budget, and the vote is expected \
    to take place next week after a long debate.";

#[test]
fn small_words_and_a_year_cost_a_headline_nothing() {
    let slug = slug_words("https://example.com/reviews/best-gps-running-watches");
    let plain = slug_match(&slug, "Best GPS Running Watches").unwrap().0;
    let full = slug_match(&slug, "The Best GPS Running Watches of 2026")
        .unwrap()
        .0;
    assert!((plain - full).abs() < 1e-6, "{plain} {full}");
    let other = slug_match(&slug, "Best GPS Running Watches Reviewed Here")
        .unwrap()
        .0;
    assert!(other < full);
}

#[test]
fn the_line_naming_the_slug_above_the_story_is_the_headline() {
    let dump = format!(
        "Site\n  • Budget\n  • Budget Vote Delayed Again\nHome » News\n\n\
         Budget vote delayed again as council splits\n\nBy Jane Doe\n\n{PROSE}\n\n\
         Why the budget vote was delayed\n\n{PROSE}\n"
    );
    let (at, title) =
        from_slug(&dump, "https://example.com/news/budget-vote-delayed-again/").unwrap();
    assert_eq!(title, "Budget vote delayed again as council splits");
    assert_eq!(at, 5);
}

#[test]
fn a_site_name_after_a_bar_is_not_part_of_it() {
    let dump = format!("Menu\n\nBudget vote delayed | Example News\n\n{PROSE}\n");
    let (_, title) = from_slug(&dump, "https://example.com/budget-vote-delayed").unwrap();
    assert_eq!(title, "Budget vote delayed");
}

#[test]
fn a_slug_run_together_names_its_line() {
    let dump = format!("Menu\n\nGraphic Design Courses\n\n{PROSE}\n");
    let (_, title) = from_slug(
        &dump,
        "https://example.org/technology/graphicdesigncourses/",
    )
    .unwrap();
    assert_eq!(title, "Graphic Design Courses");
}

#[test]
fn a_line_with_its_byline_beats_a_shorter_one_without() {
    let dump = format!(
        "Recent Trends in Photography\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n8 Recent Trends in Photography\n\n\
         By Jane Doe\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n"
    );
    let (_, title) = from_slug(&dump, "https://example.com/recent-trends-in-photography").unwrap();
    assert_eq!(title, "8 Recent Trends in Photography");
}

#[test]
fn breadcrumbs_dates_and_comment_counts_are_taken_off() {
    for (line, title) in [
        (
            "Home /Cheap Fixes Are the Best!",
            "Cheap Fixes Are the Best!",
        ),
        (
            "Home ▸ News ▸ Cheap Fixes Are the Best!",
            "Cheap Fixes Are the Best!",
        ),
        (
            "Cheap Fixes Are the Best! September 9, 2021",
            "Cheap Fixes Are the Best!",
        ),
    ] {
        let dump = format!("Menu\n\n{line}\n\n{PROSE}\n");
        let found = from_slug(&dump, "https://example.com/cheap-fixes-are-the-best/");
        assert_eq!(found.map(|(_, t)| t).as_deref(), Some(title), "{line}");
    }
    let dump = format!(
        "{PROSE}\n\n5 Comments on Cheap Fixes Are the Best\n\nblog-cheap-fixes-are-the-best\n"
    );
    assert!(from_slug(&dump, "https://example.com/cheap-fixes-are-the-best/").is_none());
}

#[test]
fn no_slug_or_no_line_naming_it_gives_nothing() {
    let dump = format!("Budget vote delayed\n\n{PROSE}\n");
    assert!(from_slug(&dump, "https://example.com/article/12345").is_none());
    assert!(from_slug(&dump, "https://example.com/sports/cup-final-tonight").is_none());
    assert!(from_slug("", "https://example.com/budget-vote").is_none());
}

#[test]
fn an_image_description_and_a_short_label_give_way_to_the_headline() {
    let dump = format!(
        "Menu\n\nFuture-Proof Your SaaS: Data Analytics Trends cover\nOctober 26, 2025\n\
         Future-Proof Your SaaS: Data Analytics Trends\nBy Jane Doe\n\n{PROSE}\n"
    );
    let (at, title) = from_slug(&dump, "https://example.com/blog/data-analytics-trends/").unwrap();
    assert_eq!(title, "Future-Proof Your SaaS: Data Analytics Trends");
    assert_eq!(at, 4);

    let dump = format!(
        "Menu\n\nPros and Cons of Consulting\nPros and Cons of Consulting: Is It a Good Fit for You?\n\
         Back to all\n\n{PROSE}\n"
    );
    let (_, title) = from_slug(&dump, "https://example.org/pros-and-cons-of-consulting/").unwrap();
    assert_eq!(
        title,
        "Pros and Cons of Consulting: Is It a Good Fit for You?"
    );
}

#[test]
fn a_date_the_address_names_stays_in_the_headline() {
    let dump = format!("Menu\n\nMetasploit Wrap-Up 12/19/2025\n\n{PROSE}\n");
    let (_, title) = from_slug(
        &dump,
        "https://example.com/blog/post/metasploit-wrap-up-12-19-2025",
    )
    .unwrap();
    assert_eq!(title, "Metasploit Wrap-Up 12/19/2025");
    let dump = format!("Menu\n\nKeeping It Clean and Healthy September 9, 2021\n\n{PROSE}\n");
    let (_, title) = from_slug(&dump, "https://example.com/keeping-it-clean-and-healthy").unwrap();
    assert_eq!(title, "Keeping It Clean and Healthy");
}

#[test]
fn a_headline_leading_into_the_story_may_hold_a_third_of_the_slug() {
    let url = "https://example.com/2025/12/18/weight-loss-drugs-wegovy-zepbound-health-plans/";
    let dump = format!(
        "Menu\n\nEmployers drop coverage for weight loss drugs as makers sell direct\n\n\
         By Jane Doe\n\n{PROSE}\n"
    );
    let (_, title) = from_slug(&dump, url).unwrap();
    assert_eq!(
        title,
        "Employers drop coverage for weight loss drugs as makers sell direct"
    );
    // The same line inside the story is a subhead, not a headline.
    let dump =
        format!("Menu\n\n{PROSE}\n\nEmployers drop coverage for weight loss drugs\n\n{PROSE}\n");
    assert_eq!(from_slug(&dump, url), None);
}

#[test]
fn credits_and_breadcrumb_remains_are_no_headlines() {
    assert!(!could_be_headline(
        "Pro-Kopf-Konsum von 11,1 Litern pro Jahr © APA/APA"
    ));
    assert!(!could_be_headline(
        "©2025 TE Certified Electrical, Plumbing & Heating"
    ));
    assert!(!could_be_headline(
        "| : Kenji Fujimori: juicio contra excongresista"
    ));
    assert!(could_be_headline(
        "Kenji Fujimori: juicio contra excongresista"
    ));
}

#[test]
fn a_label_gives_way_to_the_headline_printed_with_more_words_near_it() {
    let dump = format!(
        "Menu\nDifferent Types of Cameras - StudioBinder\n\n  • Cinematography\n\n\
         Different Types of Cameras for Photography and Video Explained\n\n\
         By Alyssa Maio on January 21, 2023\n\n{PROSE}\n"
    );
    let (_, title) = from_slug(&dump, "https://example.com/blog/types-of-cameras/").unwrap();
    assert_eq!(
        title,
        "Different Types of Cameras for Photography and Video Explained"
    );

    let dump = format!(
        "Menu\n\nPros and Cons of Consulting: Is It a Good Fit for You?\n\n\
         Pros and Cons of Consulting\n\n{PROSE}\n"
    );
    let (_, title) = from_slug(&dump, "https://example.com/pros-and-cons-of-consulting/").unwrap();
    assert_eq!(
        title,
        "Pros and Cons of Consulting: Is It a Good Fit for You?"
    );
}

#[test]
fn no_longer_print_past_prose_or_of_an_image_replaces_the_headline() {
    let dump = format!(
        "1000 Euro Kredit - Online & schnell\n\n{PROSE}\n\n\
         1000 Euro Kredit: die Vorteile auf einen Blick\n\n{PROSE}\n"
    );
    let (_, title) = from_slug(&dump, "https://example.de/1000-euro-kredit").unwrap();
    assert_eq!(title, "1000 Euro Kredit");

    let dump =
        format!("The Best Strategy Games\n\nThe Best Strategy Games Header Image\n\n{PROSE}\n");
    let (_, title) = from_slug(&dump, "https://example.com/best-strategy-games").unwrap();
    assert_eq!(title, "The Best Strategy Games");
}

#[test]
fn a_label_gives_way_to_the_headline_printed_around_it() {
    let dump = format!(
        "Menu

HR management software

Top 5 HR Management Software in 2026

{PROSE}
"
    );
    let (_, title) = from_slug(&dump, "https://example.com/blog/hr-management-software").unwrap();
    assert_eq!(title, "Top 5 HR Management Software in 2026");
}

#[test]
fn breadcrumbs_and_captions_around_the_headline_do_not_replace_it() {
    for (around, url) in [
        (
            "Home / News / The health benefits of intermittent fasting",
            "https://example.com/news/the-health-benefits-of-intermittent-fasting",
        ),
        (
            "Kevin Mayer, the Disney executive who oversees the streaming service",
            "https://example.com/kevin-mayer",
        ),
    ] {
        let label = match around.rsplit_once(" / ") {
            Some((_, label)) => label,
            None => "Kevin Mayer",
        };
        let dump = format!(
            "Menu

{label}

{around}

{PROSE}
"
        );
        let (_, title) = from_slug(&dump, url).unwrap();
        assert_eq!(title, label, "{around}");
    }
}

#[test]
fn a_headline_with_its_byline_leads_the_story_though_boxes_hold_its_prose_back() {
    // The story's headline, its byline, then a box of short lines before
    // the prose; the address's own words label a product's subhead lower
    // down, after short lines, leading straight into prose.
    let boxes = "Share\n\nTweet\n\nEmail\n\n[hero]\n\nPhoto: Agency\n\n".repeat(3);
    let shop = "See it at Amazon\n\n1. Razer DeathAdder\n\n".repeat(3);
    let filler = "Short line\n\n".repeat(60);
    let dump = format!(
        "Menu\n\nThe Best Lightweight Gaming Mice in 2026\n\nBy Jane Doe\n\n{boxes}{PROSE}\n\n\
         {shop}Best Lightweight Gaming Mouse\n\n{PROSE}\n\n{filler}"
    );
    let (_, title) = from_slug(
        &dump,
        "https://example.com/articles/best-lightweight-gaming-mouse",
    )
    .unwrap();
    assert_eq!(title, "The Best Lightweight Gaming Mice in 2026");
}

#[test]
fn teasers_and_image_descriptions_are_no_headlines() {
    for line in [
        "Related: Cybersecurity M&A Roundup: 40 Deals Announced in September 2025",
        "podcast equipment checklist for beginners featured image",
    ] {
        assert!(!could_be_headline(line), "{line}");
    }
    assert!(could_be_headline("The Image of a Nation"));
}

#[test]
fn wrapped_lines_and_runs_of_sentences_are_no_headlines() {
    for line in [
        "Read on for never-before-published digital marketing pricing data from",
        "The image is representative of how Google Cloud runs AI inference at scale. AI \
         workloads grow",
    ] {
        assert!(!could_be_headline(line), "{line}");
    }
    for line in [
        "Vegetarier zu sein. Bedarf, Trend oder eigene Entscheidung?",
        "Dr. Smith and the U.S. Stocks That Fell vs. Rose in a Year of Rate Cuts and Tariffs",
        "What Comes Next for the Fed",
    ] {
        assert!(could_be_headline(line), "{line}");
    }
}
