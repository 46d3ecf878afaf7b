"""The language of an article: detection, display names, what the English models cover.

Depends on py3langid (numpy only; its model ships inside the package and is read
from disk on first use, about half a second, never fetched) and the standard
library.

Rules:

* a text with fewer than :data:`MIN_LETTERS` letters is too short to tell: the
  answer is the hint (an HTML ``lang`` attribute) or ``None`` (unknown), never
  a guess;
* otherwise the detector's best language wins when its probability reaches
  :data:`MIN_CONFIDENCE`; below that the hint is used if there is one, else
  ``None``; a page's ``lang`` attribute is only a hint because templates copy
  it to pages in other languages;
* the varieties of one ISO 639 macrolanguage are added up before the best is
  picked (Mandarin, Wu and Cantonese are "zh"): the model splits standard
  written Chinese between them, and the app only needs to know it is Chinese.

Only English is analysed with names and meaning (spaCy ``en_core_web_sm``,
all-MiniLM-L6-v2): :func:`english_models_apply` says for which articles that is
true; an article of unknown language keeps them (most imports are English, and
a short English text is no reason to turn features off).
"""
from __future__ import annotations

import re
import threading

MIN_LETTERS = 60  # about a dozen English words, or two Chinese sentences
MIN_CONFIDENCE = 0.9
MAX_CHARS = 50_000  # the opening is enough, and long files stay fast

# ISO 639 macrolanguages: the detector's varieties -> the code stored.
_MACRO = {"wuu": "zh", "yue": "zh", "ary": "ar", "arz": "ar", "uzs": "uz"}
_NO_LANGUAGE = "zxx"

NAMES = {
    "ace": "Acehnese", "af": "Afrikaans", "am": "Amharic", "an": "Aragonese", "ar": "Arabic",
    "as": "Assamese", "az": "Azerbaijani", "ba": "Bashkir", "bcl": "Central Bikol",
    "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "br": "Breton", "bs": "Bosnian",
    "ca": "Catalan", "crh": "Crimean Tatar", "cs": "Czech", "cy": "Welsh", "da": "Danish",
    "de": "German", "dz": "Dzongkha", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "ext": "Extremaduran", "fa": "Persian",
    "fi": "Finnish", "fo": "Faroese", "fr": "French", "fuv": "Nigerian Fulfulde",
    "fy": "Western Frisian", "ga": "Irish", "gcf": "Guadeloupean Creole",
    "gcr": "Guianese Creole", "gd": "Scottish Gaelic", "gl": "Galician", "gom": "Konkani",
    "grc": "Ancient Greek", "gu": "Gujarati", "gug": "Guarani", "guw": "Gun", "ha": "Hausa",
    "hbo": "Ancient Hebrew", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "ht": "Haitian Creole", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "ig": "Igbo", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "jv": "Javanese",
    "ka": "Georgian", "kab": "Kabyle", "kik": "Kikuyu", "kk": "Kazakh", "km": "Khmer",
    "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin",
    "lb": "Luxembourgish", "lg": "Ganda", "lij": "Ligurian", "ln": "Lingala", "lo": "Lao",
    "lt": "Lithuanian", "ltg": "Latgalian", "lv": "Latvian", "mg": "Malagasy",
    "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "my": "Burmese", "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian Nynorsk",
    "no": "Norwegian", "nso": "Northern Sotho", "oc": "Occitan", "om": "Oromo", "or": "Odia",
    "pa": "Punjabi", "pcm": "Nigerian Pidgin", "pl": "Polish", "ps": "Pashto",
    "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda",
    "sa": "Sanskrit", "sdh": "Southern Kurdish", "se": "Northern Sami", "si": "Sinhala",
    "sk": "Slovak", "sl": "Slovenian", "sn": "Shona", "so": "Somali", "sq": "Albanian",
    "sr": "Serbian", "st": "Southern Sotho", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "te": "Telugu", "tg": "Tajik", "th": "Thai", "tk": "Turkmen", "tl": "Tagalog",
    "tr": "Turkish", "tt": "Tatar", "ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu",
    "uz": "Uzbek", "vec": "Venetian", "vi": "Vietnamese", "vo": "Volapük", "wa": "Walloon",
    "xh": "Xhosa", "yo": "Yoruba", "zh": "Chinese", "zu": "Zulu",
}

_CODES_BY_NAME = {name.casefold(): code for code, name in NAMES.items()}

_identifier = None
_lock = threading.Lock()
_HINT = re.compile(r"[a-z]{2,3}")


def detect_language(text: str, *, hint: str | None = None) -> str | None:
    """The ISO 639 code of ``text``'s language, or None when it cannot be told.

    Args:
        text: the cleaned article text.
        hint: a language the source declares (an HTML ``lang`` attribute),
            used only when detection is unsure or the text too short.
    """
    hint = normalise_code(hint)
    sample = text[:MAX_CHARS]
    if sum(1 for ch in sample if ch.isalpha()) < MIN_LETTERS:
        return hint
    scores: dict[str, float] = {}
    for code, p in _get_identifier().rank(sample):
        code = _MACRO.get(code, code)
        scores[code] = scores.get(code, 0.0) + p
    best = max(scores, key=scores.__getitem__)
    if best == _NO_LANGUAGE or scores[best] < MIN_CONFIDENCE:
        return hint
    return best


def normalise_code(code: str | None) -> str | None:
    """``"en-GB"`` -> ``"en"``; anything that is not a language code -> None."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return base if _HINT.fullmatch(base) else None


def language_code(value: str | None) -> str | None:
    """The code of a language a user wrote: ``"en-GB"`` -> ``"en"``, ``"Finnish"``
    -> ``"fi"``; anything else is kept as written (None for blank)."""
    if not value or not value.strip():
        return None
    by_name = _CODES_BY_NAME.get(value.strip().casefold())
    return by_name or normalise_code(value) or value.strip()


def language_name(code: str | None) -> str:
    """"Finnish" for ``"fi"``; the code itself when unnamed; "" for None."""
    if not code:
        return ""
    return NAMES.get(code, code)


def english_models_apply(code: str | None) -> bool:
    """Whether the English name and paraphrase models may be used on an article."""
    return code is None or code == "en"


def _get_identifier():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            # norm_probs: probabilities, so that one confidence threshold fits all lengths.
            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier
