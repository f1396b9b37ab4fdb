import pytest
from django.conf import settings

from accesdirect.referentials.importers.rome import rome_import


@pytest.fixture
def rome_sample(db):
    """The ROME sample shipped with the project, imported."""
    return rome_import(source=settings.ROME_SAMPLE_DIR)
