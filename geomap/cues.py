"""What the words around a name say: a person's, an organisation's or a place's.

Pure functions over the text and the span of a name, used by :mod:`geomap.extraction`:
titles and first names before a name ("Mr Kennedy", "Michael Moore"), the head nouns of
organisations, events and documents around it ("Permanent Mission of Vietnam", “Territorial
Integrity of Ukraine”, 中國海警), words that say it is a place ("in Banihal", "Newport-based"),
the generic word that ends a place's name ("Ishigaki City", 东京都), and the words after a
capital that make it stand for its government ("Beijing said").
"""

from __future__ import annotations

import re

from geomap.aliases import is_cjk, is_hangul
from geomap.names import fold_for_matching

Span = tuple[int, int, int]  # start, end (in the text), pattern id

# Head nouns of the names of organisations, events and documents, which go on with "of"
# or "for" and a place: "Permanent Mission of Vietnam", "Treaty of Utrecht", "UN Mission
# for the Referendum in Western Sahara", "Interim Security Force for Abyei".
ORG_HEADS = frozenset(
    "Treaty Battle Siege Peace Bank University Congress Duke Duchess Earl Marquess Archbishop Bishop "
    "Museum Institute Authority Ministry Mission Council Office Force Forces Commission Committee Embassy "
    "Consulate Agency Court Tribunal Assembly Parliament Institution College School Organization "
    "Organisation Association Federation Department Bureau Corporation Company Party Front Movement Army "
    "Navy Guard Service Police Secretariat Fund Programme Program Board Centre Center Foundation Academy "
    "Society Library Chamber Conference Summit Convention Agreement Accord Accords Declaration Protocol "
    "Charter Friends Integrity "
    # The same heads in German, French and Spanish ("Tratado de París", "Banque de France").
    "Tratado Traité Vertrag Acuerdo Abkommen Banco Banque Bank Universidad Université Universität "
    "Ministerio Ministère Ministerium Embajada Ambassade Botschaft Consejo Conseil Corte Cour".split()
)
ORG_LINKS = frozenset("of for in on to the and de del du des von der la".split())
ORG_OF = frozenset(("of", "for", "de", "del", "du", "des", "von", "der"))  # the head's linking word
TOKEN = re.compile(r"[A-Za-z][\w.'-]*|[^\s\w]")
# A name followed by up to three capitalised words and the head noun of an organisation's,
# event's or document's name is part of that name: "Kosovo Force", "South Sudan People's
# Defence Forces", "North Atlantic Treaty Organization", "Denmark Ministry of Foreign Affairs".
ORG_AFTER = re.compile(  # matched at the end of a name, with match(text, pos)
    r"(?:\s[A-Z][\w'’.-]*){0,3}?\s(?:Airlines|Airways|Air\s+Lines|Daily|Times|Post|Herald|Tribune|Journal|"
    r"Gazette|University|College|Institute|FC|F\.C\.|Stock\s+Exchange|Exchange|Electric|Motors|Group|"
    r"Corporation|Corp\b|Inc\b|Ltd\b|Holdings|Bank|Statement|Declaration|Protocol|Accords?|Treaty|"
    r"Convention|Agreement|Conference|Summit|Club|Zoo|Airport|Marathon|Open|Organi[sz]ation|Forces?|"
    r"Army|Navy|Police|Guard|Ministry|Council|Party|Front|Movement|Commission|Committee|Forum|Union|"
    r"Company|Fund|Society|Association|Federation|League|Cup|Championships?|Games|Festival|Award|Prize|"
    r"Service|Agency|Authority|Command)\b"
)
ORG_AIR = re.compile(r"\bAir\s$")
# Particles that begin Dutch, German, Romance and Arabic surnames ("Van Nistelrooy"), and
# are also the whole names of towns (Van, in Turkey).
NAME_PARTICLES = frozenset("Van Von De Da Di Du Le La Del Della Dos Ben Bin Abu El Al".split())
OF_NAME = re.compile(r" (?:of|de|del|di|du|des) ")  # "X of Y": X names something of Y
NEXT_NAME = re.compile(r" [A-Z][a-z]+\b(?! (?:of|and)\b)")
CAPITALISED = re.compile(r"[A-Z][a-z]+\b")
NAME_PART_OK = {
    "The",
    "In",
    "At",
    "From",
    "To",
    "Of",
    "And",
    "On",
    "By",
    "For",
    "With",
    "As",
    "But",
    "Or",
    "North",
    "South",
    "East",
    "West",
    "New",
    "Old",
    "Upper",
    "Lower",
    "Greater",
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Mainland",
    "Downtown",
    "Metropolitan",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Both",
    "Neither",
    "Like",
    "Unlike",
    "Across",
    "Around",
    "Near",
    "Outside",
    "Inside",
    "Beyond",
    "Via",
    "Than",
    "Between",
}
# Words before a name that make it a person's: "Mr Kennedy", "President Lincoln".
TITLES = frozenset(
    "Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady President Minister Premier Chancellor Secretary Judge "
    "Justice Senator Sen Rep Congressman Congresswoman Governor Gov Mayor General Gen Colonel Col Major "
    "Maj Lieutenant Lt Captain Capt Admiral Adm Sergeant Sgt Prince Princess King Queen Emperor Empress "
    "Pope Cardinal Archbishop Bishop Rabbi Imam Sheikh Father Rev Reverend Professor Prof Coach Chairman "
    "Chairwoman Ambassador Envoy Detective Inspector Constable Officer Agent Saint".split()
)
# Words before a name that say it is a place: "in Banihal", "from Bolton".
LOCATIVE = frozenset(
    "in at from near to into outside inside across around toward towards via through throughout within "
    "off beyond between "
    # The same in the other languages read (none is an English word before a capital):
    # German, Dutch, French, Spanish, Portuguese, Italian.
    "aus nach bei uit naar bij à dans vers en desde hacia em para perto presso verso".split()
)
# Capitalised words after a first-name town that keep it a place ("Victoria Falls", not
# "Victoria Hamilton").
FEATURE_AFTER = frozenset(
    "Harbour Harbor Bay Airport Station Street Road Avenue Square Bridge Park Falls Island Islands River "
    "Lake Port City County Province State Region District Metropolitan Cathedral Hospital Stadium Arena "
    "Centre Center Beach Coast Hills Valley Mountains Peak Strait Sea Gulf Canal Dam Hall Palace Castle "
    "Tower Gardens Market Terminal Metro Council Area Basin Peninsula".split()
)
SUFFIX = re.compile(
    r" (?:City|Region|District|Prefecture|Province|County|Oblast|Governorate|Municipality|Island|Islands|"
    r"island|islands|Archipelago|archipelago|Valley)\b"
)
# Administrative words written after a name in Chinese, Japanese and Korean (東京都, 冲绳县,
# 서귀포시); one character, except Korean's longer forms, "main island" (本島) and "islands"
# (沖縄群島).
CJK_SUFFIX = re.compile(
    r"(?:本島|本岛|直辖区|直轄區|中央辖区|中央轄區|群島|群岛|특별자치도|특별자치시|특별시|광역시|[都府県县縣省市区區郡鎮镇]|시|군)"
)
# Organisations written as a place name and a noun, with no space (coast guard, embassy,
# consulate, airline, bank, university, daily newspaper, news agency, broadcaster: 美國之音
# "Voice of America", 法国国际广播电台 "RFI"; border police; "stationed in"), treaties
# (サンフランシスコ平和条約), the "-style" adjective (中国式, 일본식 표현), "the X spelling/name"
# (일본표기, 중국명) and a strait named after an island (択捉海峡): not mentions of the place.
CJK_ORG_AFTER = re.compile(
    r"(?:海警|大使馆|大使館|领事馆|領事館|航空|银行|銀行|大学|大學|日报|日報|通讯社|通訊社|式|海峡|海峽|水道|"
    r"之音|之声|之聲|国际广播|國際廣播|广播电台|廣播電台|电视台|電視台|平和条約|条約|条约|條約|边境警察|邊境警察|"
    r"대사관|영사관|항공|은행|대학|일보|통신|주재|표기|명(?=[\s)）])|식(?![량물품당]))"
)
PROVINCE_WORDS = (" state", " State", " province", " Province", " prefecture", " Prefecture", " oblast", " Oblast")
NO_SUFFIX = frozenset(("sea", "ocean", "strait", "gulf", "river", "lake", "line"))
CJK_STATE = re.compile(r"(?:共和国|共和國|王国|王國|大陆|大陸)")  # 菲律宾共和国, 中国大陸 ("mainland China")
LOCATIVE_AFTER = re.compile(
    r"(?:-(?:based|born|headquartered|area)|\s(?:district|province|region|county|prefecture|city|town|"
    r"village|municipality|area|pass|valley|port|airport|border|oblast|governorate)s?)\b",
    re.IGNORECASE,
)
# "a suburb of Famagusta", "the town of Reading": "of" after a word for a place.
PLACE_NOUNS = frozenset(
    "suburb suburbs outskirts city town village port capital province region district state county centre "
    "center heart streets people residents mayor governor north south east west northeast northwest "
    "southeast southwest part parts area areas island islands coast cities towns villages regions provinces "
    "districts".split()
)
METONYM_VERBS = (
    "said|says|say|told|tells|has|have|had|is|was|will|would|should|could|may|might|must|can|"
    "cannot|remains|remained|continues|continued|wants|wanted|warned|warns|accused|accuses|"
    "announced|announces|rejected|rejects|insisted|insists|urged|urges|denied|denies|claims|"
    "claimed|sees|saw|views|viewed|regards|regarded|responded|responds|protested|protests|"
    "opposed|opposes|considers|considered|plans|planned|hopes|hoped|believes|believed|agreed|"
    "agrees|sent|sends|called|calls|demanded|demands|expressed|expresses|maintains|maintained|"
    "reiterated|reiterates|vowed|vows|threatened|threatens|imposed|imposes|approved|approves|"
    "condemned|condemns|welcomed|welcomes|signed|signs|refused|refuses|sought|seeks|argues|"
    "argued|insisted|objected|objects|appears|appeared|did|does|sanctioned|pledged|pledges"
)
METONYM_AFTER = re.compile(
    rf"(?:'s?\s+(?:government|foreign\s+ministry|position|stance|officials?|response|decision|claims?)\b|\s+(?:{METONYM_VERBS})\b)"
)
METONYM_BEFORE = re.compile(
    r"(?:\b(?:ties|relations|talks|dialogue|negotiations|pressure|tensions|rift|dispute|"
    r"confrontation|rapprochement|cooperation|alliance|spat|row|deal)\s+(?:with|between)\s+"
    r"|\bbetween\s+\w+\s+and\s+|\bbetween\s+|\b(?:urged|pressed|warned|criticised|criticized|accused|told)\s+)$"
)


