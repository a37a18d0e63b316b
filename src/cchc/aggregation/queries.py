"""The SQL of a roll-up: plain SQL that SQLite, PostgreSQL and DuckDB all run unchanged.

Leaf units (no children) are summed per parent inside the database; only the few non-leaf
units' own values come back row by row, so a national roll-up moves little data.
"""

from __future__ import annotations

_SUBTREE = """
    FROM report_values v
    JOIN reports r ON r.id = v.report_id
    JOIN units u ON u.id = r.unit_id
    JOIN unit_closure c ON c.descendant_id = u.id
    JOIN indicators i ON i.id = v.indicator_id
    WHERE c.ancestor_id = :unit AND r.period_code = :period
      AND r.status IN ({statuses})
      AND v.num IS NOT NULL
      AND (u.valid_from IS NULL OR u.valid_from <= :day)
      AND (u.valid_to IS NULL OR u.valid_to >= :day)
"""
_PARENTS = "SELECT DISTINCT parent_id FROM units WHERE parent_id IS NOT NULL"

# Grouped by the integer indicator id (cheaper to hash than the key), named afterwards.
LEAF_SUMS = f"""
    SELECT s.parent_id, ik.key, s.bucket, s.total, s.n
    FROM (
        SELECT u.parent_id, v.indicator_id,
               CASE WHEN i.aggregate = 'distribution' THEN v.num END AS bucket,
               SUM(v.num) AS total, COUNT(*) AS n
        {_SUBTREE}
          AND c.depth > 0
          AND i.aggregate IN ('sum', 'recompute', 'distribution')
          AND u.id NOT IN ({_PARENTS})
        GROUP BY u.parent_id, v.indicator_id, CASE WHEN i.aggregate = 'distribution' THEN v.num END
    ) s
    JOIN indicators ik ON ik.id = s.indicator_id
"""

OWN_VALUES = f"""
    SELECT u.id, i.key, v.num
    {_SUBTREE}
      AND (u.id IN ({_PARENTS}) OR c.depth = 0)
"""

NON_LEAF_UNITS = f"""
    SELECT u.id, u.parent_id, c.depth
    FROM units u JOIN unit_closure c ON c.descendant_id = u.id
    WHERE c.ancestor_id = :unit
      AND (u.id IN ({_PARENTS}) OR c.depth = 0)
      AND (u.valid_from IS NULL OR u.valid_from <= :day)
      AND (u.valid_to IS NULL OR u.valid_to >= :day)
"""

CHILD_REPORTS = """
    SELECT u.id, u.key, u.name, u.level, r.status, r.submitted_at
    FROM units u
    LEFT JOIN reports r ON r.unit_id = u.id AND r.period_code = :period
         AND r.status IN ({statuses})
    WHERE u.parent_id = :unit
      AND (u.valid_from IS NULL OR u.valid_from <= :day)
      AND (u.valid_to IS NULL OR u.valid_to >= :day)
    ORDER BY u.key
"""

LEVEL_COMPLETENESS = """
    SELECT u.level, COUNT(DISTINCT u.id), COUNT(DISTINCT r.unit_id)
    FROM units u JOIN unit_closure c ON c.descendant_id = u.id
    LEFT JOIN reports r ON r.unit_id = u.id AND r.period_code = :period
         AND r.status IN ({statuses})
    WHERE c.ancestor_id = :unit AND c.depth > 0
      AND (u.valid_from IS NULL OR u.valid_from <= :day)
      AND (u.valid_to IS NULL OR u.valid_to >= :day)
    GROUP BY u.level
"""


def with_statuses(sql: str, statuses: tuple[str, ...]) -> str:
    """Inline the report statuses (fixed words, never user text) into a query."""
    if not all(s.isalpha() for s in statuses):
        raise ValueError("statuses are plain words")
    return sql.format(statuses=", ".join(f"'{s}'" for s in statuses))
