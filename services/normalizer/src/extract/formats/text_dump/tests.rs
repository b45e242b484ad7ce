use super::region::ends_story;
use super::*;
use wirefeed_model::Author;

/// The sample page lives in `../shared/samples` beside the checkout (it
/// is the publisher's text, so the repository does not copy it).
fn sample() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples/joongang-trilateral-diplomats.txt"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("sample page missing at {path}: {e}"))
}

#[test]
fn sample_page_fields() {
    let x = extract(&sample(), None, "");
    assert_eq!(
        x.title.as_deref(),
        Some("Top diplomats of South Korea, U.S. and Japan blast North-Russia arms deals, Hamas's attack on Israel")
    );
    assert_eq!(x.section, vec!["National", "Diplomacy"]);
    assert_eq!(
        x.authors,
        vec![Author {
            name: "Esther Chung".into(),
            email: Some("chung.juhee@joongang.co.kr".into())
        }]
    );
    assert_eq!(x.captions.len(), 1);
    assert_eq!(
        x.captions[0].credit.as_deref(),
        Some("MINISTRY OF FOREIGN AFFAIRS")
    );
    assert!(x.captions[0]
        .text
        .starts_with("From left, Foreign Minister Park Jin"));
    let body: Vec<&str> = x.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(body.len(), 15, "{body:#?}");
    assert!(body[0].starts_with("The top diplomats of South Korea"));
    assert!(body[14].starts_with("On Wednesday, the regime claimed"));
    let all = body.join("\n");
    for chrome in [
        "Related Article",
        "print",
        "MINISTRY OF FOREIGN AFFAIRS",
        "Log in",
        "comments",
        "From left",
        "BY ESTHER",
    ] {
        assert!(!all.contains(chrome), "body contains {chrome:?}");
    }
}

#[test]
fn pages_of_widgets_alone_have_no_blocks_and_no_panic() {
    let x = extract("[Search]\n[ ]\n\n[Go]\n", None, "");
    assert!(x.title.is_none() && x.paragraphs.is_empty());
    let x = extract("", None, "");
    assert!(x.title.is_none() && x.paragraphs.is_empty());
}

#[test]
fn menus_and_repeated_teasers_are_not_body() {
    let dump = "Site Name\n\nNews\nSports\nBusiness\nOpinion\n\nA headline about the budget vote\n\n\
        The parliament passed the budget on Friday after a long debate that ran into the night.\n\n\
        Lawmakers from both parties said the compromise would hold until the next election cycle.\n\n\
        Read more\n\nAnother story teaser that appears twice on the page here.\n\n\
        Another story teaser that appears twice on the page here.\n";
    let x = extract(dump, None, "");
    assert_eq!(x.title.as_deref(), Some("A headline about the budget vote"));
    assert_eq!(x.paragraphs.len(), 2);
}

#[test]
fn a_story_printed_twice_is_read_once() {
    // Pages with a second copy of the story (another screen size, a print
    // view) print every paragraph twice: none of it is a caption.
    let story =
        "The parliament passed the budget on Friday after a long debate that ran late into \
        the night, with the opposition voting against every single amendment put forward.\n\n\
        Budget details\n\n\
        Lawmakers from both parties said the compromise would hold until the next election, \
        though several members warned that spending cuts could reopen the debate next year.\n\n\
        The finance minister said the vote showed that the coalition could still agree on \
        the things that matter most to voters, and promised a tax review in the spring.\n\n\
        Opposition leaders called the budget a missed chance to fix the health service and \
        said they would table their own plan when the house returns after the break.\n\n";
    let dump = format!(
        "Site Name\n\nNews\nSports\nBusiness\n\nA headline about the budget vote\n\n\
         {story}Share\n\n{story}Footer links\n"
    );
    let x = extract(&dump, None, "");
    let body: Vec<&str> = x.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(body.len(), 5, "{body:#?}");
    assert!(body[0].starts_with("The parliament passed"));
    assert_eq!(body[1], "Budget details");
    assert!(x.paragraphs[1].subhead);
    assert!(body[4].starts_with("Opposition leaders"));
    // A story printed once beside a carousel that repeats its quotes
    // keeps reading repeated blocks as chrome.
    let quotes = "Best podcast I have ever listened to, every episode teaches me something new \
        about sleep and health.\n\nJane D.\n\n\
        I have changed my whole morning routine after the episode on light, and I feel better \
        than I have in years.\n\nSam K.\n\n\
        Thank you for the newsletter, it is the only one I read from start to finish every week \
        without fail.\n\nLee M.\n\n";
    let dump = format!(
        "Site Name\n\nA headline about the budget vote\n\n{story}{story_again}\
         What listeners say\n\n{quotes}{quotes}Footer links\n",
        story_again = "The committee will publish its report on the new rules in the coming \
        weeks, and members expect a long series of hearings before the summer recess begins.\n\n",
    );
    let x = extract(&dump, None, "");
    let body: Vec<&str> = x.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(body.len(), 6, "{body:#?}");
    assert!(!body.iter().any(|p| p.contains("podcast")), "{body:#?}");
}

