"""The `shipdesk` command's subcommands, one module per concern; `shipdesk.cli` wires them.

Each module adds its parser with `register(commands)` and sets `handler` on it; handlers
return an exit code and raise `common.CliError` for failures the user can act on.
"""
