"""The stop flag of a run, in a module of its own so that the command line can install its signal
handlers without importing the engine (every command, even ``--help``, installs them).

Set by the CLI's signal handlers. The handler also raises KeyboardInterrupt at once, but an
exception raised inside a garbage-collector callback or a __del__ is printed and dropped by
Python, so a run also stops at the next finished task when this is set.
"""

import threading

STOP_REQUESTED = threading.Event()
