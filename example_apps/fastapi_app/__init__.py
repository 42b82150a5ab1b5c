"""The FastAPI example app: `uvicorn example_apps.fastapi_app.main:app`."""
