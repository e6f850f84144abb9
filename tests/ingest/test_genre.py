"""The news-genre decision of ingestion (storyline.ingest.genre): texts written for these tests."""
from __future__ import annotations

import json

import storyline
from storyline.ingest.genre import judge_news
from storyline.ingest.text import article_from_text

NEWS = ("The defence minister met his counterpart in the capital on Tuesday to discuss the border dispute, "
        "officials said. The talks, the first since the ceasefire in the spring, ended without an agreement, "
        "and both governments said they would meet again next month. Opposition leaders criticised the visit, "
        "saying it rewarded the neighbour's refusal to withdraw its troops from the disputed valley. ") * 2

RECIPE = "\n".join([
    "This easy apple cake is the one my grandmother made every autumn, and it is still the best one I know.",
    "Ingredients",
    "- 2 cups flour", "- 1 tsp baking powder", "- 3 apples, peeled and sliced", "- 100 g butter",
    "- 2 tbsp sugar", "- 1 pinch salt",
    "Preheat the oven to 180 degrees and butter a round pan.",
    "Whisk the butter and sugar in a large bowl until pale, then stir in the flour a little at a time.",
    "Lay the apples on top and bake for 40 minutes until golden.",
    "Let it cool for a while before you cut it, and serve it with cream or on its own with a cup of tea.",
    "We like it best the day after, when the apples have soaked into the crumb and the top is still crisp.",
])

DEALS = "\n".join([
    "Black Friday came early this year and the best deals on headphones and laptops are already live.",
    "The wireless earbuds are down to $89 from $129 at the big online store, with free shipping.",
    "A 15-inch laptop is on sale for $649, the lowest price we have seen, and it is in stock now.",
    "Use the coupon at checkout to take another $20 off the smart speaker, which now costs $29.",
    "The robot vacuum drops to $199 and the fitness tracker to $49 for Cyber Monday.",
    "We will keep this list updated through the weekend as new offers appear and old ones sell out.",
    "Prices were correct at the time of writing but can change at any moment, so check before you buy.",
])

FORUM = "\n".join(
    line for n in range(6) for line in (
        f"Posted by gardener{n}", "Joined: March 2015", "Posts: 120",
        "Has anyone tried planting tomatoes next to basil in a small greenhouse this year, and did it help them?",
        "Reply Quote Report"))

GERMAN = ("Die Regierung hat am Dienstag beschlossen, dass die neuen Regeln für die Verwaltung der Stadt ab dem "
          "nächsten Jahr gelten sollen, und die Opposition hat das Vorhaben scharf kritisiert, weil es nach ihrer "
          "Ansicht zu teuer ist und den Bürgern kaum etwas bringt. ") * 4


def test_news_passes_and_a_sport_or_business_story_is_news_too():
    assert judge_news(NEWS).news
    business = NEWS + " Shares in the state oil company fell 3% and the group's quarterly profit was $2 billion."
    assert judge_news(business).news
    sport = NEWS + " The home side won the match 3-1 after the striker scored twice in the second half."
    assert judge_news(sport).news


def test_recipe_shopping_forum_and_other_languages_are_not_news():
    assert judge_news(RECIPE).reason == "recipe"
    assert judge_news(DEALS).reason == "shopping page"
    assert judge_news(FORUM).reason == "forum or comment thread"
    assert judge_news(GERMAN).reason == "not English prose"


def test_a_short_text_is_not_judged():
    assert judge_news("Add 2 cups of flour. Buy now with free shipping.").news


def test_the_article_carries_the_verdict():
    assert article_from_text(RECIPE, path="cake.txt").not_news == "recipe"
    assert article_from_text(NEWS, path="talks.txt").not_news is None


def test_not_news_is_kept_out_of_the_corpus_outputs_and_counted(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(NEWS, encoding="utf-8")
    (folder / "cake.txt").write_text(RECIPE, encoding="utf-8")
    summary = storyline.run([folder], out=tmp_path / "out")
    assert summary.not_news == 1
    articles = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text().splitlines()]
    assert sorted(a["not_news"] or "" for a in articles) == ["", "recipe"]
    cake = next(a["id"] for a in articles if a["not_news"])
    timeline = json.loads((tmp_path / "out" / "timeline.json").read_text())
    assert not any(cake in json.dumps(entry) for entry in timeline)
    assert "not news: recipe" in (tmp_path / "out" / "report.html").read_text()