#[test]
fn the_headline_is_the_one_above_the_story_not_a_repeated_menu_item() {
    // The menu prints "Country Clubs and Golf Communities" twice; the
    // headline, once, right above the byline and the story.
    let dump = "Site Name\n\nCountry Clubs and Golf Communities\n\nAbout Us\n\n\
        Country Clubs and Golf Communities\n\nTop fitness equipment trends for campus recreation\n\n\
        By Liza Burke\n\nMay 14, 2025\n\n\
        Campus recreation centers are buying more strength equipment than ever before this year.\n\n\
        Directors said students now ask for racks and platforms before they ask for treadmills.\n";
    let x = extract(dump, None, "");
    assert_eq!(
        x.title.as_deref(),
        Some("Top fitness equipment trends for campus recreation")
    );
    assert_eq!(x.paragraphs.len(), 2);
    // A title the scraper sends wins.
    let x = extract(dump, Some("Fitness trends"), "");
    assert_eq!(x.title.as_deref(), Some("Fitness trends"));
}

#[test]
fn comments_date_no_story() {
    let dump = "A blog\n\nBudget vote delayed today\n\n\
        Council members met on Tuesday to debate the budget and the vote is expected next week.\n\n\
        Lawmakers from both parties said the compromise would hold until the next election.\n\n\
        Comments\n\n  • Reader on September 12, 2018 at 4:47 pm said:\n\n    I disagree with the council.\n";
    let x = extract(dump, Some("Budget vote delayed today"), "");
    assert_eq!(x.paragraphs.len(), 2);
    assert_eq!(x.published_at, None);
    // A date printed with the story still counts.
    let dated = dump.replace("A blog\n\n", "A blog\n\nSeptember 10, 2018\n\n");
    let x = extract(&dated, Some("Budget vote delayed today"), "");
    assert_eq!(
        x.published_at
            .map(|t| t.date_naive().to_string())
            .as_deref(),
        Some("2018-09-10")
    );
}

#[test]
fn comment_headers_and_headings_end_the_story() {
    for text in [
        "34 responses to “Anthony Lynn: “We needed to win this game””",
        "2 replies to ‘Open thread’",
        "1. thelastchargersfan says: November 19, 2019 at 6:34 am",
        "Milan Griffes on September 12, 2018 at 4:47 pm said:",
        "Comments",
        "You may like to read:",
    ] {
        assert!(ends_story(text), "{text}");
    }
    for text in [
        "The minister says: the deal of March 3, 2020 stands, and the budget with it.",
        "Lynn said after the game that the Chargers saw winning Monday night as the most important thing.",
        "Responses to the budget were mixed across the parties, with many members abstaining.",
    ] {
        assert!(!ends_story(text), "{text}");
    }
}

#[test]
fn a_related_stories_box_inside_the_story_does_not_end_it() {
    let paragraph = |n: usize| {
        format!(
            "Paragraph {n} of the story: the index closed at a record high on Wednesday as \
             banks led the gains, and brokers said the rally had further to run.\n\n"
        )
    };
    let before: String = (1..=3).map(paragraph).collect();
    let after: String = (4..=8).map(paragraph).collect();
    let dump = format!(
        "Markets\n\nShares hit a record as banks rally\n\n{before}related news\n\n\
         Banks bullish on growth, says one strategist\n\n\
         Taking Stock: a historic day for the index\n\n{after}\
         Related stories\n\nAnother market story headline here today\n\n\
         A one-line summary of that other story for the list.\n\n\
         Shares hit a record as banks rally\n\nFooter\n"
    );
    let x = extract(&dump, None, "");
    let body: Vec<&str> = x.paragraphs.iter().map(|p| p.text.as_str()).collect();
    for n in 1..=8 {
        let start = format!("Paragraph {n} ");
        assert!(body.iter().any(|p| p.starts_with(&start)), "{body:#?}");
    }
    // The list closing the story still ends it.
    assert!(!body.iter().any(|p| p.contains("other story")), "{body:#?}");
}

