"""What a received e-mail probably is: suggestions for the person who opens the case, never decisions.

- :func:`suggest_kind`: the kind of request, from keywords of the subject and text ("DMCA", "subpoena", "court
  order", a law's name...) and, failing those, the inbox's usual kind.
- :func:`requester_type_for`: who sent it, from the address's domain (.gov, .gouv.fr, gov.uk, .mil, a court...)
  and the organisation's name (law firm, company), else an individual.

Pure functions over text: the inbox page shows the suggestion, and the person confirms or changes it.
"""

from __future__ import annotations

import re

from rightsdesk.cases import choices as c

#: (kind, patterns) in order: the first kind with a match wins. Patterns are matched case-insensitively on the
#: subject and the text; several languages, since legal mail arrives in them.
KEYWORD_RULES: list[tuple[str, tuple[str, ...]]] = [
    (c.Kind.EMERGENCY_DISCLOSURE, (
        r"\bemergency disclosure\b", r"\bemergency request\b", r"\bimminent (?:danger|threat|harm)\b",
        r"\bthreat to life\b", r"\b18 U\.?S\.?C\.?\s*(?:§\s*)?2702\s*\(b\)\s*\(8\)", r"\bexigent\b",
        r"\burgence vitale\b", r"\bpeligro inminente\b",
    )),
    (c.Kind.COPYRIGHT_COUNTER_NOTICE, (r"\bcounter[- ]?notice\b", r"\bcounter[- ]?notification\b",
                                       r"\b512\s*\(g\)")),
    # Before the data requests: a letter asking only to keep records (it often cites 2703 and "subpoena to follow").
    (c.Kind.PRESERVATION_REQUEST, (
        r"\bpreservation (?:request|letter|order|demand)\b", r"\b2703\s*\(f\)", r"\bpreserve (?:the )?records\b",
        r"\bdemande de conservation\b", r"\bconservation (?:des|de) données\b", r"\bsolicitud de conservación\b",
        r"\bSicherungsanordnung\b", r"\bquick freeze\b", r"\bexpedited preservation\b", r"保全", r"طلب حفظ",
    )),
    (c.Kind.USER_DATA_REQUEST, (
        r"\bsubpoena\b", r"\bcourt order\b", r"\bsearch warrant\b", r"\bwarrant\b", r"\bproduction order\b",
        r"\b18 U\.?S\.?C\.?\s*(?:§\s*)?2703\b",
        r"\bStored Communications Act\b", r"\bMLAT\b", r"\bmutual legal assistance\b", r"\bCLOUD Act\b",
        r"\bsubscriber information\b", r"\buser (?:data|information)\b", r"\bIP address(?:es)? of\b",
        r"\bordonnance\b", r"\bréquisition\b", r"\borden judicial\b", r"\brequerimiento judicial\b",
        r"\bBeschluss\b", r"\bпостановлени[ея]\b", r"\bсудебн\w+ запрос\b", r"法院", r"调取", r"أمر قضائي",
        r"\bamtsgericht\b", r"\blandgericht\b",
    )),
    (c.Kind.COPYRIGHT_NOTICE, (
        r"\bDMCA\b", r"\b17 U\.?S\.?C\.?\s*(?:§\s*)?512\b", r"\bcopyright infringement\b", r"\bcopyrighted\b",
        r"\btakedown notice\b", r"\bdroit d'auteur\b", r"\bderechos de autor\b", r"\bUrheberrecht\b",
        r"\bавторск\w+ прав\w*\b", r"版权", r"著作权", r"حقوق الطبع", r"حق المؤلف",
    )),
    (c.Kind.TRADEMARK_NOTICE, (r"\btrademark\b", r"\btrade mark\b", r"\bmarque déposée\b", r"\bmarca registrada\b",
                               r"\bMarkenrecht\b", r"商标", r"علامة تجارية")),
    (c.Kind.CONTENT_TAKEDOWN, (
        r"\bdefamat\w*\b", r"\blibel\w*\b", r"\bright to (?:be forgotten|erasure)\b", r"\bArticle 17 GDPR\b",
        r"\bGDPR\b", r"\bRGPD\b", r"\bDSGVO\b", r"\bdroit à l'oubli\b", r"\bderecho al olvido\b",
        r"\beffacement\b", r"\bsupresión\b", r"\bLöschung\b", r"\bpersonal data\b", r"\bdonnées personnelles\b",
        r"\bdatos personales\b", r"\bперсональн\w+ данн\w+", r"个人信息", r"البيانات الشخصية", r"\bNetzDG\b", r"\bDigital Services Act\b", r"\bDSA\b", r"\bArticle 16\b",
        r"\bdiffamation\b", r"\bdifamación\b", r"\bклевет\w*\b", r"诽谤", r"名誉", r"تشهير",
    )),
    (c.Kind.HARM_REPORT, (r"\bharass\w*\b", r"\bdoxx\w*\b", r"\bthreat\w*\b", r"\bstalk\w*\b", r"\bself[- ]harm\b",
                          r"\bsuicid\w*\b", r"\bhate speech\b")),
]
_COMPILED = [(kind, [re.compile(p, re.I) for p in patterns]) for kind, patterns in KEYWORD_RULES]


