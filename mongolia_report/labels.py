"""The words readers see for the codes the data use: every display label of the report, in one place.

A table cell holds a code (``to_mongolia``, ``unsc_and_asp``, ``Y``); the chapters, the charts' legends and
tables, and the site's structured data show these words instead. Each set says which field of the data
package holds the codes it labels (``LABELLED``), and ``tests/test_structure.py`` checks it against that
field's allowed codes, so a new code without its words fails the tests rather than showing as a code.
Colours and marker shapes stay in ``theme``.
"""

from __future__ import annotations

# Partners, as the trade, vote and visit measures group them (partner_groups.partner_group).
PARTNER = {"russia": "Russia", "china": "China", "third_neighbour": "Third neighbours", "other": "Others"}

# High-level visits (diplomatic_visits): the visitor's office and the direction of the visit.
OFFICE = {"head_of_state": "Head of state", "head_of_government": "Head of government", "foreign_minister": "Foreign minister",
          "pope": "Pope"}
DIRECTION = {"to_mongolia": "To Mongolia", "from_mongolia": "From Mongolia"}

# UN General Assembly votes on Ukraine (unga_ukraine_votes.vote): as a table says them, and as a sentence does.
VOTE = {"yes": "Yes", "abstain": "Abstain", "no": "No", "absent": "Did not vote"}
VOTE_VERB = {"yes": "voted for", "no": "voted against", "abstain": "abstained", "absent": "did not vote"}
# A recorded vote's letter in the vote list (unga_recorded_votes: mng, rus, ...).
VOTE_LETTER = {"Y": "yes", "N": "no", "A": "abstain"}
# The states whose votes the vote list shows, by its columns (unga_recorded_votes), and the UN chapter's
# partners by ISO code (unga_agreement.partner_iso3, with Mongolia), where the Soviet Union's votes count as Russia's.
VOTE_LIST_STATES = {"mng": "Mongolia", "rus": "Russia", "chn": "China", "usa": "United States", "jpn": "Japan",
                    "kor": "South Korea", "deu": "Germany", "ind": "India", "kaz": "Kazakhstan", "kgz": "Kyrgyzstan"}
UN_PARTNERS = {"MNG": "Mongolia", "RUS": "USSR/Russia", "CHN": "China", "USA": "United States", "JPN": "Japan",
               "KOR": "South Korea", "DEU": "Germany", "IND": "India", "KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan"}
# The Assembly's issue areas (unga_split_votes.issue), as a sentence names them.
UN_ISSUE = {"me": "the Middle East", "nu": "nuclear weapons", "di": "arms control", "hr": "human rights", "co": "colonialism",
            "ec": "economic development"}

# The claims ledger (claims): each claim's verdict and theme.
VERDICT = {
    "supported": "Supported",
    "supported_with_caveats": "Supported with caveats",
    "outdated": "Outdated since September 2024",
    "copy_error": "Wrong in the reworded copy, right in the original",
    "wrong": "Wrong",
    "unverified": "Could not be verified",
}
CLAIM_THEME = {"icc": "The ICC", "diplomacy": "Diplomacy", "energy_trade": "Energy and trade", "alignment": "China-Russia alignment",
               "history": "History and facts", "article": "The article itself"}

# The Rome Statute (icc_states): a state's status on the map, with two the chapter derives (a party whose withdrawal
# is under way, and a state the table holds no record of), and the stage of a withdrawal, as a note.
ICC_STATUS = {
    "party": "State party",
    "party_leaving": "Party, withdrawal announced or notified",
    "withdrawn": "Withdrew from the Statute",
    "signatory": "Signed, never ratified",
    "signature_withdrawn": "Withdrew its signature",
    "non_signatory": "Never signed",
    "no_record": "Not a party (signature not recorded here)",
}
WITHDRAWAL_STAGE = {"announced": "withdrawal announced, notice to the UN not confirmed", "notified": "withdrawal notified, not yet in effect",
                    "revoked": "withdrawal notified, then revoked before it took effect"}
# The Court's findings of non-compliance (icc_noncompliance): what bound the state, and whom the finding went to.
BOUND_BY = {"rome_statute": "State party", "unsc_resolution": "Not a party; bound by a Security Council resolution"}
REFERRED_TO = {
    "unsc_and_asp": "UN Security Council and Assembly of States Parties",
    "asp": "Assembly of States Parties",
    "unsc": "UN Security Council",
    "none": "Not referred",
    "not_confirmed": "Not stated in the sources read",
}

# The glossary (glossary.kind), as the Mongolian summary heads its groups, in the order it shows them.
GLOSSARY_KIND = {"person": "Хүмүүс", "state": "Улс орнууд", "institution": "Байгууллагууд", "court": "Олон улсын эрүүгийн шүүх",
                 "un": "НҮБ-ын Ерөнхий Ассамблей", "policy": "Гадаад бодлого", "trade": "Худалдаа"}

