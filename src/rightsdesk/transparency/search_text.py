"""The one rule of how text is written for the log's full-text search, applied to what is indexed and to what is typed.

Neither engine (SQLite's FTS5 ``unicode61``, PostgreSQL's ``simple`` configuration) knows that Arabic and Persian
are written in several ways that readers take for the same word, and Wikipedia's readers search as they type:

- without the short vowels and other marks (tashkeel: كِتَاب is typed كتاب); FTS5 even splits a word at each mark;
- with any of the alef forms (أ إ آ ٱ typed ا), with or without tatweel (ـ), the stretching stroke;
- with alef maqsura or ya (ى ي), and on a Persian keyboard with the Persian ya and kaf (ی ک for ي ك);
- Hebrew without its points and cantillation marks (niqqud: עִבְרִית is typed עברית), as Arabic without its
  tashkeel: modern Hebrew is written and typed without them;
- with ta marbuta or ha (ة ه): a judgement call. Many readers type ه at the end of a word for ة, and the
  established Arabic search normalisers (Lucene's, for one) fold them together; words that differ only there are
  rare, so a search finds both;
- Persian words with or without the zero-width non-joiner (U+200C: کتاب‌ها or کتابها). Both engines split a word at
  it, so the part (کتاب) was found and the whole word typed without it was not. The index now holds both: the
  word joined and its parts; a search joins the word (U+200C removed), so it finds either spelling;
- with Arabic-Indic or Persian digits (٢٠٢٦, ۲۰۲۶) for 2026, and so in every script with digits of its own (२०२६ in
  Devanagari, ২০২৬ in Bengali): a year or a law's number is found however it is written;
- Latin letters with or without their accents (café, cafe; Việt, Viet): SQLite's tokenizer drops them and
  PostgreSQL's ``simple`` configuration keeps them, so ``cafe`` found ``café`` on one database and not on the other.
  Only Latin letters are folded, as SQLite's tokenizer does: in Cyrillic, Greek and the Indic scripts a mark makes
  another letter (й is not и). A combining accent (U+0300–036F) left after NFKC, where a letter has no accented
  form of its own (a Cyrillic stress mark: Моско́вский), is dropped after any letter: SQLite's tokenizer drops it,
  PostgreSQL kept it.

So the text is folded before it is indexed (``for_index``: ``publishing.search_text_of`` stores it as the notice's
search text, which both engines index) and the words before they are searched (``for_query``: every query
``log_search`` builds). The folding is :func:`fold`, the same for both. What is shown is never folded: the search
text is read by the index alone.

Chinese and Japanese are written without spaces, and both engines take a run of Han or kana characters for one word,
so a title such as 北京大学 was found only by the whole run, never by 北京 or 大学. Each such character is made a word
of its own (a space on either side), in what is indexed and in what is typed, so 北京 finds 北京大学: every
character typed must be in the notice, as every word must (neither engine has a phrase search that the other matches
in the same way, and the two must find the same notices). This is the unigram indexing of search engines without a
dictionary: it finds every notice a reader means and, in a log of a few thousand notices a year, few others. Korean
is written with spaces and is left as it is.

The Indic scripts (Devanagari, Bengali, Tamil, Telugu, Gurmukhi, Sinhala, ...), Thai and Hebrew write vowels, the
virama, the nukta and points as combining marks (Unicode categories Mn, Mc). They are part of the word: हिन्दी is
one word, not ह न द, and none but Hebrew's points is folded (a vowel sign makes another word; Hebrew is typed
without its points, above). PostgreSQL's parser keeps them in the word
they follow; SQLite's table, made with ``categories 'L* N* Co M*'`` (transparency 0019), does too, and
:func:`words` reads the words typed the same way. What then differed is folded, on both:

- a mark that follows no letter, digit or mark (the variation selector of ❤️, a mark typed after a space): PostgreSQL
  never starts a word with one, SQLite's table would have (✔️Done was the word "️done");
- the zero-width joiner (U+200D) after a letter or mark: in the Indic scripts it only chooses how a conjunct is
  drawn (क्‍ष, ශ්‍රී) and readers type the word with or without it; both engines split a word at it. The
  zero-width non-joiner is removed as for Persian (its parts, indexed beside the word, are Persian words only).

Words joined by a hyphen (e-mail, co-operation, Jean-Luc, Al-Jazeera, ابن-سينا, a date 2026-12-05) were read
differently: SQLite's tokenizer splits a word at every hyphen, where PostgreSQL's parser keeps the whole (e-mail)
beside its parts, reads a hyphen before digits as a minus sign (-12), and splits at the other hyphens (U+2010; the
non-breaking hyphen U+2011 is U+2010 after NFKC). So e-mail typed found "e mail" on SQLite and not on PostgreSQL.
A hyphen between two letters or digits is taken as U+200C is: the index holds the word joined (email) and its parts
(e mail), a search joins the word, so e-mail, email, e‑mail (U+2011) and mail find the same notices on both; a
hyphen that joins nothing (a dash between spaces, a minus sign) is a space. The tatweel that joins Arabic words is
removed with the marks (above), so such words are one word on both.

Thai is written without spaces between words, and both engines take a run of Thai letters (with its marks) for one
word. It is left so: cutting a run into words needs a dictionary neither engine has, and single letters, as for
Chinese, would find nearly every notice in an alphabet of 44 consonants. A Thai word is found where it stands
between spaces or punctuation, on both databases alike.
"""

