"""Search keys: the normalisation of site/search_text.py (the index), and the same rules in
kz-search.js (the query), which must give the same keys for every word."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from generator.site.search_text import RULES, keys, text_keys, words

from ..conftest import ROOT, missing_tool

NODE = shutil.which("node")
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "kz-search.js"


def key_set(text: str) -> set[str]:
    return set(text_keys(text))


def meet(a: str, b: str) -> bool:
    """Whether a query word `a` finds a document word `b` by an exact key."""
    return bool(set(keys(words(a)[0])) & set(keys(words(b)[0])))


# Each row: ways a reader may type the same word.
SAME_WORD = [
    ["Қостанай", "Костанай", "Qostanai", "Qostanay", "Kostanay", "Kostanai", "Qostanaı"],
    ["Шымкент", "Shymkent", "Şymkent", "Shımkent"],
    ["Өскемен", "Оскемен", "Oskemen", "Öskemen", "Óskemen", "O'skemen"],
    ["Орал", "Oral"],
    ["Жезқазған", "Жезказган", "Zhezkazgan", "Jezqazğan", "Jezqazǵan", "Jezqazg'an"],
    ["Ақтөбе", "Актобе", "Aqtöbe", "Aktobe", "Aqtóbe", "Aqto'be"],
    ["Түркістан", "Туркистан", "Türkistan", "Turkistan"],
    ["Талдықорған", "Талдыкорган", "Taldyqorğan", "Taldykorgan", "Taldıqorğan"],
    ["әйелдер", "аиелдер", "äielder", "áıelder", "a'i'elder"],
    ["Семей", "Semey", "Semei"],
    ["ёлка", "елка"],
    ["Һ", "х"],
    ["көмек", "комек", "kömek", "komek", "kómek", "ko'mek"],
    ["баспана", "baspana"],
    ["Ұлытау", "Улытау", "Ūlytau", "Ulytau"],
    ["Маңғыстау", "Мангыстау", "Mañğystau", "Maŋğystau", "Mangystau", "Mańǵystaý"],
]

# Each row: a word and forms of it with Kazakh endings (case, plural, possessive).
ENDINGS = [
    ("Алматы", ["Алматыда", "Алматыға", "Алматыдан", "Алматының", "Алматыдағы", "алматыга", "Almatyda"]),
    ("Шымкент", ["Шымкентте", "Шымкентке", "Шымкенттен", "Шымкенттің", "Шымкенттегі", "Shymkentte"]),
    ("Павлодар", ["Павлодарда", "Павлодарға", "Павлодардан", "Павлодардың", "Pavlodarda"]),
    ("Өскемен", ["Өскеменде", "Өскеменге", "Өскеменнен", "Өскеменнің", "Оскеменде"]),
    ("Астана", ["Астанада", "Астанаға", "Астанадан", "Астананың", "Astanada"]),
    ("Қостанай", ["Қостанайда", "Қостанайға", "Қостанайдан", "Костанайда", "Qostanaida"]),
    ("Ақтөбе", ["Ақтөбеде", "Ақтөбеге", "Ақтөбеден", "Актобеде"]),
    ("Теміртау", ["Теміртауда", "Теміртауға", "Теміртаудан", "Темиртауда"]),
    ("Орал", ["Оралда", "Оралға", "Оралдан", "Оралдың"]),
    (
        "орталық",
        ["орталығы", "орталығында", "орталықта", "орталыққа", "орталықтан", "орталықтар", "орталықтарда", "орталыктар"],
    ),
    ("әйел", ["әйелдер", "әйелдерге", "әйелдердің", "аиелдерге"]),
    ("бала", ["балалар", "балаларға", "балаларды", "балалармен"]),
    ("көмек", ["көмекке", "көмектің", "көмегі", "комекке"]),
]

# Endings are never stripped where harmony or the consonant before them forbid it, nor
# below the root.
KEPT = {
    "Павлодар": "павлодар",  # -дар (plural) cannot follow a vowel: never "павло"
    "Тараз": "тараз",
    "Орал": "орал",
    "Ана": "ана",
    "үйі": "уии",  # too short to lose its possessive
    "Ақтау": "актау",
}


@pytest.mark.parametrize("row", SAME_WORD, ids=lambda row: row[0])
def test_every_spelling_of_a_word_has_the_same_surface_key(row: list[str]):
    surfaces = {keys(words(form)[0])[0] for form in row}
    assert len(surfaces) == 1, surfaces


@pytest.mark.parametrize(("base", "forms"), ENDINGS, ids=[base for base, _ in ENDINGS])
def test_a_word_with_endings_meets_the_word(base: str, forms: list[str]):
    for form in forms:
        assert meet(form, base), (form, keys(words(form)[0]), keys(words(base)[0]))
        assert meet(base, form), (base, form)


@pytest.mark.parametrize(("word", "stem"), KEPT.items())
def test_roots_are_kept(word: str, stem: str):
    assert keys(words(word)[0])[1] == stem


def test_words_split_kazakh_russian_and_latin_and_keep_2017_apostrophes():
    assert words("«Ана үйі» (Дом-мамы), 150; Қонаев/Өскемен: O'skemen Astana") == [
        "ана",
        "үйі",
        "дом",
        "мамы",
        "150",
        "қонаев",
        "өскемен",
        "o'skemen",
        "astana",
    ]
    assert keys("150") == ("150", "150", "150")


def test_russian_stemming_meets_other_forms():
    for a, b in [
        ("приютов", "приют"),
        ("юридической", "юридическая"),
        ("Уральске", "Уральск"),
        ("беременных", "беременным"),
        ("детей", "детям"),
        ("помощи", "помощь"),
        ("жертвам", "жертв"),
        ("насилия", "насилие"),
    ]:
        assert meet(a, b), (a, b)


def test_the_rule_table_has_about_forty_kazakh_endings_each_with_its_conditions():
    endings = RULES["kk_endings"]
    assert len(endings) >= 40
    assert {harmony for _, harmony, _ in endings} == {"back", "front", "any"}
    assert all(set(after) <= set(RULES["classes"]) for _, _, after in endings)
    lengths = [len(end) for end, _, _ in endings]
    assert lengths == sorted(lengths, reverse=True), "longest ending first"


AGREEMENT = """
const { makeText } = require(process.argv[1]);
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const text = makeText(input.rules);
const out = input.texts.map((t) => text.words(t).map((w) => [w, text.keys(w)]));
process.stdout.write(JSON.stringify(out));
"""


def sample_texts(catalogue) -> list[str]:
    texts = [form for row in SAME_WORD for form in row]
    texts += [form for base, forms in ENDINGS for form in [base, *forms]]
    texts += list(KEPT)
    for x in catalogue.listings:
        texts += [x.name("kk"), x.name("ru"), x.description("kk"), x.description("ru")]
    for city in catalogue.cities.values():
        texts += [city.name("kk"), city.name("ru"), *city.aliases]
    return texts


def test_python_and_javascript_give_the_same_keys(catalogue):
    if NODE is None:
        missing_tool("Node runs kz-search.js here (scripts/install-test-deps.sh)")
    texts = sample_texts(catalogue)
    done = subprocess.run(
        [NODE, "-e", AGREEMENT, str(WORKER)],
        input=json.dumps({"rules": RULES, "texts": texts}),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    js = json.loads(done.stdout)
    py = [[[w, list(keys(w))] for w in words(t)] for t in texts]
    assert sum(len(t) for t in py) > 2000, "the sample is the real data's words, not a handful"
    mismatched = [(p, j) for p, j in zip(py, js, strict=True) if p != j]
    assert not mismatched, mismatched[:5]


def test_the_built_index_lists_each_key_with_its_entries_in_their_best_field():
    from generator.site.search_index import encode

    docs = [
        {"l": "a/", "t": "A", "x": "", "n": "шимкент комек", "k": "баспана"},
        {"l": "b/", "t": "B", "x": "", "p": "шимкент", "k": "комек"},
        {"l": "c/", "t": "C", "x": "", "k": "шимкент"},
    ]
    index = encode({"rules": RULES, "docs": docs})
    assert index["v"] == sorted(index["v"]) == ["баспана", "комек", "шимкент"]
    assert [d.get("s") for d in index["docs"]] == [2, None, None] and "n" not in index["docs"][0]

    def entries(key: str) -> list[tuple[int, int]]:
        out, d = [], 0
        for token in index["p"][index["v"].index(key)].split():
            step, field = divmod(int(token, 36), 3)
            d += step
            out.append((d, field))
        return out

    assert entries("шимкент") == [(0, 2), (1, 1), (2, 0)]  # names 2, town 1, the rest 0
    assert entries("комек") == [(0, 2), (1, 0)]
    assert entries("баспана") == [(0, 0)]
