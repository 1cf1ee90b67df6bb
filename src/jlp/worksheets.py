"""Printable worksheets for sessions without computers: one page each, offline PDFs.

Each sheet is drawn from the course's own words, so it changes when they change:

- ``net-grid.pdf``: the blank NET grid, the 7 indicators × 6 stages of :mod:`jlp.vocabulary`
  with their labels and the text of each cell from the rubric, and the scoring rule;
- ``fee-ramp.pdf``: the four numbers of a fee ramp (:class:`jlp.fees.RampRule`), what the
  paper reports for EMASIM, and a year-by-year table to fill in;
- ``map-sheet.pdf``: the kinds of actor and types of tie of the network tables, room to draw,
  and a table for degree, betweenness and the step-back test;
- ``pool-sheet.pdf``: the illustrative yarn price list of the Masaya case, for the pool
  exercise by hand.

The PDFs are made with matplotlib and carry no date, so the same words give the same bytes:
``python -m jlp.worksheets`` writes them into ``book/worksheets/``, and a test checks that
the committed files are current.

>>> sorted(SHEETS)
['fee-ramp.pdf', 'map-sheet.pdf', 'net-grid.pdf', 'pool-sheet.pdf']
>>> pdf_bytes("net-grid.pdf")[:5]
b'%PDF-'
"""

from __future__ import annotations

import argparse
import io
import textwrap
from collections.abc import Callable
from pathlib import Path

from jlp.i18n import Messages

#: Where the book links the sheets from (relative to the repository root).
FOLDER = Path("book") / "worksheets"

#: A4 landscape and portrait, in inches.
LANDSCAPE = (11.69, 8.27)
PORTRAIT = (8.27, 11.69)

TEXT = Messages(
    {
        "net_title": "NET: blank grid for one network at one date",
        "net_fields": "Network: ____________________   Date: ____________   Assessor: ____________",
        "net_marks": "In each cell tick one box: ✓ achieved   ½ partial   ✗ not achieved   "
        "– not judged (no evidence either way). Judge from evidence, not from promises.",
        "net_rule": (
            "Points: achieved 2, partial 1, not achieved or not judged 0.  Stage score = points of "
            "its 7 cells ÷ 14; a stage is consolidated from 0.75 (11 points).  Current stage = the "
            "first stage not consolidated.  Index = all points ÷ 84 × 100.  Completeness = cells "
            "judged ÷ 42."
        ),
        "net_source": (
            "Indicators and stages: Ceglie & Dini (1999), Box 2 (reported). Cell texts: the "
            "course's "
            "operationalisation (illustrative). jlp: Joint learning for network brokers."
        ),
        "stage_total": "Stage points (of 14)",
        "fee_title": "Fee ramp worksheet: what the network pays its broker, year by year",
        "fee_numbers": "The four numbers of a ramp",
        "fee_rule": (
            "In year t the network pays nothing while t is within the free years; after that it "
            "pays the first share plus one step for each year since its first paying year, never "
            "more than the cap. Fee = share × yearly cost; subsidy = cost − fee. Cost recovery so "
            "far = all fees so far ÷ all costs so far."
        ),
        "fee_reported": "Reported for EMASIM (Ceglie & Dini, 1999, Honduras section): {free} years "
        "fully subsidised, then {first} of the cost, then more than 40 %. Every other number you "
        "write is your own (illustrative).",
        "fee_fields": "Network: ____________________   Yearly cost of the broker's service: "
        "____________",
        "fee_columns": (
            "Year",
            "Share paid (%)",
            "Fee",
            "Subsidy",
            "Fees so far",
            "Costs so far",
            "Cost recovery so far (%)",
        ),
        "fee_questions": (
            "1. In which year does the network first pay the full cost, if ever?   "
            "2. Is the fee small next to what co-operation earns the members?   "
            "3. Which numbers are reported, and which are yours?"
        ),
        "ramp_fields": {
            "subsidised_years": "Free years (fully subsidised)",
            "first_share": "First share (of the cost, in the first paying year)",
            "step": "Yearly step (share added each year)",
            "cap": "Cap (the highest share, 100 % = full cost)",
        },
        "map_title": "Map-drawing sheet: who works with whom",
        "map_fields": "Network or cluster: ____________________   Phase or date: ____________",
        "map_kinds": "Kinds of actor (draw each kind with its own shape)",
        "map_ties": "Types of tie (write the type on each line; an arrow for a one-way tie)",
        "map_draw": "Draw the map here",
        "map_columns": ("Actor", "Degree (partners)", "On many paths? (betweenness)", "If it left"),
        "map_stepback": (
            "Step-back test: cover the broker with your hand. Into how many pieces does the map "
            "fall? Which firms can no longer reach an institution?"
        ),
        "map_source": "Kinds and types: the course's network tables (jlp.graphs). A map drawn from "
        "memory is illustrative: say so when you show it.",
        "pool_title": "Pool sheet: who buys yarn together, and at what price",
        "pool_note": (
            "The price list of the Masaya case (illustrative: Box 4 gives no number). All-units "
            "tiers: an order that reaches a tier pays that tier's price on every kg."
        ),
        "pool_columns": (
            "Tier",
            "From (kg a month)",
            "Below (kg a month)",
            "Price (US$ per kg)",
            "Seller",
        ),
        "pool_table": ("Producer or group", "Yarn (kg a month)", "Price alone", "Cost alone"),
        "pool_questions": (
            "Add up the pool: total kg ______  price reached ______  cost together ______  "
            "saving ______.  Co-ordination cost a month (fixed + per member + per pair): ______.  "
            "Net saving: ______."
        ),
        "folder_help": "where to write",
    }
)

