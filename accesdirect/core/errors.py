class DomainError(Exception):
    """A rule of the method refused an action. The message is French, shown as is to the user.

    Services raise it; edges (views, API) turn it into a message on the page or a 4xx answer.
    """

    status_code = 400
    # A stable name for programs (the API's "code"), where a client must tell refusals apart.
    code = ""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConflictError(DomainError):
    """The action lost against a concurrent or earlier one (HTTP 409)."""

    status_code = 409
