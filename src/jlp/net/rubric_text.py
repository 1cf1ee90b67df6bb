"""The English texts of the bundled NET rubric, as messages of jlp's catalogue.

``datasets/net_rubric.csv`` is the source of the rubric's text; its Spanish comes through
jlp's one catalogue (:mod:`jlp.i18n`), like every other word of jlp. ``make messages``
reads Python only, so this module mirrors the CSV's text columns (labels, result, evidence)
for it; :func:`jlp.net.rubric.rubric` translates the CSV's own text, never this copy.
After editing the CSV, run ``python -m jlp.net.rubric_text`` to rewrite this module (a test
fails while the two differ), then ``make messages`` and translate the new entries.

>>> TEXT["indicator_label:group_cohesion"]
'Group cohesion'
"""

from __future__ import annotations

from pathlib import Path

from jlp.i18n import Messages

#: The rubric's columns whose text is translated.
TRANSLATED_COLUMNS = ("indicator_label", "stage_label", "result", "evidence")

# fmt: off
#: Each text of the rubric, keyed by column and cell (generated: see the module notes).
TEXT = Messages(
    {
        # @generated: the lines below are written by `python -m jlp.net.rubric_text`
        "indicator_label:group_cohesion": (
            "Group cohesion"
        ),
        "stage_label:promotion_motivation": (
            "Promotion and motivation"
        ),
        "result:group_cohesion:promotion_motivation": (
            "A core of entrepreneurs who share a problem or an opportunity comes back to the "
            "group's meetings of their own accord and talks openly about their businesses."
        ),
        "evidence:group_cohesion:promotion_motivation": (
            "Attendance lists of the first meetings; the broker's notes on who speaks."
        ),
        "stage_label:strategic_planning": (
            "Strategic planning"
        ),
        "result:group_cohesion:strategic_planning": (
            "Members tell each other about their costs, clients or suppliers, which they did not "
            "do before, and nobody leaves while the workplan is being drawn up."
        ),
        "evidence:group_cohesion:strategic_planning": (
            "Minutes of the planning meetings; the list of members at the start and end of the "
            "phase."
        ),
        "stage_label:decision": (
            "Decision"
        ),
        "result:group_cohesion:decision": (
            "Every member signs the group's agreement and pays the first contribution; those who "
            "will not commit say so and leave, rather than drift away."
        ),
        "evidence:group_cohesion:decision": (
            "The signed agreement; receipts for the first contributions."
        ),
        "stage_label:pilot_projects": (
            "Pilot projects"
        ),
        "result:group_cohesion:pilot_projects": (
            "Members take part in the pilot project and share its costs and risks as agreed; "
            "disputes are settled inside the group without the broker stepping in."
        ),
        "evidence:group_cohesion:pilot_projects": (
            "Pilot project accounts showing each member's share; minutes recording how disputes "
            "were settled."
        ),
        "stage_label:strategic_projects": (
            "Strategic projects"
        ),
        "result:group_cohesion:strategic_projects": (
            "Members put their own money into joint assets (equipment, a common facility, a new "
            "enterprise) and accept that some of them specialise and depend on the others."
        ),
        "evidence:group_cohesion:strategic_projects": (
            "Investment contracts; the shareholding of a joint enterprise; the agreed division of "
            "work."
        ),
        "stage_label:self_management": (
            "Self-management"
        ),
        "result:group_cohesion:self_management": (
            "The group keeps meeting and acting together after the broker's assistance tapers off, "
            "and admits or replaces members by its own rules."
        ),
        "evidence:group_cohesion:self_management": (
            "Minutes dated after the broker's withdrawal; the membership register."
        ),
        "indicator_label:group_organisation": (
            "Group organisation"
        ),
        "result:group_organisation:promotion_motivation": (
            "The group has named a provisional co-ordinator or contact person and agreed where and "
            "how often it meets."
        ),
        "evidence:group_organisation:promotion_motivation": (
            "A contact list; the meeting calendar."
        ),
        "result:group_organisation:strategic_planning": (
            "The group has written rules: its representative bodies with their functions and terms "
            "of office, the fines for free riders and the membership fees."
        ),
        "evidence:group_organisation:strategic_planning": (
            "The written rules or draft statutes."
        ),
        "result:group_organisation:decision": (
            "The group has filed for the legal form it chose while planning (strategic planning), "
            "and a treasurer keeps the group's money in a bank account or a cash book."
        ),
        "evidence:group_organisation:decision": (
            "Registration papers; the bank account or cash book."
        ),
        "result:group_organisation:pilot_projects": (
            "Tasks of the pilot project are assigned to named members, who report back; tasks are "
            "reassigned after the group reviews the results."
        ),
        "evidence:group_organisation:pilot_projects": (
            "Task lists in the minutes; reports by the members in charge."
        ),
        "result:group_organisation:strategic_projects": (
            "A common structure with its own accounts runs (purchase centre, common facility or "
            "joint enterprise), with a member or an employee in charge of it."
        ),
        "evidence:group_organisation:strategic_projects": (
            "The structure's own accounts; a job description or mandate for the person in charge."
        ),
        "result:group_organisation:self_management": (
            "The group pays a manager or a member to co-ordinate its work; the broker only advises "
            "now and then."
        ),
        "evidence:group_organisation:self_management": (
            "An employment contract or a paid mandate; the broker's time sheets showing little "
            "time on this network."
        ),
        "indicator_label:problem_analysis": (
            "Capacity of problem analysis"
        ),
        "result:problem_analysis:promotion_motivation": (
            "Members can name the problems they have in common, even if only as symptoms such as a "
            "shortage of working capital."
        ),
        "evidence:problem_analysis:promotion_motivation": (
            "The broker's notes of the first meetings; a list of problems raised."
        ),
        "result:problem_analysis:strategic_planning": (
            "With the broker, the group has traced its shared problems back to their causes (for "
            "instance poor cash-flow management behind a shortage of working capital) and written "
            "the diagnosis down."
        ),
        "evidence:problem_analysis:strategic_planning": (
            "A written diagnosis of common problems and opportunities, with causes."
        ),
        "result:problem_analysis:decision": (
            "The group has ranked its problems and opportunities and chosen the one it will tackle "
            "first, with the reasons recorded."
        ),
        "evidence:problem_analysis:decision": (
            "Minutes recording the ranking and the choice."
        ),
        "result:problem_analysis:pilot_projects": (
            "The group compares the pilot project's results with the diagnosis and explains what "
            "worked, what did not, and why."
        ),
        "evidence:problem_analysis:pilot_projects": (
            "A written review of the pilot project."
        ),
        "result:problem_analysis:strategic_projects": (
            "Members analyse their production and markets together (costs, capacity, what each "
            "firm does best) to decide who specialises in what."
        ),
        "evidence:problem_analysis:strategic_projects": (
            "Cost and capacity comparisons across the firms; a market study."
        ),
        "result:problem_analysis:self_management": (
            "The group spots new problems and opportunities by itself and commissions studies or "
            "services when it needs them."
        ),
        "evidence:problem_analysis:self_management": (
            "Requests or contracts for studies and services placed by the group itself."
        ),
        "indicator_label:planning_capacity": (
            "Capacity of strategic planning"
        ),
        "result:planning_capacity:promotion_motivation": (
            "The group can state in a few sentences what it wants to achieve together."
        ),
        "evidence:planning_capacity:promotion_motivation": (
            "A short statement of common aims in the minutes."
        ),
        "result:planning_capacity:strategic_planning": (
            "A common workplan exists, with objectives, activities, who does what, a fixed time "
            "frame and evaluation criteria, both quantitative and qualitative, agreed by the "
            "members."
        ),
        "evidence:planning_capacity:strategic_planning": (
            "The workplan document."
        ),
        "result:planning_capacity:decision": (
            "The members approve the workplan and sign the service contract with the broker, fee "
            "included."
        ),
        "evidence:planning_capacity:decision": (
            "The approved workplan; the signed service contract."
        ),
        "result:planning_capacity:pilot_projects": (
            "The group keeps to the workplan's calendar, checks the pilot project against its "
            "evaluation criteria and updates the plan."
        ),
        "evidence:planning_capacity:pilot_projects": (
            "Progress reports against the workplan; the revised workplan."
        ),
        "result:planning_capacity:strategic_projects": (
            "The group plans medium-term investment projects with a budget, a way to finance them "
            "and the returns it expects."
        ),
        "evidence:planning_capacity:strategic_projects": (
            "Project proposals with budgets; loan applications."
        ),
        "result:planning_capacity:self_management": (
            "The group writes and revises its own workplan each year; the broker no longer drafts "
            "it."
        ),
        "evidence:planning_capacity:self_management": (
            "The latest workplan, written by the members."
        ),
        "indicator_label:production_changes": (
            "Production and organisation changes"
        ),
        "result:production_changes:promotion_motivation": (
            "Members visit each other's workshops and compare how they work."
        ),
        "evidence:production_changes:promotion_motivation": (
            "The broker's visit reports; members' comments in the minutes."
        ),
        "result:production_changes:strategic_planning": (
            "The workplan names the changes in production or organisation worth making together "
            "(standards, sizes, materials, tools)."
        ),
        "evidence:production_changes:strategic_planning": (
            "The relevant section of the workplan."
        ),
        "result:production_changes:decision": (
            "Members agree on common standards for at least one product (sizes, quality, prices) "
            "or on sharing tools."
        ),
        "evidence:production_changes:decision": (
            "A written standard or price list; a tool-sharing agreement."
        ),
        "result:production_changes:pilot_projects": (
            "A first joint operation has taken place: a joint purchase of raw material, a shared "
            "order, a common catalogue or a stand at a fair."
        ),
        "evidence:production_changes:pilot_projects": (
            "Purchase orders, invoices, the catalogue or fair registration in the group's name."
        ),
        "result:production_changes:strategic_projects": (
            "Production is reorganised across the firms: specialisation by process or product, "
            "common facilities, new product lines or a common brand."
        ),
        "evidence:production_changes:strategic_projects": (
            "A description of the new division of work; the facility; the brand or new products on "
            "sale."
        ),
        "result:production_changes:self_management": (
            "Members keep upgrading processes and products on their own initiative, buying "
            "technical services from outside when they need them."
        ),
        "evidence:production_changes:self_management": (
            "Recent changes introduced without the broker; contracts with technical service "
            "providers."
        ),
        "indicator_label:economic_changes": (
            "Changes in economic variables"
        ),
        "result:economic_changes:promotion_motivation": (
            "Members provide starting figures for their firms' sales, employment and fixed assets."
        ),
        "evidence:economic_changes:promotion_motivation": (
            "Baseline forms filled in by each member."
        ),
        "result:economic_changes:strategic_planning": (
            "The baseline is recorded and the workplan sets targets for the economic variables it "
            "aims to change."
        ),
        "evidence:economic_changes:strategic_planning": (
            "The baseline table; targets in the workplan."
        ),
        "result:economic_changes:decision": (
            "Members commit money: the first fee to the broker and their contributions to a common "
            "fund."
        ),
        "evidence:economic_changes:decision": (
            "Receipts; the common fund's cash book."
        ),
        "result:economic_changes:pilot_projects": (
            "The pilot project shows a gain that can be measured, such as a lower price for "
            "inputs, new sales or orders won together."
        ),
        "evidence:economic_changes:pilot_projects": (
            "Invoices compared before and after; the pilot project's accounts."
        ),
        "result:economic_changes:strategic_projects": (
            "The members' sales, employment or fixed assets have grown against the baseline."
        ),
        "evidence:economic_changes:strategic_projects": (
            "Follow-up forms compared with the baseline."
        ),
        "result:economic_changes:self_management": (
            "The network pays a growing share of the cost of the broker's services and funds its "
            "own activities from its revenue."
        ),
        "evidence:economic_changes:self_management": (
            "The service contracts over the years; the network's accounts."
        ),
        "indicator_label:external_relations": (
            "Relations with the external economic environment"
        ),
        "result:external_relations:promotion_motivation": (
            "The group knows which support institutions (training, credit, business associations) "
            "could help it."
        ),
        "evidence:external_relations:promotion_motivation": (
            "A list of institutions discussed in the meetings."
        ),
        "result:external_relations:strategic_planning": (
            "The group has contacted the institutions its workplan needs, such as a training "
            "centre, a credit programme or a business association."
        ),
        "evidence:external_relations:strategic_planning": (
            "Letters, meeting notes or visits to those institutions."
        ),
        "result:external_relations:decision": (
            "The group has a formal agreement or application with at least one institution, for "
            "instance a loan application or a training course."
        ),
        "evidence:external_relations:decision": (
            "The application or the agreement."
        ),
        "result:external_relations:pilot_projects": (
            "The group deals with suppliers, buyers or fair organisers as one party."
        ),
        "evidence:external_relations:pilot_projects": (
            "Contracts or correspondence in the group's name."
        ),
        "result:external_relations:strategic_projects": (
            "The group has steady relations with large buyers, lead firms, export markets or other "
            "networks, and uses outside technical and financial services."
        ),
        "evidence:external_relations:strategic_projects": (
            "Supply contracts; export documents; service contracts."
        ),
        "result:external_relations:self_management": (
            "The group negotiates with institutions and markets without the broker and joins "
            "sector or cluster initiatives."
        ),
        "evidence:external_relations:self_management": (
            "Agreements signed without the broker; membership of sector or cluster bodies."
        ),
    }
)
# fmt: on


