"""Moving courses and items in and out of the app, one module per format.

- `bundle`: the whole course as one JSON document ("medquiz-course", see
  docs/course-bundle.md), used by `export_course`, `import_course` and
  `load_demo`.
"""
