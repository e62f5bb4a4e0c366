"""spaCy components. `rule_matcher` turns rules/patterns/<family>.jsonl into spans."""