def metonym(text: str, start: int, end: int) -> bool:
    """Return whether a capital stands for its government ("Beijing said")."""
    return bool(METONYM_AFTER.match(text, end, end + 60) or METONYM_BEFORE.search(text[max(0, start - 60) : start]))


def at_boundaries(text: str, start: int, end: int, pattern: str) -> bool:
    """Return whether a match stands as a word (scripts without spaces always do)."""
    first, last = pattern[0], pattern[-1]
    if start > 0 and not (is_cjk(first)):
        prev = text[start - 1]
        if prev.isalnum() or prev == "_" or (prev == "." and first.isalpha()):
            return False
    if end < len(text) and not (is_cjk(last) or is_hangul(last)):
        nxt = text[end]
        if nxt.isalnum() or nxt == "_":
            return False
    return True


def inside_org_name(text: str, start: int) -> bool:
    """Return whether a name ends an organisation's, event's or document's name.

    Walks back over capitalised words and linking words ("of", "for", "the", "in") to a
    head noun followed by "of" or "for": "Ministry of Foreign Affairs of Ukraine", "National
    Electoral Council of Venezuela"; not "the Security Council in New York".
    """
    if not text.endswith(
        (" of ", " for ", " in ", " to ", " the ", " de ", " del ", " du ", " des ", " von ", " der ", " la "), 0, start
    ):
        return False
    tokens = text[max(0, start - 100) : start].split()
    following = ""
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if token in ORG_HEADS:
            return following in ORG_OF
        if not (token in ORG_LINKS or (token[0].isupper() and token[-1] not in ",;:")):
            return False
        following = token
    return False


