"""theorycheck's machinery: strategies, the engine, statistics, reports and the CLI."""