#: Shapes drawn for each kind of actor on the map sheet (matplotlib markers).
KIND_MARKERS = {
    "firm": "o",
    "enterprise_joint": "h",
    "institution": "s",
    "association": "^",
    "broker": "D",
    "market": "*",
    "network": "p",
}


def _figure(size: tuple[float, float]):
    from matplotlib.figure import Figure

    figure = Figure(figsize=size)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, size[0])
    axes.set_ylim(0, size[1])
    axes.axis("off")
    return figure, axes


def _label(slug: str) -> str:
    return slug.replace("_", " ")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def _table(axes, left, top, widths, height, header, rows, size=8.5) -> None:
    """Draw a ruled table: ``header`` and ``rows`` of text, ``widths`` in inches."""
    from matplotlib.patches import Rectangle

    for r, row in enumerate([header, *rows]):
        x = left
        y = top - (r + 1) * height
        for w, cell in zip(widths, row, strict=True):
            axes.add_patch(
                Rectangle((x, y), w, height, fill=r == 0, fc="#e8e8e8", ec="black", lw=0.6)
            )
            fits = max(4, int((w - 0.1) * 72 / (size * 0.64)))
            axes.text(
                x + 0.06,
                y + height / 2,
                _wrap(cell, fits),
                va="center",
                fontsize=size,
                fontweight="bold" if r == 0 else "normal",
            )
            x += w


