import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings

from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory

OPERATIONS = [(method.upper(), path) for path, ops in SchemaGenerator().get_schema(public=True)["paths"].items()
              for method in ops]


@pytest.fixture
def api_schema(db, actor, other_actor, representative):
    from samverka.wsgi import application
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    ActivityFactory(actor=actor)
    MeetingPlaceFactory()
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
                         ids=["positive", "negative"])
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api(api_schema, method, path, mode):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=20, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate()

    run()
