from scrub.cli import main

main()
