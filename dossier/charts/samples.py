"""Realistic sample chart specs (Azerbaijan–China trade), every kind: for the tests, the benchmark
(`benchmarks/charts_benchmark.py`) and `python -m dossier.charts.preview`.

``MANY_EVENTS`` is sixty events 1991–2024 with labels of up to 40 characters; the share
and ranked samples use sample figures, not published ones.
"""

from __future__ import annotations

from dossier.model import ChartSeries, ChartSpec, TimelineEvent

YEARS = tuple(str(y) for y in range(1992, 2026))
_TURNOVER = {
    1992: 1.5, 2005: 238, 2008: 800, 2010: 1086, 2011: 769, 2012: 964, 2014: 1310,
    2018: 2180, 2019: 1800, 2020: 1780, 2021: 2159, 2022: 3100, 2023: 3744, 2025: 4870,
}

TURNOVER = ChartSpec(
    kind="bar",
    title="Azerbaijan–China trade turnover",
    unit="USD million",
    source="State Customs Committee of Azerbaijan; UN Comtrade",
    categories=YEARS,
    series=(ChartSeries("Turnover", tuple(_TURNOVER.get(int(y)) for y in YEARS)),),
)

_EI_YEARS = tuple(str(y) for y in range(2014, 2026))
EXPORTS_IMPORTS = ChartSpec(
    kind="exports_imports",
    title="Azerbaijan's trade with China: exports, imports and balance",
    unit="USD million",
    source="State Customs Committee of Azerbaijan",
    categories=_EI_YEARS,
    series=(
        ChartSeries("Exports to China", (330, 180, None, 290, 510, 620, 410, 590, 660, 720, None, 1040)),
        ChartSeries("Imports from China", (980, 620, 570, 760, 1670, 1180, 1370, 1569, 2440, 3024, 3500, 3830)),
    ),
    note="2016 and 2024 exports not published",
)

PRODUCTS = ChartSpec(
    kind="bar",
    title="Imports from China by product group",
    unit="USD million",
    source="State Customs Committee of Azerbaijan",
    categories=(
        "Machinery and mechanical appliances",
        "Electrical equipment",
        "Vehicles and parts",
        "Iron and steel products",
        "Plastics and articles thereof",
        "Furniture, lighting and prefabricated buildings",
    ),
    series=(
        ChartSeries("2023", (812, 655, 430, 210, 160, 120)),
        ChartSeries("2024", (930, 702, None, 245, 171, 138)),
    ),
)

_LINE_YEARS = tuple(str(y) for y in range(2010, 2026))
PARTNERS = ChartSpec(
    kind="line",
    title="Trade turnover with main partners",
    unit="USD billion",
    source="State Statistical Committee of Azerbaijan",
    categories=_LINE_YEARS,
    series=(
        ChartSeries("Çin (中国)", (1.09, 0.77, 0.96, None, 1.31, 0.9, 1.1, 1.3, 2.18, 1.8, 1.78, 2.16, 3.1, 3.74, None, 4.87)),
        ChartSeries("Rusiya", (2.0, 2.6, 3.0, 3.2, 2.9, 2.1, 2.1, 2.3, 2.5, 3.1, 2.9, 3.4, 4.1, 4.4, 4.8, 4.6)),
        ChartSeries("Türkiyə", (2.3, 3.0, 3.3, 3.2, 3.4, 3.0, 2.3, 2.2, 2.3, 4.5, 4.3, 4.6, 6.5, 7.3, 7.1, None)),
    ),
)

