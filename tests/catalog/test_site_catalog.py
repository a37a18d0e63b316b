"""The site catalog (CCHC_CATALOG_DIR) layered on the shipped one: loading, caching and
reloading, planned changes written atomically, and the CLI seeing it."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import EXAMPLES

from cchc.catalog import DATA_DIR, default_catalog, load_catalog, reload_catalog
from cchc.catalog.files import (
    CatalogFileError,
    CatalogFileTooLarge,
    apply,
    check_name,
    plan_removal,
    plan_upload,
    read_upload,
    undo,
)
from cchc.catalog.site import LiveCatalog, catalog_directories
from cchc.cli.main import main
from cchc.errors import CatalogError
from cchc.settings import SETTINGS_HELP, load_settings

VARIANT_ID = "province-581-bac-giang"
SHIPPED_PROVINCE = (DATA_DIR / "templates" / "province-581.yaml").read_text(encoding="utf-8")
# A province's variant started from the shipped template: its own id, one row more.
VARIANT = SHIPPED_PROVINCE.replace("id: province-581\n", f"id: {VARIANT_ID}\n").replace(
    '      - {code: "7", indicator: direction.citizen_dialogue}\n',
    '      - {code: "7", indicator: direction.citizen_dialogue}\n'
    '      - {code: "8", indicator: bac_giang.online_meetings}\n',
)
OWN_INDICATORS = """\
indicators:
  - id: bac_giang.online_meetings
    name: Số cuộc họp trực tuyến về CCHC
    name_en: Online CCHC meetings
    unit: cuộc
    type: count
    area: direction
