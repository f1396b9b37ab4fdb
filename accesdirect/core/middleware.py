from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from accesdirect.core.calendar import territory_of_departement
from accesdirect.structures.queries import SESSION_STRUCTURE_KEY, active_memberships, membership_in


class StructureScopeMiddleware:
    """Sets request.structure and request.membership, and runs the view inside the scope of
    that structure. Anonymous requests run without a scope: any structure-owned query they
    make raises ScopeError (public pages must not read a structure's data by accident).

    A user with several active memberships works in the structure chosen with the switcher
    (kept in the session), else in their oldest membership; request.memberships lists them
    all for the user menu."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + getattr(settings, "ADMIN_URL", "admin/")

    def __call__(self, request):
        request.structure = None
        request.membership = None
        request.memberships = []
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        if user.is_superuser and request.path.startswith(self.admin_prefix):
            # Platform operators administer every structure from the Django admin.
            with scopes_disabled():
                return self.get_response(request)
        memberships = active_memberships(user)
        membership = self.chosen_membership(request, memberships)
        if membership is None:
            with scope(structure=[]):
                return self.get_response(request)
        request.memberships = memberships
        request.membership = membership
        request.structure = membership.structure
        # Times are typed and read in the structure's own zone: 9:00 in Pointe-à-Pitre is
        # 9:00 on the page and in the SMS, not 9:00 in Paris (the settings' TIME_ZONE).
        structure_zone = territory_of_departement(
            membership.structure.commune.departement if membership.structure.commune_id else None
        ).zone
        with scope(structure=membership.structure_id), timezone.override(structure_zone):
            return self.get_response(request)

    @staticmethod
    def chosen_membership(request, memberships):
        chosen_id = request.session.get(SESSION_STRUCTURE_KEY)
        if chosen_id is not None:
            chosen = membership_in(memberships, chosen_id)
            if chosen is not None:
                return chosen
            # The membership was deactivated or removed since the choice: forget it, so that
            # a later reactivation does not silently move the user back there.
            del request.session[SESSION_STRUCTURE_KEY]
        return memberships[0] if memberships else None


class ChosenLanguageMiddleware(LocaleMiddleware):
    """French unless the person chose another language with the switcher (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language: staff of a French
    service whose browser happens to be set to English would get an English interface they
    never asked for."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
