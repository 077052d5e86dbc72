from newsverdict.cli import main

main()