"""


def _site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path) -> Path:
    """A site directory with a provincial variant and the indicator file it needs."""
    return _site(
        tmp_path / "site-catalog",
        {"indicators/bac-giang.yaml": OWN_INDICATORS, f"templates/{VARIANT_ID}.yaml": VARIANT},
    )


def test_the_site_catalog_is_layered_on_the_shipped_one(site):
    catalog = load_catalog(catalog_directories(site))
    shipped = load_catalog()
    assert set(catalog.templates) == set(shipped.templates) | {VARIANT_ID}
    assert set(catalog.indicators) == set(shipped.indicators) | {"bac_giang.online_meetings"}
    variant = catalog.template(VARIANT_ID)
    assert variant.locate("bac_giang.online_meetings") == (1, "8")
    assert variant.locate("direction.directive_documents") == (1, "1"), "shipped ones reused"


def test_a_shipped_id_in_the_site_directory_stays_an_error(tmp_path):
    site = _site(tmp_path, {"templates/copy.yaml": SHIPPED_PROVINCE})
    with pytest.raises(CatalogError) as caught:
        load_catalog(catalog_directories(site))
    message = str(caught.value)
    assert str(site / "templates" / "copy.yaml") in message and "trùng" in message
    assert "province-581.yaml" in message


def test_a_missing_site_directory_is_no_error(tmp_path):
    assert catalog_directories(tmp_path / "none") == [DATA_DIR]
    assert catalog_directories(None) == [DATA_DIR]


def test_settings_name_the_site_directory(tmp_path, monkeypatch):
    assert "CCHC_CATALOG_DIR" in SETTINGS_HELP
    assert SETTINGS_HELP["CCHC_CATALOG_DIR"][0] == "site-catalog"
    monkeypatch.chdir(tmp_path)
    assert load_settings({}).catalog_dir == tmp_path / "site-catalog"
    assert load_settings({"CCHC_CATALOG_DIR": "tinh"}).catalog_dir == tmp_path / "tinh"
    assert load_settings({"CCHC_CATALOG_DIR": "/srv/dm"}).catalog_dir == Path("/srv/dm")


def test_default_catalog_reads_the_site_directory_and_follows_its_changes(site, monkeypatch):
    monkeypatch.setenv("CCHC_CATALOG_DIR", str(site))
    first = default_catalog()
    assert VARIANT_ID in first.templates
    assert default_catalog() is first, "cached while nothing changes"
    (site / "templates" / f"{VARIANT_ID}.yaml").unlink()
    assert VARIANT_ID not in default_catalog().templates, "a changed directory is reloaded"
    assert VARIANT_ID not in reload_catalog().templates
    monkeypatch.delenv("CCHC_CATALOG_DIR")
    monkeypatch.chdir(site.parent.parent)  # no site-catalog folder here
    assert VARIANT_ID not in default_catalog().templates


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_live_catalog_notices_another_process_at_most_once_a_second(site):
    clock = _Clock()
    live = LiveCatalog(site, clock=clock)
    assert VARIANT_ID in live.catalog.templates
    (site / "templates" / f"{VARIANT_ID}.yaml").unlink()  # another worker removed it
    clock.now = 0.5
    assert VARIANT_ID in live.catalog.templates, "not checked again within the second"
    clock.now = 1.2
    assert VARIANT_ID not in live.catalog.templates
    (site / "templates" / "broken.yaml").write_text("id: [", encoding="utf-8")
    clock.now = 2.5
    assert "province-581" in live.catalog.templates, "a broken directory keeps the last good one"


def test_a_fixed_catalog_never_reloads(site):
    shipped = load_catalog()
    live = LiveCatalog(None, shipped, clock=_Clock())
    assert live.catalog is shipped


# --- planned changes ---


@pytest.mark.parametrize(
    "name", ["../x.yaml", "a/b.yaml", ".hidden.yaml", "Tinh.yaml", "x.yml", "x.yaml/..", ""]
)
def test_file_names_are_plain(name):
    with pytest.raises(CatalogFileError):
        check_name(name)


def test_uploads_are_read_on_their_own_first():
    assert read_upload("t.yaml", VARIANT.encode()).kind == "templates"
    assert read_upload("i.yaml", OWN_INDICATORS.encode()).indicators == (
        "bac_giang.online_meetings",
    )
    with pytest.raises(CatalogFileError, match="UTF-8"):
        read_upload("t.yaml", VARIANT.encode("utf-16"))
    with pytest.raises(CatalogFileError, match="dòng 2, cột 1"):
        read_upload("t.yaml", b"id: [unclosed\n")
    with pytest.raises(CatalogFileError, match="không nhận ra loại tệp"):
        read_upload("t.yaml", b"id: x\nname: y\n")
    with pytest.raises(CatalogFileTooLarge):
        read_upload("t.yaml", b"#" * (1024 * 1024 + 1))


def test_a_change_is_checked_whole_then_written_and_can_be_undone(tmp_path):
    site = tmp_path / "site"
    with pytest.raises(CatalogFileError) as caught:
        plan_upload(site, "v.yaml", VARIANT.encode())  # its own indicator is not there yet
    assert "bac_giang.online_meetings" in str(caught.value)
    assert str(site / "templates" / "v.yaml") in str(caught.value), "names the site's path"
    assert "Tệp chưa được lưu" in str(caught.value)
    apply(plan_upload(site, "bg.yaml", OWN_INDICATORS.encode()))
    change = plan_upload(site, "v.yaml", VARIANT.encode())
    assert VARIANT_ID in change.catalog.templates
    apply(change)
    assert (site / "templates" / "v.yaml").read_text(encoding="utf-8") == VARIANT
    assert not list(site.rglob("*.tmp")), "no temporary file left behind"
    with pytest.raises(CatalogFileError, match="cần nó"):
        plan_removal(site, "bg.yaml")  # the variant places its indicator
    undo(change)
    assert not (site / "templates" / "v.yaml").exists()
    removal = plan_removal(site, "bg.yaml")
    assert removal.removed_indicators == ("bac_giang.online_meetings",)


def test_a_replacement_reports_what_it_takes_away(tmp_path):
    site = tmp_path / "site"
    apply(plan_upload(site, "bg.yaml", OWN_INDICATORS.encode()))
    smaller = OWN_INDICATORS.replace("bac_giang.online_meetings", "bac_giang.meetings")
    change = plan_upload(site, "bg.yaml", smaller.encode())
    assert change.removed_indicators == ("bac_giang.online_meetings",)
    apply(change)
    undo(change)
    assert (site / "indicators" / "bg.yaml").read_text(encoding="utf-8") == OWN_INDICATORS


# --- the CLI ---


def _cchc(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1


def test_the_cli_sees_the_site_catalog(site, monkeypatch, capsys, tmp_path):
    forms = str(EXAMPLES / "bac-giang-q3-2023-forms.csv")
    monkeypatch.setenv("CCHC_DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")
    monkeypatch.setenv("CCHC_CATALOG_DIR", str(tmp_path / "empty"))
    assert _cchc("check", forms, "--template", VARIANT_ID) == 2
    assert f"Không có bộ biểu mẫu «{VARIANT_ID}»" in capsys.readouterr().err
    monkeypatch.setenv("CCHC_CATALOG_DIR", str(site))
    assert _cchc("check", forms, "--template", VARIANT_ID, "--json") == 1, "the known sum error"
    assert '"rule": "sum"' in capsys.readouterr().out
