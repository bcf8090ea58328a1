"""theorycheck's machinery: strategies, the engine, statistics, reports and the CLI."""

#: where reports are written (``--out``); the committed baseline is DEFAULT_OUT/baseline/report.json
DEFAULT_OUT = "reports"
