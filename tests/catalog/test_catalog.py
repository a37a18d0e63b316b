"""The shipped catalog against the printed forms, and the loader's errors on malformed files."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from cchc.catalog import Catalog, Template, load_catalog
from cchc.errors import CatalogError

FORMS_MD = Path(__file__).resolve().parents[2].parent / "shared" / "domain" / "forms.md"
TEMPLATE_IDS = ("province-581", "department-581", "district-581")
_CODE = re.compile(r"\d+(?:\.\d+)*")
_FORM_HEADING = re.compile(r"^## Biểu mẫu (\d+) — (.+)$")


# --- forms.md, read as the tests' ground truth -------------------------------------------------


def expand_codes(cell: str) -> list[str]:
    """Every code a cell of the code column names: "1.1 / 1.2", "3.2, 3.2.1", "4.1 – 4.4"."""
    found = list(_CODE.finditer(cell))
    codes = [match.group() for match in found]
    for left, right in pairwise(found):
        if re.search(r"[–-]", cell[left.end() : right.start()]):
            head, _, first = left.group().rpartition(".")
            _, _, last = right.group().rpartition(".")
            prefix = f"{head}." if head else ""
            codes += [f"{prefix}{n}" for n in range(int(first) + 1, int(last))]
    return sorted(set(codes), key=lambda code: [int(part) for part in code.split(".")])


def forms_md_rows() -> list[dict]:
    """One dict per table row of forms.md: form, title, codes, name, unit, relation."""
    rows, form, title = [], None, None
    for line in FORMS_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = _FORM_HEADING.match(line)
            form, title = (int(heading[1]), heading[2].strip()) if heading else (None, None)
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if form is None or not line.startswith("|") or cells[0] in ("code", "---"):
            continue
        relation = cells[3] if len(cells) > 3 else ""
        rows.append(
            {
                "form": form,
                "title": title,
                "codes": expand_codes(cells[0]),
                "name": cells[1],
                "unit": cells[2],
                "relation": relation,
            }
        )
    return rows


def parse_options(unit: str) -> dict[int, str]:
    """ "Chưa = 0; Hoàn thành = 1" → {0: "Chưa", 1: "Hoàn thành"}."""
    pairs = (part.split("=") for part in unit.split(";"))
    return {int(code.strip()): text.strip() for text, code in pairs}


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def province(shipped) -> Template:
    return shipped.template("province-581")


@pytest.fixture(scope="module")
def printed() -> list[dict]:
    return forms_md_rows()


def test_code_cells_expand_as_printed():
    assert expand_codes("1.1 / 1.2 / 1.3") == ["1.1", "1.2", "1.3"]
    assert expand_codes("3.2, 3.2.1, 3.2.2") == ["3.2", "3.2.1", "3.2.2"]
    assert expand_codes("4.1 – 4.4") == ["4.1", "4.2", "4.3", "4.4"]
    assert expand_codes("5.2 (5.2.1 – 5.2.3)") == ["5.2", "5.2.1", "5.2.2", "5.2.3"]
    assert expand_codes("7") == ["7"]


def test_forms_md_is_read_whole(printed):
    assert {row["form"] for row in printed} == set(range(1, 8))
    codes = {(row["form"], code) for row in printed for code in row["codes"]}
    assert {(1, "5.4"), (2, "1.3"), (3, "3.3.2"), (5, "4.4"), (6, "2.4.3"), (7, "6.5.2")} <= codes
    assert len(codes) > 120


# --- (1) the shipped catalog loads ---------------------------------------------------------------


def test_shipped_catalog_loads_with_its_three_templates(shipped):
    assert set(TEMPLATE_IDS) <= set(shipped.templates)
    areas = {indicator.area for indicator in shipped.indicators.values()}
    assert areas == {
        "direction",
        "institutions",
        "procedures",
        "organisation",
        "civil_service",
        "finance",
        "egov",
    }
    assert len(shipped.indicators) > 150
    assert len(shipped.relations) > 50


def test_ids_start_with_their_area_and_names_are_unique(shipped):
    for indicator in shipped.indicators.values():
        assert indicator.id.split(".")[0] == indicator.area, indicator.id
    names = [indicator.name for indicator in shipped.indicators.values()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_every_indicator_is_placed_in_some_template(shipped):
    placed = {i for template in shipped.templates.values() for i in template.indicator_ids()}
    assert set(shipped.indicators) - placed == set()


# --- (2) province-581 is forms.md ----------------------------------------------------------------


def test_province_template_header(province):
    assert province.version == 1
    assert province.unit_levels == ["province"]
    assert province.basis == "Công văn 581/BNV-CCHC ngày 21/02/2022"
    assert [form.number for form in province.forms] == list(range(1, 8))


def test_province_form_titles_are_the_printed_ones(province, printed):
    titles = {row["form"]: row["title"] for row in printed}
    assert {form.number: form.title for form in province.forms} == titles


def test_every_printed_code_is_a_row_of_the_province_template(province, printed):
    missing = [
        (row["form"], code)
        for row in printed
        for code in row["codes"]
        if province.find(row["form"], code) is None
    ]
    assert missing == []


def test_printed_units_match_row_kind_and_type(shipped, province, printed):
    for row in printed:
        if "," in row["unit"]:  # "%, HS": several kinds of rows in one line of forms.md
            continue
        for code in row["codes"]:
            item = province.find(row["form"], code)
            _check_unit(shipped, item, row["unit"], (row["form"], code))


def _check_unit(catalog, item, unit, where):
    if not unit:
        assert item.indicator is None and item.label, where
        return
    indicator = catalog.indicator(item.indicator)
    if unit == "%":
        assert indicator.type == "percent", where
    elif "=" in unit:
        assert indicator.type in ("coded", "yes_no"), where
        assert indicator.options == parse_options(unit), where
    else:
        assert indicator.type in ("count", "amount"), where


def test_every_printed_relation_is_in_the_catalog(shipped, province, printed):
    checked = 0
    for row in printed:
        expected = _printed_relation(row, province)
        if expected is None:
            continue
        checked += 1
        assert expected in [r.model_dump() for r in shipped.relations], (row["codes"], expected)
    assert checked == 26


def _printed_relation(row, template) -> dict | None:
    text = row["relation"]
    if text[:1] not in ("=", "≥", "≤"):  # "stock", "0–100" or nothing: not a relation
        return None
    ids = [template.find(row["form"], code).indicator for code in _CODE.findall(text)]
    own = template.find(row["form"], row["codes"][0]).indicator
    if text.startswith("=") and "/" in text:
        return {"kind": "ratio", "result": own, "numerator": ids[0], "denominator": ids[1]}
    if text.startswith("≤"):
        return {"kind": "at_most", "part": own, "whole": ids[0]}
    compare = "=" if text.startswith("=") else ">="
    return {"kind": "sum", "result": own, "parts": ids, "compare": compare}


def test_items_marked_stock_are_stocks(shipped, province, printed):
    stock_rows = [row for row in printed if row["relation"] == "stock"]
    assert len(stock_rows) == 3
    for row in stock_rows:
        indicator = shipped.indicator(province.find(row["form"], row["codes"][0]).indicator)
        assert indicator.period == "stock", row["codes"]


def test_province_requires_main_counts_only(shipped, province):
    required = [item.indicator for _, item in province.items() if item.required]
    assert "procedures.resolved.province" in required
    assert "direction.plan_tasks" in required
    assert all(shipped.indicator(i).type in ("count", "amount") for i in required)


# --- (3) ratios and the other relations ---------------------------------------------------------


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_ratio_parts_are_quantities_in_the_same_template(shipped, template_id):
    template = shipped.template(template_id)
    placed = set(template.indicator_ids())
    ratios = [r for r in shipped.relations if r.kind == "ratio" and r.result in placed]
    assert len(ratios) >= 8
    for ratio in ratios:
        for part in (ratio.numerator, ratio.denominator):
            assert part in placed, (template_id, ratio.result, part)
            assert shipped.indicator(part).type in ("count", "amount"), part


def test_every_ratio_has_its_at_most_and_recomputes(shipped):
    at_most = {(r.part, r.whole) for r in shipped.relations if r.kind == "at_most"}
    for ratio in (r for r in shipped.relations if r.kind == "ratio"):
        assert (ratio.numerator, ratio.denominator) in at_most, ratio.result
        assert shipped.indicator(ratio.result).aggregate_rule == "recompute", ratio.result


def test_aggregate_rules_follow_the_catalog_policy(shipped):
    for indicator in shipped.indicators.values():
        rule, composed = indicator.aggregate_rule, shipped.composition(indicator.id)
        if indicator.type in ("coded", "yes_no"):
            assert rule == "distribution", indicator.id
        elif indicator.type == "percent":
            assert rule == ("recompute" if composed else "none"), indicator.id
        elif composed is not None:
            assert rule == "recompute", indicator.id
        else:
            assert rule in ("sum", "none"), indicator.id


def test_at_least_sums_do_not_define_their_total(shipped):
    tasks = shipped.relations_mentioning("direction.government_tasks")
    assert [(r.kind, r.compare) for r in tasks] == [("sum", ">=")]
    assert shipped.composition("direction.government_tasks") is None


def test_province_only_items_are_not_summed(shipped):
    for indicator_id in (
        "institutions.legal_docs_issued.province",
        "organisation.management_boards",
        "direction.inspected.districts",
    ):
        assert shipped.indicator(indicator_id).aggregate_rule == "none"
    for indicator_id in (
        "institutions.legal_docs_issued.district",
        "procedures.resolved.commune",
        "organisation.staff_present",
    ):
        assert shipped.indicator(indicator_id).aggregate_rule == "sum"


# --- (4) form 3 item 1.4 -------------------------------------------------------------------------


def test_form3_item_1_4_is_the_sum_of_its_levels(shipped, province):
    total = province.find(3, "1.4").indicator
    parts = [province.find(3, f"1.4.{n}").indicator for n in (1, 2, 3)]
    relation = shipped.composition(total)
    assert relation is not None and relation.kind == "sum" and relation.compare == "="
    assert relation.parts == parts
    assert parts == [
        "procedures.in_force.province",
        "procedures.in_force.district",
        "procedures.in_force.commune",
    ]
    assert shipped.indicator(total).aggregate_rule == "recompute"


# --- (5) one indicator, several printed codes ----------------------------------------------------


def test_same_indicator_under_different_codes(shipped, province):
    department = shipped.template("department-581")
    district = shipped.template("district-581")
    assert province.locate("procedures.resolved.province") == (3, "3.1.1")
    assert department.locate("procedures.resolved.province") == (3, "2.3")
    assert province.locate("procedures.resolved.district") == (3, "3.2.1")
    assert district.locate("procedures.resolved.district") == (3, "2.1.1")
    shared = set(province.indicator_ids()) & set(department.indicator_ids())
    moved = [i for i in shared if province.locate(i) != department.locate(i)]
    assert len(moved) >= 20


def test_department_template_uses_roman_groups(shipped):
    department = shipped.template("department-581")
    assert department.unit_levels == ["department"]
    assert [form.items[0].code for form in department.forms] == ["I", "II", "III", "IV", "V", "VI"]
    assert all(form.items[0].label for form in department.forms)
    assert "direction.government_tasks" not in department.indicator_ids()
    assert "direction.assigned_tasks" in department.indicator_ids()


def test_district_template_reports_district_and_communes_until_mid_2025(shipped):
    district = shipped.template("district-581")
    assert district.unit_levels == ["district"]
    assert district.valid_to == date(2025, 6, 30)
    placed = set(district.indicator_ids())
    assert {
        "procedures.resolved.district",
        "procedures.resolved.commune",
        "institutions.legal_docs_issued.commune",
        "direction.inspected.communes",
        "direction.communes_rated_good",
        "direction.commune_index_average",
        "organisation.communes",
    } <= placed
    assert not any(i.endswith(".province") for i in placed)


# --- (6) malformed catalog files -----------------------------------------------------------------

_INDICATORS = """\
indicators:
  - {id: t.count, name: Số văn bản, name_en: Documents, unit: VB, type: count}
  - {id: t.done, name: Số văn bản đã xong, name_en: Documents done, unit: VB, type: count}
  - {id: t.rate, name: Tỷ lệ xong, name_en: Share done, unit: "%", type: percent,
     aggregate: recompute}