# The balance figure (mongolia_report.balance), in the balance chapter's English and the Mongolian summary's Mongolian:
# its panels, legend, hover text and text description. {first} and {year} are the years it spans; {n} a count.
BALANCE = {
    "en": {
        "title": "Mongolia's balance in five measures, {first}–{year}",
        "rows": ["Exports: % bought by", "Imports: % sold by", "Fuel: % from Russia, as stated", "UN votes: agreement (1 = same)",
                 "Visits recorded in {year}"],
        "poles": {"russia": "Russia", "china": "China"},
        "partner": PARTNER,
        "four": "Four third neighbours",
        "all": "All {n} third neighbours",
        "hover_share": "%{x}: %{y:.1f}%", "hover_agreement": "%{x}: %{y:.2f}", "hover_visits": "%{y} visits",
        "hover_fuel": "%{x}: %{customdata[0]} of %{customdata[1]}",
        "stated": {"about": "about {v}", "exact": "{v}", "almost": "almost {v}", "more_than": "more than {v}"},
        "fuel_scopes": None,  # text.FUEL_SCOPES, in lower case
        "alt_intro": "Five stacked charts sharing a time axis, {first} to {year}, for Russia, China and four third neighbours "
                     "(the visits row also for all {n}): ",
        "alt_share": {"exports": "share of exports: ", "imports": "share of imports: "},
        "first_and_last": "{pole} {a:.1f}% in {first} and {b:.1f}% in {year}",
        "alt_fuel": "Russia's stated share of fuel: {n} statements from {a} to {b}, between {low:.0f}% and {high:.0f}%",
        "alt_un": "UN vote agreement in {year}: {values} ({n} votes compared with Russia)",
        "alt_visits": "visits recorded in {year}: Russia {russia}, China {china}, the four third neighbours {four} and all {n} third "
                      "neighbours {all}",
    },
    "mn": {
        "title": "Монголын тэнцвэр таван хэмжүүрээр, {first}–{year}",
        "rows": ["Экспорт: худалдан авагчийн хувь", "Импорт: нийлүүлэгчийн хувь", "Түлш: ОХУ-ын хувь, эх сурвалжийн мэдээгээр",
                 "НҮБ дахь санал: нийцлийн индекс", "{year} онд бүртгэгдсэн айлчлал"],
        "poles": {"russia": "ОХУ", "china": "БНХАУ"},
        "partner": {"russia": "ОХУ", "china": "БНХАУ", "third_neighbour": "Гуравдагч хөршүүд", "other": "Бусад"},
        "four": "Дөрвөн гуравдагч хөрш",
        "all": "Бүх {n} гуравдагч хөрш",
        "hover_share": "%{x}: %{y:.1f}%", "hover_agreement": "%{x}: %{y:.2f}", "hover_visits": "%{y} айлчлал",
        "hover_fuel": "%{x}: %{customdata[1]}, %{customdata[0]}",
        "stated": {"about": "ойролцоогоор {v}", "exact": "{v}", "almost": "бараг {v}", "more_than": "{v}-иас илүү"},
        "fuel_scopes": {"all_fuel": "бүх төрлийн шатахуун", "petroleum_products": "нефтийн бүтээгдэхүүн", "petrol": "бензин",
                        "petrol_ai92": "АИ-92 бензин", "petrol_diesel_jet": "бензин, дизель, онгоцны түлш"},
        "alt_intro": "Нэг цагийн тэнхлэгтэй, {first}–{year} оны таван график, ОХУ, БНХАУ болон дөрвөн гуравдагч хөршөөр "
                     "(айлчлалын мөрөнд бүх {n} гуравдагч хөршөөр ч): ",
        "alt_share": {"exports": "экспортод эзлэх хувь: ", "imports": "импортод эзлэх хувь: "},
        "first_and_last": "{pole} {first} онд {a:.1f}%, {year} онд {b:.1f}%",
        "alt_fuel": "ОХУ-ын түлшинд эзлэх хувь, эх сурвалжийн мэдээгээр: {a}–{b} оны {n} мэдээ, {low:.0f}%-иас {high:.0f}% хүртэл",
        "alt_un": "{year} оны НҮБ дахь санал нийцэл: {values} (ОХУ-тай {n} санал харьцуулсан)",
        "alt_visits": "{year} онд бүртгэгдсэн айлчлал: ОХУ {russia}, БНХАУ {china}, дөрвөн гуравдагч хөрш {four}, бүх {n} гуравдагч "
                      "хөрш {all}",
    },
}

# Which field's codes each set labels: (resource, field), the codes it adds that the chapter derives, and the
# codes it leaves unlabelled on purpose (with why).
LABELLED = {
    "PARTNER": ("partner_groups", "partner_group", set(), {}),
    "OFFICE": ("diplomatic_visits", "office", set(), {}),
    "DIRECTION": ("diplomatic_visits", "direction", set(), {}),
    "VOTE": ("unga_ukraine_votes", "vote", set(), {}),
    "VOTE_VERB": ("unga_ukraine_votes", "vote", set(), {}),
    "VOTE_LETTER": ("unga_recorded_votes", "mng", set(), {}),
    "UN_ISSUE": ("unga_split_votes", "issue", set(), {"all": "every recorded vote: the whole, not an issue area"}),
    "VERDICT": ("claims", "verdict", set(), {}),
    "CLAIM_THEME": ("claims", "theme", set(), {}),
    "ICC_STATUS": ("icc_states", "status", {"party_leaving", "no_record"}, {}),
    "WITHDRAWAL_STAGE": ("icc_states", "withdrawal_stage", set(), {"took_effect": "a withdrawal in effect is the status 'withdrawn'"}),
    "BOUND_BY": ("icc_noncompliance", "bound_by", set(), {}),
    "REFERRED_TO": ("icc_noncompliance", "referred_to", set(), {}),
    "GLOSSARY_KIND": ("glossary", "kind", set(), {}),
}
