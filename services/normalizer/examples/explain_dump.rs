//! Prints how the text-dump extractor segments a page: each block's role,
//! its word count, and `*` where the chosen story region is.
//!     cargo run -p wirefeed-normalizer --example explain_dump [URL] < page.txt

fn main() {
    let mut dump = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut dump).expect("stdin");
    let url = std::env::args().nth(1).unwrap_or_default();
    for line in wirefeed_normalizer::extract::text_dump::explain(&dump, &url) {
        println!("{line}");
    }
}