relations:
  - {kind: ratio, result: t.rate, numerator: t.done, denominator: t.count}
"""
_TEMPLATE = """\
id: t
version: 1
name: Biểu thử
unit_levels: [province]
forms:
  - number: 1
    title: Biểu thử
    items:
      - {code: "1", indicator: t.rate}
      - {code: "1.1", indicator: t.count}
      - {code: "1.2", indicator: t.done}
"""


def _write_catalog(root: Path, changes: dict[str, str] | None = None) -> None:
    files = {"indicators/a.yaml": _INDICATORS, "templates/t.yaml": _TEMPLATE, **(changes or {})}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_the_small_catalog_is_valid(tmp_path):
    _write_catalog(tmp_path)
    catalog = load_catalog([tmp_path])
    assert set(catalog.indicators) == {"t.count", "t.done", "t.rate"}
    assert catalog.template("t").locate("t.done") == (1, "1.2")


_BAD = {
    "bad YAML": (
        {"indicators/b.yaml": "indicators:\n  - {id: t.x, name: [unclosed\n"},
        "indicators/b.yaml",
        ["line"],
    ),
    "unknown field": (
        {
            "indicators/b.yaml": "indicators:\n  - {id: t.x, name: Số x, name_en: X things,"
            " type: count, colour: red}\n"
        },
        "indicators/b.yaml",
        ["t.x", "colour"],
    ),
    "wrong type": (
        {
            "indicators/b.yaml": "indicators:\n  - {id: t.x, name: Số x, name_en: X things,"
            " type: number}\n"
        },
        "indicators/b.yaml",
        ["t.x", "type"],
    ),
    "code not a string": (
        {"templates/t.yaml": _TEMPLATE.replace('code: "1.1"', "code: 1.1")},
        "templates/t.yaml",
        ["biểu mẫu t", "code"],
    ),
    "unknown indicator in a template": (
        {"templates/t.yaml": _TEMPLATE.replace("indicator: t.done", "indicator: t.gone")},
        "templates/t.yaml",
        ["biểu 1, mã 1.2", "t.gone"],
    ),
    "duplicate id": (
        {
            "indicators/b.yaml": "indicators:\n  - {id: t.count, name: Số khác, name_en: Other,"
            " type: count}\n"
        },
        "indicators/b.yaml",
        ["t.count", "indicators/a.yaml"],
    ),
    "ratio result not a percent": (
        {"indicators/a.yaml": _INDICATORS.replace("result: t.rate", "result: t.count")},
        "indicators/a.yaml",
        ["quan hệ thứ 1", "t.count", "percent"],
    ),
    "ratio of a percent": (
        {"indicators/a.yaml": _INDICATORS.replace("numerator: t.done", "numerator: t.rate")},
        "indicators/a.yaml",
        ["quan hệ thứ 1", "t.rate"],
    ),
    "recompute without parts": (
        {
            "indicators/b.yaml": "indicators:\n  - {id: t.total, name: Tổng x, name_en: Total,"
            " type: count, aggregate: recompute}\n"
        },
        "indicators/b.yaml",
        ["t.total", "recompute"],
    ),
    "duplicate row code": (
        {"templates/t.yaml": _TEMPLATE.replace('code: "1.2"', 'code: "1.1"')},
        "templates/t.yaml",
        ["biểu 1, mã 1.1", "trùng"],
    ),
    "template valid only before it starts": (
        {"templates/t.yaml": _TEMPLATE + "valid_from: 2025-07-01\nvalid_to: 2025-06-30\n"},
        "templates/t.yaml",
        ["biểu mẫu t", "valid_to"],
    ),
    "unknown top-level key": (
        {"indicators/b.yaml": "indicator:\n  - {id: t.x}\n"},
        "indicators/b.yaml",
        ["indicator"],
    ),
}


@pytest.mark.parametrize("case", list(_BAD), ids=list(_BAD))
def test_malformed_files_name_the_file_and_the_entry(tmp_path, case):
    changes, culprit, words = _BAD[case]
    _write_catalog(tmp_path, changes)
    with pytest.raises(CatalogError) as caught:
        load_catalog([tmp_path])
    error = caught.value
    for message in (str(error), error.message_en):
        assert str(tmp_path / culprit) in message
    for word in words:
        assert word in str(error), (word, str(error))
