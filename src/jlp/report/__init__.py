"""Standalone reports: one HTML file that opens offline in any browser.

>>> from jlp.report import net_report_html
>>> callable(net_report_html)
True
"""

from jlp.report.net_report import net_report_html, write_net_report

__all__ = ["net_report_html", "write_net_report"]
