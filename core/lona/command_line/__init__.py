"""Lona's ``lona.command_line`` package: the command line's functions at Lona's paths.

The command itself lives in ``lona.cli.main``; these modules call into it.
"""
