"""Item-writing checks (pure: no Django): flags on each question and note, findings on sets of them.

Entry points are in :mod:`quizzes.items.itemwriting.checks`; the checks and
their anchors (NBME Item-Writing Guide; Moore et al., EC-TEL 2023) are listed
in :mod:`quizzes.items.itemwriting.catalogue`.
"""
