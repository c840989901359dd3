#!/usr/bin/env python
import sys

if __name__ == "__main__":
    from thidua.cli import run

    run(sys.argv)
