"""Self-check questions that answer in the static page: no kernel, no internet.

A Sphinx extension (``jlp.selfcheck`` in ``_config.yml``) with one directive. The question is
the argument; the options are a bullet list; ``[x]`` marks a right option and ``[ ]`` a
wrong one; a quoted line under an option is the feedback shown when a reader picks it::

    :::{self-check} Which kind of co-operation joins firms at the same step of the chain?
    - [x] Horizontal co-operation
      > Right: EcoHamaca's hammock makers all make hammocks and export together.
    - [ ] Vertical integration
      > Not quite: vertical integration links firms at different steps, such as suppliers
      > and a lead firm.
    :::

The page gets plain HTML buttons and about forty lines of JavaScript served by the site
(``_static/jlp-selfcheck.js``). Without JavaScript, and on paper, every option shows its
feedback, so nothing is lost. Works the same in a notebook's markdown cell.

>>> parse_marker("[x] Horizontal co-operation")
(True, 'Horizontal co-operation')
>>> parse_marker("[ ] Vertical integration")
(False, 'Vertical integration')
>>> parse_marker("No marker") is None
True
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from jlp.i18n import Messages

LOG = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
JS, CSS = "jlp-selfcheck.js", "jlp-selfcheck.css"

#: User-facing words, in the book's language when a page is built (jlp.i18n).
TEXT = Messages(
    {
        "title": "Self-check",
        "right": "Right.",
        "wrong": "Not quite.",
        "hint": "Pick an answer to see feedback.",
    }
)

_MARKER = re.compile(r"^\s*\[(?P<mark>[ xX])\]\s+")


def parse_marker(text: str) -> tuple[bool, str] | None:
    """``(is_right, rest)`` for an option that starts with ``[x]`` or ``[ ]``, else None."""
    m = _MARKER.match(text)
    if not m:
        return None
    return m.group("mark") in "xX", text[m.end() :]


class selfcheck(nodes.General, nodes.Element):
    """The whole question: ``ids`` and the language's words."""


class selfcheck_options(nodes.General, nodes.Element):
    """The ordered list of options."""


class selfcheck_option(nodes.General, nodes.Element):
    """One option: ``right`` (bool) and ``fid`` (the feedback's element id)."""


class selfcheck_choice(nodes.General, nodes.TextElement):
    """The clickable text of an option (inline content only)."""


class selfcheck_feedback(nodes.General, nodes.Element):
    """What the reader sees after picking the option."""


def _text(config: Any) -> dict[str, str]:
    return TEXT.in_language(getattr(config, "language", None))


class SelfCheckDirective(SphinxDirective):
    """``{self-check} question`` with a bullet list of ``[x]``/``[ ]`` options."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"name": lambda x: x}  # noqa: RUF012 (docutils API)

    def _warn(self, message: str) -> list[nodes.Node]:
        LOG.warning(
            f"self-check: {message}",
            location=(self.env.docname, self.lineno),
            type="jlp",
            subtype="selfcheck",
        )
        return []

    def run(self) -> list[nodes.Node]:
        serial = self.env.new_serialno("jlp-selfcheck")
        base = f"jlp-sc-{serial}"
        words = _text(self.config)
        body = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, body)
        lists = [child for child in body.children if isinstance(child, nodes.bullet_list)]
        if len(lists) != 1:
            return self._warn("write the options as one bullet list, each starting [x] or [ ]")
        node = selfcheck(ids=[base], words=words)
        question_nodes, messages = self.state.inline_text(self.arguments[0], self.lineno)
        question = nodes.paragraph(
            self.arguments[0], "", *question_nodes, classes=["jlp-question"], ids=[f"{base}-q"]
        )
        # a source and raw text make the question a message of the page's catalogue
        question.source, question.line = self.get_source_info()
        node += question
        node += messages
        for child in body.children:  # any text before the options belongs to the question
            if child is lists[0]:
                break
            node += child
        options = selfcheck_options()
        n_right = 0
        for index, item in enumerate(lists[0].children, start=1):
            if not item.children or not isinstance(item.children[0], nodes.paragraph):
                return self._warn(f"option {index} has no text")
            first = item.children[0]
            text = first.astext()
            parsed = parse_marker(text)
            if parsed is None:
                return self._warn(f"option {index} must start with [x] (right) or [ ] (wrong)")
            right, _ = parsed
            n_right += right
            _drop_marker(first)
            option = selfcheck_option(right=right, fid=f"{base}-f{index}")
            choice = selfcheck_choice(_MARKER.sub("", first.rawsource, count=1), "")
            choice.extend(first.children)
            choice.source, choice.line = first.source, first.line  # translatable, as above
            option += choice
            feedback = selfcheck_feedback(ids=[f"{base}-f{index}"], right=right, words=words)
            for extra in item.children[1:]:
                if isinstance(extra, nodes.block_quote):
                    feedback.extend(extra.children)
                else:
                    feedback += extra
            option += feedback
            options += option
        if len(options.children) < 2:
            return self._warn("a question needs at least two options")
        if n_right == 0:
            return self._warn("mark at least one option right with [x]")
        node += options
        self.add_name(node)
        return [node]


def _drop_marker(paragraph: nodes.paragraph) -> None:
    """Remove the leading ``[x] `` / ``[ ] `` from the paragraph's first text node."""
    for text in paragraph.findall(nodes.Text):
        new = _MARKER.sub("", str(text), count=1)
        text.parent.replace(text, nodes.Text(new))
        return