# Russian organisations named with a country in the genitive after them: "Служба безопасности
# Украины" (the SBU), "ФСБ РФ", "МИД России", "Вооруженных сил Украины", "Черноморского флота
# России": not mentions of the country, as "Ministry of Foreign Affairs of Ukraine" is not.
RUSSIAN_ORG_BEFORE = re.compile(
    r"(?:служб[аыеу]|безопасности|министерств[оаеу]|МИД|ФСБ|СБУ|МВД|ВМС|ВМФ|посольств[оаеу]|"
    r"прокуратур[аыеу]|Генпрокуратур[аыеу]|погранслужб[аыеу]|охраны|сил|флота|правительств[оаеу]) $"
)
# "Islands" joined to the name with a hyphen, as Dutch and German write it ("Spratly-eilanden").
HYPHEN_ISLANDS = {"island_group": ("-eilanden", "-Eilanden", "-Inseln", "-inseln"), "island": ("-eiland", "-Insel")}


def with_suffix(text: str, span: Span, limit: int, kind: str) -> Span:
    """Return the span with the generic word that ends the place's name in the text.

    "Ishigaki City", "Essequibo Region", "Nansha islands", 东京都, 宜蘭縣, 서귀포시: the
    word is part of the name as written, though the gazetteer lists the name without it.
    A country takes only "Republic" written after it (菲律宾共和国); seas take nothing.
    """
    start, end, pi = span
    last = text[end - 1]
    spaceless = is_cjk(last) or is_hangul(last)
    if kind == "country":
        suffix = CJK_STATE.match(text, end, limit) if spaceless else None
    elif spaceless:
        suffix = CJK_SUFFIX.match(text, end, limit)
        if suffix is not None and kind not in ("city", "admin1") and suffix.group() in ("군", "시"):
            suffix = None  # 이스라엘군 is Israel's army, not a county
    elif text.startswith("-", end) and kind in HYPHEN_ISLANDS:
        word = next((w for w in HYPHEN_ISLANDS[kind] if text.startswith(w, end)), None)
        after = end + len(word) if word else end
        return (start, after, pi) if word and not text[after : after + 1].isalnum() else span
    elif text.startswith(" ", end):
        suffix = SUFFIX.match(text, end, limit)
        if suffix is not None and suffix.end() < len(text) and text[suffix.end()].isalnum():
            suffix = None
        elif (
            suffix is not None
            and suffix.group().lower().startswith((" island", " archipelago"))
            and not island_agrees(suffix.group(), kind)
        ):
            suffix = None  # "Uotsuri, Kuba and Tobise Islands": the plural belongs to the list
    else:
        suffix = None
    return span if suffix is None else (start, suffix.end(), pi)