def matched_rule(subject: str, body: str) -> tuple[str, str] | None:
    """(kind, the words that matched) of the first keyword rule the message meets, or None."""
    text = f"{subject or ''}\n{(body or '')[:50_000]}"
    for kind, patterns in _COMPILED:
        for pattern in patterns:
            found = pattern.search(text)
            if found:
                return str(kind), found.group(0)
    return None


def suggest_kind(inbox, subject: str, body: str) -> str:
    """The kind of request this message probably is: a keyword rule, else the inbox's usual kind, else ""."""
    found = matched_rule(subject, body)
    if found:
        return found[0]
    return getattr(inbox, "default_kind", "") or ""


_GOVERNMENT_DOMAIN = re.compile(
    r"(?:^|\.)(?:gov|gob|gouv|govt|gv|go|gub|gob|mil|police|judiciary|justice|jus|courts?)\.[a-z]{2,3}$"
    r"|\.(?:gov|mil)$|\.gov\.[a-z]{2}$|(?:^|\.)(?:bund|admin|europa)\.(?:de|ch|eu)$|\.police\.uk$|\.pnn\.police\.uk$"
    r"|(?:^|\.)justice\.fr$|(?:^|\.)gouv\.fr$|(?:^|\.)gc\.ca$|(?:^|\.)(?:gov|govt)\.(?:uk|nz|au|in|za|ie)$",
)
_COURT_DOMAIN = re.compile(r"(?:^|[.-])(?:courts?|uscourts|tribunal|judiciary|justice|juzgado|poderjudicial"
                           r"|cour|gericht|justiz)(?:[.-]|$)")
_POLICE_DOMAIN = re.compile(r"(?:^|[.-])(?:police|polizei|policia|politie|fbi|ic3|europol|interpol|gendarmerie"
                            r"|nca|dhs)(?:[.-]|$)")
_LAW_FIRM_WORDS = re.compile(
    r"\b(?:LLP|LLC|PLLC|P\.?C\.|law firm|law office|attorneys?|avocats?|abogados?|rechtsanw\w+|solicitors?"
    r"|barristers?|legal services|law group|& partners|kanzlei|juristes?)\b|律师|محام", re.I)
_LAW_FIRM_DOMAIN = re.compile(r"(?:^|[.-])(?:law|legal|lawyers?|attorneys?|avocats?|abogados?|kanzlei)(?:[.-]|$)"
                              r"|\.law$|\.legal$|\.attorney$|\.lawyer$|\.avocat$|\.abogado$")
_COMPANY_WORDS = re.compile(r"\b(?:Inc\.?|Ltd\.?|Limited|GmbH|S\.?A\.?S?|S\.?L\.?|AG|B\.?V\.?|plc|Corp\.?|"
                            r"Corporation|Company|Co\.|S\.?p\.?A\.?|K\.?K\.?|OOO|ООО|有限公司|株式会社)(?:\W|$)")
#: Addresses of a function, not a person: an organisation sends from them.
_ROLE_ADDRESS = re.compile(r"^(?:legal|dmca|copyright|notices?|rights|brand\w*|ip|abuse|info|contact|office|compliance"
                           r"|privacy|trademarks?|enforcement|takedowns?|antipiracy|anti-piracy|billing|support|admin"
                           r"|newsletter|registry|court|clerk|subpoenas?)(?:[._+-].*)?$")
_COURT_WORDS = re.compile(r"\b(?:Court|Tribunal|Gericht|Juzgado|Cour)\b|法院|محكمة|\bсуд\b", re.I)
_COURT_ADDRESS = re.compile(r"^(?:court|clerk|clerks?office|tribunal|greffe|juzgado|gericht)(?:[._+-].*)?$")
#: Free mail providers: an address there is a person's, whatever the name says.
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.fr", "hotmail.com", "outlook.com", "live.com", "msn.com",
    "aol.com", "icloud.com", "me.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.ru",
    "yandex.ru", "qq.com", "163.com", "126.com", "sina.com", "orange.fr", "free.fr", "laposte.net", "t-online.de",
})


