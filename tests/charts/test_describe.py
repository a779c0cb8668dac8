"""Alternative text written from the data, for every kind; and the text helpers (wrapping, numbers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from chart_checks import bar_spec

from dossier.charts import describe_chart, samples
from dossier.charts.formatting import format_value, value_decimals
from dossier.charts.frame import footer_text
from dossier.charts.wrap import unwrap, wrap
from dossier.model import ChartSeries, ChartSpec

REPO = Path(__file__).resolve().parents[2]


def test_describe_bar():
    text = describe_chart(samples.TURNOVER)
    assert text.startswith("Bar chart: Azerbaijan–China trade turnover, USD million, 1992–2025.")
    assert "highest 4,870 in 2025" in text and "lowest 1.5 in 1992" in text
    assert "rising overall" in text
    assert "20 of 34 values not reported" in text


def test_describe_categories_without_trend():
    text = describe_chart(samples.PRODUCTS)
    assert "highest 930 in Machinery and mechanical appliances" in text
    assert "overall" not in text  # no trend across product groups


def test_describe_exports_imports_and_line():
    text = describe_chart(samples.EXPORTS_IMPORTS)
    assert "exports and imports" in text and "Balance (exports minus imports): surplus in 0 of 10" in text
    text = describe_chart(samples.PARTNERS)
    assert text.startswith("Line chart:") and "Türkiyə: highest 7.3 in 2023" in text


def test_describe_falling_and_flat():
    falling = bar_spec(series=(ChartSeries("X", (10.0, 8.0, None, 2.0)),))
    assert "falling overall" in describe_chart(falling)
    flat = bar_spec(series=(ChartSeries("X", (10.0, 8.0, None, 10.2)),))
    assert "roughly flat" in describe_chart(flat)


def test_describe_share():
    text = describe_chart(samples.PARTNER_SHARES)
    assert text.startswith("Doughnut chart of shares: Azerbaijan's foreign trade by partner, 2024, USD million.")
    assert "Total 40,700: İtaliya 25% (10,300); Türkiyə 17% (7,100);" in text
    assert "Other (3) 29% (11,730). Other (3) groups Almaniya, Gürcüstan, Qazaxıstan and the source's Other." in text
    assert "Not reported: Ukrayna." in text
    assert text.endswith("Source: State Customs Committee of Azerbaijan (sample figures).")


def test_describe_ranked():
    text = describe_chart(samples.RANKED_PARTNERS)
    assert text.startswith("Ranked bar chart: Azerbaijan's main trading partners, 2024, USD million.")
    assert "Turnover, 9 categories from highest to lowest: İtaliya 10,300; Türkiyə 7,100;" in text
    assert "Türkmənistan 510. Not reported: Ukrayna." in text


def test_describe_timeline():
    text = describe_chart(samples.EVENTS)
    assert text.startswith("Timeline: Azerbaijan–China relations: key dates. 25 events from 27 Dec 1991 to 2025.")
    assert "China recognises Azerbaijan" in text and "and 13 more" in text
    assert "60 events from 27 Dec 1991 to Nov 2024" in describe_chart(samples.MANY_EVENTS)


def test_describe_never_fails_and_needs_no_matplotlib():
    broken = [bar_spec(kind="share", series=(ChartSeries("X", (1.0, -2.0, None, 3.0)),)),
              bar_spec(kind="ranked", series=()), bar_spec(kind="pie"),
              ChartSpec(kind="timeline", title="T", unit="", source="")]
    for spec in broken:
        assert describe_chart(spec)
    code = ("import sys\nfrom dossier.charts import describe_chart, samples\n"
            "[describe_chart(s) for s in samples.ALL.values()]\n"
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_wrap_keeps_words_and_breaks_cjk():
    assert wrap("Machinery and mechanical appliances", 12) == "Machinery\nand\nmechanical\nappliances"
    assert wrap("Machinery and mechanical appliances", 14) == "Machinery and\nmechanical\nappliances"
    assert max(len(line) for line in wrap("中华人民共和国海关总署统计", 8).split("\n")) <= 4
    assert unwrap(wrap("Çin 中国海关总署 statistics", 6)) == unwrap("Çin 中国海关总署 statistics")


def test_numbers_as_a_reader_sees_them():
    assert [format_value(v) for v in (4870, 238, 12.5, 1.5, 0.25, -2790)] == ["4,870", "238", "12.5", "1.5", "0.25", "−2,790"]
    assert format_value(4.6, value_decimals([4.6, 4.87])) == "4.60"


def test_footer_sentences():
    spec = bar_spec(source="Customs (sample figures)", note="Preliminary.")
    assert footer_text(spec, ["n/r: not reported"]) == "Source: Customs (sample figures). Note: Preliminary. n/r: not reported."
    assert footer_text(bar_spec(source="Reuters (“Trade up”.)"), []) == "Source: Reuters (“Trade up”.)"