ARABIC_ARTICLES = ("al-", "Al-", "AL-", "el-", "El-")
PREFIXED_KINDS = frozenset(("city", "admin1", "island", "island_group"))
# "Islands" written before the name, as French, Spanish, Portuguese and Italian do.
ISLAND_WORDS = ("îles ", "Îles ", "île ", "Île ", "islas ", "Islas ", "isla ", "Isla ", "ilhas ", "Ilhas ", "isole ")


def with_prefix(text: str, span: Span, kind: str) -> Span:
    """Return the span with a word written before the name that is part of it as written.

    The Arabic article before a town ("Al-Khartoum", "al-Hasakah"); "islands" before a
    group of islands in the Romance languages ("îles Falkland", "islas Malvinas").
    """
    start, end, pi = span
    if kind in ("city", "admin1"):
        if start >= 3 and text.startswith(ARABIC_ARTICLES, start - 3) and (start == 3 or not text[start - 4].isalnum()):
            return (start - 3, end, pi)
    elif kind in ("island", "island_group") and text[start - 1 : start] == " ":
        for word in ISLAND_WORDS:
            a = start - len(word)
            plural = word.strip().lower() in ("îles", "islas", "ilhas", "isole")
            agrees = kind == ("island_group" if plural else "island")
            if agrees and text.startswith(word, a) and (a == 0 or not text[a - 1].isalnum()):
                return (a, end, pi)
    return span


