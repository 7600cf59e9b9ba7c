from engagement import create_app
from tests.conftest import TEST_SECRET


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_database_unreachable(tmp_path):
    app = create_app({"database_url": "postgresql+psycopg://nobody@127.0.0.1:1/none",
                      "secret_key": TEST_SECRET, "instance_path": tmp_path})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"