#[test]
fn a_short_story_wins_over_a_longer_comment_thread() {
    // Each reader writes several paragraphs of prose: the thread has
    // many times the story's words.
    let thread: String = (0..12)
        .map(|i| {
            let paragraphs: String = (0..4)
                .map(|j| {
                    format!(
                        "    Point {j} from reader {i}: I read the whole report and I am still not \
                        convinced that the slower buses are safer for everyone who rides them \
                        every single day, and the data in table {j} does not settle it for me.\n\n"
                    )
                })
                .collect();
            format!("  • Reader {i} on September 12, 2018 at 4:47 pm said:\n\n{paragraphs}")
        })
        .collect();
    let dump = format!(
        "The Example Blog\n\nSeptember 2018 open thread\n\nSeptember 10, 2018 | by Catherine\n\n\
        Our goal with hosting quarterly open threads is to give blog readers an opportunity to \
        publicly raise comments or questions about our work in the comments section below.\n\n\
        You can view our June 2018 open thread here, and the threads before it as well.\n\n\
        Comments\n\n{thread}Comments are closed.\n"
    );
    let x = extract(&dump, Some("September 2018 open thread"), "");
    let body: Vec<&str> = x.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(body.len(), 2, "{body:?}");
    assert!(body[0].starts_with("Our goal with hosting"));
}

#[test]
fn comments_stay_out_when_their_heading_and_date_are_two_lines() {
    let dump = "Site\n\nBudget vote delayed again\n\nBy Jane Doe\n\n\
        The council met on Tuesday to debate the budget and the vote is expected next week.\n\n\
        Lawmakers from both parties said the compromise would hold until the next election.\n\n\
        2 responses to “Budget vote delayed again”\n\n\
        1. reader says:\nNovember 19, 2019 at 6:34 am\n\n\
        I think the council should have voted on the budget long before this week, as promised.\n\n\
        2. other says:\nNovember 19, 2019 at 6:44 am\n\n\
        The compromise is fine by me and I hope that the vote goes ahead as soon as it can.\n";
    let x = extract(
        dump,
        None,
        "https://example.com/2019/11/19/budget-vote-delayed-again/",
    );
    assert_eq!(x.title.as_deref(), Some("Budget vote delayed again"));
    let body: Vec<&str> = x.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(body.len(), 2, "{body:#?}");
    assert_eq!(x.authors.len(), 1);
    assert_eq!(
        x.published_at
            .map(|t| t.date_naive().to_string())
            .as_deref(),
        Some("2019-11-19")
    );
}

#[test]
fn a_dumped_blog_post_gives_headline_author_box_and_dates() {
    let dump = "Skip to content\n\n  • Home\n  • Blog\n  • Contact\n\n\
        Blog » Nutrition\n\nTop Nutrition Trends for Fall\n\nAndrew King\nSenior Nutrition Editor\n\n\
        Updated September 28, 2025\n\n\
        Fall isn't just pumpkin spice season; it's also a time when nutrition trends take center stage.\n\n\
        At our kitchen, we keep our finger on the pulse of the nutrition world so you don't have to:\n\n\
          • High-protein meals that keep you full through the day\n\
          • Plant-forward dishes built around seasonal produce\n\n\
        Nutrition trends come and go, but eating well is essential for hitting your goals.\n\n\
        Subscribe to our newsletter\n\n© 2025 Example Kitchen\n";
    let x = extract(
        dump,
        None,
        "https://example.com/blog/top-nutrition-trends-for-fall/",
    );
    assert_eq!(x.title.as_deref(), Some("Top Nutrition Trends for Fall"));
    assert_eq!(
        x.authors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["Andrew King"]
    );
    // The only date shown is an update: the page was published by then.
    assert_eq!(
        x.published_at
            .map(|t| t.date_naive().to_string())
            .as_deref(),
        Some("2025-09-28")
    );
    let body: Vec<&str> = x.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(body.len(), 5, "{body:#?}");
    assert!(body[2].starts_with("High-protein meals"));
    assert!(body[4].starts_with("Nutrition trends come and go"));
}

