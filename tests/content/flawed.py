"""Flawed drafts the old generator proposed (issue 13), for tests of how the queue shows and gates flags.

The generator no longer proposes them (its drafts pass the item-writing
checks), so tests that need a flagged draft add these to an imported course.
"""

from quizzes.models import Article, Draft, Lesson

CAUSES = "What causes calcinosis cutis?"
TREATMENT = "What is the treatment for calcinosis cutis?"

LISTED_UNDER = {
    "kind": "matching",
    "prompt": "Match each item to the type of calcinosis cutis it is listed under.",
    "answer": "",
    "options": [],
    "pairs": [
        ["Milk-alkali syndrome", "Metastatic"],
        ["Sarcoidosis", "Metastatic"],
        ["Parenteral administration of calcium or phosphate", "Iatrogenic"],
    ],
    "categories": ["Dystrophic", "Metastatic", "Idiopathic", "Iatrogenic"],
    "explanation": "",
}

STATEMENTS = [
    (CAUSES, "Dystrophic calcinosis cutis occurs in an area where there is damaged, inflamed, neoplastic or necrotic skin."),
    (CAUSES, "Idiopathic calcinosis cutis generally occurs in the absence of any known tissue injury or systemic metabolic defect."),
    (TREATMENT, "Colchicine may be tried for calcinosis cutis."),
    (TREATMENT, "Corticosteroids may be tried for calcinosis cutis."),
    (TREATMENT, "Diltiazem may be tried for calcinosis cutis."),
    (TREATMENT, "Treprostinil may be tried for calcinosis cutis."),
]  # fmt: skip


# The lesson text each treatment statement came from (the lead-in and the drug's entry).
EXCERPTS = {
    statement: f"Medications that may be tried include:\n{statement.split()[0]}"
    for lesson, statement in STATEMENTS
    if lesson == TREATMENT
}


def _first_text(lesson: Lesson) -> str:
    """The first paragraph or lead-in of ``lesson`` (a span of its own text, whatever the article)."""
    return next(block["text"] for block in lesson.body["blocks"] if block.get("text"))


def add_flawed_drafts(course, article=None) -> list[Draft]:
    """The matching draft asking where causes are "listed under" and six statements all keyed True,
    on the article's lessons about causes and treatment (the seed's by default)."""
    article = article or Article.objects.filter(course=course).first()
    found = list(Lesson.objects.filter(article=article).order_by("order"))
    lessons = {
        CAUSES: next(lesson for lesson in found if "cause" in lesson.title.casefold()),
        TREATMENT: next(lesson for lesson in found if "treat" in lesson.title.casefold()),
    }
    made = [
        Draft.objects.create(
            course=course, article=article, lesson=lessons[CAUSES], key="old-matching", kind="matching",
            payload={"key": "old-matching", "lesson": CAUSES, **LISTED_UNDER},
            excerpt=_first_text(lessons[CAUSES]),
        )
    ]  # fmt: skip
    for number, (lesson, statement) in enumerate(STATEMENTS):
        key = f"old-true-false-{number}"
        payload = {
            "key": key, "kind": "true_false", "lesson": lesson, "prompt": statement, "answer": "True",
            "options": ["True", "False"], "explanation": statement, "excerpt": EXCERPTS.get(statement, statement),
        }  # fmt: skip
        made.append(
            Draft.objects.create(
                course=course, article=article, lesson=lessons[lesson], key=key, kind="true_false",
                payload=payload, excerpt=EXCERPTS.get(statement, statement),
            )
        )  # fmt: skip
    return made
