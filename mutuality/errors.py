class ServiceError(Exception):
    """A request the service layer refuses, with a message fit to show a person.

    Views show the message beside the form; the API answers 400 with it."""