#[test]
fn a_date_under_its_label_line_dates_the_story_and_stays_out_of_it() {
    let story =
        "Here's a rundown of what the best car rentals are in the USA, and what makes a great \
                 car rental firm stand out from the rest when you plan a long road trip.\n\
                 We drove the Western states for three months and rented from every major firm \
                 along the way, so these picks come from the road itself and nowhere else.\n";
    let dump = format!(
        "Menu\n\n10 Best Car Rentals In USA In 2025\n\nBy Cazzy Magennis\nLast Updated:\nAugust 1, 2025\n{story}"
    );
    let x = extract(&dump, None, "https://example.com/blog/best-car-rentals-usa");
    assert_eq!(
        x.published_at
            .map(|t| t.date_naive().to_string())
            .as_deref(),
        Some("2025-08-01")
    );
    assert!(
        x.paragraphs[0].text.starts_with("Here's a rundown"),
        "{:?}",
        x.paragraphs
    );
}

#[test]
fn a_name_over_a_day_without_a_year_is_the_author() {
    let dump = "Blog\n\nAll Posts\n\nWhy Music Lessons Are the Best Form of Self-Care\n\n\
        Kalyn Keen\n\nJun 9\n\n5 min read\n\n\
        Music lessons give children and adults a weekly hour that belongs to them alone, away from screens.\n\n\
        Teachers say students who practise every day sleep better and worry less about school.\n";
    let x = extract(dump, None, "");
    let names: Vec<&str> = x.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Kalyn Keen"]);
}

#[test]
fn a_text_printed_twice_running_is_no_paragraph() {
    let caption = "A guest holds her phone showing a picture taken during the press conference.";
    let twice = format!("{caption} {caption}");
    assert!(printed_twice_running(&twice, word_count(&twice)));
    assert!(!printed_twice_running(caption, word_count(caption)));
    let refrain = "Go on. Go on.";
    assert!(!printed_twice_running(refrain, word_count(refrain)));
    // A sentence printed many times, or one word, is no caption.
    let many = format!("{caption} ").repeat(6);
    assert!(!printed_twice_running(&many, word_count(&many)));
    let word = "word ".repeat(40);
    assert!(!printed_twice_running(&word, word_count(&word)));
}

#[test]
fn byline_found_below_a_headline_inside_a_region_opened_by_a_menu() {
    // The page's menu has sentences, so the dump reads it as prose and the
    // story region opens above the headline; the author box below the
    // headline is still the story's.
    let menu = "Schedule a Demo\nProducts\nMarketing Automation\n\
                AI-powered personalization across email, SMS, and more.\nExplore Engagement\n\
                Autonomous Search\nAI-native commerce search that maximizes revenue per visitor.\n\
                Explore Discovery\nConversational Shopping\n\
                AI-driven shopping conversations that scale your best sales associate.\n\
                Product Tours\nSee the real product in action, fast, interactive, and on your terms.";
    let story = "Shoppers expect hyper-personalized experiences at every touchpoint, and \
                 many brands still struggle to deliver them across channels and seasons.";
    let dump = format!(
        "{menu}\n\nHome - Library - Blog\n\nAI, Personalization\n\nShare\n\nPost\n\nEmail\n\n\
         Print\n\nHow Machine Learning Personalizes Shopping\n\nPavlina Petkova Pavlina Petkova\n\n\
         • April 10, 2025\n\n{story}\n\n{story} More of it follows here.\n\n{story} And the end.\n"
    );
    let x = extract(
        &dump,
        None,
        "https://example.com/blog/how-machine-learning-personalizes-shopping",
    );
    assert_eq!(
        x.title.as_deref(),
        Some("How Machine Learning Personalizes Shopping")
    );
    assert_eq!(
        x.authors,
        vec![Author {
            name: "Pavlina Petkova".into(),
            email: None
        }]
    );
}