from __future__ import annotations

import re
import unicodedata

#: Marks Arabic script writes above or below its letters (tashkeel: the short vowels, tanwin, shadda, sukun,
#: superscript alef, Quranic annotation signs) and the tatweel, and Hebrew's points and cantillation marks (niqqud:
#: עִבְרִית is typed עברית; the letters U+05BE maqaf, U+05C0, U+05C3 and U+05C6 are punctuation and stay): a reader
#: typing the word leaves them out.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
                    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
#: Letters typed for one another: alef forms, ya forms (Arabic, alef maqsura, Persian), kaf (Arabic, Persian), ta
#: marbuta and ha, and the digits of every script (Arabic, Persian, the Indic scripts, Thai...) as 0-9.
_LETTERS = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ → ا
    "\u0649": "\u064a", "\u06cc": "\u064a",  # ى ی → ي
    "\u06a9": "\u0643",  # ک → ك
    "\u0629": "\u0647", "\u06c0": "\u0647",  # ة ۀ → ه
    # Every script's decimal digits (Arabic-Indic ٢, Persian ۲, Devanagari २, Bengali ২, Thai ๒...) as 0-9.
    **{chr(cp): str(unicodedata.decimal(chr(cp))) for cp in range(0x80, 0x1FC00)
       if unicodedata.category(chr(cp)) == "Nd"},
})
#: Latin letters with accents (Latin-1, Extended-A and -B, Extended Additional: Vietnamese), each as its letter.
_LATIN = str.maketrans({
    chr(cp): base for cp in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
    if (parts := unicodedata.normalize("NFD", chr(cp))) and len(parts) > 1
    and all(unicodedata.combining(mark) for mark in parts[1:])
    and unicodedata.name(parts[0], "").startswith("LATIN") and (base := parts[0])
})
#: The combining accents (U+0300–036F) left after NFKC: after a letter that has no accented form of its own (a
#: Cyrillic stress mark: Моско́вский). SQLite's tokenizer drops them after any letter, PostgreSQL kept them.
_ACCENTS = re.compile("[\u0300-\u036f]+")


def _ranges(codes: list[int]) -> str:
    """A regular expression's character class (without brackets) of the code points, as ranges."""
    out, start = [], None
    for i, cp in enumerate(codes):
        if start is None:
            start = cp
        if i + 1 == len(codes) or codes[i + 1] != cp + 1:
            out.append(re.escape(chr(start)) + ("-" + re.escape(chr(cp)) if cp != start else ""))
            start = None
    return "".join(out)


#: The combining marks (Unicode categories Mn, Mc, Me): the vowel signs, viramas and nuktas of the Indic scripts,
#: Thai's vowels and tone marks, Hebrew's points, the variation selectors. They belong to the word of the letter
#: they follow: हिन्दी is one word, not ह न द.
MARKS = _ranges([cp for cp in [*range(0x0300, 0x30000), *range(0xE0100, 0xE01F0)]
                 if unicodedata.category(chr(cp)).startswith("M")])
