"""After-action reports: Markdown and self-contained HTML with an SVG chart."""

from simulator.report.render import Report, build_report, to_html, to_markdown

__all__ = ["Report", "build_report", "to_html", "to_markdown"]