EVENTS = ChartSpec(
    kind="timeline",
    title="Azerbaijan–China relations: key dates",
    unit="",
    source="Ministry of Foreign Affairs of Azerbaijan",
    events=(
        TimelineEvent("1991-12-27", "China recognises Azerbaijan"),
        TimelineEvent("1992-04-02", "Diplomatic relations established"),
        TimelineEvent("1992-08", "Chinese embassy opens in Baku"),
        TimelineEvent("1993", "Azerbaijani embassy opens in Beijing"),
        TimelineEvent("1994-03", "President Aliyev's first state visit to China"),
        TimelineEvent("1996", "Trade and economic cooperation agreement"),
        TimelineEvent("1998-11", "Agreement on avoiding double taxation"),
        TimelineEvent("2001", "Cooperation on the Caspian energy sector"),
        TimelineEvent("2005-03", "State visit of Ilham Aliyev to Beijing"),
        TimelineEvent("2006", "Intergovernmental commission meets in Baku"),
        TimelineEvent("2008-08", "Beijing Olympics: high-level meeting"),
        TimelineEvent("2011-07", "Confucius Institute at Baku State University"),
        TimelineEvent("2012", "20 years of diplomatic relations"),
        TimelineEvent("2014-12", "Visit of Ilham Aliyev to Beijing"),
        TimelineEvent("2015-12", "Memorandum on the Silk Road Economic Belt"),
        TimelineEvent("2016", "Baku–Tbilisi–Kars railway container trains"),
        TimelineEvent("2017-10", "Baku–Tbilisi–Kars railway opens"),
        TimelineEvent("2019-04", "Belt and Road Forum: ten agreements"),
        TimelineEvent("2020-03", "Medical aid during the pandemic"),
        TimelineEvent("2021", "Vaccine deliveries (Sinovac)"),
        TimelineEvent("2022-09", "Meeting in Samarkand (SCO summit)"),
        TimelineEvent("2023-07", "Comprehensive strategic partnership talks"),
        TimelineEvent("2024-04", "Declaration on comprehensive strategic partnership"),
        TimelineEvent("2024-07-03", "Astana SCO summit: partner status"),
        TimelineEvent("2025", "Direct flights Baku–Beijing expanded"),
    ),
)

MULTILINGUAL = ChartSpec(
    kind="bar",
    title="Ticarət dövriyyəsi — 贸易额 — Товарооборот",
    unit="mln. ABŞ dolları",
    source="Dövlət Gömrük Komitəsi; 中国海关总署",
    categories=("Çin 中国", "Rusiya Россия", "Türkiyə", "Gürcüstan", "İtaliya"),
    series=(ChartSeries("2024 — ğ ş ç ö ü ı ə", (4870, 4800, 7100, None, 10300)),),
)

PARTNER_SHARES = ChartSpec(
    kind="share",
    title="Azerbaijan's foreign trade by partner, 2024",
    unit="USD million",
    source="State Customs Committee of Azerbaijan (sample figures)",
    categories=("İtaliya", "Türkiyə", "Rusiya Россия", "Çin 中国", "İsrail", "Almaniya", "Gürcüstan",
                "Qazaxıstan", "Ukrayna", "Other"),
    series=(ChartSeries("Turnover", (10300, 7100, 4800, 4870, 1900, 1450, 1210, 720, None, 8350)),),
)

RANKED_PARTNERS = ChartSpec(
    kind="ranked",
    title="Azerbaijan's main trading partners, 2024",
    unit="USD million",
    source="State Customs Committee of Azerbaijan (sample figures)",
    categories=("Türkiyə", "Rusiya (Российская Федерация)", "Çin (中华人民共和国)", "İtaliya", "İsrail",
                "Almaniya", "Gürcüstan", "Qazaxıstan", "Ukrayna", "Türkmənistan"),
    series=(ChartSeries("Turnover", (7100, 4800, 4870, 10300, 1900, 1450, 1210, 720, None, 510)),),
)