#: A mark that follows no letter, digit or mark (the variation selector after an emoji, ❤️; a mark left after a
#: space): PostgreSQL's parser never starts a word with one, SQLite's tokenizer did; removed.
_STRAY_MARKS = re.compile(f"(?<![^\\W_])(?<![{MARKS}])[{MARKS}]+")
#: The zero-width joiner after a letter or a mark: in the Indic scripts it only chooses how a conjunct is drawn
#: (क्‍ष, ශ්‍රී) and is typed or not; both engines split a word at it.
ZWJ = "\u200d"
_JOINER = re.compile(f"(?<=[^\\W_]|[{MARKS}]){ZWJ}+")
#: A word as both engines read it: letters and digits with the marks that follow them (search_text.words).
_WORD = re.compile(f"[\\w{MARKS}]+")
#: Han (CJK unified ideographs, extension A, compatibility ideographs, the supplementary planes' extensions B–G),
#: hiragana and katakana (U+30FC, the prolonged sound mark, is a katakana letter: it stays with its character).
_CJK = re.compile("[\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
#: Where a space goes: between a CJK character and anything but white space beside it (so spacing spaced text
#: changes nothing).
_CJK_EDGE = re.compile(f"(?<={_CJK.pattern})(?=\\S)|(?<=\\S)(?={_CJK.pattern})")
ZWNJ = "\u200c"
#: The hyphens (after NFKC: U+FF0D and U+FE63 are "-", the non-breaking U+2011 is U+2010) and the soft hyphen.
HYPHENS = "-\u2010\u00ad"
#: What joins the parts of a word into one: U+200C (کتاب‌ها) and a hyphen (e-mail), between letters or digits.
_JOINS = re.escape(ZWNJ + HYPHENS)  # a character class's content: "-" escaped
#: A word written with zero-width non-joiners or hyphens (کتاب‌ها, e-mail): its parts, once they are taken out, are
#: one word.
_JOINED = re.compile(rf"[\w{MARKS}]+(?:[{_JOINS}]+[\w{MARKS}]+)+")
#: A joiner inside a word (removed: the word joined), and a hyphen that joins nothing (a space).
_JOIN_INSIDE = re.compile(rf"(?<=[\w{MARKS}])[{_JOINS}]+(?=[\w{MARKS}])")
_LONE_HYPHENS = re.compile(f"[{re.escape(HYPHENS)}]+")


def fold(text: str) -> str:
    """The text as both the index and a search see it: compatibility forms unified (NFKC: Arabic presentation
    forms as pasted from a PDF are the letters), Arabic marks and tatweel removed, the letters typed for one another
    made one, Latin letters without their accents and no combining accent left, the zero-width joiner removed after
    a letter, no mark without its letter, each Han or kana character a word of its own, U+200C and the hyphens
    within a word removed (its word joined: e-mail is email), a hyphen that joins nothing a space. Folding folded
    text changes nothing."""
    return _joined(_letters(text))


def for_index(text: str) -> str:
    """What the index is given for a text: the text folded, and after it the parts of each word written with
    U+200C or a hyphen, so that a search finds the part (کتاب in کتاب‌ها, mail in e-mail) as well as the whole word
    however it is typed."""
    letters = _letters(text)
    parts = [_LONE_HYPHENS.sub(" ", word.replace(ZWNJ, " ")) for word in _JOINED.findall(letters)]
    return "\n".join([_joined(letters), " ".join(parts)]) if parts else _joined(letters)


def _joined(letters: str) -> str:
    """The words written with U+200C or a hyphen joined, any other U+200C removed and any other hyphen a space."""
    return _LONE_HYPHENS.sub(" ", _JOIN_INSIDE.sub("", letters).replace(ZWNJ, ""))


def for_query(text: str) -> str:
    """The words typed, as the index holds them."""
    return fold(text)


def words(text: str) -> list[str]:
    """The words of folded text as both engines read them: each a letter or digit with the letters, digits and
    marks that follow it (SQLite's table keeps the marks in its words, tokenize categories 'L* N* Co M*'; so does
    PostgreSQL's parser), nothing else. A search looks for each (log_search.fts5_query)."""
    return _WORD.findall(text)


def _letters(text: str) -> str:
    """fold() but for U+200C, which stays where it was written."""
    folded = _ACCENTS.sub("", _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_LETTERS).translate(_LATIN))
    folded = _JOINER.sub("", folded)
    if _CJK.search(folded):
        folded = _CJK_EDGE.sub(" ", folded)
    return _STRAY_MARKS.sub("", folded)