def comma_between(text: str, first: Span, second: Span) -> bool:
    """Return whether two names stand as "Name, Name" (a place and its province or country)."""
    return text[first[1] : second[0]] == ", "


LIST_SEPARATORS = frozenset((", ", ", and ", " and ", ", or ", " or ", "、"))


def listed_with(text: str, first: Span, second: Span) -> bool:
    """Return whether two names stand in one list ("Amritsar, Pathankot, and Ferozepur")."""
    return text[first[1] : second[0]] in LIST_SEPARATORS


def island_agrees(word: str, kind: str) -> bool:
    """Return whether "Island", "Islands" or "Archipelago" after a name agrees with the kind of place it names."""
    plural = word.lower().endswith(("islands", "archipelago"))
    return kind == ("island_group" if plural else "island")


def after_prefix(text: str, start: int) -> bool:
    """Return whether a name follows the prefix "trans-" or "pan-" (not the end of "Japan-")."""
    for prefix in ("trans-", "pan-"):
        a = start - len(prefix)
        if a >= 0 and text[a:start].lower() == prefix and (a == 0 or not text[a - 1].isalpha()):
            return True
    return False


def in_slogan(text: str, start: int, end: int) -> bool:
    """Return whether a name is part of a short quoted phrase in Chinese or Japanese: “一个中国”.

    A quotation of at most six characters that holds more than the name is a slogan or a
    policy's name; a longer one is reported speech, where names count.
    """
    for opening, closing in (("“", "”"), ("「", "」")):
        opened = text.rfind(opening, max(0, start - 5), start)
        if opened == -1 or text.rfind(closing, opened, start) != -1:
            continue
        closed = text.find(closing, end, end + 5)
        if closed != -1 and closed - opened - 1 <= 6 and (start - opened - 1) + (closed - end) > 0:
            return True
    return False


# Words that end the title of a law, treaty or declaration: 「中華人民共和国領海及び接続水域に関する法律」.
CJK_DOCUMENT_END = ("法", "法律", "条約", "条约", "條約", "協定", "协定", "宣言", "憲章", "宪章", "決議", "决议")


def in_document_title(text: str, start: int, end: int) -> bool:
    """Return whether a name is inside a document's title: 《…》, or 「…」 that ends like a law or treaty."""
    for opening, closing in (("《", "》"), ("「", "」"), ("『", "』")):
        opened = text.rfind(opening, max(0, start - 80), start)
        if opened == -1 or text.rfind(closing, opened, start) != -1:
            continue
        closed = text.find(closing, end, end + 80)
        if closed != -1 and (opening == "《" or text.endswith(CJK_DOCUMENT_END, end, closed)):
            return True
    return False


def near_quote(text: str, start: int, end: int) -> bool:
    """Return whether quotation marks stand within 120 characters on both sides of a name."""
    a = max(0, start - 120)
    if text.rfind('"', a, start) == -1 and text.rfind("“", a, start) == -1:
        return False
    return text.find('"', end, end + 120) != -1 or text.find("”", end, end + 120) != -1


def inside_title(text: str, start: int, end: int) -> bool:
    """Return whether a name sits inside a quoted title: “Territorial Integrity of Ukraine”.

    The quotation must be on one line and in title case (capitalised words and linking
    words only) and hold more than the name itself.
    """
    line_start = text.rfind("\n", max(0, start - 120), start) + 1
    before = text[line_start:start]
    opened = max(before.rfind("“"), before.rfind('"') if before.count('"') % 2 else -1)
    if opened == -1 or "”" in before[opened:]:
        return False
    close = min((i for i in (text.find("”", end, end + 120), text.find('"', end, end + 120)) if i != -1), default=-1)
    if close == -1 or "\n" in text[end:close]:
        return False
    words = TOKEN.findall(text, line_start + opened + 1, close)
    inside = [w for w in words if w.isalpha()]
    if len(inside) < 3 or len(" ".join(inside)) <= end - start + 1:
        return False
    return all(w[0].isupper() or w in ORG_LINKS or w in ("a", "an") for w in inside)


