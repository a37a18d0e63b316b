"""What the report says: the facts gathered for a unit and a period turned into a plain,
format-independent :class:`~cchc.render.model.ReportContent`."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from cchc.catalog import Catalog
from cchc.render.body import build_sections
from cchc.render.checklist import build_checklist
from cchc.render.comparison import build_comparison
from cchc.render.facts import Facts, gather
from cchc.render.letterhead import build_letterhead
from cchc.render.model import NUMBER_BLANK, Letterhead, ReportContent
from cchc.render.sentences import SentenceContext
from cchc.render.tables import form_tables
from cchc.render.texts import fill, one_line, outline
from cchc.storage.models import Unit
from cchc.units.periods import Period


def build_content(
    session: Session, catalog: Catalog, unit: Unit, period: Period, issued_on: date
) -> ReportContent:
    """Everything the report of ``unit`` for ``period`` says, dated ``issued_on``."""
    return content_from_facts(catalog, gather(session, catalog, unit, period), issued_on)


def content_from_facts(catalog: Catalog, facts: Facts, issued_on: date) -> ReportContent:
    """The report content from gathered facts."""
    letter = build_letterhead(facts.unit, facts.ancestors, facts.child_levels)
    words = report_words(facts.period, letter)
    values = facts.current.values
    ctx = SentenceContext(
        catalog=catalog,
        period=facts.period,
        level=facts.unit.level,
        values=values,
        decimals=_stated_decimals(facts),
        previous=facts.previous,
        last_year=facts.last_year,
        words=words,
    )
    rollup = facts.current.rollup
    comparison = build_comparison(rollup, facts.child_figures, facts.unit.name)
    sections = build_sections(
        ctx, facts.template, facts.narrative, rollup, comparison, facts.unit.name
    )
    spec = outline()
    basis = facts.template.basis
    intro = spec["intro"] if basis else spec["intro_without_basis"]
    return ReportContent(
        unit_key=facts.unit.key,
        unit_name=facts.unit.name,
        period=facts.period,
        template_id=facts.template.id,
        issued_on=issued_on,
        letterhead=letter,
        document_type=spec["document_type"],
        subject=fill(spec["subject"], **words),
        intro=fill(one_line(intro), basis=basis or "", **words),
        sections=sections,
        closing=fill(spec["closing"], recipient=", ".join(letter.recipients), **words),
        forms=form_tables(
            catalog, facts.template, values, facts.current.own, facts.current.figures.distributions
        ),
        annex_attached=fill(
            spec["annex"]["attached"],
            number_blank=NUMBER_BLANK,
            code=letter.code,
            date=f"{issued_on:%d/%m/%Y}",
            short=letter.short_name,
        ),
        comparison=comparison,
        checklist=build_checklist(facts, sections),
        values=dict(values),
    )


def report_words(period: Period, letter: Letterhead) -> dict[str, str]:
    """Words every sentence and heading may use."""
    next_period = fill(
        outline()["next_period"][period.kind], year=period.year, next_year=period.year + 1
    )
    return {
        "period": period.label,
        "next_period": next_period,
        "year": str(period.year),
        "in_period": f"Trong {period.label}",
        "in_period_lower": f"trong {period.label}",
        "we": letter.we,
        "area": letter.area,
        "reporter": letter.reporter,
    }


def _stated_decimals(facts: Facts) -> dict[str, int]:
    """Decimals as the unit printed its figures, where the figure shown is the one stated."""
    values = facts.current.values
    return {
        key: value.decimals
        for key, value in facts.current.own.items()
        if value.decimals is not None and value.num is not None and values.get(key) == value.num
    }
