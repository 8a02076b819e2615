"""The names of the empty signature fields the renderer leaves and the signer fills.

Their own module, so that laying out a record never imports the signing stack.
"""

SUPERVISOR_FIELD = "Supervisor"
SUPERVISEE_FIELD = "Supervisee"
