from sla_check.cli import cli

cli()
