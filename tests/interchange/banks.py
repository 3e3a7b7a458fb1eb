"""Questions with every feature the GIFT and Moodle XML round trips carry, and how to compare them."""

from quizzes.interchange import questionimport
from quizzes.items import images, questioncontent, questions
from quizzes.models import Question
from quizzes.models.images import ImageSlot
from tests.factories import LessonFactory, png_bytes

TRICKY = (
    "Escapes: colon: hash# equals= tilde~ braces{} backslash\\ // not a comment\n[html] is text, 50% and %50%"
)


def _add_image(question, slot, color, alt, choice=None):
    images.add_image(data=png_bytes(color=color), alt=alt, slot=slot, question=question, choice=choice)


def every_feature(course) -> list[Question]:
    """One question of each kind and each text feature, with images in stem, explanation and an option."""
    skin = LessonFactory(course=course, title="Types of calcinosis cutis", slug="types", order=1)
    slashes = LessonFactory(course=course, title="Causes / triggers", slug="causes", order=2)
    made = [
        questions.create_question(
            course=course,
            lesson=skin,
            kind="single",
            key="cc-types-01",
            stem="Which type of calcinosis cutis follows tissue damage with normal calcium?",
            explanation="Dystrophic calcification needs damaged tissue,\nnot raised calcium.",
            teaching_note="Many reviews list connective tissue diseases among its causes.",
            teaching_note_reference="Reiter N, et al. J Am Acad Dermatol. 2011;65(1):1-12.",
            choices=[
                {"text": "Dystrophic", "is_correct": True, "explanation": "Right: damaged tissue."},
                {
                    "text": "Metastatic",
                    "is_correct": False,
                    "explanation": "Needs raised calcium or phosphate.",
                },
                {"text": "Idiopathic", "is_correct": False, "explanation": ""},
                {"text": "Iatrogenic", "is_correct": False, "explanation": ""},
            ],
        ),
        questions.create_question(
            course=course,
            lesson=skin,
            kind="single",
            text_format="html",
            stem="<p>Serum Ca<sup>2+</sup> is <strong>normal</strong>. Which type is shown?</p>",
            explanation="<p>See the <em>chalky</em> nodules.</p>",
            teaching_note="Calcium & phosphate are <normal> here.",
            teaching_note_reference="Reiter N, et al. 2011.",
            choices=[
                {"text": "Dystrophic", "is_correct": True, "explanation": "<b>Yes</b>"},
                {"text": "Metastatic", "is_correct": False},
                {"text": "Calciphylaxis", "is_correct": False},
            ],
        ),
        questions.create_question(
            course=course,
            lesson=slashes,
            kind="multiple",
            key="cc.causes:2",
            stem="Which two are causes of metastatic calcification?",
            choices=[
                {"text": "Chronic kidney disease", "is_correct": True, "explanation": "Raised phosphate."},
                {"text": "Milk-alkali syndrome", "is_correct": True},
                {"text": "Acne scars", "is_correct": False, "explanation": "Dystrophic."},
                {"text": "Lupus", "is_correct": False},
            ],
        ),
        questions.create_question(
            course=course,
            lesson=slashes,
            kind="multiple",
            stem="Which one is iatrogenic?",
            choices=[
                {"text": "Calcium gluconate extravasation", "is_correct": True},
                {"text": "Dermatomyositis", "is_correct": False},
                {"text": "Pseudoxanthoma elasticum", "is_correct": False},
            ],
        ),
        questions.create_question(
            course=course,
            lesson=skin,
            kind="true_false",
            stem="Calciphylaxis has a good prognosis.",
            explanation="It carries high mortality.",
            choices=questioncontent.true_false_choices(False, "No: mortality is high.", "Right."),
        ),
        questions.create_question(
            course=course,
            lesson=skin,
            kind="matching",
            key="cc-match",
            stem="Match each cause to its type.",
            explanation="Types follow the mechanism.",
            pairs=[
                {"premise": "Milk-alkali syndrome", "answer": "Metastatic"},
                {"premise": "Repeated heel sticks", "answer": "Iatrogenic"},
                {"premise": "Scleroderma", "answer": "Dystrophic"},
                {"premise": "", "answer": "Idiopathic"},
            ],
        ),
        questions.create_question(
            course=course,
            lesson=skin,
            kind="single",
            stem=TRICKY,
            explanation="a < b & c > d",
            choices=[
                {"text": "x = y {z}", "is_correct": True, "explanation": "# not feedback"},
                {"text": "%25% of cases", "is_correct": False},
                {"text": "a -> b", "is_correct": False, "explanation": "<b> is text"},
            ],
        ),
    ]
    with_images = made[1]
    _add_image(with_images, ImageSlot.STEM, (200, 30, 30), "Chalky nodules on the fingers")
    _add_image(with_images, ImageSlot.STEM, (30, 200, 30), "Radiograph: calcified deposits")
    _add_image(with_images, ImageSlot.EXPLANATION, (30, 30, 200), "Histology: basophilic deposits")
    _add_image(
        with_images, ImageSlot.OPTION, (90, 90, 90), "Plaque on the elbow", choice=with_images.choices.first()
    )
    plain_with_image = made[4]
    _add_image(plain_with_image, ImageSlot.STEM, (10, 120, 220), "Stellate purpura with necrosis")
    return made


def snapshot(question: Question) -> dict:
    """What a round trip must keep: text, options, fractions (as our key), feedback, images by checksum."""
    question = Question.objects.prefetch_related("choices__images__file", "pairs", "images__file").get(
        pk=question.pk
    )

    def shown(found):
        return [(image.file.sha256, image.alt) for image in found]

    parts = {slot: shown(question.images.filter(slot=slot, choice=None).order_by("order", "pk"))
             for slot in (ImageSlot.STEM, ImageSlot.EXPLANATION)}  # fmt: skip
    return {
        "kind": question.kind,
        "key": question.key,
        "format": question.text_format,
        "lesson": question.lesson.title,
        "stem": question.stem,
        "explanation": question.explanation,
        "teaching_note": (question.teaching_note, question.teaching_note_reference),
        "images": parts,
        "choices": [
            (c.text, c.is_correct, c.explanation, shown(c.images.order_by("order", "pk")))
            for c in question.choices.all()
        ],
        "pairs": [(p.premise, p.answer) for p in question.pairs.all()],
    }


def import_text(course, text: str, filename: str, user=None):
    """Read, plan and import a file into ``course``; returns the plan and the result."""
    file_format, bank = questionimport.read_file(text.encode("utf-8"), filename)
    plan = questionimport.plan(
        course=course, bank=bank, filename=filename, file_format=file_format, default_lesson=None
    )
    return plan, questionimport.import_questions(course=course, plan=plan, user=user)
