from ninja import Router

router = Router()


@router.get("/me", summary="The signed-in user and their structure")
def me(request):
    structure = request.structure
    return {
        "email": request.user.email,
        "structure": {"id": structure.pk, "name": structure.name} if structure else None,
        "role": request.membership.role if request.membership else None,
    }
