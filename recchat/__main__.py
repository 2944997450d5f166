"""`python -m recchat` runs the same CLI as the `recchat` entry point."""

from recchat.cli import main

if __name__ == "__main__":
    main()
