"""The draft generator's parts (pure, no Django); the public entry is :mod:`quizzes.generate`."""