def entries(csv_text: str) -> dict[str, str]:
    """The texts of a rubric CSV, keyed ``column:indicator`` (labels of an indicator),
    ``column:stage`` or ``column:indicator:stage`` (the texts of a cell).

    >>> entries(
    ...     "indicator,stage,indicator_label,stage_label,result,evidence\\n"
    ...     "group_cohesion,decision,Group cohesion,Decision,Members sign.,Minutes.\\n"
    ... )  # doctest: +NORMALIZE_WHITESPACE
    {'indicator_label:group_cohesion': 'Group cohesion', 'stage_label:decision': 'Decision',
     'result:group_cohesion:decision': 'Members sign.', 'evidence:group_cohesion:decision':
     'Minutes.'}
    """
    import csv
    import io

    found: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))):
        keys = {
            "indicator_label": f"indicator_label:{row['indicator']}",
            "stage_label": f"stage_label:{row['stage']}",
            "result": f"result:{row['indicator']}:{row['stage']}",
            "evidence": f"evidence:{row['indicator']}:{row['stage']}",
        }
        for column in TRANSLATED_COLUMNS:
            found.setdefault(keys[column], row[column].strip())
    return found


_MARKER = "        # @generated: the lines below are written by `python -m jlp.net.rubric_text`\n"


def _quoted(text: str, indent: str) -> str:
    """``text`` as Python string literals of at most 100 characters a line."""
    import json
    import re

    pieces, line = [], ""
    for word in re.findall(r"\S+\s*", text):
        if line and len(indent) + len(json.dumps(line + word, ensure_ascii=False)) > 100:
            pieces.append(line)
            line = ""
        line += word
    pieces.append(line)
    return "".join(f"{indent}{json.dumps(p, ensure_ascii=False)}\n" for p in pieces)


def module_text(csv_text: str, current: str) -> str:
    """``current`` (this module's source) with the generated dict rewritten from ``csv_text``."""
    head, rest = current.split(_MARKER, 1)
    tail = rest[rest.index("    }\n)\n# fmt: on") :]
    lines = [
        f'        "{key}": (\n' + _quoted(text, " " * 12) + "        ),\n"
        for key, text in entries(csv_text).items()
    ]
    return head + _MARKER + "".join(lines) + tail


def main() -> int:
    """Rewrite this module from the bundled rubric CSV."""
    from jlp.datasets import data_dir

    here = Path(__file__)
    source = (data_dir() / "net_rubric.csv").read_text(encoding="utf-8")
    here.write_text(module_text(source, here.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


__all__ = ["TEXT", "TRANSLATED_COLUMNS", "entries", "main", "module_text"]


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
