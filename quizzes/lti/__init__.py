"""LTI 1.3 / LTI Advantage: MedQuiz as a tool in a school's LMS (Moodle, Canvas, ...).

Built on django-lti (models, tool configuration, key rotation, JWKS) and
pylti1p3 (the protocol). Launch → account and roles → landing page; deep
linking; grades back to the LMS through a queue; the LMS roster. README
"LTI 1.3" says how to register the tool in Moodle and in Canvas.
"""
