"""A syndication set: raw pages for the whole pipeline, with gold clusters.

Built from the real pages of ../shared/eval whose article text is known
(scrapinghub, wcxb-dev). Every page is published once as itself (its own
cluster unless a copy of it follows). Then, for a sample of stories A,
copies of A as other outlets run them: A's paragraphs put in place of
another site's article text inside that site's real page (its menus,
teasers, share buttons and footers kept), edited the way syndication
edits a story:

  wire_prefix   "SEOUL (Reuters) -" / "By X | AP" before the first paragraph
  credit        a trailing credit line ("Reporting by ...; Editing by ...")
  headline      the headline reworded
  edits         1-3% of the words changed
  drop_last     the last one or two paragraphs dropped
  truncate      only the first 40-70% of the words kept
  combo         wire prefix, edits, credit and truncation together
  republish     A's own page again under another URL (no canonical link)
  update        A's page at its own URL with a paragraph added and one edited

The negatives are everything else in the set: other articles from the same
site (the host page's own article is published too, so a copy and its host
share all their chrome), articles on the same topic, and the rest.

usage: make_syndication.py EVAL_DIR SEED STORIES OUT_DIR
Writes OUT_DIR/raw.jsonl (messages for `wirefeed produce`) and
OUT_DIR/gold.jsonl (one line per message: id, cluster, kind, site, lang).
Needs lxml.
"""
import gzip
import json
import random
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import lxml.html

eval_dir, seed, n_stories, out_dir = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
rng = random.Random(seed)
out_dir.mkdir(parents=True, exist_ok=True)


def norm(text):
    return re.sub(r"\s+", " ", text or "").strip()


def paragraphs(body):
    return [norm(p) for p in re.split(r"\n", body or "") if norm(p)]


def cjk_share(text):
    chars = re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]", text)
    return len(chars) / max(1, len(re.sub(r"\s", "", text)))


def language(text):
    if re.search(r"[\uac00-\ud7a3]{20}", text) or len(re.findall(r"[\uac00-\ud7a3]", text)) > 100:
        return "ko"
    if len(re.findall(r"[\u3040-\u30ff]", text)) > 50:
        return "ja"
    if cjk_share(text) > 0.3:
        return "zh"
    return "other"


