"""Fonts that travel: the briefing embeds subsets of the fonts it names, and lays out the same where they are missing."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fontTools.ttLib import TTFont

from dossier.writers.docx.embedded_fonts import installed_file, obfuscate
from test_example_build import SUBJECT
from test_office_suite import SOFFICE, pdf_pages

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EMBEDDED_FAMILIES = ("Noto Sans", "Noto Sans CJK SC")


def embedded_fonts(docx: Path) -> dict[str, TTFont]:
    """Return {"family/embedKind": the de-obfuscated font} of a .docx."""
    with zipfile.ZipFile(docx) as z:
        table = ElementTree.fromstring(z.read("word/fontTable.xml"))
        rels = {rel.get("Id"): rel.get("Target")
                for rel in ElementTree.fromstring(z.read("word/_rels/fontTable.xml.rels"))}
        fonts = {}
        for font in table.findall(f"{{{W}}}font"):
            for embed in font:
                kind = embed.tag.rpartition("}")[2]
                if kind.startswith("embed"):
                    data = obfuscate(z.read("word/" + rels[embed.get(f"{{{R}}}id")]), embed.get(f"{{{W}}}fontKey"))
                    fonts[f"{font.get(f'{{{W}}}name')}/{kind}"] = TTFont(io.BytesIO(data))  # XOR again: the font
    return fonts


def body_text(docx: Path) -> str:
    with zipfile.ZipFile(docx) as z:
        return "".join(t.text or "" for t in ElementTree.fromstring(z.read("word/document.xml")).iter(f"{{{W}}}t"))


def test_the_briefing_carries_subsets_of_the_installed_fonts_it_names(example_build: Path) -> None:
    docx = example_build / "reports" / SUBJECT / "briefing.docx"
    fonts = embedded_fonts(docx)
    assert {"Noto Sans/embedRegular", "Noto Sans/embedBold", "Noto Sans/embedItalic",
            "Noto Sans CJK SC/embedRegular"} <= set(fonts)
    assert not any(name.startswith("Consolas/") for name in fonts)  # not installed here: Office ships it
    regular = fonts["Noto Sans/embedRegular"]
    assert regular["name"].getBestFamilyName() == "Noto Sans"
    text = set(body_text(docx)) - {"\u00a0"}
    full = TTFont(installed_file("Noto Sans")[0])
    drawn_by_noto = {c for c in text if ord(c) in full.getBestCmap()}
    assert drawn_by_noto <= {chr(c) for c in regular.getBestCmap()}  # every character it draws here
    assert len(regular.getBestCmap()) < len(full.getBestCmap()) / 4  # a subset, not the whole font
    cjk = fonts["Noto Sans CJK SC/embedRegular"]
    assert "glyf" in cjk and "CFF " not in cjk  # TrueType outlines, which Word embeds
    assert {ord(c) for c in "中国共产党"} <= set(cjk.getBestCmap())
    with zipfile.ZipFile(docx) as z:
        settings = z.read("word/settings.xml").decode()
        types = z.read("[Content_Types].xml").decode()
    assert "<w:embedTrueTypeFonts/>" in settings and "<w:saveSubsetFonts/>" in settings
    assert "application/vnd.openxmlformats-officedocument.obfuscatedFont" in types


def test_obfuscation_is_ecma_376s_and_undoes_itself() -> None:
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    data = bytes(range(40))
    hidden = obfuscate(data, key)
    assert hidden[0] == 0 ^ 0xFF and hidden[15] == 15 ^ 0x00 and hidden[16] == 16 ^ 0xFF and hidden[32:] == data[32:]
    assert obfuscate(hidden, key) == data


def hiding_config(folder: Path, families: tuple[str, ...]) -> Path:
    """A fontconfig file that leaves out every file of `families` (the rest of the system's fonts stay)."""
    files = set()
    for family in families:
        listed = subprocess.run(["fc-list", family, "file"], capture_output=True, text=True, check=True).stdout
        files |= {line.split(":")[0].strip() for line in listed.splitlines() if line.strip()}
    assert files, families
    globs = "".join(f"<glob>{path}</glob>" for path in sorted(files))
    config = folder / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                      f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                      f"<cachedir>{folder / 'cache'}</cachedir>\n"
                      f"<selectfont><rejectfont>{globs}</rejectfont></selectfont>\n</fontconfig>\n")
    return config


