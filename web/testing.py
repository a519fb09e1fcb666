"""Browser test helpers shared by every app's journeys."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).parent / "tests" / "vendor" / "axe-4.14.1.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def accessibility_violations(page) -> list[str]:
    """Run axe-core on the current page for WCAG 2.2 A/AA rules; describe each violation."""
    page.evaluate(AXE.read_text())
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def assert_accessible(page) -> None:
    violations = accessibility_violations(page)
    assert not violations, f"Accessibility problems on {page.url}:\n" + "\n".join(violations)
