"""Everyday words for what catalogs spell out: one table, read by understanding (what the person
asked for) and by the explanation checks (what an explanation may call an item)."""

from __future__ import annotations

# Everyday words for tags that catalogs tend to name differently.
TAG_SYNONYMS = {
    "sci fi": "science fiction",
    "scifi": "science fiction",
    "sf": "science fiction",
    "rom com": "romantic comedy",
    "romcom": "romantic comedy",
    "biopic": "biography",
    "biographical": "biography",
    "bio": "biography",
    "mob": "crime",
    "gangster": "crime",
    "mafia": "crime",
    "whodunnit": "mystery",
    "detective": "mystery",
    "cartoons": "animation",
    "toon": "animation",
    "tearjerker": "drama",
    "dystopian": "dystopia",
    "kid": "family",
    "sci": "science fiction",
    "scary": "horror",
    "funny": "comedy",
    "hilarious": "comedy",
    "animated": "animation",
    "cartoon": "animation",
    "kids": "family",
    "children": "family",
    "superheroes": "superhero",
    "whodunit": "mystery",
    "cozy": "cozy mystery",
    "thrilling": "thriller",
    "romantic": "romance",
    "spooky": "horror",
}


# When a catalog lacks the tag a word names, the broader tag it falls back to.
TAG_FALLBACKS = {
    "romantic comedy": "romance",
    "animation": "animated",
    "animated": "animation",
    "cozy mystery": "mystery",
    "biography": "biographical",
}


def spellings(tag: str) -> tuple[str, ...]:
    """Other ways people write a tag: 'science fiction' -> ('sci fi', 'scifi', 'sf', ...)."""
    return tuple(word for word, target in TAG_SYNONYMS.items() if target == tag)


# What sort of item a word asks for. A catalog's kind values ("movie", "book", "board game",
# "film", "novel", ...) are matched to these groups by the value itself or its last word, so a
# catalog that says "film" understands "movie" and one that says "board game" understands "game".
KIND_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"movie", "film", "flick", "cinema"}),
    frozenset({"book", "novel", "paperback", "ebook", "audiobook", "novella"}),
    frozenset({"game", "boardgame", "tabletop", "board game"}),
    frozenset({"show", "series", "tv", "tv show", "tv series", "sitcom", "miniseries", "documentary series"}),
    frozenset({"album", "record", "lp"}),
    frozenset({"song", "track", "single"}),
    frozenset({"podcast"}),
    frozenset({"documentary", "doc", "docu", "docuseries", "documentary film"}),
    frozenset({"comic", "graphic novel", "manga"}),
    frozenset({"video game", "videogame"}),
)
# Verbs that imply a kind when no kind is named ("something to read"): weaker than a noun.
KIND_VERBS = {
    "read": "book",
    "reading": "book",
    "watch": "movie",
    "watching": "movie",
    "play": "game",
    "playing": "game",
    "listen": "album",
}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple": 2,
    "couple": 2,
    "a dozen": 12,
    "dozen": 12,
    "a pair": 2,
    "pair": 2,
}
DECADE_WORDS = {
    "twenties": 1920,
    "thirties": 1930,
    "forties": 1940,
    "fifties": 1950,
    "sixties": 1960,
    "seventies": 1970,
    "eighties": 1980,
    "nineties": 1990,
    "noughties": 2000,
    "aughts": 2000,
}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


# Genre and subject words a small model likes to claim of any item, in groups of words that
# back each other up ("funny" is true of a comedy). An explanation may use one only when the
# item's own text holds a word of its group (explain/claims.py).
SUBJECT_GROUPS: tuple[tuple[str, ...], ...] = tuple(
    tuple(group.split(","))
    for group in (
        "comedy,comedies,comedic,funny,funniest,hilarious,humor,humour,humorous,laugh,laughs,witty,jokes",
        "romance,romantic,romcom,rom-com,love story,love stories",
        "horror,scary,terrifying,frightening,spooky,creepy,chilling,gory",
        "thriller,thrillers,thrilling,suspense,suspenseful",
        "mystery,mysteries,whodunit,whodunnit,detective,detectives,sleuth",
        "crime,criminal,criminals,gangster,gangsters,mob,mafia,heist",
        "science fiction,sci-fi,scifi",
        "fantasy",
        "magic,magical,wizard,wizards,witch,witches,sorcery,spell,spells",
        "dragon,dragons",
        "alien,aliens,extraterrestrial,extraterrestrials",
        "space,spaceship,spacecraft,astronaut,astronauts,outer space,galaxy,galaxies,interstellar",
        "robot,robots,android,androids",
        "zombie,zombies",
        "vampire,vampires",
        "ghost,ghosts,haunted,haunting",
        "monster,monsters",
        "superhero,superheroes,superpowers",
        "pirate,pirates",
        "dinosaur,dinosaurs",
        "spy,spies,espionage",
        "war,wartime,soldier,soldiers",
        "western,cowboy,cowboys",
        "murder,murders,murderer,killer,killers",
        "time travel,time-travel,time traveller,time traveler",
        "dystopia,dystopian,dystopias",
        "apocalypse,apocalyptic,post-apocalyptic",
        "animated,animation,cartoon,cartoons",
        "musical,musicals",
        "documentary,documentaries",
        "biography,biographical,biopic,true story",
        "historical,history",
        "sports,sport",
        "family,families,kids,children,child,family-friendly,kid-friendly",
        "teen,teens,teenage,teenager,teenagers",
        "christmas,holiday,holidays",
        "adventure,adventures,adventurous",
        "action-packed,action",
        "drama,dramas,dramatic",
        "tragedy,tragic",
        "satire,satirical,parody",
        "coming-of-age,coming of age",
        "psychological",
        "survival,survive,survives,surviving",
        "disaster",
        "cooperative,co-op,coop",
        "strategy,strategic",
        "party",
        "trivia",
        "deduction,deduce",
        "bluffing,bluff",
        "dice",
        "puzzle,puzzles",
        "abstract",
        "memoir,memoirs,autobiography",
        "poetry,poems,poem",
        "cozy,cosy",
    )
)