def convert(docx: Path, outdir: Path, env: dict | None = None) -> Path:
    outdir.mkdir()
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{outdir}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), str(docx)], check=True, capture_output=True, timeout=600,
                   env={**os.environ, **(env or {})})
    return outdir / f"{docx.stem}.pdf"


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice is not installed")
def test_the_briefing_lays_out_the_same_with_its_fonts_hidden(example_build: Path, tmp_path: Path) -> None:
    docx = example_build / "reports" / SUBJECT / "briefing.docx"
    config = hiding_config(tmp_path, EMBEDDED_FAMILIES)
    hidden_env = {"FONTCONFIG_FILE": str(config)}
    hidden = subprocess.run(["fc-match", "-f", "%{family}", "Noto Sans"], capture_output=True, text=True,
                            env={**os.environ, **hidden_env}).stdout
    assert "Noto Sans" not in hidden.split(","), hidden  # the machine without the fonts
    with_fonts = convert(docx, tmp_path / "with")
    without_fonts = convert(docx, tmp_path / "without", hidden_env)
    assert pdf_pages(without_fonts) == pdf_pages(with_fonts)
    # Every page holds the same text: the headings (so the contents' page numbers) land on the same pages.
    assert page_texts(without_fonts) == page_texts(with_fonts)
    fonts = subprocess.run(["pdffonts", str(without_fonts)], capture_output=True, text=True, check=True).stdout
    assert "NotoSans-Regular" in fonts and "NotoSansCJKsc" in fonts  # drawn with the fonts the file carries


@pytest.mark.parametrize("family", EMBEDDED_FAMILIES + ("Noto Sans Arabic",))
@pytest.mark.parametrize("shaped", [False, True], ids=["unshaped", "shaped"])
def test_a_subset_made_from_the_intermediate_is_the_direct_subset_byte_for_byte(family: str, shaped: bool,
                                                                              tmp_path, monkeypatch) -> None:
    """Documents after the first are subset from a small intermediate font: the bytes must not change."""
    from dossier.writers.docx import embedded_fonts as ef

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    found = installed_file(family)
    if found is None:
        pytest.skip(f"{family} is not installed here")
    path, index = found
    key = (path, index, shaped)
    ef._intermediates.pop(key, None)
    ef._subset_once.add((path, index, shaped, (0, 0)))  # as after a first document: every one goes through it
    documents = ["Valdoria and Quenland 2024 – 12.5 %", "Валдория · 塔斯克 · Μαριβέσσα 1999", "真路 — 켈모라 (2001)"]
    if shaped:  # right-to-left and Indic text: the layout tables are kept and subset too
        documents = [text + extra for text, extra in zip(documents, [" الباران", " सुंदावर", " الباران सुंदावर"])]
    for text in documents:  # the intermediate grows from document to document
        characters = "".join(sorted(set(ef.ALWAYS + text)))
        assert ef.needs_shaping(characters) == shaped
        direct = ef._finished(ef._subset(ef._open_font(path, index), characters, keep_layout=shaped))
        assert ef._subset_font.__wrapped__(path, index, characters, (0, 0)) == direct
    assert set("Валдория") <= ef._intermediates[key][1] or family != "Noto Sans"
    ef._intermediates.pop(key, None)


def test_a_font_whose_licence_forbids_embedding_stays_out_on_every_document(tmp_path, monkeypatch) -> None:
    """The intermediate remembers the refusal: the second document gets None too, not an error."""
    from dossier.writers.docx import embedded_fonts as ef

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    found = installed_file("Noto Sans")
    if found is None:
        pytest.skip("Noto Sans is not installed here")
    path, index = found
    monkeypatch.setattr(ef, "_intermediates", {})
    monkeypatch.setattr(ef, "_restricted", lambda font: True)
    assert ef._subset_font.__wrapped__(path, index, "abc", (1, 1)) is None
    assert ef._subset_font.__wrapped__(path, index, "abcd", (1, 1)) is None


def test_without_a_cache_folder_a_process_s_first_document_is_subset_directly(tmp_path, monkeypatch) -> None:
    """An intermediate costs more than the subset it replaces: where none can be kept, a build of one briefing makes none."""
    from dossier.writers.docx import embedded_fonts as ef

    (tmp_path / "file").write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))

    found = installed_file("Noto Sans")
    if found is None:
        pytest.skip("Noto Sans is not installed here")
    path, index = found
    monkeypatch.setattr(ef, "_intermediates", {})
    monkeypatch.setattr(ef, "_subset_once", set())
    characters = "".join(sorted(set(ef.ALWAYS + "Valdoria")))
    direct = ef._finished(ef._subset(ef._open_font(path, index), characters, keep_layout=False))
    assert ef._subset_font.__wrapped__(path, index, characters, (2, 2)) == direct
    assert ef._intermediates == {}
    assert ef._subset_font.__wrapped__(path, index, characters + "Ω", (2, 2)) is not None
    assert list(ef._intermediates) == [(path, index, False)]  # the second document makes it