_EVENTS_60 = (
    ("1991-12-27", "China recognises Azerbaijan"),
    ("1992", "Trade turnover USD 1.5 million"),
    ("1992-04-02", "Diplomatic relations established"),
    ("1992-08", "Chinese embassy opens in Baku"),
    ("1993", "Azerbaijani embassy opens in Beijing"),
    ("1994-03", "Heydar Aliyev visits China"),
    ("1994-03", "Eight bilateral agreements signed"),
    ("1995-04", "Bahlulzade exhibition in Beijing"),
    ("1996", "Trade and economic cooperation accord"),
    ("1997-06", "First Chinese oil contract in Azerbaijan"),
    ("1998-11", "Double taxation agreement signed"),
    ("1999-12", "NAP–CPC party ties begin"),
    ("2000-05", "Parliamentary friendship group formed"),
    ("2001", "Caspian energy cooperation talks"),
    ("2002-09", "Visa facilitation for business travel"),
    ("2003", "Turnover reaches USD 238 million"),
    ("2004-06", "Agreement on cultural cooperation"),
    ("2005-03", "Ilham Aliyev's state visit to Beijing"),
    ("2005-03", "Joint statement on friendly relations"),
    ("2006", "Intergovernmental commission in Baku"),
    ("2007-05", "Chinese trade centre opens in Baku"),
    ("2008-08", "Beijing Olympics: high-level meeting"),
    ("2008", "Turnover reaches USD 800 million"),
    ("2009-04", "Agreement on technical cooperation"),
    ("2010", "Huawei office opens in Baku"),
    ("2011-07", "Confucius Institute at Baku University"),
    ("2011", "Turnover passes USD 1 billion"),
    ("2012", "20 years of diplomatic relations"),
    ("2013-09", "Silk Road Economic Belt announced"),
    ("2014-12", "Visit of Ilham Aliyev to Beijing"),
    ("2015-12", "Memorandum on the Silk Road Belt"),
    ("2015-12", "Eleven agreements signed in Beijing"),
    ("2016", "Container trains via Baku–Tbilisi–Kars"),
    ("2016-02", "80 Chinese-capital companies registered"),
    ("2016-09", "Bank of China credit line agreed"),
    ("2017-04", "Baku port joins China–Europe route"),
    ("2017-10", "Baku–Tbilisi–Kars railway opens"),
    ("2018-07", "Over 110 companies with Chinese capital"),
    ("2018", "Turnover USD 1.3 billion (AZ data)"),
    ("2019-04", "Belt and Road Forum: ten agreements"),
    ("2019-04", "Ilham Aliyev meets Xi Jinping"),
    ("2019-11", "Chinese FDI stock USD 832 million"),
    ("2020-03", "Medical aid during the pandemic"),
    ("2020-07", "Sinovac vaccine supply agreed"),
    ("2021", "Vaccine deliveries (Sinovac)"),
    ("2021-06", "Chinese buses for Baku public transport"),
    ("2022-04", "30 years of diplomatic relations"),
    ("2022-09", "Meeting in Samarkand (SCO summit)"),
    ("2022-11", "Middle Corridor cargo agreement"),
    ("2023-03", "Direct cargo flights Urumqi–Baku"),
    ("2023-05", "Over 200 companies with Chinese capital"),
    ("2023-07", "Strategic partnership talks in Beijing"),
    ("2023-10", "Belt and Road Forum: new agreements"),
    ("2023", "Turnover USD 3.1 billion (AZ data)"),
    ("2024-01", "Solar plant deal with Chinese investor"),
    ("2024-04", "Comprehensive strategic partnership"),
    ("2024-04", "Joint statement on strategic partnership"),
    ("2024-07-03", "Astana SCO summit: partner status"),
    ("2024-07", "FDI stock reaches USD 931 million"),
    ("2024-11", "COP29 in Baku: Chinese delegation"),
)

MANY_EVENTS = ChartSpec(
    kind="timeline",
    title="Azerbaijan–China relations, 1991–2024: sixty events",
    unit="",
    source="Ministry of Foreign Affairs of Azerbaijan; press reports (sample)",
    events=tuple(TimelineEvent(date, label) for date, label in _EVENTS_60),
)

ALL = {
    "turnover_bar": TURNOVER,
    "products_bar": PRODUCTS,
    "multilingual_bar": MULTILINGUAL,
    "exports_imports": EXPORTS_IMPORTS,
    "partners_line": PARTNERS,
    "relations_timeline": EVENTS,
    "partner_share": PARTNER_SHARES,
    "partners_ranked": RANKED_PARTNERS,
    "many_events_timeline": MANY_EVENTS,
}

# A slide holds no more events than fit its box at 14 pt: sixty do not, and drawing them for a
# slide fails by design (split them with from:/to:); that sample is drawn for the page only.
PAGE_ONLY = frozenset({"many_events_timeline"})


def sample_profiles(name: str) -> tuple[str, ...]:
    """Return the profiles a sample is drawn for."""
    return ("page",) if name in PAGE_ONLY else ("page", "slide")


# (sample, profile) for every drawing of every sample
DRAWINGS = tuple((name, profile) for name in ALL for profile in sample_profiles(name))
