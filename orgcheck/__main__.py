from orgcheck.cli.app import main

main(prog_name="orgcheck")
