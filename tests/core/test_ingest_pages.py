"""Saved news pages: title, outlet and text as a reader expects them.

The pages in tests/fixtures/pages/ are small synthetic HTML files, each
reproducing one structure met on real saved pages (a CMS name as <title>, a
JSON-LD @graph, a title with site name and tagline, a drop cap, a link list).
They are imported through the real reader; no Qt, no network.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from parallax.core.ingest import page_text
from parallax.core.ingest.page_names import page_names
from parallax.core.ingest.readers import collect, read_file

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


@pytest.mark.parametrize(
    ("page", "title", "outlet"),
    [
        # <title> and <meta name="title"> are the CMS's name; the generator tag says so.
        ("cms_title.html", "US combat mission in Iraq to end by December", "The Morning Ledger"),
        # Yoast-style @graph: the article's publisher is an @id reference.
        ("jsonld_graph.html", "Iraqi leader seeks timetable for US exit", "St. Lucia Times News"),
        # A portal whose JSON-LD WebSite "name" is the headline: never the outlet.
        ("portal_website_name.html", "US to shift Iraq role to training, officials say", "MSN"),
        # og:site_name is "name | tagline | city".
        ("tagline_title.html", "Local Iraqi Americans react to troop decision", "WSVN 7News"),
        # The site name only in <title>, matching the canonical URL's domain.
        ("title_site_suffix.html", "Tokyo watches Iraq drawdown closely", "The Japan Times"),
        ("site_named_in_title.html", "Caribbean leaders eye Iraq oil deal", "Jamaica Observer"),
        # The page names itself nowhere: the domain is all there is.
        ("no_site_name.html", "Caribbean leaders eye Iraq oil deal", "jamaicaobserver.com"),
        # A colon inside the headline is not a separator.
        ("colon_headline.html", "Biden: troops to leave Iraq", "Reuters"),
        # "Headline | Section | Site": the section goes with the site name.
        ("section_in_title.html", "Iraq's prime minister walks a tightrope in Washington", "the Guardian"),
        ("dropcap_span.html", "EU names repeat offenders on rule of law", "Evening Herald"),
        ("link_list_ul.html", "Iraq reports record daily cases as third wave builds", "Gulf Courier"),
    ],
)
def test_title_and_outlet(page, title, outlet):
    art = read_file(PAGES / page)
    assert (art.title, art.outlet) == (title, outlet)
    assert art.outlet != art.title


def test_headline_is_not_left_in_the_text():
    art = read_file(PAGES / "cms_title.html")
    assert art.text.startswith("President Joe Biden said on Monday")
    assert "US combat mission in Iraq to end by December" not in art.text


def test_headline_worded_differently_in_metadata_is_not_left_in_the_text():
    art = read_file(PAGES / "headline_differs.html")
    assert (art.title, art.outlet, art.author) == (
        "US, Iraq agree end to combat mission", "The Daily Planet", "Jane Doe")
    assert art.text.split("\n\n") == [
        "Officials in Baghdad said on Monday that the talks with Washington had produced an agreement "
        "on the future of the mission, which would change its name but not its size.",
        "According to a report by the Associated Press, about 2,500 troops would remain in the country "
        "to train and advise Iraqi forces.",
    ]


def test_drop_cap_letter_is_kept_in_its_word():
    art = read_file(PAGES / "dropcap_span.html")
    assert art.text.startswith("Turkey, Poland and Hungary were named as repeat offenders")


def test_drop_cap_in_its_own_block_joins_the_paragraph():
    art = read_file(PAGES / "dropcap_block.html")
    assert art.text.split("\n\n")[0] == (
        "When the Iraqi delegation arrived in Washington, few of its members expected to leave "
        "with a date for the end of the American combat mission in their country."
    )


def test_link_list_and_its_lead_in_are_dropped():
    art = read_file(PAGES / "link_list_ul.html")
    assert art.text.split("\n\n") == [
        "Iraq recorded more than 13,000 new coronavirus infections on Tuesday, the highest daily "
        "figure since the start of the pandemic, the health ministry said.",
        # An inline link inside a sentence is text, not clutter.
        "Hospitals in Baghdad and Basra said they were running short of oxygen, and doctors warned "
        "that the Delta variant was spreading quickly among younger people.",
        "The ministry urged people to avoid large gatherings ahead of the Eid holiday and said it "
        "would tighten checks at the country's border crossings.",
    ]


def test_link_lines_and_calls_to_action_are_dropped():
    art = read_file(PAGES / "link_list_lines.html")
    assert art.text.split("\n\n") == [
        "Iraqi authorities announced a ten-day curfew on Wednesday after the number of new "
        "coronavirus infections reached a record for the second day in a row.",
        "The health ministry said shops, mosques and schools would close, and that only pharmacies "
        "and food stores would be allowed to open during the day.",
        "Officials said the measures would be reviewed before the Eid holiday, when families "
        "traditionally travel across the country to visit relatives.",
    ]


def test_link_list_in_a_wrapper_and_under_a_heading_is_dropped_but_subheadings_stay():
    art = read_file(PAGES / "link_list_wrapped.html")
    assert art.text.split("\n\n") == [
        "The agreement reached in Washington changes the label on the American presence in Iraq, but "
        "few officials expect the soldiers on the ground to notice much difference.",
        "About 2,500 American troops will stay, and their tasks will be described as training, advising "
        "and sharing intelligence with Iraqi forces.",
        # An article's own subheading above a lone "Read more" link is the article's.
        "What happens next",
        "Iraqi officials must now sell the agreement to armed factions that have demanded the departure "
        "of every foreign soldier from the country.",
    ]


def test_sentences_with_links_stay_and_a_sign_up_form_goes():
    art = read_file(PAGES / "links_in_sentences.html")
    assert art.text.split("\n\n") == [
        "Iraq's parliament voted in January 2020 to expel all foreign troops from the country.",
        "The vote followed the American drone strike in Baghdad that killed an Iranian general and an "
        "Iraqi militia leader, and it was never put into force.",
        "- The first American troops arrived in 2003 and most left in 2011.",
        "- They returned in 2014 to fight the Islamic State group at Baghdad's request.",
        "Officials in both capitals now say the remaining forces will train and advise Iraqi units "
        "rather than take part in combat operations.",
    ]


def test_two_outlets_do_not_share_their_clutter():
    """The same "More on coronavirus:" list on two outlets' pages must not become
    a passage both articles tell."""
    arts, errors = collect([PAGES / "link_list_ul.html", PAGES / "link_list_lines.html"])
    assert errors == []
    for art in arts:
        for clutter in ("More on coronavirus", "Vaccine rollout stalls", "Oxygen shortages hit"):
            assert clutter not in art.text


# --- title and outlet over many layouts, without files -----------------------------------

def names_of(head: str, body: str = "") -> tuple[str | None, str | None]:
    tree = html.fromstring(f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")
    found = page_names(tree)
    return found.title, found.outlet


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<title>Iraq talks: what next? - BBC News</title>'
         '<link rel="canonical" href="https://www.bbc.co.uk/news/world-1">', "",
         ("Iraq talks: what next?", "BBC News")),
        ('<title>Biden, Kadhimi seal deal to end US combat mission | CNN Politics</title>'
         '<meta property="og:site_name" content="CNN">', "",
         ("Biden, Kadhimi seal deal to end US combat mission", "CNN")),
        # A source after the headline is not a section: it has its own separator.
        ('<title>US combat mission in Iraq to end - Pentagon | Reuters</title>'
         '<meta property="og:site_name" content="Reuters">', "",
         ("US combat mission in Iraq to end - Pentagon", "Reuters")),
        # Nothing says which part is the site: the title stays whole.
        ("<title>Iraq - US talks end with deal on troops</title>", "",
         ("Iraq - US talks end with deal on troops", None)),
        ('<title>Home</title><meta property="og:site_name" content="Kayhan">', "<h1>Kadhimi in Washington</h1>",
         ("Kadhimi in Washington", "Kayhan")),
        # The <title> is only the site's name; og:title has the headline.
        ('<title>The Telegraph</title><meta property="og:title" content="Biden says troops will go">'
         '<meta property="og:site_name" content="The Telegraph">', "",
         ("Biden says troops will go", "The Telegraph")),
        ('<title>Iraq war: US to end combat mission – The Irish Times</title>'
         '<meta property="og:site_name" content="The Irish Times">', "",
         ("Iraq war: US to end combat mission", "The Irish Times")),
        ('<title>Kadhimi heads to Washington — Al-Monitor: Independent, trusted coverage of the Middle East'
         '</title><meta property="og:site_name" content="Al-Monitor">', "",
         ("Kadhimi heads to Washington", "Al-Monitor")),
        ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"ReportageNewsArticle",'
         '"headline":"US forces to stay in advisory role","publisher":[{"@type":"NewsMediaOrganization",'
         '"name":"Associated Press"}]}</script>', "",
         ("US forces to stay in advisory role", "Associated Press")),
        # A home page's tagline <title> is not the story's headline.
        ('<title>Breaking News, World News and Video from Al Jazeera</title>'
         '<meta property="og:site_name" content="Al Jazeera">', "<h1>US to end combat mission in Iraq</h1>",
         ("US to end combat mission in Iraq", "Al Jazeera")),
        # No site name field: the part of <title> beside the <h1> names the site.
        ("<title>Kadhimi heads to Washington :: Kurdistan 24</title>", "<h1>Kadhimi heads to Washington</h1>",
         ("Kadhimi heads to Washington", "Kurdistan 24")),
        ("<title>Kadhimi heads to Washington | World news | The Guardian</title>",
         "<h1>Kadhimi heads to Washington</h1>", ("Kadhimi heads to Washington", "The Guardian")),
        ("<title>Kadhimi heads to Washington - WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale</title>",
         "<h1>Kadhimi heads to Washington</h1>", ("Kadhimi heads to Washington", "WSVN 7News")),
        # A headline that starts with the outlet's name stays whole.
        ('<title>CNN anchor quits over Iraq remarks</title><meta property="og:site_name" content="CNN">'
         '<link rel="canonical" href="https://edition.cnn.com/2021/07/26/media/anchor">', "",
         ("CNN anchor quits over Iraq remarks", "CNN")),
        ('<title>Caribbean leaders eye deal - Jamaica Observer</title>'
         '<meta property="og:site_name" content="jamaicaobserver.com">'
         '<link rel="canonical" href="https://www.jamaicaobserver.com/news/deal">', "",
         ("Caribbean leaders eye deal", "Jamaica Observer")),
        # Every "site name" field holds the headline: no outlet rather than a wrong one.
        ('<title>Biden: troops to leave Iraq</title><meta name="application-name" content="Biden: troops to leave Iraq">',
         "<h1>Biden: troops to leave Iraq</h1>", ("Biden: troops to leave Iraq", None)),
        # A WordPress page whose generator is its <title>.
        ('<title>WordPress</title><meta name="generator" content="WordPress 6.2">'
         '<meta property="og:site_name" content="Loop News">', "<h1>Fuel prices rise again</h1>",
         ("Fuel prices rise again", "Loop News")),
        # The publisher's company name gives way to the masthead the page also states.
        ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Biden says troops will go",'
         '"publisher":{"@type":"Organization","name":"Telegraph Media Group Ltd"}}</script>'
         '<meta property="og:site_name" content="The Telegraph">', "",
         ("Biden says troops will go", "The Telegraph")),
        # A related story's JSON-LD before the page's own: the one matching the <h1> wins.
        ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Rocket attacks rise",'
         '"publisher":{"name":"Other Outlet"}}</script><script type="application/ld+json">{"@type":"NewsArticle",'
         '"headline":"Biden says troops will go","publisher":{"name":"The Telegraph"}}</script>',
         "<h1>Biden says troops will go</h1>", ("Biden says troops will go", "The Telegraph")),
        # A dot in the headline does not make it a site name ("U.S.").
        ("<title>U.S. troops to leave Iraq by year's end | MSN</title>",
         "<h1>U.S. troops to leave Iraq by year's end</h1>", ("U.S. troops to leave Iraq by year's end", "MSN")),
        # The site's logo is the page's only <h1>; the headline is an <h2>.
        ("<title>Caribbean Leaders Eye Deal - Jamaica Observer</title>",
         "<header><h1 class='logo'><a href='/'>Jamaica Observer</a></h1></header>"
         "<article><h2>Caribbean Leaders Eye Deal</h2></article>",
         ("Caribbean Leaders Eye Deal", "Jamaica Observer")),
        # A logo image's alt text in the link home names the site.
        ("<title>Caribbean Leaders Eye Deal - Jamaica Observer</title>",
         "<header><a href='/' rel='home'><img src='logo.png' alt='Jamaica Observer logo'></a></header>",
         ("Caribbean Leaders Eye Deal", "Jamaica Observer")),
        # og:site_name holds an edition; the <title> part matching the domain names the outlet.
        ('<meta property="og:site_name" content="U.S."><title>Troops to leave Iraq | Reuters</title>'
         '<link rel="canonical" href="https://www.reuters.com/article/iraq-troops-idUS1">', "",
         ("Troops to leave Iraq", "Reuters")),
        # A syndicating portal: the article's stated publisher is the outlet.
        ('<meta property="og:site_name" content="MSN"><link rel="canonical" href="https://www.msn.com/en-gb/news/x">'
         '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Troops to leave Iraq",'
         '"publisher":{"@type":"Organization","name":"The Independent"}}</script>', "",
         ("Troops to leave Iraq", "The Independent")),
        # A headline cut at a schema length limit gives way to the full one.
        ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"US and Iraq agree that American '
         'combat troops will leave by the end of the year, officials in both capitals…",'
         '"publisher":{"name":"The Daily Planet"}}</script>',
         "<h1>US and Iraq agree that American combat troops will leave by the end of the year, officials in "
         "both capitals say</h1>",
         ("US and Iraq agree that American combat troops will leave by the end of the year, officials in both "
          "capitals say", "The Daily Planet")),
    ],
)
def test_page_names(head, body, expected):
    assert names_of(head, body) == expected


# --- structures met on real saved pages (measured on a set of real news pages) ----------

@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # A headline in a script written without spaces is one "word", not a slug.
        ("<title>外国专家：中美合作共赢符合国际社会利益 - 中国日报网</title>"
         '<link rel="canonical" href="https://china.dailyexample.cn/a/202311/17/WS1.html">',
         "<a href='https://china.dailyexample.cn'>时政</a><h1>外国专家：中美合作共赢符合国际社会利益</h1>",
         ("外国专家：中美合作共赢符合国际社会利益", "中国日报网")),
        # The site name glued to the headline by a dash without spaces.
        ("<title>短缺药品保供稳价 全力保障临床用药需求-新华网</title>",
         "<h1>短缺药品保供稳价 全力保障临床用药需求</h1>",
         ("短缺药品保供稳价 全力保障临床用药需求", "新华网")),
        # The site name after a (full-width) colon at the end of the title.
        ('<title>米朝首脳直通電話 習氏に挑むトランプ戦術の成否 ：日本経済新聞</title>'
         '<meta property="og:site_name" content="日本経済新聞">', "",
         ("米朝首脳直通電話 習氏に挑むトランプ戦術の成否", "日本経済新聞")),
        ('<title>Troops to leave Iraq : The Daily Planet</title>'
         '<meta property="og:site_name" content="The Daily Planet">', "",
         ("Troops to leave Iraq", "The Daily Planet")),
        # A site named by its domain in og:site_name, and a section beside the headline.
        ('<title>Spy files exposed -- Puppet Masters - Tidewatch.net</title>'
         '<meta property="og:site_name" content="Tidewatch.net">'
         '<link rel="canonical" href="https://www.tidewatch.net/article/1-spy-files">',
         "<h1>Spy files exposed</h1>", ("Spy files exposed", "Tidewatch.net")),
        ('<title>All-new Sentra arrives - Auto News</title>'
         '<meta property="og:site_name" content="AutoExample.com">',
         "<h1>All-new Sentra arrives</h1>", ("All-new Sentra arrives", "AutoExample.com")),
        # Sections between the headline and the site name: the far end names the site.
        ("<title>Court to rule on appeal » Local » News » Island Daily Herald</title>",
         "<h1>Court to rule on appeal</h1>", ("Court to rule on appeal", "Island Daily Herald")),
        # Site name and then a section, in a script without capitals.
        ('<title>港特首梁振英就住宅违建事件道歉 - BBC中文网 - 两岸三地</title>'
         '<meta name="application-name" content="BBC">', "<h1>港特首梁振英就住宅违建事件道歉</h1>",
         ("港特首梁振英就住宅违建事件道歉", "BBC")),
        # A portal's og:title and twitter:title are its own name and tagline; the
        # <title> is the story's headline.
        ('<meta name="application-name" content="Daily Portal News - Latest News &amp; Headlines">'
         '<meta name="twitter:title" content="Daily Portal News - Latest News &amp; Headlines">'
         '<meta property="og:title" content="Daily Portal News - Latest News &amp; Headlines">'
         "<title>Russia: Space ship malfunctions, breaks up over Siberia</title>", "",
         ("Russia: Space ship malfunctions, breaks up over Siberia", "Daily Portal News")),
        # A two-letter site name matching the domain, and a date after it.
        ('<meta property="og:title" content="Berlin confronts its colonial past | DW | 19.01.2020">'
         '<meta property="og:site_name" content="DW.COM">'
         '<link rel="canonical" href="https://www.dw.com/en/berlin-confronts/a-52060881">', "",
         ("Berlin confronts its colonial past", "DW")),
        # The site named only after a colon at the end of <title>, matching the domain.
        ('<title>動画：ナイジェリアで自爆攻撃、31人死亡 写真1枚 国際ニュース：AFPBB News</title>'
         '<meta property="og:title" content="動画：ナイジェリアで自爆攻撃、31人死亡">'
         '<link rel="canonical" href="http://www.afpbb.com/articles/-/3178894">', "",
         ("動画：ナイジェリアで自爆攻撃、31人死亡", "AFPBB News")),
        # A colon inside a headline that names the outlet is not a site name.
        ("<title>Iraq talks: CNN reports</title>"
         '<link rel="canonical" href="https://edition.cnn.com/2021/07/26/world/iraq">', "",
         ("Iraq talks: CNN reports", "cnn.com")),
    ],
)
def test_page_names_on_real_structures(head, body, expected):
    assert names_of(head, body) == expected


def test_related_headlines_half_linked_are_dropped():
    """A "More must-reads" list whose items are headlines only partly linked
    ("The Prime Minister and the <a>Future of Democracy</a>") is not the story."""
    art = read_file(PAGES / "related_headlines_list.html")
    assert art.text.split("\n\n") == [
        "A leading climate scientist warned on Thursday that warming is accelerating faster than models "
        "predicted, and called for governments to study ways of reflecting sunlight.",
        "“No outdoor experiments should be done until there is a framework for global governance in "
        "place,” he said.",
    ]


def test_sign_up_form_buttons_cookie_notice_and_copyright_line_are_dropped():
    art = read_file(PAGES / "form_banner_copyright.html")
    assert (art.title, art.outlet) == ("Norvēģijā pēc zemes nogruvuma pieci bojāgājušie", "Ziņu Portāls")
    assert art.text.split("\n\n") == [
        "Norvēģijas glābšanas komanda četras dienas pēc tam, kad zemes nogruvums apraka vairākas mājas "
        "ciematā, atradusi piekto bojāgājušo.",
        "Vēl piecus cilvēkus joprojām meklē, un glābēji strādā visu diennakti, sacīja policija.",
        "Nogruvums notika naktī uz trešdienu, kad lielākā daļa ciemata iedzīvotāju gulēja savās mājās.",
        "Valdība solījusi palīdzību visiem, kuri zaudējuši mājokli, un izsludinājusi sēru dienu.",
    ]


def test_hidden_widgets_share_bar_and_a_dangling_lead_in_are_dropped():
    """A hidden "save article" box, a share bar of icon links under its label, and a
    last line announcing a photo gallery ("See more photos:") are no article text;
    the lead stays though a hidden share box repeats it."""
    art = read_file(PAGES / "share_bar_hidden.html")
    assert art.text.split("\n\n") == [
        "Photos which were released online and are making the rounds on social media show the actress "
        "looking absolutely stunning in new pictures.",
        "The actress, who is known for her leading role in a popular series, has taken to her Instagram "
        "page to share some stunning photos of herself.",
        "She flaunted a hand bag which had the colours of the national flag at an event hosted by a media "
        "mogul in Lagos.",
    ]


def test_furniture_lines_name_hidden_boxes_and_share_labels_but_not_what_the_reader_sees():
    tree = html.fromstring(
        "<html><body><div style='display: none'><p>Save article</p><p>Members only.</p></div>"
        "<section><h2>Share this news</h2><script>(function(w, d) { var s = d.createElement('script');"
        " s.async = true; s.src = '//platform.example.com/widgets.js'; })(this, document);</script>"
        "<a href='/t'><i></i></a><a href='/f'><i></i></a></section>"
        "<div hidden><h2>The lead, repeated for sharing.</h2></div>"
        "<article><p>The lead, repeated for sharing.</p><p>More text with <a href='/x'>a link</a>.</p>"
        "</article></body></html>")
    lines = page_text.furniture_lines(tree)
    assert {"save article", "members only.", "share this news"} <= lines
    assert "the lead, repeated for sharing." not in lines
    assert "more text with a link." not in lines
