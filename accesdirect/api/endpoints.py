from ninja import Router, Schema

from .schemas import errors

router = Router()


class StructureOut(Schema):
    id: int
    name: str


class MeOut(Schema):
    email: str
    structure: StructureOut | None
    role: str | None


@router.get("/me", response={200: MeOut, **errors(401)}, summary="The signed-in user and their structure")
def me(request):
    structure = request.structure
    return {
        "email": request.user.email,
        "structure": {"id": structure.pk, "name": structure.name} if structure else None,
        "role": request.membership.role if request.membership else None,
    }