def net_grid():
    """The blank NET grid: one page, landscape."""
    from matplotlib.patches import Rectangle

    from jlp.net.rubric import indicator_labels, rubric, stage_labels
    from jlp.vocabulary import INDICATORS, STAGES

    figure, ax = _figure(LANDSCAPE)
    cells = rubric().set_index(["indicator", "stage"])["result"]
    ilabels, slabels = indicator_labels(), stage_labels()
    ax.text(0.4, 7.95, TEXT["net_title"], fontsize=14, fontweight="bold", va="top")
    ax.text(0.4, 7.6, TEXT["net_fields"], fontsize=9.5, va="top")
    ax.text(0.4, 7.35, TEXT["net_marks"], fontsize=8, va="top")
    left, top, row_h, head_w, head_h = 0.4, 7.1, 0.82, 1.35, 0.4
    col_w = (LANDSCAPE[0] - 2 * left - head_w) / len(STAGES)
    for j, stage in enumerate(STAGES):
        x = left + head_w + j * col_w
        ax.add_patch(Rectangle((x, top - head_h), col_w, head_h, fc="#e8e8e8", ec="black", lw=0.6))
        ax.text(
            x + col_w / 2,
            top - head_h / 2,
            _wrap(f"{j + 1}. {slabels[stage]}", 22),
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold",
        )
    for i, indicator in enumerate(INDICATORS):
        y = top - head_h - (i + 1) * row_h
        ax.add_patch(Rectangle((left, y), head_w, row_h, fc="#e8e8e8", ec="black", lw=0.6))
        ax.text(
            left + 0.06,
            y + row_h / 2,
            _wrap(ilabels[indicator], 20),
            va="center",
            fontsize=7.5,
            fontweight="bold",
        )
        for j, stage in enumerate(STAGES):
            x = left + head_w + j * col_w
            ax.add_patch(Rectangle((x, y), col_w, row_h, fill=False, ec="black", lw=0.6))
            ax.text(
                x + 0.05,
                y + row_h - 0.05,
                _wrap(cells[(indicator, stage)], 42),
                va="top",
                fontsize=4.6,
                color="#333333",
                linespacing=1.1,
            )
            ax.text(x + 0.05, y + 0.07, "□ ✓   □ ½   □ ✗   □ –", fontsize=7, va="bottom")
    y = top - head_h - len(INDICATORS) * row_h - 0.3
    ax.add_patch(Rectangle((left, y), head_w, 0.3, fc="#e8e8e8", ec="black", lw=0.6))
    ax.text(
        left + 0.06, y + 0.15, TEXT["stage_total"], va="center", fontsize=7.5, fontweight="bold"
    )
    for j in range(len(STAGES)):
        ax.add_patch(
            Rectangle((left + head_w + j * col_w, y), col_w, 0.3, fill=False, ec="black", lw=0.6)
        )
    ax.text(left, y - 0.12, _wrap(TEXT["net_rule"], 190), fontsize=7.5, va="top")
    ax.text(left, 0.12, TEXT["net_source"], fontsize=6.5, va="bottom", color="#444444")
    return figure


def fee_ramp():
    """The fee-ramp worksheet: one page, portrait."""
    from jlp import fees

    figure, ax = _figure(PORTRAIT)
    emasim = fees.ramp_preset("emasim")
    ax.text(0.5, 11.2, TEXT["fee_title"], fontsize=12.5, fontweight="bold", va="top")
    ax.text(0.5, 10.8, TEXT["fee_fields"], fontsize=9, va="top")
    ax.text(0.5, 10.45, TEXT["fee_numbers"], fontsize=10.5, fontweight="bold", va="top")
    rows = [(label, "") for label in TEXT["ramp_fields"].values()]
    _table(ax, 0.5, 10.2, (4.6, 2.6), 0.34, ("", "Your ramp"), rows, size=9)
    reported = TEXT["fee_reported"].format(
        free=emasim.subsidised_years, first=f"{emasim.first_share:.0%}".replace("%", " %")
    )
    ax.text(0.5, 8.35, _wrap(reported, 115), fontsize=8.5, va="top", style="italic")
    ax.text(0.5, 7.85, _wrap(TEXT["fee_rule"], 115), fontsize=8.5, va="top")
    widths = (0.5, 1.05, 0.95, 0.95, 1.05, 1.05, 1.6)
    rows = [(str(year), "", "", "", "", "", "") for year in range(1, 11)]
    _table(ax, 0.5, 7.0, widths, 0.45, TEXT["fee_columns"], rows, size=8.5)
    ax.text(0.5, 1.9, _wrap(TEXT["fee_questions"], 110), fontsize=8.5, va="top")
    return figure


