from lona.cli import main

main()
