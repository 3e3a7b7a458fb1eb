"""What the generator reads from an outline: lists, and groups of them (classifications).

A group is a classification ("Metastatic" / "Dystrophic" calcinosis cutis,
"First-line" / "Second-line" treatments, the entries a list nests others
under, the labels of label rows, the first cells of a table) whose
categories hold lists; each category also knows everything the article lists
under it (``asked``), the set no distractor may come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizzes.content.generation.text import overlaps, short_form


@dataclass(frozen=True)
class ItemList:
    """A list in the article, with its lead-in and where it is.

    heading: the heading of the section holding it; for a list under an
    entry, a label row or a table row, that entry, label or first cell.
    parent: that entry, label or first cell ("" for a list of its own).
    """

    lesson: str
    heading: str
    lead_in: str
    items: tuple[str, ...]
    parent: str = ""
    section: str = ""  # the heading of the section the list is in (for a nested list too)
    outer: str = ""  # for a list under an entry: the lead-in of the entry's own list ("Triggers include:")
    text: str = ""  # for a list split from a row's or a table cell's text: that text, verbatim
    ordered: bool = False  # a numbered list: a sequence (stages, steps), not examples of a class
    before: str = ""  # the paragraph just before the list ("In the bullous phase, tense blisters appear.")
    # the paragraph just after the list, in its section ("Larger naevi often occur on the trunk.")
    after: str = ""

    @property
    def intro(self) -> str:
        """What introduces the list: its lead-in; else its section's heading when that names it.

        A lesson's heading ("What causes X?") or a question never stands in
        for a lead-in, and neither does the entry a nested list sits under:
        "" then, and nothing is stated from the list alone.
        """
        if self.lead_in:
            return self.lead_in
        if self.parent or self.heading == self.lesson or self.heading.endswith("?"):
            return ""
        return self.heading


@dataclass
class Category:
    """One category of a group (a type, or a list told apart by its lead-in)."""

    name: str  # "Metastatic"
    tag: str  # the words that tell it from its siblings
    heading: str  # its sub-heading; "" for a category told by its list's lead-in alone
    lists: list[ItemList]
    definition: str = ""
    examples: tuple[str, ...] = ()
    asked: list[str] = field(default_factory=list)  # everything the article lists under it


@dataclass
class Group:
    """A classification: parallel sub-sections or parallel lead-ins of one lesson."""

    lesson: str
    heading: str
    noun: str  # the shared words, "calcinosis cutis"; "" for headings with nothing shared
    categories: list[Category]

    def members(self) -> list[tuple[str, Category, ItemList | None]]:
        """(item, category, list) for every list item, and (example, category, None) for prose examples."""
        out: list[tuple[str, Category, ItemList | None]] = []
        for category in self.categories:
            out += [(item, category, lst) for lst in category.lists for item in lst.items]
            out += [(example, category, None) for example in category.examples]
        return out

    def ambiguous(self, item: str) -> bool:
        """Listed under more than one category (then it classifies nothing)."""
        forms = {item, short_form(item)}
        return sum(any(overlaps(f, a) for f in forms for a in c.asked) for c in self.categories) > 1

    def category(self, name: str) -> Category | None:
        """The category with this name, if any."""
        return next((c for c in self.categories if c.name == name), None)
