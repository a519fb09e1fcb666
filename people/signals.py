from django.dispatch import Signal

# Sent inside the transaction that records a consent decision, with
# ``consent`` (the new current row) and ``actor``. Apps that hold data under a
# scope react here (for example, stopping evaluation invitations at once).
consent_changed = Signal()
