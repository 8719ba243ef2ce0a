"""Vietnamese text: clean names, diacritic-blind search keys and the Vietnamese sort order.

Names come from forms, Excel sheets and other systems in NFC or NFD, with stray
spaces; everything stored goes through :func:`clean_text` first.
"""

import functools
import unicodedata

# The Vietnamese alphabet in order; f, j, w, z (foreign names) at their Latin places.
_ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_LETTER_CODE = {letter: f"{20 + i:02d}" for i, letter in enumerate(_ALPHABET)}
_DIGIT_CODE = {str(d): f"{10 + d:02d}" for d in range(10)}
# Letter-forming marks stay with the letter; tone marks only break ties.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư)
# Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_CODE = {"\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0301": "5", "\u0323": "6"}
_WORD_BREAK = "00"


def clean_text(value: str | None) -> str:
    """NFC, with runs of white space folded into one space and the ends trimmed."""
    if not value:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def search_key(value: str | None) -> str:
    """Lower case, no diacritics, whatever the Unicode form: 'Nguyễn' and 'NGUYEN' meet."""
    if not value:
        return ""
    return _search_key(str(value))


# A picker's options carry their keys, and the same labels come back request after request
# (a cell's focus issues, its members): a character-by-character pass each time was a tenth
# of the assign form's calls.
@functools.lru_cache(maxsize=65_536)
def _search_key(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


# Names are made of few distinct words (a few hundred family, middle and given names cover
# most members): an import of 20,000 rows computes each word's key once.
@functools.lru_cache(maxsize=65_536)
def _letters(word: str) -> tuple[str, str]:
    primary, tones = [], []
    for ch in unicodedata.normalize("NFC", word.casefold()):
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        letter = unicodedata.normalize(
            "NFC", base + "".join(m for m in marks if m in _LETTER_MARKS)
        )
        code = _LETTER_CODE.get(letter) or _DIGIT_CODE.get(letter)
        if code is None:
            continue
        primary.append(code)
        tones.append(next((_TONE_CODE[m] for m in marks if m in _TONE_CODE), "1"))
    return "".join(primary), "".join(tones)


def vietnamese_sort_key(full_name: str) -> str:
    """A digits-only key whose plain string order is the Vietnamese order of names.

    Vietnamese lists sort by the given name (the last word), then by family and
    middle names, letter by letter in the Vietnamese alphabet; tones break ties.
    Digits only, so every database collation compares it the same way.
    """
    words = clean_text(full_name).split(" ")
    if not words or words == [""]:
        return ""
    ordered = [words[-1], *words[:-1]]
    keyed = [_letters(w) for w in ordered]
    primary = _WORD_BREAK.join(p for p, _ in keyed)
    tones = "".join(t for _, t in keyed)
    return f"{primary}{_WORD_BREAK}{_WORD_BREAK}{tones}"