def locative(text: str, start: int, end: int) -> bool:
    """Return whether the words around a name say it is a place.

    "in Banihal", "from the Bronx", "Newport-based", a dateline ("BOLTON, England"), or a
    list after such a word ("in Srinagar, Anantnag and Baramulla").
    """
    if LOCATIVE_AFTER.match(text, end, end + 20):
        return True
    if text.startswith(", ", end) and (start == 0 or text[start - 1] == "\n") and text[end + 2 : end + 3].isupper():
        return True  # a dateline: "BOLTON, England", not "Arnold, who presented"
    before = text[max(0, start - 60) : start].split()
    if before and before[-1] in ("and", "or") or before and before[-1].endswith(","):
        # Walk back over the list: "and", "or" and capitalised names ending in commas.
        i = len(before) - 1
        while i >= 0 and (before[i] in ("and", "or") or before[i][:1].isupper()) and len(before) - i <= 8:
            i -= 1
        if i < len(before) - 1 and i >= 0 and before[i].lower() in LOCATIVE:
            return True
        if 0 < i < len(before) - 1 and before[i] == "of" and before[i - 1].lower() in PLACE_NOUNS:
            return True  # "the regions of Mahbas, Farsia and Smara"
    if before and before[-1].lower() == "the":
        before.pop()
    if not before:
        return False
    word = before[-1].lower()
    if word == "of":
        return len(before) > 1 and before[-2].lower().strip(",") in PLACE_NOUNS
    return word in LOCATIVE


# A dateline: a line that opens with a place in capitals, then a comma, a bracket, a dash or
# the day ("BELGRAD (dpa) -", "LONDRES, 3 janvier", "CÁDIZ 15 Nov.").
DATELINE_REACH = 400  # characters from a story's start where a dateline may stand
DATELINE = re.compile(r"(?m)^([A-Z][A-Z'-]{3,}(?: [A-Z][A-Z'-]{3,})?)(?=,| \(| -| \u2013| \d)")


def dateline_in_title_case(text: str) -> str:
    """Return the text with a dateline's capitals in title case, so the place's usual name matches.

    Only the largest cities' capitalised forms are names of their own; "BELGRAD" and
    "LONDRES" are found as "Belgrad" and "Londres". A dateline opens a story, so only the
    first lines are looked at. The text keeps its length.
    """
    head = text[:DATELINE_REACH]
    if not any(line[:4].isupper() and line[:4].isalpha() for line in head.split("\n")):
        return text  # no line opens with four capitals: the common case, without a regex
    return DATELINE.sub(lambda m: m.group(1).title(), head) + text[DATELINE_REACH:]


def word_before(text: str, start: int) -> str | None:
    """Return the capitalised word ("George", "Mr.") just before ``text[start]`` and one space.

    The word must follow a space, a line break, "(" or a quote mark; it keeps a final "."
    ("Mr.", or a sentence's end). A paragraph may open with it ("Mr Shiga will...").
    """
    end = start - 1
    if end < 2:
        return None
    low = end - 21 if end > 21 else 0
    begin = text.rfind(" ", low, end) + 1
    line = text.rfind("\n", begin or low, end)
    if line != -1:
        begin = line + 1
    elif begin == 0 and end > 21:
        return None
    word = text[begin:end]
    if word[:1] in ("(", '"', "'", "“", "‘"):
        word = word[1:]
    core = word[:-1] if word[-1:] == "." else word
    if len(core) < 2 or not "A" <= core[0] <= "Z" or not (core[1:].isalpha() and core[1:].islower()):
        return None
    return word if core.isascii() else fold_for_matching(word)  # "Luís" is looked up as "Luis"


def sentence_start(before: str, at: int) -> bool:
    """Return whether the text just before a word ends a sentence (or is the start)."""
    head = before[: at if at != 999 else len(before)].rstrip(" \"'“‘(")
    return not head or head[-1] in ".!?\n:;。！？"
