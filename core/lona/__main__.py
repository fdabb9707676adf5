from lona.cli.main import main

main()
