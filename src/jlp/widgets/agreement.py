"""``AgreementView``: the instructor's view of a class folder of NET scorings.

Point it at the folder where trainees drop their scorings (``jlp.net.drop_scoring``; on a
hub, the class folder). It lists the case moments found (network, date, how many
assessors), and for the one chosen shows Krippendorff's alpha, the grid of spreads, the
cells ranked for discussion and each assessor against the group. *Edit consensus* opens
the consensus scoring (the median of each cell) in a :class:`~jlp.widgets.NetScorer`, where
the group changes the cells it decides on and saves the agreed assessment to a history.

Every number comes from :mod:`jlp.net.agreement`; the tables are the offline report's own
autoescaped template, so nothing a trainee typed is shown as markup.

>>> import tempfile
>>> from jlp import net
>>> folder = tempfile.mkdtemp()
>>> for name, rating in (("Ana", 2), ("Ben", 1), ("Eva", 2)):
...     table = net.from_ratings(
...         "Emasim",
...         "1998-03-01",
...         {("group_cohesion", "decision"): rating, ("group_cohesion", "pilot_projects"): 0},
...     )
...     _ = net.drop_scoring(table, folder, assessor=name)
>>> view = AgreementView(folder, n_boot=0)
>>> view.result.assessors
('Ana', 'Ben', 'Eva')
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.net.agreement import Agreement, agreement
from jlp.net.class_folder import class_folder, moments, read_scorings
from jlp.report.agreement_report import agreement_fragment
from jlp.widgets.frame import tooltips

#: User-facing strings of this widget, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "folder": "Class folder",
        "read": "Read scorings",
        "moment": "Case moment",
        "moment_option": "{network} · {date} · {n} assessors",
        "history": "History file",
        "history_placeholder": "e.g. net-history.csv",
        "edit": "Edit consensus",
        "found": "Read {n} scorings from {folder}.",
        "none": "No case moment has two assessors or more yet.",
        "consensus_help": "The consensus below starts from the median of each cell (ties take "
        "the lower rating). Change the cells the group decides on, then save it to the history "
        "as the network's agreed assessment.",
    }
)


def _status(message: str, *, error: bool = False) -> str:
    colour = "#B00020" if error else "#1B5E20"
    lines = "<br>".join(html.escape(line) for line in message.splitlines())
    return f'<div style="color:{colour}">{lines}</div>'


class AgreementView(widgets.VBox):
    """A class folder's scorings of one case moment, compared; the consensus to edit."""

    def __init__(
        self,
        folder: str | os.PathLike | None = None,
        *,
        n_boot: int = 1000,
        seed: int = 0,
        history: str | os.PathLike | None = None,
    ) -> None:
        self.n_boot, self.seed = n_boot, seed
        self.result: Agreement | None = None
        self._scorings: list = []
        self.folder = widgets.Text(
            value=str(class_folder(folder)),
            description=TEXT["folder"],
            layout=widgets.Layout(width="420px"),
        )
        self.read_button = widgets.Button(
            description=TEXT["read"], icon="refresh", button_style="primary"
        )
        self.moment = widgets.Dropdown(
            options=[], description=TEXT["moment"], layout=widgets.Layout(width="420px")
        )
        self.status = widgets.HTML()
        self.report = widgets.HTML()
        self.history = widgets.Text(
            value=str(history or ""),
            description=TEXT["history"],
            placeholder=TEXT["history_placeholder"],
        )
        self.edit_button = widgets.Button(description=TEXT["edit"], icon="pencil", disabled=True)
        self.editor = widgets.VBox()
        self.read_button.on_click(self._on_read)
        self.moment.observe(self._on_moment, names="value")
        self.edit_button.on_click(self._on_edit)
        super().__init__(
            [
                widgets.HBox(
                    [self.folder, self.read_button], layout=widgets.Layout(flex_flow="row wrap")
                ),
                self.moment,
                self.status,
                self.report,
                widgets.HBox(
                    [self.history, self.edit_button], layout=widgets.Layout(flex_flow="row wrap")
                ),
                self.editor,
            ]
        )
        tooltips(self)  # no control shows the tooltip "null" on a page
        if Path(self.folder.value).is_dir():
            self.read()

    def read(self) -> None:
        """Read the folder again and show the moment with the most assessors."""
        self.editor.children = ()
        try:
            self._scorings = read_scorings([self.folder.value.strip()])
        except JlpInputError as err:
            self.status.value = _status(str(err), error=True)
            return
        found = sorted(moments(self._scorings), key=lambda m: (-m[2], m[0], m[1]))
        options = [
            (TEXT["moment_option"].format(network=n, date=d, n=c), (n, d))
            for n, d, c in found
            if c >= 2
        ]
        self.status.value = _status(
            TEXT["found"].format(n=len(self._scorings), folder=self.folder.value)
        )
        self.moment.options = options
        if not options:
            self.report.value = _status(TEXT["none"], error=True)
            self.result = None
            self.edit_button.disabled = True
            return
        self.moment.value = options[0][1]
        self.show(*options[0][1])

    def show(self, network: str, date: str) -> None:
        """Compare the scorings of one case moment and draw the tables."""
        chosen = [
            s
            for s in self._scorings
            if s.table["network"].iloc[0] == network and s.table["date"].iloc[0] == date
        ]
        try:
            self.result = agreement(chosen, n_boot=self.n_boot, seed=self.seed)
        except JlpInputError as err:
            self.result = None
            self.report.value = ""
            self.edit_button.disabled = True
            self.status.value = _status(str(err), error=True)
            return
        self.report.value = agreement_fragment(self.result)
        self.edit_button.disabled = False

    def consensus_scorer(self):
        """A :class:`~jlp.widgets.NetScorer` holding the consensus, ready to edit and save."""
        from jlp.widgets.net_scorer import NetScorer

        if self.result is None:
            raise JlpInputError(TEXT["none"])
        return NetScorer(self.result.consensus, history=self.history.value.strip() or None)

    def _on_read(self, _button: widgets.Button | None = None) -> None:
        self.read()

    def _on_moment(self, change: dict) -> None:
        if change["new"] is not None and change["old"] is not None:
            self.show(*change["new"])

    def _on_edit(self, _button: widgets.Button | None = None) -> None:
        scorer = self.consensus_scorer()
        self.editor.children = (
            widgets.HTML(f"<small>{html.escape(TEXT['consensus_help'])}</small>"),
            scorer,
        )


__all__ = ["TEXT", "AgreementView"]
