import pytest
from django_scopes import ScopeError

from accesdirect.core.scope import structure_scope
from accesdirect.seekers.models import JobSeeker
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def test_a_query_without_a_structure_scope_fails_loudly(pau):
    f.JobSeekerFactory(structure=pau)
    with pytest.raises(ScopeError):
        list(JobSeeker.objects.all())


def test_a_structure_scope_only_shows_that_structure(pau, basque):
    ours = f.JobSeekerFactory(structure=pau)
    f.JobSeekerFactory(structure=basque)
    with structure_scope(pau):
        assert list(JobSeeker.objects.all()) == [ours]
