import pytest

from harness import Gateway, Mock, Redis, WASM, MOCK_BIN


def pytest_sessionstart(session):
    for path in (WASM, MOCK_BIN):
        if not path.exists():
            raise pytest.UsageError(f"{path} is missing: run `make build mock` (make e2e does)")


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def mock(workdir):
    m = Mock(workdir)
    yield m
    m.stop()


@pytest.fixture(scope="session")
def gateway(workdir, mock):
    """The shipped demo config, the gateway holding both provider keys."""
    g = Gateway(workdir, mock.port)
    yield g
    g.stop()


@pytest.fixture
def start_gateway(workdir, mock):
    """Starts extra gateways with another plugin config or environment."""
    started = []

    def start(**kw):
        g = Gateway(workdir, mock.port, **kw)
        started.append(g)
        return g

    yield start
    for g in started:
        g.stop()


@pytest.fixture(scope="session")
def redis(workdir):
    r = Redis(workdir)
    yield r
    r.stop()
