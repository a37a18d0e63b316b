"""The shipped unit tree: counts, mappings across 1/3/2025 and 1/7/2025, order, malformed files."""

from __future__ import annotations

import gzip
import shutil
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from cchc.errors import InputError
from cchc.units.records import UNIT_LEVELS, UnitRecord
from cchc.units.tree import DATA_DIR, load_unit_records

LAST_OLD_DAY = date(2025, 6, 30)
FIRST_NEW_DAY = date(2025, 7, 1)


@pytest.fixture(scope="module")
def records() -> list[UnitRecord]:
    return load_unit_records()


@pytest.fixture(scope="module")
def by_key(records: list[UnitRecord]) -> dict[str, UnitRecord]:
    return {r.key: r for r in records}


def valid_on(record: UnitRecord, day: date) -> bool:
    return (record.valid_from is None or record.valid_from <= day) and (
        record.valid_to is None or day <= record.valid_to
    )


def count(records: list[UnitRecord], level: str, day: date) -> int:
    return sum(1 for r in records if r.level == level and valid_on(r, day))


def one(records: list[UnitRecord], **wanted: object) -> UnitRecord:
    found = [r for r in records if all(getattr(r, k) == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


# --- provinces, districts, communes --------------------------------------------------------------


def test_province_counts(records: list[UnitRecord]) -> None:
    assert count(records, "province", LAST_OLD_DAY) == 63
    assert count(records, "province", FIRST_NEW_DAY) == 34
    cities = [
        r.short_name
        for r in records
        if r.level == "province"
        and valid_on(r, FIRST_NEW_DAY)
        and r.kind == "thành phố trực thuộc trung ương"
    ]
    assert set(cities) == {"Cần Thơ", "Hà Nội", "Hải Phòng", "Hồ Chí Minh", "Huế", "Đà Nẵng"}


def test_each_old_province_has_one_new_province(
    records: list[UnitRecord], by_key: dict[str, UnitRecord]
) -> None:
    old = [r for r in records if r.level == "province" and r.valid_to == LAST_OLD_DAY]
    assert len(old) == 63
    for province in old:
        assert len(province.successors) == 1, province
        new = by_key[province.successors[0]]
        assert new.level == "province" and new.valid_from == FIRST_NEW_DAY
    targets = Counter(p.successors[0] for p in old)
    assert len(targets) == 34  # every new province comes from at least one old one


def test_province_mapping_examples(
    records: list[UnitRecord], by_key: dict[str, UnitRecord]
) -> None:
    def successor(old_name: str) -> str:
        province = one(records, level="province", name=old_name, valid_to=LAST_OLD_DAY)
        return by_key[province.successors[0]].name

    assert by_key["p24"].name == "Tỉnh Bắc Giang"
    assert successor("Tỉnh Bắc Giang") == "Tỉnh Bắc Ninh"
    assert successor("Tỉnh Bắc Ninh") == "Tỉnh Bắc Ninh"
    assert successor("Tỉnh Hải Dương") == "Thành phố Hải Phòng"
    assert successor("Tỉnh Hà Giang") == "Tỉnh Tuyên Quang"
    assert successor("Tỉnh Tuyên Quang") == "Tỉnh Tuyên Quang"
    assert successor("Tỉnh Bình Phước") == "Tỉnh Đồng Nai"
    assert successor("Tỉnh Đồng Nai") == "Tỉnh Đồng Nai"
    # the new Bắc Ninh carries code 24 (Quyết định 19/2025/QĐ-TTg), not the old Bắc Ninh's 27
    assert by_key["p24"].successors == ("p24.2025",) == by_key["p27"].successors


def test_district_count(records: list[UnitRecord]) -> None:
    districts = [r for r in records if r.level == "district"]
    print(f"districts before 1/7/2025: {len(districts)}")
    assert 680 <= len(districts) <= 720
    assert count(records, "district", FIRST_NEW_DAY) == 0
    assert all(r.valid_to == LAST_OLD_DAY for r in districts)
    assert Counter(r.kind for r in districts).keys() == {"huyện", "quận", "thị xã", "thành phố"}


def test_commune_counts(records: list[UnitRecord]) -> None:
    old = count(records, "commune", LAST_OLD_DAY)
    new = count(records, "commune", FIRST_NEW_DAY)
    print(f"communes before 1/7/2025: {old}, from 1/7/2025: {new}")
    assert 10_000 <= old <= 10_100
    assert new == 3_321
    old_kinds = {r.kind for r in records if r.level == "commune" and r.valid_to}
    new_kinds = Counter(r.kind for r in records if r.level == "commune" and r.valid_from)
    assert old_kinds == {"xã", "phường", "thị trấn"}
    assert new_kinds.keys() == {"xã", "phường", "đặc khu"}
    assert new_kinds["đặc khu"] == 13


def test_tu_ky_is_a_district_of_hai_duong(
    records: list[UnitRecord], by_key: dict[str, UnitRecord]
) -> None:
    tu_ky = one(records, level="district", name="Huyện Tứ Kỳ")
    assert by_key[tu_ky.parent_key].name == "Tỉnh Hải Dương"
    assert (tu_ky.short_name, tu_ky.kind, tu_ky.valid_to) == ("Tứ Kỳ", "huyện", LAST_OLD_DAY)
    tan_ky = one(records, level="commune", name="Xã Tân Kỳ", parent_key=tu_ky.key)
    (new,) = tan_ky.successors
    assert by_key[new].name == "Xã Tân Kỳ"
    assert by_key[by_key[new].parent_key].name == "Thành phố Hải Phòng"


def test_names_and_short_names(by_key: dict[str, UnitRecord]) -> None:
    assert (by_key["vn"].name, by_key["vn"].short_name, by_key["vn"].level) == (
        "Việt Nam",
        "Cả nước",
        "nation",
    )
    assert by_key["p01"].kind == "thành phố trực thuộc trung ương"
    assert by_key["p08"].kind == "tỉnh"
    numbered = by_key["c19333"]  # Phường 1 of thị xã Quảng Trị: the short name drops the type
    assert (numbered.name, numbered.short_name) == ("Phường 1", "1")
    for record in by_key.values():
        if record.level in ("province", "district", "commune"):
            assert record.name.lower().endswith(" " + record.short_name.lower()), record


# --- the tree as a whole -------------------------------------------------------------------------


def test_parents_and_successors_come_first(records: list[UnitRecord]) -> None:
    seen: set[str] = set()
    for record in records:
        assert record.key not in seen
        assert record.level in UNIT_LEVELS
        assert record.parent_key is None or record.parent_key in seen, record
        assert all(s in seen for s in record.successors), record
        seen.add(record.key)
    assert records[0].key == "vn"
    assert [r.key for r in records if r.parent_key is None] == ["vn"]


def test_parent_levels(records: list[UnitRecord], by_key: dict[str, UnitRecord]) -> None:
    allowed = {
        "ministry": {"nation"},
        "province": {"nation"},
        "department": {"province"},
        "district": {"province"},
        "commune": {"district", "province"},
    }
    for record in records[1:]:
        parent = by_key[record.parent_key]
        assert parent.level in allowed[record.level], record
        if record.level == "commune":  # old communes under districts, new ones under provinces
            assert (parent.level == "district") == (record.valid_to == LAST_OLD_DAY)
        assert valid_on(parent, record.valid_from or date(2000, 1, 1)), record


def test_every_old_commune_has_a_new_one(
    records: list[UnitRecord], by_key: dict[str, UnitRecord]
) -> None:
    old = [r for r in records if r.level == "commune" and r.valid_to == LAST_OLD_DAY]
    split = Counter(len(r.successors) for r in old)
    print(f"old communes by number of new communes: {dict(sorted(split.items()))}")
    assert split[0] == 0
    assert split[1] > 9_000
    for commune in old:
        province = by_key[by_key[commune.parent_key].parent_key]
        for successor in commune.successors:
            assert by_key[successor].parent_key == province.successors[0], commune


def test_every_new_commune_has_an_old_one(
    records: list[UnitRecord], by_key: dict[str, UnitRecord]
) -> None:
    origins: dict[str, set[str]] = {}
    for record in records:
        for successor in record.successors:
            origins.setdefault(successor, set()).add(by_key[record.key].level)
    new = [r for r in records if r.level == "commune" and r.valid_from == FIRST_NEW_DAY]
    from_districts_only = [r for r in new if origins.get(r.key) == {"district"}]
    without = [r for r in new if r.key not in origins]
    print(
        f"new communes coming only from a district (island districts without communes): "
        f"{[r.name for r in from_districts_only]}"
    )
    assert without == []
    assert len(from_districts_only) <= 5
    assert all(r.kind == "đặc khu" for r in from_districts_only)


def test_load_is_fast() -> None:
    started = time.perf_counter()
    load_unit_records()
    elapsed = time.perf_counter() - started
    print(f"load_unit_records: {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0


# --- ministries ----------------------------------------------------------------------------------


def test_ministry_counts(records: list[UnitRecord]) -> None:
    def kinds(day: date) -> Counter[str]:
        return Counter(r.kind for r in records if r.level == "ministry" and valid_on(r, day))

    assert kinds(date(2025, 2, 28)) == {"bộ": 18, "cơ quan ngang bộ": 4}
    assert kinds(date(2025, 3, 1)) == {"bộ": 14, "cơ quan ngang bộ": 3}
    assert all(r.parent_key == "vn" for r in records if r.level == "ministry")


def test_ministry_successors(by_key: dict[str, UnitRecord]) -> None:
    expected = {
        "m.bkhdt": ("m.btc",),
        "m.bnnptnt": ("m.bnnmt",),
        "m.btnmt": ("m.bnnmt",),
        "m.bgtvt": ("m.bxd",),
        "m.btttt": ("m.bkhcn",),
        "m.bldtbxh": ("m.bnv",),
        "m.ubdt": ("m.bdttg",),
    }
    for key, successors in expected.items():
        assert by_key[key].successors == successors
        assert by_key[key].valid_to == date(2025, 2, 28)
    assert by_key["m.bnv"].name == "Bộ Nội vụ" and by_key["m.bnv"].valid_to is None
    assert by_key["m.bnnmt"].valid_from == date(2025, 3, 1)


# --- departments ---------------------------------------------------------------------------------


def test_department_counts(records: list[UnitRecord]) -> None:
    counts = {
        day: count(records, "department", day)
        for day in (date(2025, 2, 28), date(2025, 3, 1), LAST_OLD_DAY, FIRST_NEW_DAY)
    }
    print(f"departments valid on: {counts}")
    assert counts[date(2025, 2, 28)] == 63 * 19
    assert counts[date(2025, 3, 1)] == counts[LAST_OLD_DAY] == 63 * 14
    assert counts[FIRST_NEW_DAY] == 34 * 14


def test_department_names_and_keys(by_key: dict[str, UnitRecord]) -> None:
    assert by_key["p24.snv"].name == "Sở Nội vụ tỉnh Bắc Giang"
    assert by_key["p24.snv"].short_name == "Nội vụ"
    assert by_key["p24.snv"].parent_key == "p24"
    assert by_key["p01.vp"].name == "Văn phòng Ủy ban nhân dân thành phố Hà Nội"
    assert by_key["p30.ttr"].name == "Thanh tra tỉnh Hải Dương"
    assert by_key["p24.2025.stc"].name == "Sở Tài chính tỉnh Bắc Ninh"
    assert by_key["p24.2025.stc"].valid_from == FIRST_NEW_DAY
    assert "p24.2025.skhdt" not in by_key
    assert {r.kind for r in by_key.values() if r.level == "department"} == {
        "sở",
        "văn phòng",
        "thanh tra",
        "ban",
    }


def test_department_successors(by_key: dict[str, UnitRecord]) -> None:
    def final(key: str) -> set[str]:
        record = by_key[key]
        if not record.successors:
            return {key}
        return set().union(*(final(s) for s in record.successors))

    assert by_key["p24.skhdt"].successors == ("p24.stc",)
    assert final("p24.skhdt") == {"p24.2025.stc"}
    assert final("p30.sgtvt") == {"p31.2025.sxd"}
    assert final("p02.stttt") == {"p08.2025.skhcn"}
    assert final("p24.stnmt") == final("p24.snnptnt") == {"p24.2025.snnmt"}
    assert final("p08.bdt") == {"p08.2025.sdttg"}
    assert final("p27.sldtbxh") == {"p24.2025.snv"}
    old = [r for r in by_key.values() if r.level == "department" and r.valid_to]
    assert all(len(r.successors) == 1 for r in old)


# --- malformed files -----------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    shutil.copytree(DATA_DIR, directory)
    return directory


def rewrite_units(directory: Path, change) -> None:
    path = directory / "units.csv.gz"
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines(keepends=True)
    path.write_bytes(gzip.compress("".join(change(lines)).encode("utf-8")))


def test_csv_row_with_missing_column(data_copy: Path) -> None:
    rewrite_units(data_copy, lambda lines: [*lines[:10], "p99,Tỉnh X,X,province\n", *lines[10:]])
    with pytest.raises(InputError) as error:
        load_unit_records(data_copy)
    assert "units.csv.gz, dòng 11" in str(error.value)
    assert "10 cột" in str(error.value)


def test_csv_unknown_parent_and_bad_date(data_copy: Path) -> None:
    rewrite_units(
        data_copy, lambda lines: [*lines, "c99999,Xã Y,Y,commune,xã,99999,d999,,2025-06-30,\n"]
    )
    with pytest.raises(InputError, match=r"dòng \d+: đơn vị cha «d999»"):
        load_unit_records(data_copy)
    rewrite_units(
        data_copy, lambda lines: [*lines[:-1], "c99999,Xã Y,Y,commune,xã,99999,d298,,30/06/2025,\n"]
    )
    with pytest.raises(InputError, match="valid_to phải là ngày"):
        load_unit_records(data_copy)


def test_csv_unknown_successor(data_copy: Path) -> None:
    rewrite_units(
        data_copy,
        lambda lines: [*lines, "c99999,Xã Y,Y,commune,xã,99999,d298,,2025-06-30,c00000.2025\n"],
    )
    with pytest.raises(InputError, match="kế thừa"):
        load_unit_records(data_copy)


def test_not_gzip(data_copy: Path) -> None:
    (data_copy / "units.csv.gz").write_text("key,name\n", encoding="utf-8")
    with pytest.raises(InputError, match="gzip"):
        load_unit_records(data_copy)


def test_yaml_entry_without_name(data_copy: Path) -> None:
    path = data_copy / "ministries.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    name: Bộ Tư pháp\n", ""), encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.endswith("key: m.btp"))
    with pytest.raises(InputError) as error:
        load_unit_records(data_copy)
    assert f"ministries.yaml, dòng {line}" in str(error.value)
    assert "name" in str(error.value)


def test_yaml_syntax_error(data_copy: Path) -> None:
    path = data_copy / "departments.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - slug: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"departments\.yaml, dòng \d+: YAML không hợp lệ"):
        load_unit_records(data_copy)


def test_department_with_unknown_kind_or_successor(data_copy: Path) -> None:
    path = data_copy / "departments.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("kind: thanh tra", "kind: cục"), encoding="utf-8")
    with pytest.raises(InputError, match="loại «cục»"):
        load_unit_records(data_copy)
    path.write_text(original.replace("successor: stc", "successor: sxx"), encoding="utf-8")
    with pytest.raises(InputError, match=r"departments\.yaml, dòng \d+: đơn vị kế thừa"):
        load_unit_records(data_copy)