def requester_type_for(email: str, org_name: str = "") -> str:
    """Who probably sent a message, from its address's domain and the organisation's name (a suggestion)."""
    domain = (email or "").rsplit("@", 1)[-1].lower().strip(" .>") if "@" in (email or "") else ""
    org = org_name or ""
    if domain and domain not in FREE_MAIL:
        if _GOVERNMENT_DOMAIN.search(domain) or domain.endswith((".gov", ".mil")):
            if _COURT_DOMAIN.search(domain):
                return c.RequesterType.COURT
            if _POLICE_DOMAIN.search(domain):
                return c.RequesterType.LAW_ENFORCEMENT
            return c.RequesterType.GOVERNMENT
        if _COURT_DOMAIN.search(domain) and not _LAW_FIRM_DOMAIN.search(domain):
            return c.RequesterType.COURT
        if _LAW_FIRM_DOMAIN.search(domain) or _LAW_FIRM_WORDS.search(org):
            return c.RequesterType.LAW_FIRM
        local = email.split("@", 1)[0].lower()
        if (_COURT_ADDRESS.match(local) or _COURT_WORDS.search(org)) and not _COMPANY_WORDS.search(org) \
                and not _LAW_FIRM_WORDS.search(org):
            return c.RequesterType.COURT  # court@, clerk@, greffe@ of a court's own domain
        if _COMPANY_WORDS.search(org) or _ROLE_ADDRESS.match(local):
            return c.RequesterType.COMPANY
        return c.RequesterType.INDIVIDUAL  # a person's address at their own or their employer's domain
    if _LAW_FIRM_WORDS.search(org):
        return c.RequesterType.LAW_FIRM
    if _COMPANY_WORDS.search(org):
        return c.RequesterType.COMPANY
    return c.RequesterType.INDIVIDUAL


_ORG_FROM_NAME = re.compile(r"\(([^()]{2,120})\)|\bat\s+(.{2,120})$|\s[-|]\s(.{2,120})$|,\s*(.{2,120})$")


def organisation_from(name: str, signature_text: str = "") -> str:
    """The organisation a display name announces ("Jane Roe (Acme Ltd)", "Legal | Example LLP"), or ""."""
    found = _ORG_FROM_NAME.search(name or "")
    if found:
        return next(g for g in found.groups() if g).strip()
    return ""


#: (legal process, patterns): what kind of legal process a message's words name, for the prefilled case.
PROCESS_RULES: list[tuple[str, tuple[str, ...]]] = [
    (c.LegalProcess.EMERGENCY, (r"\bemergency disclosure\b", r"\b2702\s*\(b\)\s*\(8\)", r"\bimminent\b")),
    (c.LegalProcess.SEARCH_WARRANT, (r"\bsearch warrant\b", r"\bwarrant\b")),
    (c.LegalProcess.INTERNATIONAL, (r"\bMLAT\b", r"\bmutual legal assistance\b", r"\bletters? rogatory\b")),
    (c.LegalProcess.CRIMINAL_SUBPOENA, (r"\bgrand jury subpoena\b", r"\bcriminal subpoena\b")),
    (c.LegalProcess.ADMINISTRATIVE_SUBPOENA, (r"\badministrative subpoena\b",)),
    (c.LegalProcess.CIVIL_SUBPOENA, (r"\bsubpoena\b",)),
    (c.LegalProcess.COURT_ORDER, (r"\bcourt order\b", r"\bCourt's order\b", r"\border to produce\b",
                                  r"\bproduction order\b", r"\b2703\s*\(d\)",
                                  r"\bordonnance\b", r"\borden judicial\b", r"\bBeschluss\b", r"法院", r"أمر قضائي",
                                  r"\bпостановлени[ея] суда\b")),
]
_PROCESS_COMPILED = [(p, [re.compile(x, re.I) for x in patterns]) for p, patterns in PROCESS_RULES]


def suggest_legal_process(subject: str, body: str) -> str:
    """The legal process the message's words name ("" when none): a suggestion for the person opening the case."""
    text = f"{subject or ''}\n{(body or '')[:50_000]}"
    for process, patterns in _PROCESS_COMPILED:
        if any(p.search(text) for p in patterns):
            return str(process)
    return ""

