import sys

from paritas.cli import main

sys.exit(main())