def map_sheet():
    """The map-drawing sheet: one page, portrait."""
    from matplotlib.patches import Rectangle

    from jlp.graphs import KNOWN_KINDS, KNOWN_TIES

    figure, ax = _figure(PORTRAIT)
    ax.text(0.5, 11.2, TEXT["map_title"], fontsize=13, fontweight="bold", va="top")
    ax.text(0.5, 10.85, TEXT["map_fields"], fontsize=9, va="top")
    ax.text(0.5, 10.5, TEXT["map_kinds"], fontsize=9, fontweight="bold", va="top")
    for n, kind in enumerate(KNOWN_KINDS):
        x = 0.6 + (n % 4) * 1.85
        y = 10.15 - (n // 4) * 0.3
        ax.plot(
            [x],
            [y],
            marker=KIND_MARKERS.get(kind, "o"),
            color="black",
            markersize=8,
            fillstyle="none",
        )
        ax.text(x + 0.15, y, _label(kind), fontsize=8.5, va="center")
    ax.text(0.5, 9.6, TEXT["map_ties"], fontsize=9, fontweight="bold", va="top")
    ax.text(0.5, 9.35, _wrap(", ".join(_label(t) for t in KNOWN_TIES), 120), fontsize=8.5, va="top")
    ax.add_patch(Rectangle((0.5, 4.3), 7.27, 4.6, fill=False, ec="black", lw=0.8, ls="--"))
    ax.text(0.6, 8.8, TEXT["map_draw"], fontsize=8, color="#666666", va="top")
    rows = [("", "", "", "") for _ in range(7)]
    _table(ax, 0.5, 4.1, (2.2, 1.3, 2.0, 1.77), 0.36, TEXT["map_columns"], rows, size=8.5)
    ax.text(0.5, 1.05, _wrap(TEXT["map_stepback"], 110), fontsize=8.5, va="top")
    ax.text(0.5, 0.4, _wrap(TEXT["map_source"], 130), fontsize=7, va="bottom", color="#444444")
    return figure


def pool_sheet():
    """The yarn pool sheet of the Masaya case: one page, portrait."""
    from jlp import scale

    figure, ax = _figure(PORTRAIT)
    tiers = scale.yarn_prices().table()
    ax.text(0.5, 11.2, TEXT["pool_title"], fontsize=13, fontweight="bold", va="top")
    ax.text(0.5, 10.85, _wrap(TEXT["pool_note"], 115), fontsize=8.5, va="top")
    rows = [
        (
            str(row.tier),
            f"{row.min_kg:,.0f}",
            "and more" if row.max_kg == float("inf") else f"{row.max_kg:,.0f}",
            f"{row.unit_price_usd:.2f}",
            str(row.label),
        )
        for row in tiers.itertuples()
    ]
    _table(ax, 0.5, 10.3, (0.5, 1.3, 1.3, 1.4, 2.77), 0.36, TEXT["pool_columns"], rows, size=8.5)
    rows = [("", "", "", "") for _ in range(12)]
    _table(ax, 0.5, 7.7, (2.9, 1.5, 1.4, 1.47), 0.38, TEXT["pool_table"], rows, size=8.5)
    ax.text(0.5, 2.5, _wrap(TEXT["pool_questions"], 110), fontsize=8.5, va="top")
    return figure


#: Every sheet: its file name and the function that draws it.
SHEETS: dict[str, Callable] = {
    "net-grid.pdf": net_grid,
    "fee-ramp.pdf": fee_ramp,
    "map-sheet.pdf": map_sheet,
    "pool-sheet.pdf": pool_sheet,
}


def pdf_bytes(name: str) -> bytes:
    """One sheet as PDF bytes, the same for the same words (no date, no producer version)."""
    buffer = io.BytesIO()
    figure = SHEETS[name]()
    figure.savefig(
        buffer,
        format="pdf",
        metadata={"CreationDate": None, "Producer": None, "Creator": None, "Title": name},
    )
    return buffer.getvalue()


def write_all(folder: Path = FOLDER) -> list[Path]:
    """Write every sheet into ``folder`` (created if needed); return the paths written."""
    from jlp.files.write import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    return [atomic_write(folder / name, pdf_bytes(name)) for name in SHEETS]


def main(argv: list[str] | None = None) -> int:
    """``python -m jlp.worksheets [FOLDER]``: write the sheets (default ``book/worksheets``)."""
    parser = argparse.ArgumentParser(
        prog="python -m jlp.worksheets", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER, help=TEXT["folder_help"])
    args = parser.parse_args(argv)
    for path in write_all(args.folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