#[test]
fn byline_read_by_the_chosen_headline_not_a_later_printing_of_it() {
    // The headline is printed again in a breadcrumb just above the story;
    // the byline is by the headline itself, many blocks above that.
    let story = "Brake pads wear down over time, and replacing them yourself can save \
                 you money at the shop if you have the right tools and some patience.";
    let dump = format!(
        "How to Replace Brake Pads at Home\n\n\
         by Daniel Gibson | Mar 11, 2023 | All About Brakes and Brake Repair, Learn About Brakes | 0 comments\n\n\
         brake system with tools needed to repair\n\nShare\n\nTweet\n\nPin\n\nEmail\n\nPrint\n\n\
         Table of Contents\n\nHome » Blog » How to Replace Brake Pads at Home\n\n\
         {story}\n\n{story} Start with the wheel.\n\n{story} Then the caliper.\n"
    );
    let x = extract(
        &dump,
        None,
        "https://example.com/blog/how-to-replace-brake-pads-at-home",
    );
    assert_eq!(
        x.title.as_deref(),
        Some("How to Replace Brake Pads at Home")
    );
    assert_eq!(
        x.authors,
        vec![Author {
            name: "Daniel Gibson".into(),
            email: None
        }]
    );
}

#[test]
fn a_paragraph_trailing_off_after_another_is_the_story_a_link_to_more_is_not() {
    let dump = "Airfare Costs for Relocating Employees\n\n\
        Airfare can cost a pretty decent chunk of money, especially for a relocating employee \
        and a family of four flying across the country at short notice in the summer.\n\n\
        When left to employees, there will be a desire to make the funds go as far as possible, \
        even if it means staying in cheaper temporary housing...\n\n\
        Skiplagging is when a traveler buys a plane ticket with a layover in the city they \
        actually want to reach and leaves the airport there instead of boarding the last leg.\n\n\
        Get breaking news and the latest updates on relocation, travel policy and more from \
        our team of editors every week. More from Relocation Weekly...\n";
    let x = extract(dump, None, "https://example.com/airfare-costs");
    let body: Vec<&str> = x.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(
        body.iter().any(|p| p.starts_with("When left to employees")),
        "{body:#?}"
    );
    assert!(
        !body.iter().any(|p| p.starts_with("Get breaking news")),
        "{body:#?}"
    );
}

#[test]
fn a_share_bar_under_the_headline_is_not_taken_for_it() {
    let dump = "Menu\n\nEmployers drop coverage for weight loss drugs as programs grow\n\n\
         \u{2022} Manage alerts for this article\n\u{2022} Email this article\n\n\
         When a large hospital system told employees it would stop covering the drugs, \
         it offered another way to get the treatments: buy them themselves.\n\n\
         In a notice, the company said use of the drugs surged this year, and that its \
         costs for them had grown faster than for any other class of medicine.\n\n\
         Other employers are weighing the same change as the prices stay high for many \
         workers, and benefits consultants expect more plans to drop coverage next year.\n";
    let x = extract(dump, None, "https://example.com/2025/12/18/x1");
    assert_eq!(
        x.title.as_deref(),
        Some("Employers drop coverage for weight loss drugs as programs grow")
    );
}

#[test]
fn the_headline_over_its_byline_is_found_past_a_standfirst_and_an_author_box() {
    let dump = "Menu\n\nIdeas & Advice\n\n\
         The Ultimate Wedding-Planning Checklist and Timeline\n\n\
         Here's how to make your to-do list a bit more manageable.\n\n\
         By Ellen O'Brien\n\nEllen O'Brien\n\nEditorial Guidelines\n\n\
         Updated on May 27, 2025 09:10AM\n\nFact checked by\n\nJane Roe\n\n\
         Our Editorial Standards and Guidelines\n\n\
         Wedding planning takes a long time, and a checklist keeps the months ahead \
         in order so that nothing is left to the last week before the day.\n\n\
         Start with the budget and the guest list, then book the venue and the \
         people who will photograph, feed and marry the couple on the day.\n\n\
         A year out, most couples choose their wedding party and send save-the-date \
         cards to guests who will have to travel a long way to be there.\n";
    let x = extract(dump, None, "https://example.com/story/x1");
    assert_eq!(
        x.title.as_deref(),
        Some("The Ultimate Wedding-Planning Checklist and Timeline")
    );
}