# --- HTML ------------------------------------------------------------------------------


def _visit_selfcheck(self: Any, node: selfcheck) -> None:
    words = node["words"]
    qid = f"{node['ids'][0]}-q"
    self.body.append(
        f'<div class="jlp-self-check admonition" id="{node["ids"][0]}" role="group" '
        f'aria-labelledby="{qid}" data-right="{self.encode(words["right"])}" '
        f'data-wrong="{self.encode(words["wrong"])}">'
        f'<p class="admonition-title">{self.encode(words["title"])}</p>'
    )


def _depart_selfcheck(self: Any, node: selfcheck) -> None:
    self.body.append('<p class="jlp-status" aria-live="polite"></p></div>')


def _visit_options(self: Any, node: selfcheck_options) -> None:
    self.body.append('<ol class="jlp-options" type="A">')


def _depart_options(self: Any, node: selfcheck_options) -> None:
    self.body.append("</ol>")


def _visit_option(self: Any, node: selfcheck_option) -> None:
    right = "true" if node["right"] else "false"
    self.body.append(f'<li class="jlp-option" data-right="{right}">')


def _depart_option(self: Any, node: selfcheck_option) -> None:
    self.body.append("</li>")


def _visit_choice(self: Any, node: selfcheck_choice) -> None:
    fid = node.parent["fid"]
    self.body.append(
        f'<button type="button" class="jlp-choice" aria-controls="{fid}" aria-expanded="true">'
    )


def _depart_choice(self: Any, node: selfcheck_choice) -> None:
    self.body.append("</button>")


def _visit_feedback(self: Any, node: selfcheck_feedback) -> None:
    words = node["words"]
    verdict = words["right"] if node["right"] else words["wrong"]
    kind = "right" if node["right"] else "wrong"
    self.body.append(
        f'<div class="jlp-feedback jlp-{kind}" id="{node["ids"][0]}">'
        f'<p class="jlp-verdict">{self.encode(verdict)}</p>'
    )


def _depart_feedback(self: Any, node: selfcheck_feedback) -> None:
    self.body.append("</div>")


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _add_assets_where_needed(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if doctree is not None and any(True for _ in doctree.findall(selfcheck)):
        app.add_js_file(JS)
        app.add_css_file(CSS)


def _static_path(app: Any, config: Any) -> None:
    if str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def code_version() -> int:
    """A number that changes whenever this extension's code or browser files change.

    Sphinx rebuilds every page when an extension's ``env_version`` changes, so an updated
    extension never leaves pages or ``_static`` files of an older one in a built site.
    """
    digest = hashlib.sha1()
    for path in sorted([Path(__file__), *STATIC.glob("*")]):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:8], 16)


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point."""
    # Only "html": Sphinx gives singlehtml/dirhtml the html handlers when no extension
    # registers handlers under their own names (registering them hides everyone else's).
    html = ("html",)
    plain = {
        "latex": (_skip, None),
        "text": (_skip, None),
        "man": (_skip, None),
        "texinfo": (_skip, None),
    }
    for node_class, visit, depart in (
        (selfcheck, _visit_selfcheck, _depart_selfcheck),
        (selfcheck_options, _visit_options, _depart_options),
        (selfcheck_option, _visit_option, _depart_option),
        (selfcheck_choice, _visit_choice, _depart_choice),
        (selfcheck_feedback, _visit_feedback, _depart_feedback),
    ):
        app.add_node(node_class, **{k: (visit, depart) for k in html}, **plain)
    app.add_directive("self-check", SelfCheckDirective)
    app.connect("config-inited", _static_path)
    app.connect("html-page-context", _add_assets_where_needed)
    return {
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "version": "1",
        "env_version": code_version(),
    }


__all__ = ["TEXT", "SelfCheckDirective", "parse_marker", "setup"]