# (key, site, url, title, gold paragraphs, html bytes)
pages = []
sh = json.loads((eval_dir / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
for key, rec in sorted(sh.items()):
    html = gzip.decompress((eval_dir / "scrapinghub" / "html" / f"{key}.html.gz").read_bytes())
    pages.append(("sh-" + key[:12], rec.get("url") or "", "", paragraphs(rec.get("articleBody")), html))
for path in sorted((eval_dir / "wcxb-dev" / "ground-truth").glob("*.json")):
    rec = json.loads(path.read_text(encoding="utf-8"))
    gt = rec.get("ground_truth") or {}
    html = gzip.decompress((eval_dir / "wcxb-dev" / "html" / f"{path.stem}.html.gz").read_bytes())
    pages.append(("wc-" + path.stem, rec.get("url") or "", gt.get("title") or "", paragraphs(gt.get("main_content")), html))


def site(url):
    return urlparse(url).netloc.removeprefix("www.")


def parse(html):
    try:
        return lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - a page lxml cannot read is left out
        return None


def title_of(doc, gold):
    if gold:
        return norm(gold)
    for xpath in ("//meta[@property='og:title']/@content", "//h1", "//title"):
        found = doc.xpath(xpath)
        if found:
            text = norm(found[0] if isinstance(found[0], str) else found[0].text_content())
            if text:
                return text
    return ""


TEXT_TAGS = {"p", "div", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "span", "section", "pre",
             "ul", "ol", "table", "figcaption", "dl", "dd", "dt", "strong", "em", "b"}


def article_elements(doc, gold):
    """The elements holding the gold text: the outermost elements whose
    whole text is a part of it (a paragraph, a list item, a subhead)."""
    wanted = {p for p in gold if len(p) >= 30}
    joined = " \n ".join(gold)
    found = []
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag not in TEXT_TAGS:
            continue
        ancestors = list(el.iterancestors())
        if any(a.tag in ("h1", "head") for a in ancestors) or any(f in ancestors for f in found):
            continue
        text = norm(el.text_content())
        if text in wanted or (len(text) >= 40 and text in joined):
            found.append(el)
    return in_container(found)


def common_ancestor(elements):
    """The deepest element holding all of them."""
    chains = [list(reversed(list(el.iterancestors()))) for el in elements]
    common = chains[0][0]
    for level in zip(*chains):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common


def in_container(found):
    """The found elements inside the article's container: the deepest
    element holding at least 80% of the found text (a stray match in a
    menu or a header is left alone)."""
    if not found:
        return found
    weight = {el: len(norm(el.text_content())) for el in found}
    total = sum(weight.values())
    held = {}
    for el in found:
        for a in el.iterancestors():
            held[a] = held.get(a, 0) + weight[el]
    containers = [a for a, w in held.items() if w >= 0.8 * total]
    if not containers:
        return found
    container = max(containers, key=lambda a: sum(1 for _ in a.iterancestors()))
    return [el for el in found if container in el.iterancestors()]


def covered(found, gold):
    words = sum(len(p.split()) for p in gold)
    hit = sum(len(norm(e.text_content()).split()) for e in found)
    return hit / max(1, words)


def leftover(doc, gold):
    """Whether the host's own story is still in the page's visible text
    (more than a tenth of its paragraphs): then the page is no copy of A."""
    for el in doc.xpath("//script | //style | //noscript | //template"):
        el.getparent().remove(el) if el.getparent() is not None else None
    text = norm(doc.text_content())
    paras = [p for p in gold if len(p) >= 30]
    return bool(paras) and sum(p in text for p in paras) > 0.1 * len(paras)


def strip_identity(doc):
    """Removes what would tie a page to its first URL or its first article."""
    for el in doc.xpath("//link[@rel='canonical'] | //meta[@property='og:url'] | //script[@type='application/ld+json']"
                        " | //link[@rel='alternate'] | //link[@rel='amphtml'] | //link[@rel='shortlink'] | //base"
                        " | //meta[@property='og:title'] | //meta[@name='twitter:title'] | //meta[@property='og:description']"
                        " | //meta[@name='description'] | //meta[@name='twitter:description']"):
        el.getparent().remove(el)


def set_canonical(doc, url):
    """A republisher's page names its own address."""
    heads = doc.xpath("//head")
    if heads:
        link = lxml.html.Element("link", rel="canonical", href=url)
        heads[0].insert(0, link)


def set_title(doc, title):
    for h1 in doc.xpath("//h1")[:1]:
        for child in list(h1):
            h1.remove(child)
        h1.text = title
    for t in doc.xpath("//title")[:1]:
        t.text = title


def place(host_doc, host_found, paras):
    """host_doc with its article text replaced by paras, as <p> elements:
    the gold text's elements go, and so does every other paragraph, code
    block, quote and table of the article's container (the rest of the
    host's own story); its other chrome stays."""
    container = common_ancestor(host_found)
    first = host_found[0]
    # A marker where the first paragraph was: removals around it do not move it.
    marker = lxml.html.Element("div")
    first.getparent().insert(first.getparent().index(first), marker)
    marker_ancestors = set(marker.iterancestors())
    doomed = list(host_found)
    for el in container.iter("p", "pre", "blockquote", "table"):
        if el not in marker_ancestors and el not in doomed:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.getparent().remove(el)
    parent = marker.getparent()
    at = parent.index(marker)
    for i, text in enumerate(paras):
        p = lxml.html.Element("p")
        p.text = text
        parent.insert(at + i, p)
    parent.remove(marker)


# Readable pages: parsed, title known, gold text found in their own HTML.
usable = []
for key, url, gold_title, gold, html in pages:
    doc = parse(html)
    if doc is None or not gold or not url:
        continue
    found = article_elements(doc, gold)
    words = sum(len(p.split()) for p in gold)
    usable.append({"key": key, "url": url, "site": site(url), "title": title_of(doc, gold_title), "gold": gold,
                   "html": html, "host_ok": len(found) >= 3 and covered(found, gold) >= 0.9,
                   "words": words, "lang": language(" ".join(gold))})

hosts = [p for p in usable if p["host_ok"]]
# Stories: long enough to be syndicated news copy (or long CJK text).
candidates = [p for p in usable if p["words"] >= 150 or (p["lang"] in ("ko", "ja", "zh") and len("".join(p["gold"])) >= 400)]
cjk = [p for p in candidates if p["lang"] in ("ko", "ja", "zh")]
rest = [p for p in candidates if p["lang"] not in ("ko", "ja", "zh")]
stories = cjk + rng.sample(rest, min(len(rest), max(0, n_stories - len(cjk))))

CITIES = ["SEOUL", "BERLIN", "WASHINGTON", "LAGOS", "SAO PAULO", "MUMBAI", "PARIS", "NAIROBI"]
AGENCIES = ["(Reuters) -", "(AP) —", "(AFP) -", "(Yonhap) --", "(dpa) -"]
CREDITS = ["Reporting by Jane Doe; Editing by John Roe", "(Reporting by Ana Lima; Writing by Tom Ngata; Editing by Sara Kim)",
           "Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
           "This story was provided by Agence France-Presse."]


def wire_prefix(paras):
    if rng.random() < 0.5:
        return [f"{rng.choice(CITIES)} {rng.choice(AGENCIES)} {paras[0]}"] + paras[1:]
    return [f"By {rng.choice(['Jane Doe', 'Kim Min-ji', 'Luis Ortega'])} | AP"] + paras


def credit(paras):
    return paras + [rng.choice(CREDITS)]


def edit_words(paras, share):
    words = [(i, j) for i, p in enumerate(paras) for j, _ in enumerate(p.split(" "))]
    split = [p.split(" ") for p in paras]
    for i, j in rng.sample(words, max(1, int(len(words) * share))):
        w = split[i][j]
        choice = rng.random()
        if choice < 0.4 and len(w) > 3:
            k = rng.randrange(len(w) - 1)
            split[i][j] = w[:k] + w[k + 1] + w[k] + w[k + 2:]
        elif choice < 0.7:
            split[i][j] = rng.choice(["said", "the", "new", "local", "officials", "on", "reported"])
        else:
            split[i][j] = ""
    return [re.sub(r" +", " ", " ".join(s)).strip() for s in split]


def edits(paras):
    if language(" ".join(paras)) != "other":
        # No spaces to edit by: change characters instead.
        out = []
        for p in paras:
            chars = list(p)
            for k in rng.sample(range(len(chars)), max(1, len(chars) // 50)):
                chars[k] = rng.choice("的了是在有한다이다のはが")
            out.append("".join(chars))
        return out
    return edit_words(paras, rng.uniform(0.01, 0.03))


def drop_last(paras):
    n = rng.randint(1, 2) if len(paras) > 4 else 1
    return paras[:-n] if len(paras) > n + 1 else paras


def truncate(paras, share=None):
    share = share or rng.uniform(0.4, 0.7)
    if language(" ".join(paras)) != "other":
        total = sum(len(p) for p in paras)
        keep, out = int(total * share), []
        for p in paras:
            if keep <= 0:
                break
            out.append(p[:keep])
            keep -= len(p)
        return out
    total = sum(len(p.split()) for p in paras)
    keep, out = int(total * share), []
    for p in paras:
        if keep <= 0:
            break
        ws = p.split()
        out.append(" ".join(ws[:keep]))
        keep -= len(ws)
    return out


def combo(paras):
    return credit(truncate(edits(wire_prefix(paras)), rng.uniform(0.5, 0.8)))


def reword(title):
    words = title.split()
    if len(words) < 4:
        return title + " - report"
    head = rng.choice(["UPDATE:", "Report:", "Analysis:", "", ""])
    words = words[: max(3, len(words) - rng.randint(1, 2))] + rng.choice([["officials", "say"], ["sources", "say"], []])
    return norm(f"{head} {' '.join(words)}")


KINDS = ["wire_prefix", "credit", "headline", "edits", "drop_last", "truncate", "truncate", "combo"]
EDIT = {"wire_prefix": wire_prefix, "credit": credit, "headline": lambda p: p, "edits": edits,
        "drop_last": drop_last, "truncate": truncate, "combo": combo}

raw = open(out_dir / "raw.jsonl", "w", encoding="utf-8")
gold = open(out_dir / "gold.jsonl", "w", encoding="utf-8")
n = 0


def emit(mid, url, html, cluster, kind, page_site, lang, title, fetched="2026-12-01T10:00:00Z"):
    global n
    body = html if isinstance(html, str) else html.decode("utf-8", "replace")
    raw.write(json.dumps({"id": mid, "url": url, "fetched_at": fetched, "content_type": "text/html", "body": body},
                         ensure_ascii=False) + "\n")
    gold.write(json.dumps({"id": mid, "cluster": cluster, "kind": kind, "site": page_site, "lang": lang, "title": title},
                          ensure_ascii=False) + "\n")
    n += 1


# The sets hold a few pages twice (one URL with and without a trailing
# slash, or the same text): one story, so one gold cluster.
same_story = {}
for p in usable:
    address = re.sub(r"^https?://(www\.)?", "", p["url"]).rstrip("/")
    text = norm(" ".join(p["gold"]))
    p["cluster"] = same_story.setdefault(address, same_story.setdefault(text, p["key"]))
for p in usable:
    emit(p["key"], p["url"], p["html"], p["cluster"], "original", p["site"], p["lang"], p["title"])

copies = 0
for s_i, a in enumerate(stories):
    kinds = [KINDS[(s_i + k) % len(KINDS)] for k in range(3)]
    kinds.append(rng.choice(["republish", "update"]))
    other_hosts = [h for h in hosts if h["site"] != a["site"]]
    for c_i, kind in enumerate(kinds):
        mid = f"{a['key']}-copy{c_i}-{kind}"
        if kind == "republish":
            doc = lxml.html.document_fromstring(a["html"])
            strip_identity(doc)
            url = f"https://mirror{c_i}.example.net/{a['key']}.html"
            set_canonical(doc, url)
            emit(mid, url, lxml.html.tostring(doc, encoding="unicode"), a["cluster"], kind, "mirror", a["lang"], a["title"])
            continue
        if kind == "update":
            doc = lxml.html.document_fromstring(a["html"])
            found = article_elements(doc, a["gold"])
            if not found:
                continue
            # The page edited where its text is: 1% of the words of its plain
            # paragraphs changed, a line added after the last.
            plain = [el for el in found if len(el) == 0 and el.text and el.text.strip()]
            if plain:
                texts = [el.text for el in plain]
                texts = edit_words(texts, 0.01) if a["lang"] == "other" else edits(texts)
                for el, text in zip(plain, texts):
                    el.text = text
            added = lxml.html.Element("p")
            added.text = "This story has been updated with new information."
            found[-1].addnext(added)
            emit(mid, a["url"], lxml.html.tostring(doc, encoding="unicode"), a["cluster"], kind, a["site"], a["lang"], a["title"],
                 fetched="2026-12-02T10:00:00Z")
            continue
        for _ in range(20):
            host = rng.choice(other_hosts)
            doc = lxml.html.document_fromstring(host["html"])
            found = article_elements(doc, host["gold"])
            strip_identity(doc)
            place(doc, found, EDIT[kind](list(a["gold"])))
            if not leftover(doc, host["gold"]):
                break
        else:
            continue
        title = reword(a["title"]) if kind == "headline" or kind == "combo" else a["title"]
        set_title(doc, title)
        url = f"https://{host['site']}/syndicated/{mid}"
        set_canonical(doc, url)
        emit(mid, url, lxml.html.tostring(doc, encoding="unicode"), a["cluster"], kind, host["site"], a["lang"], title)
        copies += 1

raw.close()
gold.close()
print(json.dumps({"messages": n, "originals": len(usable), "stories_copied": len(stories), "copies_in_other_pages": copies,
                  "hosts": len(hosts), "cjk_stories": len(cjk)}), file=sys.stderr)
