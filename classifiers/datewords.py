"""Dates spelled out in words ("Ngày mồng chín, tháng mười hai, năm hai nghìn không trăm hai mươi lăm"), as
birth papers print the date of birth a second time. The words come from a closed vocabulary, so a misread
spelling ("Nsày mồng chín … lắm") is restored by fuzzy-matching each part against the spellings of every
possible day, month and year, and the two renderings of one date check each other.

`number_words` spells numbers by the same language rules as the sample generator's (samples/people.py),
written separately on purpose: the generator is the benchmark's ground truth and must not share the code
under test, or a spelling mistake in one would be invisible to the other."""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz, process

from classifiers.text import fold, nfc

DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_MONTHS = ("", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")


def number_words(n: int) -> str:
    """Vietnamese words for 0..9999 as civil status papers write them (mốt, lăm, tư; linh for a lone unit)."""
    if n < 10:
        return DIGIT_WORDS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        head = "mười" if tens == 1 else f"{DIGIT_WORDS[tens]} mươi"
        if unit == 0:
            return head
        tail = {1: "mốt" if tens > 1 else "một", 5: "lăm", 4: "tư" if tens > 1 else "bốn"}.get(unit, DIGIT_WORDS[unit])
        return f"{head} {tail}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{DIGIT_WORDS[hundreds]} trăm"
        if rest == 0:
            return head
        return f"{head} {'linh ' + DIGIT_WORDS[rest] if rest < 10 else number_words(rest)}"
    thousands, rest = divmod(n, 1000)
    head = f"{DIGIT_WORDS[thousands]} nghìn"
    if rest == 0:
        return head
    if rest < 100:
        return f"{head} không trăm {'linh ' + DIGIT_WORDS[rest] if rest < 10 else number_words(rest)}"
    return f"{head} {number_words(rest)}"


def date_words(d: dt.date) -> str:
    """The spelled-out form of `d`: days up to ten take "mồng", April is "tháng tư"."""
    day = number_words(d.day)
    if d.day <= 10:
        day = "mồng " + day
    return nfc(f"Ngày {day}, tháng {_MONTHS[d.month]}, năm {number_words(d.year)}")


_DAYS = {fold(("mồng " if n <= 10 else "") + number_words(n)): n for n in range(1, 32)}
_MONTH_WORDS = {fold(_MONTHS[n]): n for n in range(1, 13)}
_YEARS = {fold(number_words(n)): n for n in range(1900, 2101)}
_FIRST_DAY_WORDS = {w.split()[0] for w in _DAYS}
_PARTS = re.compile(r"^(.*?)\s*,?\s*\b\w{0,2}ang\s+(.*?)\s*,?\s*\bnam\s+(.*)$")
MIN_SCORE = 80.0


def _best(text: str, choices: dict[str, int]) -> tuple[int, float] | None:
    found = process.extractOne(" ".join(text.split()), list(choices), scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
    return (choices[found[0]], found[1]) if found else None


def parse_date_words(text: str) -> tuple[str, float] | None:
    """(ISO date, lowest part score 0–100) of a spelled-out date, or None when a part matches no spelling."""
    clean = " ".join(re.sub(r"[^a-z,]+", " ", fold(nfc(text))).split())
    m = _PARTS.match(clean)
    parts = list(m.groups()) if m else clean.split(",")
    if len(parts) != 3:
        return None
    head = parts[0].split()
    if head and fuzz.ratio(head[0], "ngay") >= 60:  # the word "Ngày", however misread
        parts[0] = " ".join(head[1:])
    parts = [p.replace(",", " ") for p in parts]
    day = _best(parts[0], _DAYS)
    if day is None and len(head) >= 2 and len(head[0]) <= 4 and head[0] not in _FIRST_DAY_WORDS:
        day = _best(" ".join(head[1:]), _DAYS)  # "Ngày" misread beyond recognition ("Wsàv mồng chín")
    month, year = _best(parts[1], _MONTH_WORDS), _best(parts[2], _YEARS)
    if m and not (month and year):  # May is "tháng năm": its comma lost, the month's "năm" opened the year
        rest = f"{parts[1]} nam {parts[2]}"
        splits = [(rest[:k.start()], rest[k.end():]) for k in re.finditer(r"\bnam\s+", rest)]
        month, year = next(((mo, y) for a, b in splits if (mo := _best(a, _MONTH_WORDS)) and (y := _best(b, _YEARS))),
                           (month, year))
    if not (day and month and year):
        return None
    try:
        value = dt.date(year[0], month[0], day[0])
    except ValueError:
        return None
    return value.isoformat(), min(day[1], month[1], year[1])