def cjk_font_with_an_empty_cache(tmp_path, monkeypatch) -> tuple[str, int]:
    """Noto Sans CJK SC's file and index (the test is skipped without it), with a user cache in ``tmp_path`` and no
    intermediate or character map held in this process."""
    from dossier.writers.docx import embedded_fonts as ef

    found = installed_file("Noto Sans CJK SC")
    if found is None:
        pytest.skip("Noto Sans CJK SC is not installed here")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(ef, "_intermediates", {})
    monkeypatch.setattr(ef, "_maps_of", {})
    return found


def test_an_intermediate_is_kept_for_the_next_builds_and_gives_the_same_bytes(tmp_path, monkeypatch) -> None:
    """A later process (a new build, even of one briefing) starts from the intermediate an earlier one kept on disk."""
    from dossier.writers.docx import embedded_fonts as ef

    path, index = cjk_font_with_an_empty_cache(tmp_path, monkeypatch)
    first = "".join(sorted(set(ef.ALWAYS + "塔斯克 Valdoria")))
    direct = ef._finished(ef._subset(ef._open_font(path, index), first, keep_layout=False))
    assert ef._subset_font.__wrapped__(path, index, first, (3, 3)) == direct
    assert len(list((tmp_path / "dossier" / "fonts").glob("*.font"))) == 1

    monkeypatch.setattr(ef, "_intermediates", {})  # as a new process
    monkeypatch.setattr(ef, "_maps_of", {})
    real_open = ef._open_font
    monkeypatch.setattr(ef, "_open_font", lambda source, i: real_open(source, i) if isinstance(source, io.BytesIO)
                        else pytest.fail("the whole font was read again"))
    second = "".join(sorted(set(ef.ALWAYS + "塔斯 Vald")))  # characters the kept one holds
    expected = ef._finished(ef._subset(real_open(path, index), second, keep_layout=False))
    assert ef._subset_font.__wrapped__(path, index, second, (3, 3)) == expected

    (next((tmp_path / "dossier" / "fonts").glob("*.font"))).write_bytes(b"garbage")  # a broken one counts as none
    monkeypatch.setattr(ef, "_intermediates", {})
    monkeypatch.setattr(ef, "_open_font", real_open)
    assert ef._subset_font.__wrapped__(path, index, second, (3, 3)) == expected


def test_a_large_font_gets_its_seed_at_its_second_whole_read_then_is_read_only_for_characters_outside_it(
        tmp_path, monkeypatch) -> None:
    """Intermediates of Noto Sans CJK are made from its seed (common-use CJK and Hangul, kept on disk with the map of
    what the font draws); a rare character still gets embedded, from the whole font. Every subset: the same bytes."""
    from dossier.writers.docx import embedded_fonts as ef
    from dossier.writers.docx.font_seed import common_use

    path, index = cjk_font_with_an_empty_cache(tmp_path, monkeypatch)
    real_open, whole_reads = ef._open_font, []
    monkeypatch.setattr(ef, "_open_font", lambda source, i: (whole_reads.append(source)
                                                             if not isinstance(source, io.BytesIO) else None)
                        or real_open(source, i))

    def subset(text: str) -> bytes:
        characters = "".join(sorted(set(ef.ALWAYS + text)))
        return ef._subset_font.__wrapped__(path, index, characters, (4, 4)), characters

    def direct(characters: str) -> bytes:
        return ef._finished(ef._subset(real_open(path, index), characters, keep_layout=False))

    made, characters = subset("塔斯克 Valdoria")
    assert made == direct(characters) and len(whole_reads) == 1  # the seed record is made: the map alone
    assert len(list((tmp_path / "dossier" / "fonts").glob("*.seed"))) == 1
    assert ef.kept_seed(path, index, False, (4, 4))[3] is None  # a one-off build pays for no seed font
    monkeypatch.setattr(ef, "_intermediates", {})  # as a new process
    monkeypatch.setattr(ef, "_maps_of", {})
    made, characters = subset("国家 켈모라")  # new characters: the font is read whole a second time, for the seed font
    assert made == direct(characters) and len(whole_reads) == 2
    assert ef.kept_seed(path, index, False, (4, 4))[3] is not None
    monkeypatch.setattr(ef, "_intermediates", {})  # as a new process
    monkeypatch.setattr(ef, "_maps_of", {})
    made, characters = subset("国家 문화 ክዌን")  # new common-use characters, and some the font lacks: from the seed
    assert made == direct(characters) and len(whole_reads) == 2
    drawn = ef.kept_seed(path, index, False, (4, 4))[1]
    rare = next(chr(p) for p in range(0x4E00, 0xA000) if chr(p) not in common_use() and ef._maps(drawn, chr(p)))
    made, characters = subset("国家 " + rare)
    assert made == direct(characters) and len(whole_reads) == 3  # outside the seed: read whole, still embedded
    assert ord(rare) in TTFont(io.BytesIO(made)).getBestCmap()
    made, characters = subset("真路")
    assert made == direct(characters) and len(whole_reads) == 3  # the rare one is not carried on
