"""The schemas every endpoint shares: the error answers and their French descriptions."""

from ninja import Field, Schema

# The French descriptions of the answers, in the OpenAPI schema.
STATUS_DESCRIPTIONS = {
    200: "Réussi",
    201: "Créé",
    204: "Fait (pas de contenu)",
    400: "Refusé par une règle de la méthode (message en français dans `detail`)",
    401: "Non connecté : l'API s'utilise avec la session d'un compte (cookie de session)",
    403: (
        "Interdit : réservé aux équipes des structures ; une écriture demande aussi le jeton CSRF "
        "(en-tête X-CSRFToken)"
    ),
    404: "Introuvable : cet objet n'existe pas, ou pas dans la structure de l'utilisateur",
    409: "Conflit : l'action a perdu contre une autre, faite avant ou en même temps",
    422: "Paramètre invalide : hors de la plage documentée, ou d'un type inattendu",
    429: "Trop de demandes : la limite du client ou de l'entreprise est atteinte, réessayez plus tard",
}


class ErrorOut(Schema):
    detail: str = Field(..., description="Le message, en français, à montrer tel quel.")


class ValidationErrorItem(Schema):
    type: str
    loc: list[str | int] = Field(..., description="Où : le paramètre ou le champ en cause")
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationErrorItem]


def errors(*codes: int) -> dict:
    """The error answers of an endpoint, for its `response={...}`."""
    return {code: ValidationErrorOut if code == 422 else ErrorOut for code in codes}
